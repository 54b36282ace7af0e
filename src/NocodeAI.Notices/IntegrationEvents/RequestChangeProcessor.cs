using NocodeAI.Messaging;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.MyRequests;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.IntegrationEvents;

/// <summary>
/// Applies changes in order: the myRequests rows and the notices they call for, committed together
/// (inside the consumer's transaction, with its inbox rows). A run of changes costs one read of its
/// rows, one write of them and one insert of its notices, however long it is. Notices are published and
/// handed to SwingChat delivery only after that commit.
/// </summary>
public sealed class RequestChangeProcessor(MyRequestProjector projector, NoticeWriter notices, UnitOfWork<NoticesDbContext> unitOfWork)
{
    public async Task ProcessAsync(IReadOnlyList<RequestChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await projector.ApplyAsync(changes, cancellationToken);
        await notices.WriteAsync(changes, cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
    }
}
