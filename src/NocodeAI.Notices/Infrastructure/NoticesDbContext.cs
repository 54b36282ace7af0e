using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;
using NocodeAI.Notices.Infrastructure.EntityConfigurations;
using NocodeAI.Notices.MyRequests;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.Infrastructure;

public sealed class NoticesDbContext(DbContextOptions<NoticesDbContext> options) : DbContext(options)
{
    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<MyRequest> MyRequests => Set<MyRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new NoticeConfiguration());
        modelBuilder.ApplyConfiguration(new MyRequestConfiguration());
        // The inbox lives here so an event's notices and projection commit with its inbox row. This
        // service emits no events, so its outbox table stays empty and no relay runs.
        modelBuilder.AddMessagingTables();
    }
}
