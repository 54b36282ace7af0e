using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.IntegrationEvents;

namespace NocodeAI.Notices.MyRequests;

/// <summary>Creates or updates the myRequests row of a change, in the caller's unit of work.</summary>
public sealed class MyRequestProjector(NoticesDbContext db, ILogger<MyRequestProjector> logger)
{
    public async Task<bool> ApplyAsync(RequestChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var row = await db.MyRequests.FirstOrDefaultAsync(r => r.Id == change.RequestId, cancellationToken);
        if (row is null)
        {
            db.MyRequests.Add(MyRequest.From(change));
            return true;
        }

        if (row.Apply(change))
        {
            return true;
        }

        logger.LogDebug("Ignored version {Version} of {Kind} {RequestId}: the row is at version {LastVersion}",
            change.Version, change.Kind, change.RequestId, row.LastVersion);
        return false;
    }
}
