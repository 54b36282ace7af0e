using NocodeAI.Messaging;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.IntegrationEvents.EventHandling;

/// <summary>
/// An extraction or dispatch job, or a report of one, that the system gave up on (dead-lettered) would
/// leave its target request EXTRACTING or DISPATCHING forever. The request fails instead, with the dead
/// letter as its reason, which tells the requester. A request already final is left alone.
/// </summary>
public sealed class GiveUpOnDeadLetter(TargetRequestService targets, TimeProvider clock, ILogger<GiveUpOnDeadLetter> logger) : IDeadLetterHandler
{
    public async Task HandleAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (deadLetter.Envelope is not { } envelope || !Guid.TryParse(envelope.AggregateId, out var requestId))
        {
            logger.LogError("Dead letter {Sequence} names no target request; see ./nocode deadletters show {Sequence}", deadLetter.Sequence, deadLetter.Sequence);
            return;
        }

        var reason = $"The system gave up on this request: {deadLetter.Describe()}";
        if (!await targets.ApplyAsync(requestId, r => r.GiveUp(reason, clock.GetUtcNow().UtcDateTime), cancellationToken))
        {
            logger.LogInformation("Dead letter {Sequence} concerns target request {RequestId}, which is unknown or already final", deadLetter.Sequence, requestId);
        }
    }
}
