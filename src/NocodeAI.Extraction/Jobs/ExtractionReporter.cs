using NocodeAI.Messaging;

namespace NocodeAI.Extraction.Jobs;

/// <summary>
/// Publishes what one attempt of one job does straight to JetStream (the worker commits no state of its
/// own to relay through an outbox). Event ids are derived from (job, request, attempt, sequence), so a
/// re-publish after a crash between publish and ack is dropped by the stream's duplicate window and the inbox.
/// </summary>
public sealed class ExtractionReporter(IEventPublisher publisher, EventEnvelope job, string kind, Guid targetRequestId, string workerId, int attempt)
{
    private readonly MessageContext _context = MessageContext.CausedBy(job);
    private long _sequence;

    public Guid TargetRequestId => targetRequestId;

    public string WorkerId => workerId;

    public int Attempt => attempt;

    public Task PublishAsync(ExtractionEvent @event, CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var id = EventEnvelope.DeterministicId($"{kind}:{targetRequestId}:{attempt}:{sequence}:{@event.GetType().Name}");
        return publisher.PublishEventAsync(@event, targetRequestId.ToString(), (attempt * 100_000L) + sequence, _context, id, cancellationToken);
    }

    /// <summary>Progress is advisory: a lost report is superseded by the next one or by the final state.</summary>
    public async Task TryPublishAsync(ExtractionEvent @event, CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(@event, cancellationToken);
        }
        catch (EventPublishException)
        {
        }
    }
}
