using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;

namespace NocodeAI.Notices.Notices;

/// <summary>The caller's own notices: list, unread count, marking read. Nobody reads another user's notices.</summary>
public sealed class NoticeService(NoticesDbContext db, TimeProvider clock)
{
    public IQueryable<Notice> Mine(Caller caller, bool unreadOnly)
    {
        caller.RequireAuthenticated();
        var query = db.Notices.AsNoTracking().Where(n => n.Recipient == caller.UserName);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id);
    }

    public Task<int> UnreadCountAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        return db.Notices.CountAsync(n => n.Recipient == caller.UserName && n.ReadAt == null, cancellationToken);
    }

    /// <summary>
    /// Marks the caller's unread notices among <paramref name="ids"/> (all of them when null) read and
    /// answers how many changed. Ids that are unknown, malformed, already read or someone else's are
    /// skipped without an error and not counted: marking read is idempotent, and answering NOT_FOUND
    /// for another user's notice would tell that it exists.
    /// </summary>
    public Task<int> MarkReadAsync(Caller caller, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        var query = db.Notices.Where(n => n.Recipient == caller.UserName && n.ReadAt == null);
        if (ids is not null)
        {
            var guids = ids.Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().Distinct().ToList();
            if (guids.Count == 0)
            {
                return Task.FromResult(0);
            }

            query = query.Where(n => guids.Contains(n.Id));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
