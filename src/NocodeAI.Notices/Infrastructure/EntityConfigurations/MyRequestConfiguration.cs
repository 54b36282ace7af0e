using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NocodeAI.Notices.MyRequests;

namespace NocodeAI.Notices.Infrastructure.EntityConfigurations;

internal sealed class MyRequestConfiguration : IEntityTypeConfiguration<MyRequest>
{
    /// <summary>The rebuild locks and refills the table by this name.</summary>
    public const string TableName = "my_requests";

    public void Configure(EntityTypeBuilder<MyRequest> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        builder.Property(x => x.State).HasColumnName("state").HasMaxLength(32).IsRequired();
        builder.Property(x => x.Progress).HasColumnName("progress");
        builder.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(64).IsRequired();
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        builder.Property(x => x.LastVersion).HasColumnName("last_version");

        builder.HasIndex(x => new { x.RequestedBy, x.UpdatedAt });
        builder.HasIndex(x => new { x.Kind, x.UpdatedAt });
        builder.HasIndex(x => x.UpdatedAt);
    }
}
