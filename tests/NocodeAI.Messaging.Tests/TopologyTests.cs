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
        var topology = new JetStreamTopology(env.Names, Options.Create(new NatsOptions
        {
            Url = TestEnvironment.SharedNatsUrl,
            StreamPrefix = env.Id,
            EventsMaxBytes = TestEnvironment.TestStreamBytes,
            DeadLetterMaxBytes = 2 << 20,
        }));

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
        Assert.Equal((TestEnvironment.TestStreamBytes, StreamConfigDiscard.Old), (events.MaxBytes, events.Discard));
        Assert.Equal(TimeSpan.FromMinutes(10), events.DuplicateWindow);

        var jobs = (await js.GetStreamAsync(env.Names.Stream("NOCODE_JOBS"))).Info.Config;
        Assert.Equal([env.Names.ToWire("nocode.jobs.>")], jobs.Subjects);
        Assert.Equal(StreamConfigRetention.Workqueue, jobs.Retention);
        Assert.Equal(TimeSpan.FromMinutes(10), jobs.DuplicateWindow);
        Assert.Equal(-1, jobs.MaxBytes);

        var deadLetters = (await js.GetStreamAsync(env.Names.Stream("NOCODE_DEADLETTER"))).Info.Config;
        Assert.Equal([env.Names.ToWire("nocode.deadletter.>")], deadLetters.Subjects);
        Assert.Equal(StreamConfigRetention.Limits, deadLetters.Retention);
        Assert.Equal((2L << 20, StreamConfigDiscard.Old), (deadLetters.MaxBytes, deadLetters.Discard));
    }

    [Fact]
    public void By_default_the_events_and_dead_letter_streams_are_bounded_and_the_jobs_queue_is_not()
    {
        var streams = new JetStreamTopology(new JetStreamNames((string?)null), Options.Create(new NatsOptions { Url = "nats://unused:4222" })).Streams()
            .ToDictionary(s => s.Name!);

        Assert.Equal(1L << 30, streams["NOCODE_EVENTS"].MaxBytes);
        Assert.Equal(256L << 20, streams["NOCODE_DEADLETTER"].MaxBytes);
        Assert.Equal(0, streams["NOCODE_JOBS"].MaxBytes); // not sent: the server's "no bound"
    }

    [Fact]
    public async Task Past_its_bound_the_events_stream_drops_its_oldest_events_and_publishing_goes_on()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var host = env.BuildHost(_ => { }, withDatabase: false, settings: new Dictionary<string, string?> { ["Nats:EventsMaxBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await TestEnvironment.StartAsync(host);

        // 1.5 MiB into a 1 MiB stream; without a bound the same happens at the server's store limit,
        // where every publish is refused instead.
        var payload = new byte[64 << 10];
        for (var i = 0; i < 24; i++)
        {
            await env.PublishRawAsync("nocode.models.ThingCreated", payload);
        }

        var state = (await env.JetStream().GetStreamAsync(env.Names.Stream(JetStreamTopology.EventsStream))).Info.State;
        Assert.Equal(24ul, state.LastSeq);
        Assert.True(state.FirstSeq > 1, $"the oldest events were kept (first sequence {state.FirstSeq})");
        Assert.InRange(state.Bytes, 1L, 1L << 20);
    }
}
