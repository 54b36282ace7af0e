using NocodeAI.Messaging;

namespace NocodeAI.Notices.IntegrationEvents.EventHandling;

/// <summary>The mapping of one event type, registered with <c>AddRequestEvents(...).Map(...)</c>.</summary>
public sealed record RequestChangeMapping<TEvent>(Func<TEvent, EventEnvelope, RequestChange> Map)
    where TEvent : IIntegrationEvent;

/// <summary>
/// Handles one producer event: maps it (its <see cref="RequestChangeMapping{TEvent}"/>) and applies the
/// change to myRequests and the notices in the consumer's transaction. The consumer's inbox drops a
/// redelivered envelope; the version guard and the notice ids drop a re-published event.
/// </summary>
public sealed class RequestEventHandler<TEvent>(RequestChangeMapping<TEvent> mapping, RequestChangeProcessor processor) : IIntegrationEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    public Task HandleAsync(TEvent @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        processor.ProcessAsync(mapping.Map(@event, envelope), cancellationToken);
}
