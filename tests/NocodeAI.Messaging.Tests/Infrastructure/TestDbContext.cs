using Microsoft.EntityFrameworkCore.Infrastructure;

namespace NocodeAI.Messaging.Tests.Infrastructure;

/// <summary>A service-like DbContext: one table of its own plus the messaging tables, in a schema per test.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options, TestSchema schema) : DbContext(options)
{
    public string Schema { get; } = schema.Name;

    public DbSet<Thing> Things => Set<Thing>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A default schema also proves the messaging SQL addresses the tables by their mapped, qualified names.
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Thing>(b =>
        {
            b.ToTable("things");
            b.HasKey(t => t.Id);
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.Version).IsConcurrencyToken();
        });
        modelBuilder.AddMessagingTables();
    }
}

public sealed record TestSchema(string Name);

public sealed class Thing
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public long Version { get; set; }
}

/// <summary>The model depends on the schema, so EF must cache one model per schema, not per context type.</summary>
internal sealed class SchemaModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as TestDbContext)?.Schema, designTime);
}
