using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.Infrastructure;

/// <summary>The delivery's one SQL statement, kept with the rest of the notices context's persistence code.</summary>
public static class NoticeClaims
{
    /// <summary>
    /// Up to <paramref name="batchSize"/> PENDING notices due at <paramref name="now"/>, oldest due first,
    /// locked (<c>FOR UPDATE SKIP LOCKED</c>) by the caller's transaction and tracked: replicas never take
    /// the same notice at once, the outcome is the only write a delivery costs, and a replica that dies
    /// mid-call releases its notices with its transaction. EF has no row-locking LINQ, hence SQL.
    /// </summary>
    public static Task<List<Notice>> LockDueAsync(this NoticesDbContext db, DateTime now, int batchSize, CancellationToken cancellationToken) =>
        db.Notices.FromSql($"""
            SELECT * FROM notices
            WHERE messenger_state = 'PENDING' AND next_attempt_at <= {now}
            ORDER BY next_attempt_at
            LIMIT {batchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
}
