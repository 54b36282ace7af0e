using System.Diagnostics;

namespace NocodeAI.Messaging;

/// <summary>
/// Scoped ambient context for outgoing envelopes. While a consumer handles an envelope, everything the
/// handler emits keeps its correlation id and names it as the cause; in a request it starts a new
/// correlation (the current trace id when there is one, so logs, traces and events line up).
/// </summary>
public sealed class MessageContext
{
    private string? _correlationId;

    public string CorrelationId => _correlationId ??= NewCorrelationId();

    public string? CausationId { get; private set; }

    /// <summary>The envelope being handled in this scope, if any.</summary>
    public EventEnvelope? Handling { get; private set; }

    /// <summary>Called by the consumers before a handler runs.</summary>
    public void BeginHandling(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Handling = envelope;
        _correlationId = envelope.CorrelationId;
        CausationId = envelope.Id.ToString();
    }

    /// <summary>For code outside a DI scope (e.g. a worker's own loop) that publishes as a consequence of <paramref name="envelope"/>.</summary>
    public static MessageContext CausedBy(EventEnvelope envelope)
    {
        var context = new MessageContext();
        context.BeginHandling(envelope);
        return context;
    }

    private static string NewCorrelationId()
    {
        var traceId = Activity.Current?.TraceId ?? default;
        return traceId == default ? Guid.NewGuid().ToString("N") : traceId.ToHexString();
    }
}
