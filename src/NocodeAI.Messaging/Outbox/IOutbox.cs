using Microsoft.EntityFrameworkCore;

namespace NocodeAI.Messaging;

/// <summary>
/// Adds envelopes to the current unit of work of the service's DbContext: they are stored if and only
/// if the state change commits, and <see cref="OutboxRelay{TContext}"/> publishes them afterwards.
/// </summary>
public interface IOutbox
{
    void Enqueue<TEvent>(TEvent @event, string aggregateId, long aggregateVersion)
        where TEvent : IIntegrationEvent;

    void EnqueueJob<TJob>(TJob job, string aggregateId, long aggregateVersion)
        where TJob : IJob;
}

internal sealed class EfOutbox<TContext>(TContext db, MessageContext context, EventTypeRegistry types, TimeProvider clock) : IOutbox
    where TContext : DbContext
{
    private DateTimeOffset _last;

    public void Enqueue<TEvent>(TEvent @event, string aggregateId, long aggregateVersion)
        where TEvent : IIntegrationEvent =>
        Add(Subjects.ForEvent(@event), @event, aggregateId, aggregateVersion);

    public void EnqueueJob<TJob>(TJob job, string aggregateId, long aggregateVersion)
        where TJob : IJob =>
        Add(Subjects.ForJob(job), job, aggregateId, aggregateVersion);

    private void Add<T>(string subject, T message, string aggregateId, long aggregateVersion)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(message);
        types.Register(message.GetType());
        var envelope = EventEnvelope.Create(message, aggregateId, aggregateVersion, context, occurredAt: NextTimestamp());
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = envelope.Id,
            Subject = subject,
            Type = envelope.Type,
            Envelope = envelope.ToJson(),
            CreatedAt = envelope.OccurredAt,
        });
    }

    // The relay publishes in created_at order and PostgreSQL keeps microseconds, so two envelopes of one
    // unit of work get strictly increasing timestamps to keep the order they were enqueued in.
    private DateTimeOffset NextTimestamp()
    {
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        _last = now > _last ? now : _last.AddTicks(10);
        return _last;
    }
}
