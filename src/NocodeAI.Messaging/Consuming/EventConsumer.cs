using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using Npgsql;

namespace NocodeAI.Messaging;

/// <summary>
/// A durable consumer on the events stream whose handlers write to <typeparamref name="TContext"/>.
/// It takes what is waiting, up to <see cref="EventConsumerOptions.BatchSize"/> events, and handles them
/// in stream order in one transaction with one multi-row inbox insert, so an event is applied exactly
/// once even when delivered twice; acknowledgements and the after-commit actions follow the commit.
/// If any event of a batch fails, the batch rolls back and its events are handled one at a time, each
/// in its own transaction: only the failing one is retried (then dead-lettered). One replica at a time
/// handles a consumer's events (<see cref="ConsumerLease"/>), which keeps stream order across replicas.
/// </summary>
internal sealed class EventConsumer<TContext>(
    EventConsumerRegistration registration,
    IOptionsMonitor<EventConsumerOptions> optionsMonitor,
    IServiceScopeFactory scopes,
    INatsJSContext js,
    JetStreamTopology topology,
    JetStreamNames names,
    DeliveryFailures failures,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<EventConsumer<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly EventConsumerOptions _options = optionsMonitor.Get(registration.Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = DurableConsumerLoop.DurableConfig(registration.Name, names.ToWire(registration.FilterSubject), _options, _options.BatchSize);
        var loop = new DurableConsumerLoop(js, topology, logger);
        long leaseKey;
        await using (var scope = scopes.CreateAsyncScope())
        {
            leaseKey = ConsumerLease.KeyOf(MessagingTables.Of(scope.ServiceProvider.GetRequiredService<TContext>()).Inbox, registration.Name);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumerLease lease;
            try
            {
                lease = await ConsumerLease.AcquireAsync(NewLeaseSession, leaseKey, registration.Name, _options.LeaseRetryInterval, logger, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await using (lease)
            {
                using var active = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                await loop.RunBatchesAsync(topology.EventsStreamName, config, _options.BatchSize, HandleBatchAsync, active.Token);
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Consumer {Consumer} lost its lease (its database session broke); it stops handling until it holds the lease again", registration.Name);
            }
        }
    }

    private NpgsqlConnection NewLeaseSession()
    {
        using var scope = scopes.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetDbConnection() as NpgsqlConnection
            ?? throw new InvalidOperationException($"Consumer '{registration.Name}' needs PostgreSQL: its lease is an advisory lock.");
        return ConsumerLease.NewSession(connection);
    }

    /// <summary>An event of a batch, read and ready for its handler.</summary>
    private sealed record Pending(INatsJSMsg<byte[]> Msg, EventEnvelope Envelope, HandlerBinding Binding, object Event);

    private async Task HandleBatchAsync(IReadOnlyList<INatsJSMsg<byte[]>> batch, CancellationToken cancellationToken)
    {
        var work = new List<Pending>(batch.Count);
        foreach (var msg in batch)
        {
            if (await PrepareAsync(msg, cancellationToken) is { } pending)
            {
                work.Add(pending);
            }
        }

        if (work.Count > 1)
        {
            try
            {
                await HandleTogetherAsync(work, cancellationToken);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAll(work.Select(p => failures.ReleaseAsync(p.Msg)));
                throw;
            }
            catch (Exception ex)
            {
                // Nothing of the batch committed; find the failing event by handling them one by one.
                logger.LogInformation("Consumer {Consumer} could not handle {Count} events together ({Error}); handling them one at a time",
                    registration.Name, work.Count, ex.Message);
            }
        }

        foreach (var pending in work)
        {
            await HandleAloneAsync(pending, cancellationToken);
        }
    }

    /// <summary>Settles what no handler can take (dead letter, or skip); returns the rest.</summary>
    private async Task<Pending?> PrepareAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelope.Parse(msg.Data);
        }
        catch (JsonException ex)
        {
            logger.LogError("Consumer {Consumer} received a message on {Subject} that is not an envelope: {Error}", registration.Name, msg.Subject, ex.Message);
            await failures.DeadLetterAsync(msg, registration.Name, ex.Message, ex.GetType().FullName!, cancellationToken);
            return null;
        }

        if (!registration.Handlers.TryGetValue(envelope.Type, out var binding))
        {
            // The filter is wider than the handled types (e.g. nocode.training.>): the rest is not for us.
            await msg.AckAsync(cancellationToken: cancellationToken);
            metrics.RecordHandled(registration.Name, "skipped");
            return null;
        }

        var delivered = DeliveryFailures.DeliveryCount(msg);
        if (delivered > _options.MaxDeliver)
        {
            await failures.DeadLetterAsync(msg, registration.Name, $"Delivered {delivered} times without being acknowledged.", "DeliveryLimitExceeded", cancellationToken);
            return null;
        }

        try
        {
            return new Pending(msg, envelope, binding, envelope.GetData(binding.EventType));
        }
        catch (JsonException ex)
        {
            logger.LogError("Consumer {Consumer} cannot read the data of {IntegrationEventType}: {Error}", registration.Name, envelope.Type, ex.Message);
            await failures.DeadLetterAsync(msg, registration.Name, ex.Message, ex.GetType().FullName!, cancellationToken);
            return null;
        }
    }

    /// <summary>
    /// All events in one scope and one transaction, in stream order. Each handler sees what the events
    /// before it saved, and what it emits names its own event as the cause.
    /// </summary>
    private async Task HandleTogetherAsync(List<Pending> work, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = services.GetRequiredService<MessageContext>();
        var db = services.GetRequiredService<TContext>();
        // A failure rolls the whole transaction back, so the savepoint EF would set around every
        // SaveChanges inside it (two more round trips each) buys nothing.
        db.Database.AutoSavepointsEnabled = false;

        List<Pending> fresh;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var firstTime = await RecordInInboxAsync(db, work, cancellationToken);
            // Remove, not Contains: the same envelope twice in one batch is handled once.
            fresh = work.Where(p => firstTime.Remove(p.Envelope.Id)).ToList();
            foreach (var run in Runs(fresh))
            {
                using var logScope = BeginLogScope(run[0].Envelope, onlyWhenDebug: true);
                context.BeginHandling(run[0].Envelope);
                await run[0].Binding.InvokeAsync(services, [.. run.Select(p => new ReceivedEvent(p.Event, p.Envelope))], cancellationToken);
                // Handlers commit through UnitOfWork; this only catches a handler that forgot to.
                await db.SaveChangesAsync(cancellationToken);
                // Each call starts with an empty change tracker, as it would alone: what earlier events
                // saved is read back from the transaction, and SaveChanges does not scan a tracker that
                // grows with the batch (which made a batch cost quadratic in its size).
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        int handled = fresh.Count, duplicates = work.Count - fresh.Count;

        await AcknowledgeAsync(work);
        metrics.RecordHandled(registration.Name, "handled", handled);
        metrics.RecordHandled(registration.Name, "duplicate", duplicates);
        await services.GetRequiredService<AfterCommit>().RunAsync(cancellationToken);
    }

    /// <summary>
    /// The calls a batch makes, in stream order: consecutive events bound to one run-taking handler
    /// go together; every other event is a call of its own.
    /// </summary>
    private static IEnumerable<List<Pending>> Runs(List<Pending> events)
    {
        List<Pending>? run = null;
        foreach (var pending in events)
        {
            if (run is not null && pending.Binding.TakesRuns && run[0].Binding.HandlerType == pending.Binding.HandlerType)
            {
                run.Add(pending);
                continue;
            }

            if (run is not null)
            {
                yield return run;
            }

            run = [pending];
        }

        if (run is not null)
        {
            yield return run;
        }
    }

    private Task<HashSet<Guid>> RecordInInboxAsync(TContext db, List<Pending> work, CancellationToken cancellationToken) =>
        InboxRecords.RecordNewAsync(db, registration.Name, [.. work.Select(p => p.Envelope.Id)], clock.GetUtcNow(), cancellationToken);

    private async Task AcknowledgeAsync(List<Pending> work)
    {
        try
        {
            // Acks are fire-and-forget publishes; sent together they cost one flush.
            await Task.WhenAll(work.Select(p => p.Msg.AckAsync().AsTask()));
        }
        catch (Exception ex)
        {
            // Committed already: a message whose ack was lost comes back and the inbox drops it.
            logger.LogWarning("Consumer {Consumer} committed {Count} events but could not acknowledge all of them: {Error}", registration.Name, work.Count, ex.Message);
        }
    }

    private async Task HandleAloneAsync(Pending pending, CancellationToken cancellationToken)
    {
        using var logScope = BeginLogScope(pending.Envelope, onlyWhenDebug: false);
        try
        {
            await HandleOnceAsync(pending, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await failures.ReleaseAsync(pending.Msg);
            throw;
        }
        catch (Exception ex)
        {
            // DbUpdateConcurrencyException included: the retry reloads the aggregate in a fresh scope.
            await failures.RetryOrDeadLetterAsync(pending.Msg, registration.Name, _options, ex, cancellationToken);
        }
    }

    private async Task HandleOnceAsync(Pending pending, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<MessageContext>().BeginHandling(pending.Envelope);
        var db = services.GetRequiredService<TContext>();
        db.Database.AutoSavepointsEnabled = false;

        bool firstTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            firstTime = (await RecordInInboxAsync(db, [pending], cancellationToken)).Count == 1;
            if (firstTime)
            {
                await pending.Binding.InvokeAsync(services, [new ReceivedEvent(pending.Event, pending.Envelope)], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        await pending.Msg.AckAsync(cancellationToken: cancellationToken);
        if (firstTime)
        {
            metrics.RecordHandled(registration.Name, "handled");
            await services.GetRequiredService<AfterCommit>().RunAsync(cancellationToken);
        }
        else
        {
            logger.LogDebug("Consumer {Consumer} already handled {IntegrationEventId}; acknowledging the redelivery", registration.Name, pending.Envelope.Id);
            metrics.RecordHandled(registration.Name, "duplicate");
        }
    }

    // A scope per event costs a dictionary and an allocation per message; on the batch path it is only
    // worth it when someone reads Debug logs.
    private IDisposable? BeginLogScope(EventEnvelope envelope, bool onlyWhenDebug) =>
        onlyWhenDebug && !logger.IsEnabled(LogLevel.Debug)
            ? null
            : logger.BeginScope(new Dictionary<string, object>
            {
                ["Consumer"] = registration.Name,
                ["IntegrationEventId"] = envelope.Id,
                ["IntegrationEventType"] = envelope.Type,
                ["CorrelationId"] = envelope.CorrelationId,
            });
}
