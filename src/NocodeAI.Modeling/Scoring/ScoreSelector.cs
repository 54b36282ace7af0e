namespace NocodeAI.Modeling;

/// <summary>
/// Picks a target list from a stream of scores by top N, minimum score or both, keeping only candidates:
/// with topN, a min-heap of at most N (memory bounded by N, whatever the population); with minScore
/// alone, those at or above it. Ties are broken by customer id so the list is deterministic. Here, beside
/// <see cref="ModelScorer"/>, so the extraction worker and the bench share the one selection.
/// </summary>
public sealed class ScoreSelector
{
    private static readonly Comparer<CustomerScore> Ascending = Comparer<CustomerScore>.Create((a, b) =>
    {
        var byScore = a.Score.CompareTo(b.Score);
        // A lower customer id ranks higher among equal scores, so it is "greater" here.
        return byScore != 0 ? byScore : b.CustomerId.CompareTo(a.CustomerId);
    });

    private readonly int? _topN;
    private readonly double? _minScore;
    private readonly PriorityQueue<CustomerScore, CustomerScore>? _top;
    private readonly List<CustomerScore>? _above;

    public ScoreSelector(int? topN, double? minScore)
    {
        if (topN is null && minScore is null)
        {
            throw new ArgumentException("A selection needs topN, minScore or both.", nameof(topN));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topN ?? 1, nameof(topN));
        _topN = topN;
        _minScore = minScore;
        if (topN is not null)
        {
            _top = new PriorityQueue<CustomerScore, CustomerScore>(Math.Min(topN.Value, 65_536), Ascending);
        }
        else
        {
            _above = [];
        }
    }

    public long Seen { get; private set; }

    public void Add(CustomerScore score)
    {
        Seen++;
        if (_minScore is { } minScore && score.Score < minScore)
        {
            return;
        }

        if (_above is not null)
        {
            _above.Add(score);
            return;
        }

        if (_top!.Count < _topN!.Value)
        {
            _top.Enqueue(score, score);
        }
        else if (Ascending.Compare(score, _top.Peek()) > 0)
        {
            _top.DequeueEnqueue(score, score);
        }
    }

    /// <summary>The selected members, highest score first (rank 1 first).</summary>
    public CustomerScore[] Result()
    {
        var selected = _above?.ToArray() ?? _top!.UnorderedItems.Select(i => i.Element).ToArray();
        Array.Sort(selected, (a, b) => Ascending.Compare(b, a));
        return selected;
    }
}
