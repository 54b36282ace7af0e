using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace NocodeAI.ServiceDefaults.Database;

public static class InsertOnlyBatchExtensions
{
    /// <summary>
    /// SaveChanges without BEGIN and COMMIT when all it writes is inserts in one batch (see
    /// <see cref="InsertOnlyBatchFactory"/>): one round trip instead of two for a new aggregate and its
    /// outbox row, such as every <c>requestModel</c>.
    /// </summary>
    public static DbContextOptionsBuilder UseInsertOnlyBatchesWithoutTransaction(this DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ReplaceService<IModificationCommandBatchFactory, InsertOnlyBatchFactory>();
    }
}

#pragma warning disable EF1001 // Npgsql's batch is public but lives in an .Internal namespace; what is used of it is its constructor.

/// <summary>
/// Npgsql's batches, told that a batch of inserts only needs no transaction of its own. Npgsql sends a
/// batch with one Sync, so PostgreSQL runs all of it as one implicit transaction: every row or none, and
/// an insert either writes its row or fails on the server. EF still starts a transaction when a save
/// takes more than one batch, and a batch with an update or a delete keeps it: the concurrency check
/// (rows affected) is made by the client after the batch ran, and must be able to roll it back.
/// </summary>
internal sealed class InsertOnlyBatchFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options)
    : IModificationCommandBatchFactory
{
    // Npgsql's own default when MaxBatchSize is not set.
    private readonly int _maxBatchSize = RelationalOptionsExtension.Extract(options).MaxBatchSize ?? 1000;

    public ModificationCommandBatch Create() => new InsertOnlyBatch(dependencies, _maxBatchSize);

    private sealed class InsertOnlyBatch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
        : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
    {
        private bool _insertsOnly = true;

        protected override void AddCommand(IReadOnlyModificationCommand modificationCommand)
        {
            base.AddCommand(modificationCommand);
            // Never set back once false, even if this command is then rolled back for a full batch: a
            // transaction too many is safe, one too few is not.
            _insertsOnly &= modificationCommand.EntityState == EntityState.Added;
            if (_insertsOnly)
            {
                SetRequiresTransaction(false);
            }
        }
    }
}
