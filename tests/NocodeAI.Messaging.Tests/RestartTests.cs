using System.Collections.Concurrent;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging.Tests;

/// <summary>NATS restarts (upgrades, node loss); every long-running part must carry on by itself afterwards.</summary>
public sealed class RestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Consumers_and_observers_carry_on_after_NATS_restarts()
    {
        using var nats = new ThrowawayNatsServer();
        await nats.StartAsync();
        await using var env = await TestEnvironment.CreateAsync();
        var jobs = new ConcurrentQueue<Guid>();
        var observer = new RecordingObserver();
        var host = env.BuildHost(
            s => s
                .AddSingleton(new JobScript { Run = (job, _, _) => { jobs.Enqueue(job.ThingId); return Task.CompletedTask; } })
                .AddJobConsumer<BuildThing, BuildThingHandler>()
                .AddSingleton(observer)
                .AddEventObserver<RecordingObserver>("nocode.models.>", TimeSpan.FromHours(1)),
            natsUrl: nats.Url,
            withDatabase: false);
        await TestEnvironment.StartAsync(host);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        var before = Guid.NewGuid();
        await publisher.PublishJobAsync(new BuildThing(before, 0), before.ToString(), 1, new MessageContext());
        await publisher.PublishEventAsync(new ThingRenamed(before, "before"), before.ToString(), 1, new MessageContext());
        await Poll.UntilAsync(() => jobs.Count == 1 && observer.Seen.Count == 1, Patience, "the job and the event before the restart");

        nats.Kill();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await nats.StartAsync();

        var after = Guid.NewGuid();
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    await publisher.PublishJobAsync(new BuildThing(after, 0), after.ToString(), 1, new MessageContext(), EventEnvelope.DeterministicId($"job/{after}"));
                    await publisher.PublishEventAsync(new ThingRenamed(after, "after"), after.ToString(), 2, new MessageContext(), EventEnvelope.DeterministicId($"event/{after}"));
                    return true;
                }
                catch (EventPublishException)
                {
                    return false; // still reconnecting
                }
            },
            published => published,
            Patience,
            "publishing to work again");

        await Poll.UntilAsync(
            () => Task.FromResult((Jobs: jobs.Count, Events: observer.Seen.Count)), seen => seen == (2, 2), Patience, "the job and the event after the restart");
        Assert.Equal([before, after], jobs);
        Assert.Equal(["before", "after"], observer.Seen.Select(e => e.GetData<ThingRenamed>().Name));

        // An operator deletes the durable consumer by mistake: the workers create it again.
        await env.JetStream(nats.Url).DeleteConsumerAsync(env.Names.Stream(JetStreamTopology.JobsStream), $"{BuildThing.Queue}-{nameof(BuildThing)}");
        var last = Guid.NewGuid();
        await publisher.PublishJobAsync(new BuildThing(last, 0), last.ToString(), 1, new MessageContext());
        try
        {
            await Poll.UntilAsync(() => jobs.Count == 3, Patience, "the job after the consumer was deleted");
        }
        catch (TimeoutException ex)
        {
            // Seen once in CI (1 run in about 8): the consumer was bound again but the job never came.
            // Say what the server holds, so the next occurrence tells a lost message from a stuck consumer.
            throw new TimeoutException($"{ex.Message}; {await DescribeJobsAsync(env.JetStream(nats.Url), env.Names.Stream(JetStreamTopology.JobsStream))}", ex);
        }

        Assert.Equal(last, jobs.Last());
    }

    private static async Task<string> DescribeJobsAsync(NatsJSContext js, string stream)
    {
        var state = (await js.GetStreamAsync(stream)).Info.State;
        var described = $"stream {stream}: {state.Messages} messages, seq {state.FirstSeq}..{state.LastSeq}";
        await foreach (var consumer in js.ListConsumersAsync(stream))
        {
            var info = consumer.Info;
            described += $"; consumer {info.Name} created {info.Created:O}: pending {info.NumPending}, ack pending {info.NumAckPending}, " +
                $"waiting pulls {info.NumWaiting}, delivered seq {info.Delivered.StreamSeq}, ack floor seq {info.AckFloor.StreamSeq}";
        }

        return described;
    }
}
