namespace NocodeAI.Modeling;

/// <summary>
/// Permutation feature importance per original column: shuffle one column of a bounded validation sample and
/// measure how much the AUC drops. Shuffling the raw column (not each one-hot slot) gives categorical
/// columns one honest number, and the sample bound keeps it to a second or so whatever the table size.
/// </summary>
internal static class PermutationImportance
{
    public const int MaxRows = 2000;
    public const int Repeats = 3;

    public static List<FeatureImportance> Compute(ITransformer model, ColumnarData validation, int seed, Action<double> onProgress, CancellationToken cancellationToken)
    {
        var sample = validation.Take(MaxRows);
        var baseline = Auc(model, sample);
        var random = new Random(seed);
        var importances = new List<FeatureImportance>(sample.Features.Count);
        for (var column = 0; column < sample.Features.Count; column++)
        {
            var drop = 0.0;
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                drop += baseline - Auc(model, sample.WithShuffledColumn(column, random));
            }

            importances.Add(new FeatureImportance(sample.Features[column].Name, Math.Round(drop / Repeats, 6)));
            onProgress((column + 1) / (double)sample.Features.Count);
        }

        return importances.OrderByDescending(i => i.Importance).ThenBy(i => i.Feature, StringComparer.Ordinal).ToList();
    }

    public static double Auc(ITransformer model, ColumnarData data)
    {
        var scores = model.Transform(data.AsDataView()).GetColumn<float>(FeaturePipeline.ScoreColumn).ToArray();
        return Auc(scores, data.Labels!);
    }

    /// <summary>Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties sharing their mean rank.</summary>
    public static double Auc(float[] scores, bool[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var meanRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = scores.Length - positives;
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }
}
