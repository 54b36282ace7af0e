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

        // Events of one model may arrive out of order (a retried one after newer ones): only newer news counts.
        if (!row.Apply(@event, envelope.AggregateVersion))
        {
            return;
        }

        await unitOfWork.CommitAsync(cancellationToken);
    }
}
