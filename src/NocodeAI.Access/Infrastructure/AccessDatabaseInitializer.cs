using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NocodeAI.Access.Infrastructure;

/// <summary>
/// Prepares the database before the service accepts requests (hosted services start before the
/// server listens): applies pending migrations when <see cref="DatabaseOptions.MigrateOnStart"/> is
/// on, then, in Development only, seeds the development users. Exporting the schema never starts the
/// host, so it never comes here.
/// </summary>
public sealed class AccessDatabaseInitializer(
    IDbContextFactory<AccessDbContext> dbFactory,
    DevelopmentUsersSeeder seeder,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<AccessDatabaseInitializer> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await WaitForDatabaseAsync(cancellationToken);
        if (options.Value.MigrateOnStart)
        {
            await MigrateAsync(cancellationToken);
        }
        else
        {
            logger.LogInformation("Database:MigrateOnStart is off; not applying migrations");
        }

        if (environment.IsDevelopment())
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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

    private async Task WaitForDatabaseAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(options.Value.StartupTimeoutSeconds);
        while (true)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.Database.OpenConnectionAsync(cancellationToken);
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
