using Microsoft.Extensions.Options;
using NATS.Client.JetStream.Models;

namespace NocodeAI.Messaging.Tests;

public sealed class TopologyTests
{
    [Fact]
    public async Task Provisioning_is_idempotent_and_creates_the_three_streams_as_specified()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var js = env.JetStream();
        var topology = new JetStreamTopology(env.Names, Options.Create(new NatsOptions { Url = TestEnvironment.SharedNatsUrl, StreamPrefix = env.Id }));

        await topology.ProvisionAsync(js, CancellationToken.None);
        await topology.ProvisionAsync(js, CancellationToken.None);

        Assert.True(topology.IsProvisioned);
        var events = (await js.GetStreamAsync(env.Names.Stream("NOCODE_EVENTS"))).Info.Config;
        Assert.Equal(
            ["models", "training", "targets", "extraction", "access", "notices"],
            events.Subjects!.Select(s => env.Names.FromWire(s).Split('.')[1]));
        Assert.Equal(StreamConfigRetention.Limits, events.Retention);
        Assert.Equal(StreamConfigStorage.File, events.Storage);
        Assert.Equal(TimeSpan.Zero, events.MaxAge);
        Assert.Equal(TimeSpan.FromMinutes(10), events.DuplicateWindow);

        var jobs = (await js.GetStreamAsync(env.Names.Stream("NOCODE_JOBS"))).Info.Config;
        Assert.Equal([env.Names.ToWire("nocode.jobs.>")], jobs.Subjects);
        Assert.Equal(StreamConfigRetention.Workqueue, jobs.Retention);
        Assert.Equal(TimeSpan.FromMinutes(10), jobs.DuplicateWindow);

        var deadLetters = (await js.GetStreamAsync(env.Names.Stream("NOCODE_DEADLETTER"))).Info.Config;
        Assert.Equal([env.Names.ToWire("nocode.deadletter.>")], deadLetters.Subjects);
        Assert.Equal(StreamConfigRetention.Limits, deadLetters.Retention);
    }
}
