using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Infrastructure.EntityConfigurations;

internal sealed class TargetRequestConfiguration : IEntityTypeConfiguration<TargetRequest>
{
    public void Configure(EntityTypeBuilder<TargetRequest> builder)
    {
        builder.ToTable("target_requests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        // The extraction worker reads the state column (TargetMemberStore) to stop work on a cancelled request.
        builder.MapSagaAggregate<TargetRequest, TargetState>();
        builder.Property(x => x.Name).HasColumnName("name").HasMaxLength(TargetRequest.MaxNameLength).IsRequired();
        builder.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(64).IsRequired();
        builder.Property(x => x.ModelRequestId).HasColumnName("model_request_id");
        builder.Property(x => x.Criteria).HasColumnName("criteria").HasJsonConversion().IsRequired();
        builder.Property(x => x.Message).HasColumnName("message").IsRequired();
        builder.Property(x => x.Progress).HasColumnName("progress");
        builder.Property(x => x.ExtractionAttempt).HasColumnName("extraction_attempt");
        builder.Property(x => x.TargetCount).HasColumnName("target_count");
        builder.Property(x => x.ScoreSummary).HasColumnName("score_summary").HasJsonConversion();
        builder.Property(x => x.Dispatch).HasColumnName("dispatch").HasJsonConversion();
        builder.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2_000);
        builder.Ignore(x => x.IsFinal);

        builder.HasIndex(x => new { x.RequestedBy, x.CreatedAt });
        builder.HasIndex(x => new { x.ModelRequestId, x.CreatedAt });
        builder.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class TargetMemberConfiguration : IEntityTypeConfiguration<TargetMembers.TargetMember>
{
    public void Configure(EntityTypeBuilder<TargetMembers.TargetMember> builder)
    {
        // TargetMemberStore's binary COPY takes its table and column names from this mapping.
        builder.ToTable("target_members");
        builder.HasKey(x => new { x.TargetRequestId, x.Rank });
        builder.Property(x => x.TargetRequestId).HasColumnName("target_request_id");
        builder.Property(x => x.Rank).HasColumnName("rank");
        builder.Property(x => x.CustomerId).HasColumnName("customer_id");
        builder.Property(x => x.Score).HasColumnName("score");
    }
}

internal sealed class ModelReadinessConfiguration : IEntityTypeConfiguration<Readiness.ModelReadiness>
{
    public void Configure(EntityTypeBuilder<Readiness.ModelReadiness> builder)
    {
        builder.ToTable("model_readiness");
        builder.HasKey(x => x.ModelRequestId);
        builder.Property(x => x.ModelRequestId).HasColumnName("model_request_id").ValueGeneratedNever();
        builder.Property(x => x.Name).HasColumnName("name").HasMaxLength(100).IsRequired();
        builder.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(64).IsRequired();
        builder.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(x => x.ArtifactId).HasColumnName("artifact_id").HasMaxLength(200);
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        // Version decides which event is newer; as a concurrency token it also makes the check and the write
        // one step, so two replicas applying two events of one model at once cannot leave the older one.
        builder.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
