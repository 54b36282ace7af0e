using NocodeAI.Messaging;
using NocodeAI.Models.ModelRequests;

namespace NocodeAI.Models.IntegrationEvents.EventHandling;

/// <summary>
/// A training job or training report the system gave up on (dead-lettered) would leave its request in
/// TRAINING or APPROVED forever. The request fails instead, with the dead letter as its reason, which
/// tells the requester (ModelFailed → a notice). A request already final is left alone.
/// </summary>
public sealed class GiveUpOnDeadLetter(ModelRequestService models, TimeProvider clock, ILogger<GiveUpOnDeadLetter> logger) : IDeadLetterHandler
{
    public async Task HandleAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (deadLetter.Envelope is not { } envelope || !Guid.TryParse(envelope.AggregateId, out var requestId))
        {
            logger.LogError("Dead letter {Sequence} names no model request; see ./nocode deadletters show {Sequence}", deadLetter.Sequence, deadLetter.Sequence);
            return;
        }

        var reason = $"The system gave up on this request: {deadLetter.Describe()}";
        if (!await models.ApplyAsync(requestId, r => r.Fail(reason, clock.GetUtcNow().UtcDateTime), cancellationToken))
        {
            logger.LogInformation("Dead letter {Sequence} concerns model request {RequestId}, which is unknown or already final", deadLetter.Sequence, requestId);
        }
    }
}
