using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging;

public sealed class JetStreamEventPublisher(INatsJSContext js, JetStreamNames names, IOptions<NatsOptions> options) : IEventPublisher
{
    public Task<PublishReceipt> PublishAsync(string subject, EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return PublishRawAsync(subject, envelope.ToUtf8Bytes(), envelope.Id.ToString(), headers: null, cancellationToken);
    }

    /// <summary>Publishes bytes as they are (dead letters keep the original payload, even one that does not parse).</summary>
    internal async Task<PublishReceipt> PublishRawAsync(string subject, byte[] payload, string messageId, NatsHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        // Without a bound, a publish during a reconnect waits until the server is back.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            var ack = await js.PublishAsync(
                names.ToWire(subject),
                payload,
                opts: new NatsJSPubOpts { MsgId = messageId },
                headers: headers,
                cancellationToken: timeout.Token);
            // Not ack.EnsureSuccess(): it throws on a duplicate, which for us is success (already stored).
            if (ack.Error is { } error)
            {
                throw new EventPublishException($"The stream refused {subject} ({messageId}): {error.Description} ({error.ErrCode}).");
            }

            return new PublishReceipt(ack.Stream ?? string.Empty, ack.Seq, ack.Duplicate);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new EventPublishException($"No acknowledgement for {subject} ({messageId}) within {options.Value.PublishTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (NatsException ex)
        {
            throw new EventPublishException($"Publishing {subject} ({messageId}) failed: {ex.Message}", ex);
        }
    }
}
