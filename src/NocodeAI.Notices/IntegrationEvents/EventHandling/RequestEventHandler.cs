using NocodeAI.Messaging;

namespace NocodeAI.Notices.IntegrationEvents.EventHandling;

/// <summary>
/// Handles a run of producer events: maps each (<see cref="RequestChangeCatalog"/>) and applies the
/// changes to myRequests and the notices in the consumer's transaction, reading and writing the rows
/// of the whole run at once. The consumer's inbox drops a redelivered envelope; the version guard and
/// the notice ids drop a re-published event.
/// </summary>
public sealed class RequestEventHandler(RequestChangeCatalog catalog, RequestChangeProcessor processor) : IIntegrationEventBatchHandler
{
    public Task HandleAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return processor.ProcessAsync([.. events.Select(catalog.Translate)], cancellationToken);
    }
}
