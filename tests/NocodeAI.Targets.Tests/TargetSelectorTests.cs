using NocodeAI.Extraction.Selection;
using NocodeAI.Modeling;

namespace NocodeAI.Targets.Tests;

public sealed class TargetSelectorTests
{
    private static readonly CustomerScore[] Population = Enumerable.Range(1, 1000)
        .Select(i => new CustomerScore(i, (float)((i * 7919 % 1000) / 1000.0)))
        .ToArray();

    private static CustomerScore[] Select(TargetCriteria criteria)
    {
        var selector = new TargetSelector(criteria);
        foreach (var score in Population)
        {
            selector.Add(score);
        }

        return selector.Result();
    }

    [Fact]
    public void TopN_keeps_the_N_highest_scores_highest_first()
    {
        var selected = Select(new TargetCriteria(10, null));
        var expected = Population.OrderByDescending(s => s.Score).ThenBy(s => s.CustomerId).Take(10).ToArray();
        Assert.Equal(expected, selected);
    }

    [Fact]
    public void MinScore_keeps_everyone_at_or_above_it()
    {
        var selected = Select(new TargetCriteria(null, 0.9));
        Assert.Equal(Population.Count(s => s.Score >= 0.9), selected.Length);
        Assert.All(selected, s => Assert.True(s.Score >= 0.9));
    }

    [Fact]
    public void Both_keep_the_top_N_among_those_at_or_above_the_score()
    {
        Assert.Equal(5, Select(new TargetCriteria(5, 0.5)).Length);
        Assert.Equal(Population.Count(s => s.Score >= 0.99), Select(new TargetCriteria(500, 0.99)).Length);
    }

    [Fact]
    public void TopN_larger_than_the_population_keeps_everyone() => Assert.Equal(1000, Select(new TargetCriteria(1_000_000, null)).Length);

    [Fact]
    public void Summary_uses_nearest_rank_percentiles()
    {
        var list = Enumerable.Range(1, 10).Select(i => new CustomerScore(i, i / 10f)).OrderByDescending(s => s.Score).ToArray();
        var summary = TargetSelector.Summarize(list)!;
        Assert.Equal(0.1, summary.Min, 5);
        Assert.Equal(1.0, summary.Max, 5);
        Assert.Equal(0.55, summary.Mean, 5);
        Assert.Equal(0.5, summary.P50, 5);
        Assert.Equal(0.9, summary.P90, 5);
        Assert.Null(TargetSelector.Summarize([]));
    }
}
