using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging;

/// <summary>Header names on a dead-lettered message (payload: the original bytes).</summary>
public static class DeadLetterHeaders
{
    public const string Error = "Nocode-Error";
    public const string ErrorType = "Nocode-Error-Type";
    public const string Consumer = "Nocode-Consumer";
    public const string DeliveryCount = "Nocode-Delivery-Count";
    public const string Subject = "Nocode-Subject";
}

/// <summary>
/// The failure policy every consumer shares: a failed delivery is nak'ed with exponential backoff until
/// it was delivered MaxDeliver times, then the original message goes to
/// <c>nocode.deadletter.&lt;consumer&gt;</c> with the error in headers and is terminated.
/// </summary>
internal sealed class DeliveryFailures(JetStreamEventPublisher publisher, JetStreamNames names, MessagingMetrics metrics, IOptions<NatsOptions> natsOptions, ILogger<DeliveryFailures> logger)
{
    public async Task RetryOrDeadLetterAsync(INatsJSMsg<byte[]> msg, string consumer, ConsumerOptions options, Exception error, CancellationToken cancellationToken)
    {
        var delivered = DeliveryCount(msg);
        if (delivered < options.MaxDeliver)
        {
            var delay = Backoff.For(delivered, options.RetryDelay, options.MaxRetryDelay);
            logger.LogWarning(error, "Consumer {Consumer} failed on delivery {Delivery} of {MaxDeliver} of {Subject}; retrying in {Delay}",
                consumer, delivered, options.MaxDeliver, msg.Subject, delay);
            await msg.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken);
            metrics.RecordHandled(consumer, "retried");
            return;
        }

        logger.LogError(error, "Consumer {Consumer} gives up on {Subject} after {Delivery} deliveries; dead-lettering it", consumer, msg.Subject, delivered);
        await DeadLetterAsync(msg, consumer, error.Message, error.GetType().FullName ?? error.GetType().Name, cancellationToken);
    }

    /// <summary>For messages no retry can fix (not an envelope, unreadable data) or that exhausted their deliveries without an outcome.</summary>
    public async Task DeadLetterAsync(INatsJSMsg<byte[]> msg, string consumer, string error, string errorType, CancellationToken cancellationToken)
    {
        var metadata = msg.Metadata;
        var headers = new NatsHeaders
        {
            [DeadLetterHeaders.Error] = HeaderValue(error),
            [DeadLetterHeaders.ErrorType] = HeaderValue(errorType),
            [DeadLetterHeaders.Consumer] = consumer,
            [DeadLetterHeaders.DeliveryCount] = DeliveryCount(msg).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DeadLetterHeaders.Subject] = names.FromWire(msg.Subject),
        };
        // One dead letter per original message and consumer, even if this runs twice.
        var messageId = $"{consumer}:{metadata?.Stream}:{metadata?.Sequence.Stream}";
        await publisher.PublishRawAsync(Subjects.DeadLetter(consumer), msg.Data ?? [], messageId, headers, cancellationToken);
        await msg.AckTerminateAsync(cancellationToken: cancellationToken);
        metrics.RecordHandled(consumer, "dead_lettered");
    }

    /// <summary>On shutdown: hand the message back at once instead of letting it wait out its ack wait.</summary>
    public async Task ReleaseAsync(INatsJSMsg<byte[]> msg)
    {
        try
        {
            using var timeout = new CancellationTokenSource(natsOptions.Value.PublishTimeout);
            await msg.NakAsync(cancellationToken: timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogDebug("Could not release {Subject} on shutdown; it is redelivered after its ack wait: {Error}", msg.Subject, ex.Message);
        }
    }

    public static long DeliveryCount(INatsJSMsg<byte[]> msg) => (long)(msg.Metadata?.NumDelivered ?? 1);

    // Header values cannot carry line breaks, and a stack-trace-sized value helps nobody.
    private static string HeaderValue(string value)
    {
        var oneLine = string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length > 1000 ? oneLine[..1000] : oneLine;
    }
}
