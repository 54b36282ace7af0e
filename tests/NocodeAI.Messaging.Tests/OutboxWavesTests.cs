namespace NocodeAI.Messaging.Tests;

/// <summary>The relay's waves: acknowledgements awaited together, never two rows of one aggregate in flight at once.</summary>
public sealed class OutboxWavesTests
{
    [Fact]
    public void Rows_of_different_aggregates_share_a_wave_and_an_aggregate_keeps_its_order_across_waves()
    {
        string[] rows = ["a1", "b1", "a2", "c1", "a3", "b2"];

        var waves = OutboxRelay<DbContext>.Waves(rows, r => r[..1]);

        Assert.Equal([["a1", "b1", "c1"], ["a2", "b2"], ["a3"]], waves);
    }

    [Fact]
    public void A_batch_of_distinct_aggregates_is_one_wave()
    {
        var rows = Enumerable.Range(0, 100).Select(i => $"x{i}").ToList();

        var wave = Assert.Single(OutboxRelay<DbContext>.Waves(rows, r => r));

        Assert.Equal(rows, wave);
    }
}
