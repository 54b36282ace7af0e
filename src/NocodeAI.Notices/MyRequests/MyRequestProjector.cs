using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.IntegrationEvents;

namespace NocodeAI.Notices.MyRequests;

/// <summary>
/// Creates or updates the myRequests rows of changes, in order, in the caller's transaction: the rows are
/// read once, the changes applied to them in memory (<see cref="MyRequest.Apply"/>), and the rows that
/// changed written back in one statement.
/// </summary>
public sealed class MyRequestProjector(NoticesDbContext db, ILogger<MyRequestProjector> logger)
{
    /// <summary>Applies each change through the version guard: a stale or repeated one changes nothing.</summary>
    public async Task ApplyAsync(IReadOnlyList<RequestChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ids = changes.Select(c => c.RequestId).Distinct().ToList();
        var rows = await db.MyRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var changed = new Dictionary<Guid, MyRequest>();
        foreach (var change in changes)
        {
            if (!rows.TryGetValue(change.RequestId, out var row))
            {
                row = MyRequest.From(change);
                rows.Add(row.Id, row);
                changed[row.Id] = row;
            }
            else if (row.Apply(change))
            {
                changed[row.Id] = row;
            }
            else
            {
                logger.LogDebug("Ignored version {Version} of {Kind} {RequestId}: the row is at version {LastVersion}",
                    change.Version, change.Kind, change.RequestId, row.LastVersion);
            }
        }

        await db.UpsertAsync(changed.Values, cancellationToken);
    }
}
