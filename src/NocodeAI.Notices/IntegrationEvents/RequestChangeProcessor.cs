using NocodeAI.Messaging;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.MyRequests;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.IntegrationEvents;

/// <summary>
/// Applies one change: the myRequests row and the notices it calls for, committed together (inside
/// the consumer's transaction, with its inbox row). Notices are published and handed to SwingChat
/// delivery only after that commit.
/// </summary>
public sealed class RequestChangeProcessor(MyRequestProjector projector, NoticeWriter notices, UnitOfWork<NoticesDbContext> unitOfWork)
{
    public async Task ProcessAsync(RequestChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await projector.ApplyAsync(change, cancellationToken);
        await notices.WriteAsync(change, cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
    }
}
