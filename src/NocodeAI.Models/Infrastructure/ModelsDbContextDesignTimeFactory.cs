using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NocodeAI.Models.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service; it never connects.</summary>
internal sealed class ModelsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<ModelsDbContext>
{
    public ModelsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ModelsDbContext>().UseNpgsql("Host=localhost;Database=models").Options);
}
