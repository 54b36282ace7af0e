using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;
using NocodeAI.Models.Infrastructure.EntityConfigurations;
using NocodeAI.Models.ModelRequests;

namespace NocodeAI.Models.Infrastructure;

public sealed class ModelsDbContext(DbContextOptions<ModelsDbContext> options) : DbContext(options)
{
    public DbSet<ModelRequest> ModelRequests => Set<ModelRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ModelRequestConfiguration());
        // The outbox and inbox live in this database so events commit with the state they describe.
        modelBuilder.AddMessagingTables();
    }
}
