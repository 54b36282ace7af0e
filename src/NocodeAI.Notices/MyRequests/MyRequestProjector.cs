using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.IntegrationEvents;

namespace NocodeAI.Notices.MyRequests;

/// <summary>Creates or updates the myRequests rows of changes, in order, in the caller's unit of work.</summary>
public sealed class MyRequestProjector(NoticesDbContext db, ILogger<MyRequestProjector> logger)
{
    /// <summary>Applies each change through the version guard; returns how many changed a row.</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<RequestChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ids = changes.Select(c => c.RequestId).Distinct().ToList();
        var rows = await db.MyRequests.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var applied = 0;
        foreach (var change in changes)
        {
            if (!rows.TryGetValue(change.RequestId, out var row))
            {
                row = MyRequest.From(change);
                rows.Add(row.Id, row);
                db.MyRequests.Add(row);
                applied++;
            }
            else if (row.Apply(change))
            {
                applied++;
            }
            else
            {
                logger.LogDebug("Ignored version {Version} of {Kind} {RequestId}: the row is at version {LastVersion}",
                    change.Version, change.Kind, change.RequestId, row.LastVersion);
            }
        }

        return applied;
    }
}
