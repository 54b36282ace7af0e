using NocodeAI.Extraction.Selection;
using NocodeAI.Modeling;

namespace NocodeAI.Targets.Tests;

public sealed class ScoreSummariesTests
{
    [Fact]
    public void Summary_uses_nearest_rank_percentiles()
    {
        var list = Enumerable.Range(1, 10).Select(i => new CustomerScore(i, i / 10f)).OrderByDescending(s => s.Score).ToArray();
        var summary = ScoreSummaries.Of(list)!;
        Assert.Equal(0.1, summary.Min, 5);
        Assert.Equal(1.0, summary.Max, 5);
        Assert.Equal(0.55, summary.Mean, 5);
        Assert.Equal(0.5, summary.P50, 5);
        Assert.Equal(0.9, summary.P90, 5);
    }

    [Fact]
    public void An_empty_list_has_no_summary() => Assert.Null(ScoreSummaries.Of([]));
}
