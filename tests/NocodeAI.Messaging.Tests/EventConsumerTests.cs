using Microsoft.Extensions.Hosting;

namespace NocodeAI.Messaging.Tests;

public sealed class EventConsumerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_redelivered_envelope_is_handled_once_and_its_effects_commit_before_after_commit_actions_run()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        const string consumer = "things-once";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.>")
            .Handle<ThingCreated, ThingCreatedHandler>());
        await TestEnvironment.StartAsync(host);

        var thingId = Guid.NewGuid();
        var envelope = EventEnvelope.Create(new ThingCreated(thingId, "chair", Shade.LIGHT_GREEN), thingId.ToString(), 1, new MessageContext());
        // Stored twice (no message id), as after a producer retry outside the duplicate window.
        await env.PublishRawAsync("nocode.models.ThingCreated", envelope.ToUtf8Bytes());
        await env.PublishRawAsync("nocode.models.ThingCreated", envelope.ToUtf8Bytes());

        // Both copies, and the ThingRenamed the handler emitted (no handler here: skipped), end acknowledged.
        await Poll.UntilAsync(
            () => env.ConsumerInfoAsync(JetStreamTopology.EventsStream, consumer),
            i => i is { NumPending: 0, NumAckPending: 0, Delivered.StreamSeq: >= 3 },
            Patience,
            "the consumer to acknowledge everything");

        Assert.Single(recorder.Calls);
        Assert.Equal([true], recorder.AfterCommitSawCommittedRow);
        await using var db = env.CreateDbContext();
        Assert.Equal(1, await db.Things.CountAsync(t => t.Id == thingId));
        var inbox = Assert.Single(await db.Set<InboxMessage>().Where(i => i.Consumer == consumer).ToListAsync());
        Assert.Equal(envelope.Id, inbox.EventId);

        // What the handler emitted carries the chain on.
        var renamed = Assert.Single(await env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.ThingRenamed"));
        Assert.Equal(envelope.CorrelationId, renamed.Envelope.CorrelationId);
        Assert.Equal(envelope.Id.ToString(), renamed.Envelope.CausationId);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_backoff_then_dead_lettered_with_the_error()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder { FailuresBeforeSuccess = int.MaxValue, FailureToThrow = new InvalidOperationException("printer on fire\nline two") };
        const string consumer = "things-fail";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated", o =>
            {
                o.MaxDeliver = 3;
                o.RetryDelay = TimeSpan.FromMilliseconds(300);
            })
            .Handle<ThingCreated, ThingCreatedHandler>());
        await TestEnvironment.StartAsync(host);

        var thingId = Guid.NewGuid();
        var envelope = EventEnvelope.Create(new ThingCreated(thingId, "stool", Shade.DARK_RED), thingId.ToString(), 1, new MessageContext());
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync("nocode.models.ThingCreated", envelope);

        var deadLetters = await Poll.UntilAsync(
            () => env.ReadAsync(JetStreamTopology.DeadLetterStream, $"nocode.deadletter.{consumer}"), d => d.Count > 0, Patience, "a dead letter");

        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal(envelope.Id, deadLetter.Envelope.Id);
        Assert.Equal("printer on fire line two", deadLetter.Headers[DeadLetterHeaders.Error]);
        Assert.Equal(typeof(InvalidOperationException).FullName, deadLetter.Headers[DeadLetterHeaders.ErrorType]);
        Assert.Equal(consumer, deadLetter.Headers[DeadLetterHeaders.Consumer]);
        Assert.Equal("3", deadLetter.Headers[DeadLetterHeaders.DeliveryCount]);
        Assert.Equal("nocode.models.ThingCreated", deadLetter.Headers[DeadLetterHeaders.Subject]);

        var calls = recorder.Calls.ToArray();
        Assert.Equal(3, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(250), $"first retry after {calls[1].At - calls[0].At}");
        Assert.True(calls[2].At - calls[1].At >= TimeSpan.FromMilliseconds(550), $"second retry after {calls[2].At - calls[1].At}");

        // Every attempt rolled back: no state, no inbox row (a replay after a fix would apply it).
        await using var db = env.CreateDbContext();
        Assert.False(await db.Things.AnyAsync(t => t.Id == thingId));
        Assert.False(await db.Set<InboxMessage>().AnyAsync(i => i.Consumer == consumer));
        var info = (await env.JetStream().GetConsumerAsync(env.Names.Stream(JetStreamTopology.EventsStream), consumer)).Info;
        Assert.Equal(0, info.NumAckPending);
    }

    [Fact]
    public async Task A_concurrency_conflict_is_retried_and_the_next_delivery_succeeds()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder { FailuresBeforeSuccess = 1, FailureToThrow = new DbUpdateConcurrencyException("someone else changed it") };
        const string consumer = "things-conflict";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.>", o => o.RetryDelay = TimeSpan.FromMilliseconds(100))
            .Handle<ThingCreated, ThingCreatedHandler>());
        await TestEnvironment.StartAsync(host);

        var thingId = Guid.NewGuid();
        await host.Services.GetRequiredService<IEventPublisher>()
            .PublishEventAsync(new ThingCreated(thingId, "desk", Shade.LIGHT_GREEN), thingId.ToString(), 1, new MessageContext());

        await Poll.UntilAsync(() => recorder.AfterCommitSawCommittedRow.Count == 1, Patience, "the second delivery to commit");
        Assert.Equal(2, recorder.Calls.Count);
        await using var db = env.CreateDbContext();
        Assert.Equal(1, await db.Things.CountAsync(t => t.Id == thingId));
        Assert.Empty(await env.ReadAsync(JetStreamTopology.DeadLetterStream, "nocode.deadletter.>"));
    }

    [Fact]
    public async Task Replicas_sharing_a_consumer_handle_events_in_stream_order()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        const string consumer = "things-ordered";
        IHost Replica() => env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated")
            .Handle<ThingCreated, ThingCreatedHandler>());
        var first = Replica();
        var second = Replica();
        await TestEnvironment.StartAsync(first);
        await TestEnvironment.StartAsync(second);

        var publisher = first.Services.GetRequiredService<IEventPublisher>();
        var names = Enumerable.Range(1, 12).Select(i => $"thing {i:00}").ToArray();
        foreach (var name in names)
        {
            var id = Guid.NewGuid();
            await publisher.PublishEventAsync(new ThingCreated(id, name, Shade.LIGHT_GREEN), id.ToString(), 1, new MessageContext());
        }

        await Poll.UntilAsync(() => recorder.AfterCommitSawCommittedRow.Count == names.Length, Patience, "all events handled");
        Assert.Equal(names, recorder.Names);
    }
}
