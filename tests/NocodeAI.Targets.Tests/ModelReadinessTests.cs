using Microsoft.EntityFrameworkCore;
using NocodeAI.Models.Contracts;
using NocodeAI.Targets.Infrastructure;
using NocodeAI.Targets.Readiness;

namespace NocodeAI.Targets.Tests;

/// <summary>N1: the targets service's replica of a model's readiness never goes backwards.</summary>
public sealed class ModelReadinessTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ModelMetrics Metrics = new(0.81, 0.77, 0.6, 0.45, 8000, 2000, 1234, [new FeatureImportance("tenure_months", 0.1)]);

    [Fact]
    public void An_older_event_after_a_newer_one_changes_nothing_and_a_newer_one_applies()
    {
        var id = Guid.NewGuid();
        var row = new ModelReadiness { ModelRequestId = id };

        Assert.True(row.Apply(new ModelCompleted(id, "churn", "analyst", "system", T0.AddMinutes(5), Metrics, "artifact-1"), 4));
        // ModelApproved (version 2) retried and delivered after the completion (version 4).
        Assert.False(row.Apply(new ModelApproved(id, "churn", "analyst", "approver", T0, 1), 2));
        Assert.False(row.Apply(new ModelCompleted(id, "churn", "analyst", "system", T0.AddMinutes(5), Metrics, "artifact-1"), 4));

        Assert.Equal(ModelState.COMPLETED, row.State);
        Assert.Equal("artifact-1", row.ArtifactId);
        Assert.Equal(4, row.Version);
        Assert.Equal(T0.AddMinutes(5), row.UpdatedAt);

        Assert.True(row.Apply(new ModelFailed(id, "churn", "analyst", "system", T0.AddMinutes(9), "gone"), 5));
        Assert.Equal(ModelState.FAILED, row.State);
        Assert.Equal(5, row.Version);
    }

    [Fact]
    public void The_readiness_version_is_a_concurrency_token_so_two_replicas_cannot_both_write_on_one_reading()
    {
        using var db = NewContext();
        var version = db.Model.FindEntityType(typeof(ModelReadiness))!.FindProperty(nameof(ModelReadiness.Version))!;

        // Without it, replica A (event 5) and replica B (event 4) could both read version 3 and B write last.
        Assert.True(version.IsConcurrencyToken);
    }

    [Fact]
    public void The_migrations_describe_the_whole_model()
    {
        using var db = NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), "The targets model changed without a migration (dotnet ef migrations add).");
    }

    // Builds the model only; nothing connects.
    private static TargetsDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TargetsDbContext>().UseNpgsql("Host=localhost;Database=targets").Options);
}
