using Microsoft.EntityFrameworkCore;
using NocodeAI.Models.Infrastructure;

namespace NocodeAI.Models.Tests;

public sealed class ModelsMigrationsTests
{
    [Fact]
    public void The_migrations_describe_the_whole_model()
    {
        // Builds the model only; nothing connects.
        using var db = new ModelsDbContext(new DbContextOptionsBuilder<ModelsDbContext>().UseNpgsql("Host=localhost;Database=models").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The models model changed without a migration (dotnet ef migrations add).");
    }
}
