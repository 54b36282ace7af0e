using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NocodeAI.Messaging;

/// <summary>
/// Signals the relay after outbox rows become visible: after SaveChanges when it committed on its own,
/// or after the commit of the explicit transaction it ran in (an event consumer's).
/// </summary>
public sealed class OutboxInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfPending(eventData?.Context, inTransactionOnly: false);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfPending(eventData?.Context, inTransactionOnly: false);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfPending(eventData?.Context, inTransactionOnly: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfPending(eventData?.Context, inTransactionOnly: true);
        return Task.CompletedTask;
    }

    // Contexts that saved outbox rows inside a transaction not yet committed. The tracker alone does not
    // tell: a batch consumer clears it after each handler, long before its commit.
    private readonly ConditionalWeakTable<DbContext, object> _savedInTransaction = [];

    private void NotifyIfPending(DbContext? context, bool inTransactionOnly)
    {
        if (context is null)
        {
            return;
        }

        if (!inTransactionOnly && context.Database.CurrentTransaction is not null)
        {
            // Inside an explicit transaction the rows are not visible until it commits: remember them.
            if (HasUnpublished(context))
            {
                _savedInTransaction.AddOrUpdate(context, context);
            }

            return;
        }

        if (_savedInTransaction.Remove(context) | HasUnpublished(context))
        {
            signal.Notify();
        }
    }

    // The relay updates rows without tracking them, so it never wakes itself.
    private static bool HasUnpublished(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.Entity.PublishedAt is null)
            {
                return true;
            }
        }

        return false;
    }
}
