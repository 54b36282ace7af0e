using Microsoft.EntityFrameworkCore;
using NocodeAI.Models.Contracts;
using NocodeAI.Models.Infrastructure;
using NocodeAI.Models.ModelRequests;
using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.Tests;

public sealed class ModelsMigrationsTests
{
    [Fact]
    public void The_migrations_describe_the_whole_model()
    {
        // Builds the model only; nothing connects.
        using var db = new ModelsDbContext(new DbContextOptionsBuilder<ModelsDbContext>().UseNpgsql("Host=localhost;Database=models").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The models model changed without a migration (dotnet ef migrations add).");
    }

    [Fact]
    public void The_history_column_holds_the_aggregates_history_in_the_json_rows_already_have()
    {
        using var db = new ModelsDbContext(new DbContextOptionsBuilder<ModelsDbContext>().UseNpgsql("Host=localhost;Database=models").Options);
        var history = db.Model.FindEntityType(typeof(ModelRequest))!.FindProperty("_history")!;
        var converter = history.GetTypeMapping().Converter!;
        const string Stored = """[{"state":"REQUESTED","at":"2026-11-22T09:00:00Z","by":"analyst","note":null}]""";
        List<HistoryEntry<ModelState>> entries = [new(ModelState.REQUESTED, new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc), "analyst", null)];

        // A shadow property would build the same table and silently store nothing of the aggregate's history.
        Assert.False(history.IsShadowProperty());
        Assert.Equal(entries, (List<HistoryEntry<ModelState>>)converter.ConvertFromProvider(Stored)!);
        Assert.Equal(Stored, converter.ConvertToProvider(entries));
    }
}
