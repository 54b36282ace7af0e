namespace NocodeAI.Messaging;

/// <summary>How the stream acknowledged a publish. <see cref="Duplicate"/> is true when it already held this envelope id.</summary>
public sealed record PublishReceipt(string Stream, ulong Sequence, bool Duplicate);

/// <summary>
/// Publishes an envelope to JetStream with <c>Nats-Msg-Id</c> = envelope id and waits for the stream's
/// acknowledgement. Services with a database never call it directly: they write to <see cref="IOutbox"/>
/// and the relay publishes. Workers without a database (training) call it with deterministic ids.
/// </summary>
public interface IEventPublisher
{
    /// <exception cref="EventPublishException">The stream did not acknowledge (NATS down, no stream, timeout).</exception>
    Task<PublishReceipt> PublishAsync(string subject, EventEnvelope envelope, CancellationToken cancellationToken = default);
}

public sealed class EventPublishException : Exception
{
    public EventPublishException()
    {
    }

    public EventPublishException(string message)
        : base(message)
    {
    }

    public EventPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public static class EventPublisherExtensions
{
    /// <summary>Wraps and publishes an event; pass <paramref name="id"/> (<see cref="EventEnvelope.DeterministicId"/>) to make a re-send idempotent.</summary>
    public static Task<PublishReceipt> PublishEventAsync<TEvent>(
        this IEventPublisher publisher,
        TEvent @event,
        string aggregateId,
        long aggregateVersion,
        MessageContext context,
        Guid? id = null,
        CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var envelope = EventEnvelope.Create(@event, aggregateId, aggregateVersion, context, id);
        return publisher.PublishAsync(Subjects.ForEvent(@event), envelope, cancellationToken);
    }

    public static Task<PublishReceipt> PublishJobAsync<TJob>(
        this IEventPublisher publisher,
        TJob job,
        string aggregateId,
        long aggregateVersion,
        MessageContext context,
        Guid? id = null,
        CancellationToken cancellationToken = default)
        where TJob : IJob
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var envelope = EventEnvelope.Create(job, aggregateId, aggregateVersion, context, id);
        return publisher.PublishAsync(Subjects.ForJob(job), envelope, cancellationToken);
    }
}
