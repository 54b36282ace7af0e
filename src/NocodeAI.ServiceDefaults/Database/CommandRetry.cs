using Microsoft.EntityFrameworkCore;
using NocodeAI.ServiceDefaults.Errors;
using NocodeAI.ServiceDefaults.Resilience;
using Npgsql;

namespace NocodeAI.ServiceDefaults.Database;

/// <summary>
/// The one retry for a user's command (every service): the whole command — read, decide, write — runs
/// again when it did not commit because
/// <list type="bullet">
/// <item>it lost a version race (CONFLICT, most often to a progress report of the saga): re-read, the
/// guarded transition then decides against the current state, so a real clash answers
/// INVALID_STATE_TRANSITION and CONFLICT only when the races persist;</item>
/// <item>its database connection was broken (PostgreSQL restarted since the connection was pooled):
/// every idle pooled connection is as dead as this one, so the pool is cleared and the command runs
/// on a fresh connection, and a request that arrives after the database is back does not fail.</item>
/// </list>
/// A command is safe to run again: entities carry versions and ids fixed before the first try, so a
/// write that did commit before the connection broke is refused the second time, never doubled.
/// </summary>
public static class CommandRetry
{
    private const int Attempts = 3;

    public static async Task<T> RunAsync<T>(DbContext db, Func<Task<T>> command)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (NocodeException ex) when (ex.Code == ErrorCodes.Conflict && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (Exception ex) when (IsBrokenConnection(ex) && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
                if (db.Database.GetDbConnection() is NpgsqlConnection connection)
                {
                    NpgsqlConnection.ClearPool(connection);
                }

                await Task.Delay(Backoff.WithJitter(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), Random.Shared.NextDouble()));
            }
        }
    }

    public static Task RunAsync(DbContext db, Func<Task> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunAsync(db, async () =>
        {
            await command();
            return true;
        });
    }

    /// <summary>True for a connection that could not be made or was cut (Npgsql marks those transient), wherever EF wrapped it.</summary>
    public static bool IsBrokenConnection(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
