using NocodeAI.Modeling;

namespace NocodeAI.Extraction.Selection;

/// <summary>
/// Picks the target list from a stream of scores by the request's criteria, keeping only candidates:
/// with topN, a min-heap of at most N (memory bounded by N, whatever the population); with minScore
/// alone, those at or above it. Ties are broken by customer id so the list is deterministic.
/// </summary>
public sealed class TargetSelector
{
    private static readonly Comparer<CustomerScore> Ascending = Comparer<CustomerScore>.Create((a, b) =>
    {
        var byScore = a.Score.CompareTo(b.Score);
        // A lower customer id ranks higher among equal scores, so it is "greater" here.
        return byScore != 0 ? byScore : b.CustomerId.CompareTo(a.CustomerId);
    });

    private readonly TargetCriteria _criteria;
    private readonly PriorityQueue<CustomerScore, CustomerScore>? _top;
    private readonly List<CustomerScore>? _above;

    public TargetSelector(TargetCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.TopN is null && criteria.MinScore is null)
        {
            throw new ArgumentException("A criteria needs topN, minScore or both.", nameof(criteria));
        }

        _criteria = criteria;
        if (criteria.TopN is { } topN)
        {
            _top = new PriorityQueue<CustomerScore, CustomerScore>(Math.Min(topN, 65_536), Ascending);
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
        if (_criteria.MinScore is { } minScore && score.Score < minScore)
        {
            return;
        }

        if (_above is not null)
        {
            _above.Add(score);
            return;
        }

        if (_top!.Count < _criteria.TopN!.Value)
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

    /// <summary>Min, max, mean and nearest-rank percentiles of a list sorted highest first; null when empty.</summary>
    public static ScoreSummary? Summarize(IReadOnlyList<CustomerScore> highestFirst)
    {
        ArgumentNullException.ThrowIfNull(highestFirst);
        if (highestFirst.Count == 0)
        {
            return null;
        }

        var n = highestFirst.Count;
        double sum = 0;
        foreach (var member in highestFirst)
        {
            sum += member.Score;
        }

        // Nearest rank on the ascending order: the p-th percentile is the ceil(p·n)-th smallest value.
        double Percentile(double p) => highestFirst[n - (int)Math.Ceiling(p * n)].Score;
        return new ScoreSummary(highestFirst[^1].Score, highestFirst[0].Score, sum / n, Percentile(0.5), Percentile(0.9));
    }
}
