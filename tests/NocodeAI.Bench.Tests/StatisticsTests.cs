namespace NocodeAI.Bench.Tests;

/// <summary>The numbers docs/benchmarks.md quotes: nearest-rank percentiles and medians of rounds.</summary>
public sealed class StatisticsTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void Percentiles_are_nearest_rank_whatever_the_order(double percentile, double expected)
    {
        Assert.Equal(expected, Statistics.Percentile(OneToHundred, percentile));
    }

    [Fact]
    public void A_p99_of_a_few_samples_is_the_slowest_one()
    {
        Assert.Equal(900, Statistics.Percentile([12, 900, 15, 11], 99));
    }

    [Fact]
    public void No_samples_give_NaN_not_zero()
    {
        Assert.True(double.IsNaN(Statistics.Percentile([], 50)));
        Assert.True(double.IsNaN(Statistics.Median([])));
        Assert.Equal("–", Statistics.Format(double.NaN));
    }

    [Theory]
    [InlineData(new double[] { 5, 1, 3 }, 3)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void The_median_of_rounds_is_the_middle_or_the_mean_of_the_two_middles(double[] values, double expected)
    {
        Assert.Equal(expected, Statistics.Median(values));
    }

    [Fact]
    public void A_round_reports_its_throughput_from_successes_only()
    {
        var round = new Round([10, 20, 30, 40], ElapsedSeconds: 2, Succeeded: 4, Failed: 6);

        Assert.Equal(2, round.PerSecond);
        Assert.Equal(20, round.P50);
        Assert.Equal(40, round.P99);
    }

    [Fact]
    public void A_scenario_quotes_the_median_of_its_rounds()
    {
        var scenario = new ScenarioResult("s", "d",
        [
            new Round([10, 100], 1, 2, 0),
            new Round([20, 200], 1, 4, 1),
            new Round([30, 300], 1, 6, 0),
        ]);

        Assert.Equal(20, scenario.MedianP50);
        Assert.Equal(200, scenario.MedianP99);
        Assert.Equal(4, scenario.MedianPerSecond);
        Assert.Equal(1, scenario.Failed);
    }
}
