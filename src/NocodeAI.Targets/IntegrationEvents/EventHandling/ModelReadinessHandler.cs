using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;
using NocodeAI.Targets.Infrastructure;

namespace NocodeAI.Targets.IntegrationEvents.EventHandling;

/// <summary>
/// Keeps the readiness replica: every model event carries the request's state after the change, so one
/// handler shape serves each event type (registered once per type). Events of one model may be applied
/// out of order (a retried one after newer ones, batches on several replicas), so the row keeps the
/// aggregateVersion it reflects and only a newer event changes it; the inbox drops duplicates. Two
/// replicas writing one row at once: the row's version is a concurrency token, so the loser's event is
/// retried against the row as it now is.
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
