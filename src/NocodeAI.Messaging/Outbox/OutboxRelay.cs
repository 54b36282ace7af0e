using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NocodeAI.Messaging;

/// <summary>
/// Publishes outbox rows to JetStream in creation order and marks them published once the stream
/// acknowledged them. Runs after every commit that added rows (<see cref="OutboxSignal"/>) and on a
/// sweep. A failure leaves the row unpublished, so nothing is lost while NATS is down; a crash between
/// acknowledgement and marking re-publishes with the same <c>Nats-Msg-Id</c>, which the stream drops.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IEventPublisher publisher,
    OutboxSignal signal,
    JetStreamTopology topology,
    IOptions<OutboxOptions> options,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    // One relay per database at a time (see RelayBatchAsync). Any constant works: each service has its own database.
    private const long RelayLockKey = 0x6E6F636F64654F42; // "nocodeOB"

    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);

    private static readonly KeyValuePair<string, object?> ContextTag = new("db", typeof(TContext).Name);

    private static readonly TimeSpan PendingSampleInterval = TimeSpan.FromSeconds(5);

    private DateTimeOffset _nextCleanup;
    private DateTimeOffset _nextPendingSample;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await topology.WaitUntilProvisionedAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextAsync();
            BatchResult result;
            try
            {
                result = await RelayBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                result = new BatchResult(0, ex);
            }

            if (result.Error is not null)
            {
                failures++;
                if (Backoff.ShouldLog(failures))
                {
                    // A message, not a stack trace: this repeats for as long as NATS is away.
                    logger.LogWarning("Outbox relay for {DbContext} cannot publish (attempt {Attempt}), rows stay queued: {Error}",
                        typeof(TContext).Name, failures, result.Error.Message);
                }

                await Backoff.DelayAsync(failures, TimeSpan.FromMilliseconds(500), options.Value.MaxRetryDelay, stoppingToken);
                continue;
            }

            if (failures > 0)
            {
                logger.LogInformation("Outbox relay for {DbContext} publishes again after {Attempts} failed attempts", typeof(TContext).Name, failures);
                failures = 0;
            }

            if (result.Published == options.Value.BatchSize)
            {
                continue; // a full batch: there is probably more
            }

            await Task.WhenAny(wake, Task.Delay(options.Value.SweepInterval, stoppingToken));
        }
    }

    private async Task<BatchResult> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = MessagingTables.Of(db).Outbox;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // SKIP LOCKED alone would let a second replica publish newer rows while the first is still
        // publishing older ones, reordering one aggregate's events. The advisory lock keeps one relay
        // per database at a time; the others return and their sweep covers the next round.
        var isRelay = await db.Database
            .SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!isRelay)
        {
            return new BatchResult(0, null);
        }

        var claim = $"SELECT * FROM {outbox} WHERE published_at IS NULL ORDER BY created_at, id LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED";
        var rows = await db.Set<OutboxMessage>().FromSqlRaw(claim).AsNoTracking().ToListAsync(cancellationToken);
        var (published, error) = await PublishInWavesAsync(db, rows, cancellationToken);
        if (published.Count > 0)
        {
            var now = clock.GetUtcNow();
            await db.Set<OutboxMessage>().Where(m => published.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PublishedAt, now), cancellationToken);
            metrics.OutboxPublished.Add(published.Count, ContextTag);
        }

        if (error is null && clock.GetUtcNow() >= _nextCleanup)
        {
            var cutoff = clock.GetUtcNow() - options.Value.RetainPublished;
            await db.Set<OutboxMessage>().Where(m => m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            _nextCleanup = clock.GetUtcNow() + CleanupInterval;
        }

        if (clock.GetUtcNow() >= _nextPendingSample)
        {
            // A count over the unpublished rows is not free: sampled every few seconds, not per batch.
            var pending = await db.Set<OutboxMessage>().LongCountAsync(m => m.PublishedAt == null, cancellationToken);
            metrics.OutboxPending.Record(pending, ContextTag);
            _nextPendingSample = clock.GetUtcNow() + PendingSampleInterval;
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(published.Count, error);
    }

    private readonly record struct BatchResult(int Published, Exception? Error);

    /// <summary>
    /// Publishes the claimed rows with many acknowledgements awaited together instead of one round trip
    /// each. Order matters per aggregate only, so the rows go out in waves that hold at most one row of
    /// each aggregate (a wave's publishes are in flight together; the next wave starts when all are
    /// acknowledged). After a failure no further wave starts: every row acknowledged so far is marked,
    /// and the failed aggregate's later rows, being in later waves, stay behind it.
    /// </summary>
    private async Task<(List<Guid> Published, Exception? Error)> PublishInWavesAsync(TContext db, List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var published = new List<Guid>(rows.Count);
        Exception? error = null;
        var parsed = rows.Select(row => (Row: row, Envelope: EventEnvelope.Parse(row.Envelope))).ToList();
        foreach (var sends in Waves(parsed, p => p.Envelope.AggregateId))
        {
            var outcomes = await Task.WhenAll(sends.Select(async send =>
            {
                try
                {
                    await publisher.PublishAsync(send.Row.Subject, send.Envelope, cancellationToken);
                    return null;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    return ex;
                }
            }));

            for (var i = 0; i < sends.Count; i++)
            {
                var row = sends[i].Row;
                if (outcomes[i] is { } failure)
                {
                    error ??= failure;
                    var message = failure.Message.Length > 2000 ? failure.Message[..2000] : failure.Message;
                    await db.Set<OutboxMessage>().Where(m => m.Id == row.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, message), cancellationToken);
                    continue;
                }

                published.Add(row.Id);
                metrics.OutboxLag.Record((clock.GetUtcNow() - row.CreatedAt).TotalMilliseconds, ContextTag);
            }

            if (error is not null)
            {
                break;
            }
        }

        return (published, error);
    }

    /// <summary>Splits items (in outbox order) into waves with at most one item per aggregate, keeping each aggregate's order.</summary>
    internal static List<List<T>> Waves<T>(IReadOnlyList<T> items, Func<T, string> aggregateOf)
    {
        var waves = new List<List<T>>();
        var nextWaveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var aggregate = aggregateOf(item);
            var wave = nextWaveOf.GetValueOrDefault(aggregate);
            if (wave == waves.Count)
            {
                waves.Add([]);
            }

            waves[wave].Add(item);
            nextWaveOf[aggregate] = wave + 1;
        }

        return waves;
    }
}
