using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NocodeAI.Targets.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service; it never connects.</summary>
internal sealed class TargetsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<TargetsDbContext>
{
    public TargetsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TargetsDbContext>().UseNpgsql("Host=localhost;Database=targets").Options);
}
