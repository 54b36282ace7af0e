using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NocodeAI.Access.Infrastructure;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service (which needs
/// keys and configuration); creating a migration never connects, so the connection string is a placeholder.
/// </summary>
internal sealed class AccessDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AccessDbContext>
{
    public AccessDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AccessDbContext>().UseNpgsql("Host=localhost;Database=access").Options);
}
