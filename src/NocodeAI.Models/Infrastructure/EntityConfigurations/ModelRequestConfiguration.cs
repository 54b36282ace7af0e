using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.Models.ModelRequests;

namespace NocodeAI.Models.Infrastructure.EntityConfigurations;

internal sealed class ModelRequestConfiguration : IEntityTypeConfiguration<ModelRequest>
{
    public void Configure(EntityTypeBuilder<ModelRequest> builder)
    {
        builder.ToTable("model_requests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.MapSagaAggregate<ModelRequest, ModelState>();
        builder.Property(x => x.Name).HasColumnName("name").HasMaxLength(ModelRequestValidator.MaxNameLength).IsRequired();
        builder.Property(x => x.Description).HasColumnName("description").HasMaxLength(ModelRequestValidator.MaxDescriptionLength);
        builder.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Spec).HasColumnName("spec").HasJsonConversion().IsRequired();
        builder.Property(x => x.Stage).HasColumnName("stage").HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Progress).HasColumnName("progress");
        builder.Property(x => x.TrainingAttempt).HasColumnName("training_attempt");
        builder.Property(x => x.TrainingCandidate).HasColumnName("training_candidate").HasMaxLength(ModelRequest.MaxCandidateLength);
        builder.Property(x => x.ApprovedAt).HasColumnName("approved_at");
        builder.Property(x => x.Metrics).HasColumnName("metrics").HasJsonConversion();
        builder.Property(x => x.ArtifactId).HasColumnName("artifact_id").HasMaxLength(200);
        builder.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2_000);
        builder.Ignore(x => x.IsFinal);

        builder.HasIndex(x => new { x.RequestedBy, x.UpdatedAt });
        builder.HasIndex(x => new { x.State, x.ApprovedAt });
        builder.HasIndex(x => x.UpdatedAt);
    }
}
