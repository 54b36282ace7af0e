using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;
using NocodeAI.Targets.Infrastructure;

namespace NocodeAI.Targets.IntegrationEvents.EventHandling;

/// <summary>
/// Keeps the readiness replica: every model event carries the request's state after the change, so one
/// handler shape serves each event type (registered once per type). Events arrive in stream order (one
/// in flight), so the latest event wins; the inbox drops duplicates.
/// </summary>
public sealed class ModelReadinessHandler<TEvent>(TargetsDbContext db, UnitOfWork<TargetsDbContext> unitOfWork) : IIntegrationEventHandler<TEvent>
    where TEvent : ModelRequestEvent
{
    public async Task HandleAsync(TEvent @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var row = await db.ModelReadiness.FirstOrDefaultAsync(m => m.ModelRequestId == @event.ModelRequestId, cancellationToken);
        if (row is null)
        {
            row = new Readiness.ModelReadiness { ModelRequestId = @event.ModelRequestId };
            db.ModelReadiness.Add(row);
        }

        row.Name = @event.Name;
        row.RequestedBy = @event.RequestedBy;
        row.State = @event.State;
        row.UpdatedAt = @event.OccurredAt;
        if (@event is ModelCompleted completed)
        {
            row.ArtifactId = completed.ArtifactId;
        }

        await unitOfWork.CommitAsync(cancellationToken);
    }
}
