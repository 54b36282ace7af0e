using NocodeAI.Modeling;

namespace NocodeAI.Extraction.Selection;

/// <summary>The score summary a <see cref="TargetsExtracted"/> event carries for the selected list.</summary>
public static class ScoreSummaries
{
    /// <summary>Min, max, mean and nearest-rank percentiles of a list sorted highest first; null when empty.</summary>
    public static ScoreSummary? Of(IReadOnlyList<CustomerScore> highestFirst)
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
