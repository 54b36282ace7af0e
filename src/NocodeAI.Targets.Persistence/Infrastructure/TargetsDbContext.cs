using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;
using NocodeAI.Targets.Infrastructure.EntityConfigurations;
using NocodeAI.Targets.TargetMembers;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Infrastructure;

public sealed class TargetsDbContext(DbContextOptions<TargetsDbContext> options) : DbContext(options)
{
    public DbSet<TargetRequest> TargetRequests => Set<TargetRequest>();

    public DbSet<TargetMember> TargetMembers => Set<TargetMember>();

    public DbSet<Readiness.ModelReadiness> ModelReadiness => Set<Readiness.ModelReadiness>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new TargetRequestConfiguration());
        modelBuilder.ApplyConfiguration(new TargetMemberConfiguration());
        modelBuilder.ApplyConfiguration(new ModelReadinessConfiguration());
        // The outbox and inbox live in this database so events commit with the state they describe.
        modelBuilder.AddMessagingTables();
    }
}
