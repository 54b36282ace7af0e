using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.MyRequests;

namespace NocodeAI.Notices.Infrastructure;

/// <summary>The consumers' myRequests write, in SQL beside the notice insert (<see cref="NoticeInserts"/>).</summary>
public static class MyRequestWrites
{
    /// <summary>
    /// Writes the rows a run of changes created or moved, in the caller's transaction, in one statement:
    /// one array per column (<c>unnest</c>), inserted or updated on the id. The version guard is repeated
    /// in SQL, so a row that something else (a rebuild) has moved past a version meanwhile is left as it
    /// is. No change tracking: EF's update pipeline cost more per event than the write itself, and a
    /// consumer started into a backlog spent part of its drain compiling it.
    /// </summary>
    public static async Task UpsertAsync(this NoticesDbContext db, IReadOnlyCollection<MyRequest> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var kinds = rows.Select(r => r.Kind.ToString()).ToArray();
        var names = rows.Select(r => r.Name).ToArray();
        var states = rows.Select(r => r.State).ToArray();
        var progress = rows.Select(r => r.Progress).ToArray();
        var requestedBy = rows.Select(r => r.RequestedBy).ToArray();
        var updatedAt = rows.Select(r => r.UpdatedAt).ToArray();
        var versions = rows.Select(r => r.LastVersion).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO my_requests (id, kind, name, state, progress, requested_by, updated_at, last_version)
            SELECT id, kind, name, state, progress, requested_by, updated_at, last_version
            FROM unnest({ids}, {kinds}, {names}, {states}, {progress}, {requestedBy}, {updatedAt}, {versions})
                AS r(id, kind, name, state, progress, requested_by, updated_at, last_version)
            ON CONFLICT (id) DO UPDATE SET
                kind = excluded.kind, name = excluded.name, state = excluded.state, progress = excluded.progress,
                requested_by = excluded.requested_by, updated_at = excluded.updated_at, last_version = excluded.last_version
            WHERE my_requests.last_version < excluded.last_version
            """, cancellationToken);
    }
}
