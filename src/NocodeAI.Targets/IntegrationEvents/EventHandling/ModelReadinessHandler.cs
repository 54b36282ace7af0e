using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;
using NocodeAI.Targets.Infrastructure;

namespace NocodeAI.Targets.IntegrationEvents.EventHandling;

/// <summary>
/// Keeps the readiness replica: every model event carries the request's state after the change, so one
/// handler serves each event type, and it takes a whole run of them at once: one query reads the rows
/// of every model in the run and one save writes them. Events of one model may be applied out of order
/// (a retried one after newer ones), so the row keeps the aggregateVersion it reflects and only a newer
/// event changes it; the inbox drops duplicates. Two replicas writing one row at once: the row's version
/// is a concurrency token, so the loser's events are retried against the row as it now is.
/// </summary>
public sealed class ModelReadinessHandler(TargetsDbContext db, UnitOfWork<TargetsDbContext> unitOfWork) : IIntegrationEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ids = events.Select(e => ((ModelRequestEvent)e.Event).ModelRequestId).Distinct().ToList();
        var rows = await db.ModelReadiness.Where(m => ids.Contains(m.ModelRequestId)).ToDictionaryAsync(m => m.ModelRequestId, cancellationToken);
        var changed = false;
        foreach (var (@event, envelope) in events)
        {
            var modelEvent = (ModelRequestEvent)@event;
            if (!rows.TryGetValue(modelEvent.ModelRequestId, out var row))
            {
                row = new Readiness.ModelReadiness { ModelRequestId = modelEvent.ModelRequestId };
                rows.Add(row.ModelRequestId, row);
                db.ModelReadiness.Add(row);
            }

            // Only newer news counts.
            changed |= row.Apply(modelEvent, envelope.AggregateVersion);
        }

        if (changed)
        {
            await unitOfWork.CommitAsync(cancellationToken);
        }
    }
}
