using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.IntegrationEvents;

namespace NocodeAI.Notices.MyRequests;

/// <summary>Creates or updates the myRequests rows of changes, in order, in the caller's unit of work.</summary>
public sealed class MyRequestProjector(NoticesDbContext db, ILogger<MyRequestProjector> logger)
{
    /// <summary>Applies each change through the version guard: a stale or repeated one changes nothing.</summary>
    public async Task ApplyAsync(IReadOnlyList<RequestChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ids = changes.Select(c => c.RequestId).Distinct().ToList();
        var rows = await db.MyRequests.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var change in changes)
        {
            if (!rows.TryGetValue(change.RequestId, out var row))
            {
                row = MyRequest.From(change);
                rows.Add(row.Id, row);
                db.MyRequests.Add(row);
            }
            else if (!row.Apply(change))
            {
                logger.LogDebug("Ignored version {Version} of {Kind} {RequestId}: the row is at version {LastVersion}",
                    change.Version, change.Kind, change.RequestId, row.LastVersion);
            }
        }
    }
}
