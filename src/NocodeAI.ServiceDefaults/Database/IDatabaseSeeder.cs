using Microsoft.EntityFrameworkCore;

namespace NocodeAI.ServiceDefaults.Database;

/// <summary>Fills a service's database after migrations (e.g. development users). Must be idempotent.</summary>
public interface IDatabaseSeeder<TContext>
    where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}
