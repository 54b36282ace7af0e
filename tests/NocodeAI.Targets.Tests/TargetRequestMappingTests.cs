using Microsoft.EntityFrameworkCore;
using NocodeAI.Targets.Infrastructure;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Tests;

public sealed class TargetRequestMappingTests
{
    [Fact]
    public void The_history_column_is_the_aggregates_history_field_not_a_shadow_property()
    {
        // Builds the model only; nothing connects. A shadow property would build the same table and store nothing.
        using var db = new TargetsDbContext(new DbContextOptionsBuilder<TargetsDbContext>().UseNpgsql("Host=localhost;Database=targets").Options);
        var history = db.Model.FindEntityType(typeof(TargetRequest))!.FindProperty("_history")!;

        Assert.False(history.IsShadowProperty());
        Assert.Equal("history", history.GetColumnName());
    }
}
