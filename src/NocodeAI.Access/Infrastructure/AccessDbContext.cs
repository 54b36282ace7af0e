using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Infrastructure.EntityConfigurations;
using NocodeAI.Access.Users;

namespace NocodeAI.Access.Infrastructure;

public sealed class AccessDbContext(DbContextOptions<AccessDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new UserConfiguration());
}
