using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging;

/// <summary>
/// Follows the dead-letter stream for the service that owns some consumers' work, so giving up on a
/// job or event is never silent: the owner hears of it (e.g. the models service fails the request
/// whose training job was dead-lettered). Dead letters of other consumers are passed over. A failing
/// handler is retried with backoff for as long as it takes; a dead letter is never dead-lettered.
/// </summary>
internal sealed class DeadLetterConsumer<TContext, THandler>(
    DeadLetterRegistration registration,
    IOptionsMonitor<EventConsumerOptions> optionsMonitor,
    IServiceScopeFactory scopes,
    INatsJSContext js,
    JetStreamTopology topology,
    JetStreamNames names,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<DeadLetterConsumer<TContext, THandler>> logger) : BackgroundService
    where TContext : DbContext
    where THandler : IDeadLetterHandler
{
    private readonly EventConsumerOptions _options = optionsMonitor.Get(registration.Name);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = DurableConsumerLoop.DurableConfig(registration.Name, names.ToWire(Subjects.DeadLetterRoot + ".>"), _options, 1);
        return new DurableConsumerLoop(js, topology, logger).RunAsync(topology.DeadLetterStreamName, config, HandleAsync, stoppingToken);
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var deadLetter = DeadLetters.Read(msg, names);
        if (!registration.Owns(deadLetter.Consumer))
        {
            await msg.AckAsync(cancellationToken: cancellationToken);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (deadLetter.Envelope is not null)
            {
                services.GetRequiredService<MessageContext>().BeginHandling(deadLetter.Envelope);
            }

            var db = services.GetRequiredService<TContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                // The sequence alone names a dead letter only while the stream lives: a stream made again
                // (a store emptied, a stream deleted) counts from 1, and its first letters would match
                // the inbox rows of the old ones and never be told. The time it was stored tells them apart.
                var id = EventEnvelope.DeterministicId($"deadletter/{deadLetter.Sequence}/{deadLetter.DeadLetteredAt.UtcTicks}");
                if ((await InboxRecords.RecordNewAsync(db, registration.Name, [id], clock.GetUtcNow(), cancellationToken)).Count == 1)
                {
                    logger.LogWarning("{Owner} is told that {DeadLetter} (dead letter {Sequence})", registration.Name, deadLetter.Describe(), deadLetter.Sequence);
                    await services.GetRequiredService<THandler>().HandleAsync(deadLetter, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }

            await msg.AckAsync(cancellationToken: cancellationToken);
            metrics.RecordHandled(registration.Name, "handled");
            await services.GetRequiredService<AfterCommit>().RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var delivered = DeliveryFailures.DeliveryCount(msg);
            var delay = Backoff.For(delivered, _options.RetryDelay, _options.MaxRetryDelay);
            logger.LogError(ex, "{Owner} failed to act on dead letter {Sequence} (try {Delivery}); retrying in {Delay}", registration.Name, deadLetter.Sequence, delivered, delay);
            await msg.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken);
            metrics.RecordHandled(registration.Name, "retried");
        }
    }
}

internal sealed class DeadLetterRegistration(string name, IReadOnlyCollection<string> ownedConsumers)
{
    public string Name { get; } = name;

    public bool Owns(string consumer) => ownedConsumers.Contains(consumer, StringComparer.Ordinal);
}

/// <summary>Reading dead letters back from the stream.</summary>
public static class DeadLetters
{
    public static DeadLetter Read(INatsJSMsg<byte[]> msg, JetStreamNames names)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(names);
        string Header(string name) => msg.Headers is { } headers && headers.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
        EventEnvelope? envelope = null;
        try
        {
            envelope = msg.Data is { Length: > 0 } data ? EventEnvelope.Parse(data) : null;
        }
        catch (JsonException)
        {
            // The message that could not be read in the first place: kept as bytes only.
        }

        var consumer = Header(DeadLetterHeaders.Consumer);
        if (consumer.Length == 0)
        {
            consumer = names.FromWire(msg.Subject)[(Subjects.DeadLetterRoot.Length + 1)..];
        }

        _ = long.TryParse(Header(DeadLetterHeaders.DeliveryCount), System.Globalization.CultureInfo.InvariantCulture, out var deliveries);
        return new DeadLetter(
            msg.Metadata?.Sequence.Stream ?? 0,
            consumer,
            Header(DeadLetterHeaders.Subject),
            Header(DeadLetterHeaders.Error),
            Header(DeadLetterHeaders.ErrorType),
            deliveries,
            msg.Metadata?.Timestamp ?? DateTimeOffset.UtcNow,
            envelope);
    }
}
