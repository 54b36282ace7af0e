using Microsoft.EntityFrameworkCore;

namespace NocodeAI.Notices.Infrastructure;

/// <summary>The delivery's one SQL statement, kept with the rest of the notices context's persistence code.</summary>
public static class NoticeClaims
{
    /// <summary>
    /// Leases up to <paramref name="batchSize"/> PENDING notices due at <paramref name="now"/> until
    /// <paramref name="leaseUntil"/> and returns their ids. <c>FOR UPDATE SKIP LOCKED</c>: replicas never
    /// claim the same notice at once, and a replica that dies mid-call leaves its notices due again when
    /// the lease runs out. EF has no UPDATE … RETURNING with row locks, hence SQL.
    /// </summary>
    public static Task<List<Guid>> ClaimDueAsync(this NoticesDbContext db, DateTime now, DateTime leaseUntil, int batchSize, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid>($"""
            UPDATE notices SET next_attempt_at = {leaseUntil}
            WHERE id IN (
                SELECT id FROM notices
                WHERE messenger_state = 'PENDING' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
}
