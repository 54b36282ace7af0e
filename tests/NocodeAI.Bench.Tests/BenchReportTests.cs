namespace NocodeAI.Bench.Tests;

/// <summary>results.json survives an --only run: the scenario re-measured is replaced, the others kept.</summary>
public sealed class BenchReportTests : IDisposable
{
    private static readonly Machine Box = new("cpu", 2, 23.5, "Debian", ".NET 10");
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");

    [Fact]
    public void An_only_run_replaces_its_scenario_in_place_and_keeps_the_others()
    {
        var first = BenchReport.Merge(null, Monday, Box, [Summary("query-gateway", 40, Monday), Summary("request-model", 400, Monday)]);

        var second = BenchReport.Merge(first, Tuesday, Box, [Summary("request-model", 20, Tuesday), Summary("training-lr-10k", 900, Tuesday)]);

        Assert.Equal(["query-gateway", "request-model", "training-lr-10k"], second.Scenarios.Select(s => s.Name));
        Assert.Equal(40, second.Scenarios[0].MedianP50Ms);
        Assert.Equal(Monday, second.Scenarios[0].MeasuredAt);
        Assert.Equal(20, second.Scenarios[1].MedianP50Ms);
        Assert.Equal(Tuesday, second.Scenarios[1].MeasuredAt);
    }

    [Fact]
    public void A_written_report_loads_back_with_its_NaNs()
    {
        var saga = Summary("saga-completed", 800, Monday) with { MedianPerSecond = double.NaN, TargetMet = true, Target = "p50 < 1 s" };
        File.WriteAllText(_path, BenchReport.Merge(null, Monday, Box, [saga]).ToJson());

        var loaded = BenchReport.TryLoad(_path);

        Assert.NotNull(loaded);
        var scenario = Assert.Single(loaded.Scenarios);
        Assert.Equal("saga-completed", scenario.Name);
        Assert.True(double.IsNaN(scenario.MedianPerSecond));
        Assert.Equal(true, scenario.TargetMet);
        Assert.Equal(800, Assert.Single(scenario.Rounds).P50Ms);
    }

    [Fact]
    public void A_file_from_before_per_scenario_times_takes_the_report_time()
    {
        File.WriteAllText(_path, """
            { "at": "2026-11-23T01:47:34+00:00", "quick": false,
              "machine": { "Cpu": "AMD EPYC", "Cores": 2, "MemoryGb": 23.5, "Os": "Debian", "Dotnet": ".NET 10" },
              "scenarios": [ { "Name": "query-gateway", "Description": "q", "medianP50Ms": 41.3, "medianP99Ms": 103.3,
                "medianPerSecond": 735, "failed": 0, "rounds": [ { "p50Ms": 41.3, "p99Ms": 103.3, "perSecond": 735, "Succeeded": 3000, "Failed": 0, "samples": 3000 } ] } ] }
            """);

        var loaded = BenchReport.TryLoad(_path);

        Assert.NotNull(loaded);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 47, 34, TimeSpan.Zero), Assert.Single(loaded.Scenarios).MeasuredAt);
        Assert.Equal(3000, loaded.Scenarios[0].Rounds[0].Samples);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{ "at": "2026-11-23T01:47:34+00:00", "scenarios": [ { "description": "no name" } ] }""")]
    public void An_unreadable_file_is_no_report_rather_than_a_crash(string text)
    {
        File.WriteAllText(_path, text);

        Assert.Null(BenchReport.TryLoad(_path));
    }

    [Fact]
    public void Scaling_rows_get_their_own_table_and_quick_rows_are_marked()
    {
        var report = BenchReport.Merge(null, Monday, Box,
            [Summary("query-gateway", 40, Monday), Summary("training-fasttree-1M", 60_000, Monday) with { Quick = true }]);

        var markdown = report.ToMarkdown();

        var scalingSection = markdown.IndexOf("## Training and extraction against row count", StringComparison.Ordinal);
        Assert.True(scalingSection > markdown.IndexOf("| query-gateway |", StringComparison.Ordinal));
        Assert.True(markdown.IndexOf("| training-fasttree-1M *(quick)* |", StringComparison.Ordinal) > scalingSection);
        Assert.Contains("![scaling](benchmarks/scaling.png)", markdown, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);

    private static ScenarioSummary Summary(string name, double p50, DateTimeOffset at) =>
        ScenarioSummary.From(new ScenarioResult(name, $"{name} described", [new Round([p50], 1, 1, 0)]), at, quick: false);
}
