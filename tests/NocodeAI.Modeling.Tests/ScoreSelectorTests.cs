namespace NocodeAI.Modeling.Tests;

public sealed class ScoreSelectorTests
{
    private static readonly CustomerScore[] Population = Enumerable.Range(1, 1000)
        .Select(i => new CustomerScore(i, (float)((i * 7919 % 1000) / 1000.0)))
        .ToArray();

    private static CustomerScore[] Select(int? topN, double? minScore)
    {
        var selector = new ScoreSelector(topN, minScore);
        foreach (var score in Population)
        {
            selector.Add(score);
        }

        Assert.Equal(Population.Length, selector.Seen);
        return selector.Result();
    }

    [Fact]
    public void TopN_keeps_the_N_highest_scores_highest_first()
    {
        var selected = Select(10, null);
        var expected = Population.OrderByDescending(s => s.Score).ThenBy(s => s.CustomerId).Take(10).ToArray();
        Assert.Equal(expected, selected);
    }

    [Fact]
    public void Equal_scores_rank_the_lower_customer_id_first()
    {
        var selector = new ScoreSelector(2, null);
        foreach (var id in new long[] { 9, 3, 7, 5 })
        {
            selector.Add(new CustomerScore(id, 0.5f));
        }

        Assert.Equal([3L, 5L], selector.Result().Select(s => s.CustomerId));
    }

    [Fact]
    public void MinScore_keeps_everyone_at_or_above_it_highest_first()
    {
        var selected = Select(null, 0.9);
        Assert.Equal(Population.Count(s => s.Score >= 0.9), selected.Length);
        Assert.All(selected, s => Assert.True(s.Score >= 0.9));
        Assert.Equal(selected.OrderByDescending(s => s.Score).ThenBy(s => s.CustomerId), selected);
    }

    [Fact]
    public void Both_keep_the_top_N_among_those_at_or_above_the_score()
    {
        Assert.Equal(5, Select(5, 0.5).Length);
        Assert.Equal(Population.Count(s => s.Score >= 0.99), Select(500, 0.99).Length);
    }

    [Fact]
    public void TopN_larger_than_the_population_keeps_everyone() => Assert.Equal(1000, Select(1_000_000, null).Length);

    [Fact]
    public void A_selection_without_criteria_or_with_a_non_positive_topN_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ScoreSelector(null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreSelector(0, null));
    }
}
