using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.Infrastructure;

/// <summary>The consumers' notice write, in SQL next to the dispatcher's (<see cref="NoticeClaims"/>).</summary>
public static class NoticeInserts
{
    /// <summary>
    /// Inserts the notices not stored yet, in the caller's transaction, and returns the ids it inserted.
    /// One statement for a whole batch: the rows go in as one array per column (<c>unnest</c>) and
    /// <c>ON CONFLICT DO NOTHING</c> drops the ids already stored (a re-published change), so there is
    /// no read before the write and no change tracking of rows nobody changes afterwards. New notices
    /// are never read, never delivered and never failed yet, so those columns take their defaults.
    /// </summary>
    public static async Task<HashSet<Guid>> InsertNewAsync(this NoticesDbContext db, IReadOnlyCollection<Notice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return [];
        }

        var ids = notices.Select(n => n.Id).ToArray();
        var recipients = notices.Select(n => n.Recipient).ToArray();
        var kinds = notices.Select(n => n.Kind.ToString()).ToArray();
        var subjectTypes = notices.Select(n => n.SubjectType.ToString()).ToArray();
        var subjectIds = notices.Select(n => n.SubjectId).ToArray();
        var subjectVersions = notices.Select(n => n.SubjectVersion).ToArray();
        var titles = notices.Select(n => n.Title).ToArray();
        var bodies = notices.Select(n => n.Body).ToArray();
        var createdAt = notices.Select(n => n.CreatedAt).ToArray();
        var messengerIds = notices.Select(n => n.MessengerId).ToArray();
        var states = notices.Select(n => n.MessengerState.ToString()).ToArray();
        var nextAttemptAt = notices.Select(n => n.NextAttemptAt).ToArray();
        var inserted = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO notices (id, recipient, kind, subject_type, subject_id, subject_version, title, body,
                                 created_at, messenger_id, messenger_state, attempts, next_attempt_at)
            SELECT id, recipient, kind, subject_type, subject_id, subject_version, title, body,
                   created_at, messenger_id, messenger_state, 0, next_attempt_at
            FROM unnest({ids}, {recipients}, {kinds}, {subjectTypes}, {subjectIds}, {subjectVersions}, {titles}, {bodies},
                        {createdAt}, {messengerIds}, {states}, {nextAttemptAt})
                AS n(id, recipient, kind, subject_type, subject_id, subject_version, title, body,
                     created_at, messenger_id, messenger_state, next_attempt_at)
            ON CONFLICT (id) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return [.. inserted];
    }
}
