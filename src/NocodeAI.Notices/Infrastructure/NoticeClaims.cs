using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.Infrastructure;

/// <summary>The delivery's two SQL statements, kept with the rest of the notices context's persistence code.</summary>
public static class NoticeClaims
{
    /// <summary>
    /// Up to <paramref name="batchSize"/> PENDING notices due at <paramref name="now"/>, oldest due first,
    /// locked (<c>FOR UPDATE SKIP LOCKED</c>) by the caller's transaction: replicas never take the same
    /// notice at once, and a replica that dies mid-call releases its notices with its transaction.
    /// Untracked: <see cref="RecordOutcomesAsync"/> writes what the round changed. EF has no row-locking
    /// LINQ, hence SQL.
    /// </summary>
    public static Task<List<Notice>> LockDueAsync(this NoticesDbContext db, DateTime now, int batchSize, CancellationToken cancellationToken) =>
        db.Notices.FromSql($"""
            SELECT * FROM notices
            WHERE messenger_state = 'PENDING' AND next_attempt_at <= {now}
            ORDER BY next_attempt_at
            LIMIT {batchSize}
            FOR UPDATE SKIP LOCKED
            """).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>
    /// Writes the delivery columns of a round's notices (after <see cref="Notice.Delivered"/> or
    /// <see cref="Notice.DeliveryFailed"/>) in one statement, one array per column (<c>unnest</c>):
    /// EF would send an UPDATE per notice, each planned and executed on its own.
    /// </summary>
    public static async Task RecordOutcomesAsync(this NoticesDbContext db, IReadOnlyCollection<Notice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return;
        }

        var ids = notices.Select(n => n.Id).ToArray();
        var states = notices.Select(n => n.MessengerState.ToString()).ToArray();
        var attempts = notices.Select(n => n.Attempts).ToArray();
        var lastErrors = notices.Select(n => n.LastError).ToArray();
        var nextAttemptAt = notices.Select(n => n.NextAttemptAt).ToArray();
        var sentAt = notices.Select(n => n.SentAt).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE notices AS n
            SET messenger_state = o.messenger_state, attempts = o.attempts, last_error = o.last_error,
                next_attempt_at = o.next_attempt_at, sent_at = o.sent_at
            FROM unnest({ids}, {states}, {attempts}, {lastErrors}, {nextAttemptAt}, {sentAt})
                AS o(id, messenger_state, attempts, last_error, next_attempt_at, sent_at)
            WHERE n.id = o.id
            """, cancellationToken);
    }
}
