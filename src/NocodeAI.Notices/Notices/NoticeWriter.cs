using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Messaging;
using NocodeAI.Notices.Delivery;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.IntegrationEvents;
using NocodeAI.Notices.Recipients;

namespace NocodeAI.Notices.Notices;

/// <summary>
/// Writes the notices a change calls for (SPEC §4): one to the requester for every state change, and
/// one to every APPROVER when a request starts waiting for approval. A notice's id is derived from
/// the request, its version and the recipient, so the same change applied twice (a re-published
/// event) writes nothing new, while a change never seen before is always told, even out of order. After the commit each new notice goes to its recipient's
/// subscriptions and the delivery dispatcher is woken.
/// </summary>
public sealed class NoticeWriter(
    NoticesDbContext db,
    IRecipientDirectory directory,
    NoticeTemplates templates,
    AfterCommit afterCommit,
    IChangeFeed changeFeed,
    DeliverySignal deliverySignal,
    IOptions<NoticesOptions> options,
    TimeProvider clock,
    ILogger<NoticeWriter> logger)
{
    public async Task<IReadOnlyList<Notice>> WriteAsync(IReadOnlyList<RequestChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = clock.GetUtcNow().UtcDateTime;
        // Lists show notices newest first by their time. A run often holds several changes of one request
        // (approved, then training started): each change is stamped a microsecond (PostgreSQL's resolution)
        // after the one before it, in the order they came. One time for the whole run left them in id order.
        var planned = changes.Select((change, i) => (Change: change, At: now.AddTicks(i * TimeSpan.TicksPerMicrosecond)))
            .Where(c => Tells(c.Change, now))
            .SelectMany(c => Recipients(c.Change).Select(r => Notice.Create(
                NoticeId(c.Change, r.UserName),
                r.UserName,
                directory.MessengerIdOf(r.UserName),
                r.Kind,
                c.Change.Kind,
                c.Change.RequestId,
                c.Change.Version,
                templates.Render(r.Kind, c.Change),
                c.At)))
            .ToList();
        if (planned.Count == 0)
        {
            return [];
        }

        // One statement for the whole run; DistinctBy: the same change twice in a run is told once.
        var inserted = await db.InsertNewAsync([.. planned.DistinctBy(n => n.Id)], cancellationToken);
        var fresh = planned.Where(n => inserted.Remove(n.Id)).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        var views = fresh.Select(NoticeView.From).ToList();
        afterCommit.Add(ct =>
        {
            deliverySignal.Notify();
            // Started together, the publishes go out pipelined on the one Redis connection, in this order.
            return Task.WhenAll(views.Select(view => changeFeed.PublishAsync(NoticeView.Topic, view, ct)));
        });
        return fresh;
    }

    private bool Tells(RequestChange change, DateTime now)
    {
        if (change.Notice is null)
        {
            return false;
        }

        if (now - change.OccurredAt > options.Value.MaxEventAge)
        {
            logger.LogInformation("No notice for version {Version} of {Kind} {RequestId}: the change is older than {MaxEventAge}",
                change.Version, change.Kind, change.RequestId, options.Value.MaxEventAge);
            return false;
        }

        return true;
    }

    /// <summary>
    /// One notice per recipient per change: a request's version names one change, so the same version
    /// arriving again (re-published under another envelope id, or a stale copy) gives the same id.
    /// </summary>
    public static Guid NoticeId(RequestChange change, string recipient)
    {
        ArgumentNullException.ThrowIfNull(change);
        return EventEnvelope.DeterministicId($"notice/{change.Kind}/{change.RequestId}/{change.Version}/{recipient}");
    }

    private IEnumerable<(string UserName, NoticeKind Kind)> Recipients(RequestChange change)
    {
        yield return (change.RequestedBy, change.Notice!.Value);
        if (change.Notice != NoticeKind.REQUEST_SUBMITTED)
        {
            yield break;
        }

        // The requester already has the submission notice; an approver who asked is not told twice.
        foreach (var approver in directory.Approvers.Where(a => !string.Equals(a, change.RequestedBy, StringComparison.Ordinal)))
        {
            yield return (approver, NoticeKind.APPROVAL_REQUESTED);
        }
    }
}
