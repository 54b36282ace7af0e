using System.Security.Cryptography;
using System.Text;

namespace NocodeAI.Messaging;

/// <summary>
/// What travels on every subject (SPEC §5). <see cref="Id"/> is also the <c>Nats-Msg-Id</c>, so the
/// stream drops a re-publish of the same envelope and the consumers' inbox drops a redelivery.
/// </summary>
public sealed record EventEnvelope(
    Guid Id,
    string Type,
    DateTimeOffset OccurredAt,
    string AggregateId,
    long AggregateVersion,
    string CorrelationId,
    string? CausationId,
    JsonElement Data)
{
    /// <summary>
    /// Wraps an event or job. Correlation and causation come from <paramref name="context"/>, so an
    /// event caused by handling another one carries the chain on. Pass <paramref name="id"/> to make a
    /// re-send idempotent (see <see cref="DeterministicId"/>); otherwise a new id is drawn.
    /// </summary>
    public static EventEnvelope Create<T>(
        T message,
        string aggregateId,
        long aggregateVersion,
        MessageContext context,
        Guid? id = null,
        DateTimeOffset? occurredAt = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(aggregateId);
        ArgumentNullException.ThrowIfNull(context);
        // The runtime type, not T: callers often hold a base record (ModelRequestEvent) and the
        // consumer must see every property of the concrete event.
        var type = message.GetType();
        return new EventEnvelope(
            id ?? Guid.CreateVersion7(),
            Subjects.TypeName(type),
            occurredAt ?? DateTimeOffset.UtcNow,
            aggregateId,
            aggregateVersion,
            context.CorrelationId,
            context.CausationId,
            JsonSerializer.SerializeToElement(message, type, MessagingJson.Options));
    }

    /// <summary>
    /// A stable id derived from a key such as <c>"{requestId}/{attempt}/TrainingCompleted"</c>: a
    /// worker without a database that re-sends after a crash produces the same id, which the stream
    /// (within its duplicate window) and every consumer's inbox then ignore.
    /// </summary>
    public static Guid DeterministicId(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("nocode:" + key), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 (name-based) layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    public bool Is<T>() => Type == Subjects.TypeName(typeof(T));

    public T GetData<T>() =>
        Data.Deserialize<T>(MessagingJson.Options)
        ?? throw new JsonException($"Envelope {Id} of type {Type} has no data.");

    public object GetData(Type type) =>
        Data.Deserialize(type, MessagingJson.Options)
        ?? throw new JsonException($"Envelope {Id} of type {Type} has no data.");

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, MessagingJson.Options);

    public string ToJson() => JsonSerializer.Serialize(this, MessagingJson.Options);

    public static EventEnvelope Parse(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<EventEnvelope>(utf8Json, MessagingJson.Options)
        ?? throw new JsonException("The message is not an event envelope.");

    public static EventEnvelope Parse(string json) =>
        JsonSerializer.Deserialize<EventEnvelope>(json, MessagingJson.Options)
        ?? throw new JsonException("The message is not an event envelope.");
}
