using Microsoft.EntityFrameworkCore;

namespace NocodeAI.Messaging;

/// <summary>The one way a consumer records what it handles: a multi-row insert that returns the ids it had not seen.</summary>
internal static class InboxRecords
{
    /// <summary>Inserts inbox rows for <paramref name="ids"/> in the caller's transaction; returns the ids recorded now (first time).</summary>
    public static async Task<HashSet<Guid>> RecordNewAsync(DbContext db, string consumer, Guid[] ids, DateTimeOffset handledAt, CancellationToken cancellationToken)
    {
        var insert = $"INSERT INTO {MessagingTables.Of(db).Inbox} (consumer, event_id, handled_at) " +
            "SELECT {0}, id, {2} FROM unnest({1}) AS batch(id) ON CONFLICT DO NOTHING RETURNING event_id AS \"Value\"";
        return [.. await db.Database.SqlQueryRaw<Guid>(insert, consumer, ids, handledAt).ToListAsync(cancellationToken)];
    }
}
