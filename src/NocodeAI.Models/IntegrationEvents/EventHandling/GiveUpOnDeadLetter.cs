using NocodeAI.Messaging;
using NocodeAI.Models.ModelRequests;

namespace NocodeAI.Models.IntegrationEvents.EventHandling;

/// <summary>A training job or report dead-lettered: its model request fails instead of staying TRAINING or APPROVED.</summary>
public sealed class GiveUpOnDeadLetter(ModelRequestService models, TimeProvider clock, ILogger<GiveUpOnDeadLetter> logger) : FailRequestOnDeadLetter(logger)
{
    protected override Task<bool> GiveUpAsync(Guid requestId, string reason, CancellationToken cancellationToken) =>
        models.ApplyAsync(requestId, r => r.Fail(reason, clock.GetUtcNow().UtcDateTime), cancellationToken);
}
