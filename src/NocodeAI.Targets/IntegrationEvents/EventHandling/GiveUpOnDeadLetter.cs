using NocodeAI.Messaging;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.IntegrationEvents.EventHandling;

/// <summary>An extraction or dispatch job or report dead-lettered: its target request fails instead of staying EXTRACTING or DISPATCHING.</summary>
public sealed class GiveUpOnDeadLetter(TargetRequestService targets, TimeProvider clock, ILogger<GiveUpOnDeadLetter> logger) : FailRequestOnDeadLetter(logger)
{
    protected override Task<bool> GiveUpAsync(Guid requestId, string reason, CancellationToken cancellationToken) =>
        targets.ApplyAsync(requestId, r => r.GiveUp(reason, clock.GetUtcNow().UtcDateTime), cancellationToken);
}
