using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NocodeAI.ServiceDefaults.Database;

/// <summary>
/// Prepares a service's database before it accepts requests (hosted services start before the
/// server listens): waits for PostgreSQL, applies pending migrations when
/// <see cref="DatabaseOptions.MigrateOnStart"/> is on, then runs the registered seeders.
/// Exporting the schema never starts the host, so it never comes here.
/// </summary>
public sealed class DatabaseInitializer<TContext>(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await WaitForDatabaseAsync(db, cancellationToken);
        if (options.Value.MigrateOnStart)
        {
            await MigrateAsync(db, cancellationToken);
        }
        else
        {
            logger.LogInformation("Database:MigrateOnStart is off; not applying migrations");
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(TContext db, CancellationToken cancellationToken)
    {
        // On a fresh database Npgsql probes the missing history table and EF logs that failed query as
        // an error (npgsql/efcore.pg#3665); it is expected once, before the first migration.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date");
            return;
        }

        // EF takes a database lock while migrating, so replicas starting together apply each migration once.
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Applied {MigrationCount} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
    }

    private async Task WaitForDatabaseAsync(TContext db, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(options.Value.StartupTimeoutSeconds);
        while (true)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
                return;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline && ex.IsTransient)
            {
                logger.LogWarning("PostgreSQL is not reachable yet ({Reason}); retrying", ex.Message);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }
}
