using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.Infrastructure.EntityConfigurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        // The delivery dispatcher claims rows in SQL by these names (NoticeDeliveryDispatcher).
        builder.ToTable("notices");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.Recipient).HasColumnName("recipient").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40).IsRequired();
        builder.Property(x => x.SubjectType).HasColumnName("subject_type").HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(x => x.SubjectId).HasColumnName("subject_id");
        builder.Property(x => x.SubjectVersion).HasColumnName("subject_version");
        builder.Property(x => x.Title).HasColumnName("title").HasMaxLength(300).IsRequired();
        builder.Property(x => x.Body).HasColumnName("body").HasMaxLength(4_000).IsRequired();
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.ReadAt).HasColumnName("read_at");
        builder.Property(x => x.MessengerId).HasColumnName("messenger_id").HasMaxLength(200);
        builder.Property(x => x.MessengerState).HasColumnName("messenger_state").HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(x => x.Attempts).HasColumnName("attempts");
        builder.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(Notice.MaxErrorLength);
        builder.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(x => x.SentAt).HasColumnName("sent_at");
        builder.Ignore(x => x.IsRead);

        // A user's list, newest first, and their unread count.
        builder.HasIndex(x => new { x.Recipient, x.CreatedAt });
        builder.HasIndex(x => x.Recipient).HasFilter("read_at IS NULL").HasDatabaseName("ix_notices_unread");
        // The dispatcher only ever looks at pending notices by due time.
        builder.HasIndex(x => x.NextAttemptAt).HasFilter("messenger_state = 'PENDING'").HasDatabaseName("ix_notices_pending_due");
        builder.HasIndex(x => new { x.SubjectId, x.SubjectVersion });
    }
}
