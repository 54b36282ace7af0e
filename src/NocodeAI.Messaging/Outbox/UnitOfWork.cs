using Microsoft.EntityFrameworkCore;

namespace NocodeAI.Messaging;

/// <summary>
/// The one way a use case commits: SaveChanges (state and outbox rows together), then the
/// <see cref="AfterCommit"/> actions. Inside an explicit transaction, such as the one an event consumer
/// holds around its inbox row and handler, it only saves: the transaction's owner runs the actions
/// after its own commit, because until then nothing is committed.
/// </summary>
public sealed class UnitOfWork<TContext>(TContext db, AfterCommit afterCommit)
    where TContext : DbContext
{
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            afterCommit.Clear();
            throw;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            return;
        }

        await afterCommit.RunAsync(cancellationToken);
    }
}
