using Microsoft.Extensions.Hosting;

namespace NocodeAI.Messaging.Tests;

/// <summary>Event consumers take a backlog in batches, isolate a failing event, keep one active replica and prune their inbox.</summary>
public sealed class BatchConsumerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_backlog_is_handled_in_few_transactions_in_stream_order_each_event_once()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        const string consumer = "things-batched";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated")
            .Handle<ThingCreated, ThingCreatedHandler>());
        await TestEnvironment.StartAsync(host);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        // The gate holds the consumer while the backlog piles up behind it.
        var names = Enumerable.Range(1, 40).Select(i => $"thing {i:00}").ToArray();
        await PublishBehindGateAsync(publisher, recorder, names);
        await WaitUntilIdleAsync(env, consumer, expectedDelivered: 41);
        // After-commit actions run after the acknowledgements.
        await Poll.UntilAsync(() => recorder.AfterCommitSawCommittedRow.Count == 41, Patience, "every after-commit action");

        Assert.Equal(["gate", .. names], recorder.Names);
        var transactions = recorder.Transactions.Where(t => t.Name != "gate").Select(t => t.Transaction).Distinct().Count();
        Assert.True(transactions <= 2, $"40 waiting events took {transactions} transactions");
        await using var db = env.CreateDbContext();
        Assert.Equal(41, await db.Things.CountAsync());
        Assert.Equal(41, await db.Set<InboxMessage>().CountAsync(i => i.Consumer == consumer));
        Assert.Equal(41, recorder.AfterCommitSawCommittedRow.Count(saw => saw));
        Assert.Equal(41, (await env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.ThingRenamed")).Count);
    }

    [Fact]
    public async Task A_poison_event_in_a_batch_is_dead_lettered_alone_and_the_others_commit_once()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        recorder.Poison.Add("poison");
        const string consumer = "things-poison";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated", o =>
            {
                o.MaxDeliver = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
            })
            .Handle<ThingCreated, ThingCreatedHandler>());
        await TestEnvironment.StartAsync(host);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        var good = Enumerable.Range(1, 10).Select(i => $"thing {i:00}").ToArray();
        var ids = await PublishBehindGateAsync(publisher, recorder, [.. good[..5], "poison", .. good[5..]]);
        var poisonId = ids[5];
        var deadLetters = await Poll.UntilAsync(
            () => env.ReadAsync(JetStreamTopology.DeadLetterStream, $"nocode.deadletter.{consumer}"), d => d.Count > 0, Patience, "a dead letter");
        await WaitUntilIdleAsync(env, consumer, expectedDelivered: 12);
        await Poll.UntilAsync(() => recorder.AfterCommitSawCommittedRow.Count >= 11, Patience, "every after-commit action");

        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal(poisonId, deadLetter.Envelope.Id);
        Assert.Equal("poison cannot be handled", deadLetter.Headers[DeadLetterHeaders.Error]);
        Assert.Equal("2", deadLetter.Headers[DeadLetterHeaders.DeliveryCount]);

        await using var db = env.CreateDbContext();
        Assert.Equal(good.Append("gate").Order(StringComparer.Ordinal), (await db.Things.Select(t => t.Name).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.False(await db.Things.AnyAsync(t => t.Name == "poison"));
        Assert.Equal(11, await db.Set<InboxMessage>().CountAsync(i => i.Consumer == consumer));
        // Each good event committed once: one after-commit check each, one ThingRenamed each.
        Assert.Equal(11, recorder.AfterCommitSawCommittedRow.Count);
        Assert.Equal(11, (await env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.ThingRenamed")).Count);
        // The batch was tried together first, then the events one by one.
        Assert.Contains(recorder.Transactions, t => t.Name == "thing 01" && recorder.Transactions.Count(u => u.Transaction == t.Transaction) > 1);
    }

    [Fact]
    public async Task A_run_taking_handler_gets_the_backlog_in_few_calls_in_stream_order()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        const string consumer = "things-together";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated")
            .HandleTogether<ThingCreated, ThingsTogetherHandler>());
        await TestEnvironment.StartAsync(host);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        var names = Enumerable.Range(1, 40).Select(i => $"thing {i:00}").ToArray();
        await PublishBehindGateAsync(publisher, recorder, names);
        await WaitUntilIdleAsync(env, consumer, expectedDelivered: 41);

        var runs = recorder.Runs.ToList();
        Assert.Equal(["gate"], runs[0]);
        Assert.Equal(names, runs.Skip(1).SelectMany(r => r));
        Assert.True(runs.Count <= 3, $"40 waiting events took {runs.Count - 1} calls");
        await using var db = env.CreateDbContext();
        Assert.Equal(41, await db.Things.CountAsync());
        Assert.Equal(41, await db.Set<InboxMessage>().CountAsync(i => i.Consumer == consumer));
    }

    [Fact]
    public async Task A_poison_event_in_a_run_is_dead_lettered_alone_and_the_rest_of_the_run_commits()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        recorder.Poison.Add("poison");
        const string consumer = "things-together-poison";
        var host = env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated", o =>
            {
                o.MaxDeliver = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
            })
            .HandleTogether<ThingCreated, ThingsTogetherHandler>());
        await TestEnvironment.StartAsync(host);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        var good = Enumerable.Range(1, 10).Select(i => $"thing {i:00}").ToArray();
        var ids = await PublishBehindGateAsync(publisher, recorder, [.. good[..5], "poison", .. good[5..]]);
        var poisonId = ids[5];
        var deadLetters = await Poll.UntilAsync(
            () => env.ReadAsync(JetStreamTopology.DeadLetterStream, $"nocode.deadletter.{consumer}"), d => d.Count > 0, Patience, "a dead letter");
        await WaitUntilIdleAsync(env, consumer, expectedDelivered: 12);

        Assert.Equal(poisonId, Assert.Single(deadLetters).Envelope.Id);
        await using var db = env.CreateDbContext();
        Assert.Equal(good.Append("gate").Order(StringComparer.Ordinal), (await db.Things.Select(t => t.Name).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(11, await db.Set<InboxMessage>().CountAsync(i => i.Consumer == consumer));
        // The run was tried together first and rolled back; then each event alone, the poison one failing.
        Assert.Contains(recorder.Runs, r => r.Contains("poison") && r.Length > 1);
        Assert.Contains(recorder.Runs, r => r is ["poison"]);
        Assert.Contains(recorder.Runs, r => r is ["thing 01"]);
    }

    [Fact]
    public async Task One_replica_handles_at_a_time_and_another_takes_over_when_it_stops()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        const string consumer = "things-lease";
        IHost Replica() => env.BuildHost(s => s
            .AddSingleton(recorder)
            .AddEventConsumer<TestDbContext>(consumer, "nocode.models.ThingCreated", o =>
            {
                o.LeaseRetryInterval = TimeSpan.FromMilliseconds(200);
                // A pull the stopped replica left open may still take one message; it comes back after this.
                o.AckWait = TimeSpan.FromSeconds(2);
            })
            .Handle<ThingCreated, ThingCreatedHandler>());
        var first = Replica();
        await TestEnvironment.StartAsync(first);
        var publisher = first.Services.GetRequiredService<IEventPublisher>();
        await PublishAsync(publisher, "first");
        await Poll.UntilAsync(() => recorder.AfterCommitSawCommittedRow.Count == 1, Patience, "the first replica to handle an event");

        var second = Replica();
        await TestEnvironment.StartAsync(second);
        // As when its process ends: stopped, and its connections closed (the lease's session with them).
        await first.StopAsync();
        first.Dispose();
        foreach (var name in new[] { "after 1", "after 2", "after 3" })
        {
            await PublishAsync(second.Services.GetRequiredService<IEventPublisher>(), name);
        }

        await Poll.UntilAsync(() => recorder.AfterCommitSawCommittedRow.Count == 4, Patience, "the second replica to take over");
        Assert.Equal(["first", "after 1", "after 2", "after 3"], recorder.Names);
    }

    [Fact]
    public async Task Inbox_rows_older_than_the_retention_are_pruned_and_newer_ones_kept()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var host = env.BuildHost(
            s => s
                .AddSingleton(new Recorder())
                .AddEventConsumer<TestDbContext>("things-pruned", "nocode.models.ThingCreated")
                .Handle<ThingCreated, ThingCreatedHandler>(),
            settings: new Dictionary<string, string?> { ["Inbox:Retention"] = "02:00:00", ["Inbox:PruneChunk"] = "100" });
        var now = DateTimeOffset.UtcNow;
        await using (var db = env.CreateDbContext())
        {
            db.Set<InboxMessage>().AddRange(Enumerable.Range(0, 250).Select(i => new InboxMessage { Consumer = "things-pruned", EventId = Guid.NewGuid(), HandledAt = now.AddHours(-3) }));
            db.Set<InboxMessage>().AddRange(Enumerable.Range(0, 7).Select(i => new InboxMessage { Consumer = "things-pruned", EventId = Guid.NewGuid(), HandledAt = now.AddMinutes(-90) }));
            await db.SaveChangesAsync();
        }

        var pruner = host.Services.GetServices<IHostedService>().OfType<InboxPruner<TestDbContext>>().Single();
        Assert.Equal(250, await pruner.PruneAsync(CancellationToken.None));

        await using var after = env.CreateDbContext();
        var left = await after.Set<InboxMessage>().Select(i => i.HandledAt).ToListAsync();
        Assert.Equal(7, left.Count);
        Assert.All(left, at => Assert.True(at > now.AddHours(-2)));
    }

    /// <summary>
    /// A thing named "gate" holds the consumer while <paramref name="names"/> pile up behind it; then the
    /// gate opens and the consumer finds them all waiting. Returns their envelope ids, in order.
    /// </summary>
    private static async Task<Guid[]> PublishBehindGateAsync(IEventPublisher publisher, Recorder recorder, string[] names)
    {
        await PublishAsync(publisher, "gate");
        await recorder.AtGate.Task.WaitAsync(Patience);
        var ids = new Guid[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            ids[i] = await PublishAsync(publisher, names[i]);
        }

        recorder.Gate.SetResult();
        return ids;
    }

    private static async Task<Guid> PublishAsync(IEventPublisher publisher, string name)
    {
        var id = Guid.NewGuid();
        var envelope = EventEnvelope.Create(new ThingCreated(id, name, Shade.LIGHT_GREEN), id.ToString(), 1, new MessageContext());
        await publisher.PublishAsync("nocode.models.ThingCreated", envelope);
        return envelope.Id;
    }

    private static async Task WaitUntilIdleAsync(TestEnvironment env, string consumer, int expectedDelivered)
    {
        await Poll.UntilAsync(
            () => env.ConsumerInfoAsync(JetStreamTopology.EventsStream, consumer),
            i => i is { NumPending: 0, NumAckPending: 0, NumRedelivered: 0 } && (long)i.Delivered.StreamSeq >= expectedDelivered,
            Patience,
            "the consumer to acknowledge everything");
    }
}
