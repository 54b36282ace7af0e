using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace NocodeAI.Messaging.Tests;

public sealed class OutboxTests
{
    [Fact]
    public async Task A_commit_wakes_the_relay_without_waiting_for_the_sweep()
    {
        using var published = new PublishedCounter();
        await using var env = await TestEnvironment.CreateAsync();
        // A sweep this slow means only the commit signal can explain a quick publish.
        var host = env.BuildHost(_ => { }, settings: new Dictionary<string, string?> { ["Outbox:SweepInterval"] = "00:05:00" });
        await TestEnvironment.StartAsync(host);
        // The relay's first round (at start) is over once it waits; give it a moment to get there.
        await Task.Delay(300);

        var thingId = await CreateThingAsync(host, "kettle");

        var row = await Poll.UntilAsync(() => OutboxRowAsync(env, thingId), r => r?.PublishedAt is not null, TimeSpan.FromSeconds(10), "the row to be published");
        Assert.True(row!.PublishedAt - row.CreatedAt < TimeSpan.FromSeconds(5), $"published {row.PublishedAt - row.CreatedAt} after the commit");
        var stored = Assert.Single(await env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.ThingCreated"));
        Assert.Equal(row.Id, stored.Envelope.Id);
        Assert.Equal(row.Id.ToString(), stored.Headers["Nats-Msg-Id"]);
        Assert.Equal(thingId.ToString(), stored.Envelope.AggregateId);
        Assert.Equal("kettle", stored.Envelope.GetData<ThingCreated>().Name);
        Assert.Equal(1, published.Total);
    }

    [Fact]
    public async Task A_change_committed_while_NATS_is_down_is_published_once_NATS_is_back()
    {
        using var nats = new ThrowawayNatsServer();
        await nats.StartAsync();
        await using var env = await TestEnvironment.CreateAsync();
        var host = env.BuildHost(_ => { }, natsUrl: nats.Url);
        await TestEnvironment.StartAsync(host);

        nats.Kill();
        var thingId = await CreateThingAsync(host, "toaster");

        // The relay tried, failed, and kept the row.
        var failed = await Poll.UntilAsync(() => OutboxRowAsync(env, thingId), r => r is { Attempts: >= 2 }, TimeSpan.FromSeconds(30), "failed publish attempts");
        Assert.Null(failed!.PublishedAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        await nats.StartAsync();

        var published = await Poll.UntilAsync(() => OutboxRowAsync(env, thingId), r => r?.PublishedAt is not null, TimeSpan.FromSeconds(60), "the row to be published after NATS returned");
        var stored = Assert.Single(await env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.>", nats.Url));
        Assert.Equal(published!.Id, stored.Envelope.Id);
        Assert.Equal("nocode.models.ThingCreated", stored.Subject);
    }

    [Fact]
    public async Task Outbox_rows_are_published_in_the_order_they_were_enqueued()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var host = env.BuildHost(_ => { });
        await TestEnvironment.StartAsync(host);

        var thingId = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            for (var version = 1; version <= 20; version++)
            {
                outbox.Enqueue(new ThingRenamed(thingId, $"name {version}"), thingId.ToString(), version);
            }

            await scope.ServiceProvider.GetRequiredService<UnitOfWork<TestDbContext>>().CommitAsync(CancellationToken.None);
        }

        var stored = await Poll.UntilAsync(
            () => env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.ThingRenamed"), m => m.Count == 20, TimeSpan.FromSeconds(20), "20 events");
        Assert.Equal(Enumerable.Range(1, 20).Select(v => (long)v), stored.Select(m => m.Envelope.AggregateVersion));
    }

    [Fact]
    public async Task Published_rows_are_deleted_after_their_retention_and_unpublished_ones_never()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        OutboxMessage Row(DateTimeOffset created, DateTimeOffset? published) => new()
        {
            Id = Guid.NewGuid(),
            Subject = "nocode.models.ThingRenamed",
            Type = nameof(ThingRenamed),
            Envelope = EventEnvelope.Create(new ThingRenamed(Guid.NewGuid(), "x"), "x", 1, new MessageContext(), occurredAt: created).ToJson(),
            CreatedAt = created,
            PublishedAt = published,
        };
        var old = Row(now.AddDays(-10), now.AddDays(-10));
        var recent = Row(now.AddDays(-1), now.AddDays(-1));
        await using (var db = env.CreateDbContext())
        {
            db.AddRange(old, recent);
            await db.SaveChangesAsync();
        }

        var host = env.BuildHost(_ => { });
        await TestEnvironment.StartAsync(host);

        var left = await Poll.UntilAsync(
            async () =>
            {
                await using var db = env.CreateDbContext();
                return await db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync();
            },
            ids => !ids.Contains(old.Id),
            TimeSpan.FromSeconds(20),
            "the old row to be deleted");
        Assert.Equal([recent.Id], left);
    }

    private static async Task<Guid> CreateThingAsync(IHost host, string name)
    {
        var thingId = Guid.NewGuid();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TestDbContext>().Things.Add(new Thing { Id = thingId, Name = name, Version = 1 });
        services.GetRequiredService<IOutbox>().Enqueue(new ThingCreated(thingId, name, Shade.LIGHT_GREEN), thingId.ToString(), 1);
        await services.GetRequiredService<UnitOfWork<TestDbContext>>().CommitAsync(CancellationToken.None);
        return thingId;
    }

    private static async Task<OutboxMessage?> OutboxRowAsync(TestEnvironment env, Guid thingId)
    {
        await using var db = env.CreateDbContext();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == nameof(ThingCreated)).ToListAsync();
        return rows.SingleOrDefault(r => EventEnvelope.Parse(r.Envelope).AggregateId == thingId.ToString());
    }

    /// <summary>Listens to the outbox's published counter on the shared NocodeAI meter.</summary>
    private sealed class PublishedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public PublishedCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == NocodeAI.ServiceDefaults.ServiceDefaultsExtensions.MeterName && instrument.Name == "nocode.outbox.published")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
