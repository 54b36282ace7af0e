using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NocodeAI.ServiceDefaults.Database;

namespace NocodeAI.Messaging.Tests;

/// <summary>
/// A save of inserts only runs without BEGIN/COMMIT, yet stays all-or-nothing (the batch is one implicit
/// transaction); a save with an update keeps its transaction, so a failed concurrency check undoes it all.
/// </summary>
public sealed class InsertOnlyBatchTests
{
    [Fact]
    public async Task Inserts_alone_are_saved_in_one_batch_without_a_transaction()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var transactions = new TransactionCounter();
        await using var db = CreateDbContext(env, transactions);
        db.Things.AddRange(new Thing { Id = Guid.NewGuid(), Name = "one" }, new Thing { Id = Guid.NewGuid(), Name = "two" });

        await db.SaveChangesAsync();

        Assert.Equal(0, transactions.Started);
        await using var check = env.CreateDbContext();
        Assert.Equal(["one", "two"], await check.Things.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync());
    }

    [Fact]
    public async Task Inserts_that_take_more_than_one_batch_get_a_transaction()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var transactions = new TransactionCounter();
        await using var db = CreateDbContext(env, transactions, maxBatchSize: 1);
        db.Things.AddRange(new Thing { Id = Guid.NewGuid(), Name = "one" }, new Thing { Id = Guid.NewGuid(), Name = "two" });

        await db.SaveChangesAsync();

        Assert.Equal(1, transactions.Started);
        await using var check = env.CreateDbContext();
        Assert.Equal(2, await check.Things.CountAsync());
    }

    [Fact]
    public async Task A_failing_insert_takes_the_inserts_before_it_in_the_batch_with_it()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var taken = Guid.Parse("ffffffff-0000-0000-0000-000000000001");
        await using (var seed = env.CreateDbContext())
        {
            seed.Things.Add(new Thing { Id = taken, Name = "already there" });
            await seed.SaveChangesAsync();
        }

        var transactions = new TransactionCounter();
        await using var db = CreateDbContext(env, transactions);
        var fresh = Guid.Parse("00000000-0000-0000-0000-000000000001");
        db.Things.AddRange(new Thing { Id = fresh, Name = "new" }, new Thing { Id = taken, Name = "duplicate" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        // The new row's insert came first in the batch (its id is the first parameter), so it had run
        // when the duplicate failed: only the batch's implicit transaction can have taken it back.
        Assert.Equal(fresh, transactions.FirstParameterOfLastCommand);
        Assert.Equal(0, transactions.Started);
        await using var check = env.CreateDbContext();
        Assert.Equal(["already there"], await check.Things.Select(t => t.Name).ToListAsync());
    }

    [Fact]
    public async Task An_update_keeps_its_transaction_so_a_failed_concurrency_check_undoes_the_inserts_too()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var id = Guid.NewGuid();
        await using (var seed = env.CreateDbContext())
        {
            seed.Things.Add(new Thing { Id = id, Name = "before", Version = 1 });
            await seed.SaveChangesAsync();
        }

        var transactions = new TransactionCounter();
        await using var db = CreateDbContext(env, transactions);
        var thing = await db.Things.SingleAsync(t => t.Id == id);
        thing.Name = "after";
        thing.Version = 2;
        db.Entry(thing).Property(t => t.Version).OriginalValue = 7; // someone else moved it on: 0 rows updated
        db.Things.Add(new Thing { Id = Guid.NewGuid(), Name = "its outbox row, say" });

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        Assert.Equal(1, transactions.Started);
        await using var check = env.CreateDbContext();
        Assert.Equal(["before"], await check.Things.Select(t => t.Name).ToListAsync());
    }

    private static TestDbContext CreateDbContext(TestEnvironment env, TransactionCounter transactions, int? maxBatchSize = null)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>()
            .UseNpgsql(TestEnvironment.PostgresConnectionString, npgsql => npgsql.MaxBatchSize(maxBatchSize ?? 1000))
            .ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>()
            .AddInterceptors(transactions);
        options.UseInsertOnlyBatchesWithoutTransaction();
        return new TestDbContext(options.Options, new TestSchema(env.Id));
    }

    /// <summary>Counts the transactions EF starts, and keeps the first parameter of the last command it sent.</summary>
    private sealed class TransactionCounter : DbTransactionInterceptor, IDbCommandInterceptor
    {
        private int _started;

        public int Started => _started;

        public object? FirstParameterOfLastCommand { get; private set; }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            FirstParameterOfLastCommand = command.Parameters.Count > 0 ? command.Parameters[0].Value : null;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _started);
            return base.TransactionStartedAsync(connection, eventData, result, cancellationToken);
        }
    }
}
