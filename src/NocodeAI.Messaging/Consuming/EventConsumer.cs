using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging;

/// <summary>
/// A durable consumer on the events stream whose handlers write to <typeparamref name="TContext"/>.
/// Per message: one transaction holds the inbox row and the handler's changes, so an event is applied
/// exactly once even when delivered twice; acknowledgement and the after-commit actions follow the commit.
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = DurableConsumerLoop.DurableConfig(registration.Name, names.ToWire(registration.FilterSubject), _options, _options.MaxAckPending);
        return new DurableConsumerLoop(js, topology, logger).RunAsync(topology.EventsStreamName, config, HandleAsync, stoppingToken);
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
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
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Consumer"] = registration.Name,
            ["IntegrationEventId"] = envelope.Id,
            ["IntegrationEventType"] = envelope.Type,
            ["CorrelationId"] = envelope.CorrelationId,
        });

        if (!registration.Handlers.TryGetValue(envelope.Type, out var binding))
        {
            // The filter is wider than the handled types (e.g. nocode.training.>): the rest is not for us.
            logger.LogDebug("Consumer {Consumer} skips {IntegrationEventType}: no handler", registration.Name, envelope.Type);
            await msg.AckAsync(cancellationToken: cancellationToken);
            metrics.RecordHandled(registration.Name, "skipped");
            return;
        }

        var delivered = DeliveryFailures.DeliveryCount(msg);
        if (delivered > _options.MaxDeliver)
        {
            await failures.DeadLetterAsync(msg, registration.Name, $"Delivered {delivered} times without being acknowledged.", "DeliveryLimitExceeded", cancellationToken);
            return;
        }

        object @event;
        try
        {
            @event = envelope.GetData(binding.EventType);
        }
        catch (JsonException ex)
        {
            logger.LogError("Consumer {Consumer} cannot read the data of {IntegrationEventType}: {Error}", registration.Name, envelope.Type, ex.Message);
            await failures.DeadLetterAsync(msg, registration.Name, ex.Message, ex.GetType().FullName!, cancellationToken);
            return;
        }

        try
        {
            await HandleOnceAsync(msg, envelope, binding, @event, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await failures.ReleaseAsync(msg);
            throw;
        }
        catch (Exception ex)
        {
            // DbUpdateConcurrencyException included: the retry reloads the aggregate in a fresh scope.
            await failures.RetryOrDeadLetterAsync(msg, registration.Name, _options, ex, cancellationToken);
        }
    }

    private async Task HandleOnceAsync(INatsJSMsg<byte[]> msg, EventEnvelope envelope, HandlerBinding binding, object @event, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<MessageContext>().BeginHandling(envelope);
        var db = services.GetRequiredService<TContext>();

        bool firstTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var insert = $"INSERT INTO {MessagingTables.Of(db).Inbox} (consumer, event_id, handled_at) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT DO NOTHING";
            firstTime = await db.Database.ExecuteSqlRawAsync(insert, [registration.Name, envelope.Id, clock.GetUtcNow()], cancellationToken) == 1;
            if (firstTime)
            {
                await binding.InvokeAsync(services, @event, envelope, cancellationToken);
                // Handlers commit through UnitOfWork; this only catches a handler that forgot to.
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        await msg.AckAsync(cancellationToken: cancellationToken);
        if (firstTime)
        {
            metrics.RecordHandled(registration.Name, "handled");
            await services.GetRequiredService<AfterCommit>().RunAsync(cancellationToken);
        }
        else
        {
            logger.LogDebug("Consumer {Consumer} already handled {IntegrationEventId}; acknowledging the redelivery", registration.Name, envelope.Id);
            metrics.RecordHandled(registration.Name, "duplicate");
        }
    }
}
