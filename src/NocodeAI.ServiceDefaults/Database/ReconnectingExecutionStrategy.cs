using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace NocodeAI.ServiceDefaults.Database;

/// <summary>
/// After PostgreSQL restarts, every connection pooled before is dead, and each would fail one request
/// more. This strategy runs a query or a SaveChanges again when its connection broke, after clearing
/// the pool, so requests that arrive once the database is back succeed. Inside an explicit transaction
/// it does not retry a single statement (the rest of the transaction is gone with the connection): the
/// transaction's owner runs the whole of it again (<see cref="CommandRetry"/>, a consumer's redelivery).
/// </summary>
public sealed class ReconnectingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 2, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)
{
    private DatabaseFacade Database => Dependencies.CurrentContext.Context.Database;

    protected override void OnFirstExecution()
    {
        if (Database.CurrentTransaction is not null)
        {
            // The base class refuses user-started transactions because it could not retry them; here
            // they simply run without retries.
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (Database.CurrentTransaction is not null || !base.ShouldRetryOn(exception))
        {
            return false;
        }

        if (Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }

        return true;
    }
}
