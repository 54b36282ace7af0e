using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Infrastructure;

namespace NocodeAI.Access.Tests;

public sealed class AccessMigrationsTests
{
    [Fact]
    public void The_migrations_describe_the_whole_model()
    {
        // Builds the model only; nothing connects.
        using var db = new AccessDbContext(new DbContextOptionsBuilder<AccessDbContext>().UseNpgsql("Host=localhost;Database=access").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The access model changed without a migration (dotnet ef migrations add).");
    }
}
