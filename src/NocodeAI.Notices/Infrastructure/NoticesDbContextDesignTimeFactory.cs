using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NocodeAI.Notices.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service; it never connects.</summary>
internal sealed class NoticesDbContextDesignTimeFactory : IDesignTimeDbContextFactory<NoticesDbContext>
{
    public NoticesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NoticesDbContext>().UseNpgsql("Host=localhost;Database=notices").Options);
}
