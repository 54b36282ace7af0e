namespace NocodeAI.Modeling;

/// <summary>
/// Computes a <see cref="ModelEvaluation"/> from validation scores (probabilities) and labels. One sort,
/// then every figure from running counts over distinct scores, so tied scores move together: a threshold
/// can never split rows that scored the same.
/// </summary>
/// <remarks>
/// Degenerate labels (all positive or all negative, which training refuses but a caller may pass) give
/// defined figures rather than NaN: the ROC is the diagonal with AUC 0.5 and KS 0, lift is 1 and the
/// gains follow the depth.
/// </remarks>
public static class EvaluationCurves
{
    /// <summary>At most this many points on the ROC and precision/recall curves (a chart needs no more).</summary>
    public const int MaxCurvePoints = 201;

    public const int LiftSteps = 10;

    public const int CalibrationBins = 10;

    public static ModelEvaluation Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("There must be one label per score.", nameof(labels));
        }

        if (scores.Length == 0)
        {
            throw new ArgumentException("Evaluation needs at least one row.", nameof(scores));
        }

        var rows = scores.Length;
        var order = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        // Highest score first; equal scores keep their row order, so results never depend on sort instability.
        var keys = scores.ToArray();
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));

        long positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        var negatives = rows - positives;
        var groups = DistinctScoreGroups(keys, labels, order);
        var (ks, threshold, confusion) = RankFigures(groups, positives, negatives);
        // The one AUC of the code base (rank-sum, ties half); with one class only there is nothing to rank.
        var auc = positives == 0 || negatives == 0 ? 0.5 : PermutationImportance.Auc(scores.ToArray(), labels.ToArray());
        var roc = Thin(groups, positives, negatives);

        return new ModelEvaluation(
            rows,
            positives / (double)rows,
            auc,
            ks,
            threshold,
            roc.Select(p => new RocPoint(p.Threshold, Rate(p.FalsePositive, negatives, p.Depth(rows)), Rate(p.TruePositive, positives, p.Depth(rows)))).ToList(),
            roc.Select(p => new PrecisionRecallPoint(
                p.Threshold,
                p.TruePositive + p.FalsePositive == 0 ? 1.0 : p.TruePositive / (double)(p.TruePositive + p.FalsePositive),
                Rate(p.TruePositive, positives, p.Depth(rows)))).ToList(),
            Lift(labels, order, positives),
            Calibration(scores, labels),
            confusion);
    }

    /// <summary>Cumulative counts after each group of equal scores, starting with nothing selected.</summary>
    private static List<Cut> DistinctScoreGroups(float[] scores, ReadOnlySpan<bool> labels, int[] order)
    {
        var cuts = new List<Cut> { new(1.0, 0, 0) };
        long truePositive = 0, falsePositive = 0;
        for (var start = 0; start < order.Length;)
        {
            var score = scores[order[start]];
            var end = start;
            for (; end < order.Length && scores[order[end]] == score; end++)
            {
                if (labels[order[end]])
                {
                    truePositive++;
                }
                else
                {
                    falsePositive++;
                }
            }

            cuts.Add(new Cut(score, truePositive, falsePositive));
            start = end;
        }

        return cuts;
    }

    /// <summary>The KS statistic, the score where it is reached, and the confusion matrix there.</summary>
    private static (double Ks, double Threshold, ConfusionMatrix Confusion) RankFigures(List<Cut> cuts, long positives, long negatives)
    {
        if (positives == 0 || negatives == 0)
        {
            // No ranking to judge: everything at or above 0.5 is called positive.
            return (0, 0.5, positives == 0
                ? new ConfusionMatrix(0, 0, negatives, 0)
                : new ConfusionMatrix(positives, 0, 0, 0));
        }

        double ks = -1;
        var best = cuts[0];
        for (var i = 1; i < cuts.Count; i++)
        {
            var current = cuts[i];
            var separation = (current.TruePositive / (double)positives) - (current.FalsePositive / (double)negatives);
            if (separation > ks)
            {
                ks = separation;
                best = current;
            }
        }

        var confusion = new ConfusionMatrix(best.TruePositive, best.FalsePositive, negatives - best.FalsePositive, positives - best.TruePositive);
        return (ks, best.Threshold, confusion);
    }

    /// <summary>
    /// Keeps at most <see cref="MaxCurvePoints"/> cuts, spaced along the curve (by fpr + tpr, which grows by
    /// 2 from the first cut to the last), always keeping both ends, so the thinned curve's area stays within
    /// a hair of the exact one.
    /// </summary>
    private static List<Cut> Thin(List<Cut> cuts, long positives, long negatives)
    {
        if (cuts.Count <= MaxCurvePoints)
        {
            return cuts;
        }

        var kept = new List<Cut>(MaxCurvePoints) { cuts[0] };
        var step = 2.0 / (MaxCurvePoints - 1);
        var next = step;
        for (var i = 1; i < cuts.Count - 1; i++)
        {
            var walked = Rate(cuts[i].FalsePositive, negatives, 0) + Rate(cuts[i].TruePositive, positives, 0);
            if (walked >= next && kept.Count < MaxCurvePoints - 1)
            {
                kept.Add(cuts[i]);
                next = walked + step;
            }
        }

        kept.Add(cuts[^1]);
        return kept;
    }

    private static List<LiftPoint> Lift(ReadOnlySpan<bool> labels, int[] order, long positives)
    {
        var rows = order.Length;
        var baseRate = positives / (double)rows;
        var points = new List<LiftPoint>(LiftSteps);
        long responders = 0;
        var taken = 0;
        for (var step = 1; step <= LiftSteps; step++)
        {
            var depth = step / (double)LiftSteps;
            var count = step == LiftSteps ? rows : Math.Max(1, (int)Math.Round(depth * rows, MidpointRounding.AwayFromZero));
            for (; taken < count; taken++)
            {
                responders += labels[order[taken]] ? 1 : 0;
            }

            var responseRate = responders / (double)count;
            points.Add(new LiftPoint(
                Math.Round(depth, 2),
                baseRate == 0 ? 1.0 : responseRate / baseRate,
                positives == 0 ? depth : responders / (double)positives,
                responseRate));
        }

        return points;
    }

    private static List<CalibrationBin> Calibration(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var sums = new double[CalibrationBins];
        var hits = new long[CalibrationBins];
        var counts = new long[CalibrationBins];
        for (var i = 0; i < scores.Length; i++)
        {
            var bin = Math.Clamp((int)(scores[i] * CalibrationBins), 0, CalibrationBins - 1);
            sums[bin] += scores[i];
            hits[bin] += labels[i] ? 1 : 0;
            counts[bin]++;
        }

        return Enumerable.Range(0, CalibrationBins)
            .Where(bin => counts[bin] > 0)
            .Select(bin => new CalibrationBin(sums[bin] / counts[bin], hits[bin] / (double)counts[bin], counts[bin]))
            .ToList();
    }

    /// <summary>A rate of a class; with no rows of that class it follows the share of rows selected (the diagonal).</summary>
    private static double Rate(long count, long ofClass, double depth) => ofClass == 0 ? depth : count / (double)ofClass;

    /// <summary>Rows scoring at or above <see cref="Threshold"/>: how many positives and negatives they hold.</summary>
    private readonly record struct Cut(double Threshold, long TruePositive, long FalsePositive)
    {
        public double Depth(long rows) => (TruePositive + FalsePositive) / (double)rows;
    }
}
