namespace NocodeAI.Modeling.Tests;

/// <summary>The curves against small cases worked out by hand, ties and one-class labels included.</summary>
public sealed class EvaluationCurvesTests
{
    private const double Tolerance = 1e-6;

    // Positives score 0.95, 0.85 and 0.15; negatives 0.85 (tied with a positive) and 0.35.
    private static readonly float[] Scores = [0.95f, 0.85f, 0.85f, 0.35f, 0.15f];
    private static readonly bool[] Labels = [true, true, false, false, true];

    [Fact]
    public void Auc_counts_a_tied_pair_as_half()
    {
        var evaluation = EvaluationCurves.Compute(Scores, Labels);

        // Of 6 positive/negative pairs, 3 are ordered right and 1 is tied: (3 + 0.5) / 6.
        Assert.Equal(3.5 / 6, evaluation.Auc, Tolerance);
        Assert.Equal(0.6, evaluation.BaseRate, Tolerance);
        Assert.Equal(5, evaluation.Rows);
    }

    [Fact]
    public void Roc_steps_through_each_distinct_score_and_never_splits_a_tie()
    {
        var roc = EvaluationCurves.Compute(Scores, Labels).Roc;

        Assert.Equal(
            Rounded([(0.0, 0.0), (0.0, 1 / 3.0), (0.5, 2 / 3.0), (1.0, 2 / 3.0), (1.0, 1.0)]),
            Rounded(roc.Select(p => (p.Fpr, p.Tpr))));
        Assert.Equal([1.0, 0.95, 0.85, 0.35, 0.15], roc.Select(p => Math.Round(p.Threshold, 6)));
    }

    [Fact]
    public void Precision_and_recall_follow_the_same_cuts()
    {
        var curve = EvaluationCurves.Compute(Scores, Labels).PrecisionRecall;

        Assert.Equal(
            Rounded([(1.0, 0.0), (1.0, 1 / 3.0), (2 / 3.0, 2 / 3.0), (0.5, 2 / 3.0), (0.6, 1.0)]),
            Rounded(curve.Select(p => (p.Precision, p.Recall))));
    }

    [Fact]
    public void The_threshold_is_the_ks_point_and_the_confusion_matrix_is_taken_there()
    {
        var evaluation = EvaluationCurves.Compute(Scores, Labels);

        // tpr − fpr: 1/3 at 0.95, 1/6 at 0.85, −1/3 at 0.35, 0 at 0.15.
        Assert.Equal(1 / 3.0, evaluation.Ks, Tolerance);
        Assert.Equal(0.95, evaluation.Threshold, Tolerance);
        Assert.Equal(new ConfusionMatrix(TruePositive: 1, FalsePositive: 0, TrueNegative: 2, FalseNegative: 2), evaluation.Confusion);
    }

    [Fact]
    public void Lift_and_gains_reach_one_at_full_depth()
    {
        var lift = EvaluationCurves.Compute(Scores, Labels).Lift;

        Assert.Equal(Enumerable.Range(1, 10).Select(i => i / 10.0), lift.Select(p => p.Depth));
        // The top row (0.95) responded: response rate 1, lift 1 / 0.6, a third of all responders.
        Assert.Equal(1.0, lift[0].ResponseRate, Tolerance);
        Assert.Equal(1 / 0.6, lift[0].Lift, Tolerance);
        Assert.Equal(1 / 3.0, lift[0].CumulativeGain, Tolerance);
        // Top 3 of 5 (depth 0.6): 0.95 yes, 0.85 yes, 0.85 no.
        Assert.Equal(2 / 3.0, lift[5].ResponseRate, Tolerance);
        Assert.Equal(2 / 3.0, lift[5].CumulativeGain, Tolerance);
        Assert.Equal(1.0, lift[^1].Lift, Tolerance);
        Assert.Equal(1.0, lift[^1].CumulativeGain, Tolerance);
        Assert.Equal(0.6, lift[^1].ResponseRate, Tolerance);
    }

    [Fact]
    public void Calibration_bins_hold_every_row_with_their_mean_score_and_outcome()
    {
        var bins = EvaluationCurves.Compute(Scores, Labels).Calibration;

        Assert.Equal(5, bins.Sum(b => b.Count));
        Assert.Equal(
            [(0.15, 1.0, 1L), (0.35, 0.0, 1L), (0.85, 0.5, 2L), (0.95, 1.0, 1L)],
            bins.Select(b => (Math.Round(b.Predicted, 6), b.Observed, b.Count)));
    }

    [Fact]
    public void Equal_scores_everywhere_give_the_diagonal()
    {
        var evaluation = EvaluationCurves.Compute([0.5f, 0.5f, 0.5f, 0.5f], [true, false, true, false]);

        Assert.Equal(0.5, evaluation.Auc, Tolerance);
        Assert.Equal([(0.0, 0.0), (1.0, 1.0)], evaluation.Roc.Select(p => (p.Fpr, p.Tpr)));
        Assert.Equal(0, evaluation.Ks, Tolerance);
        Assert.Equal(new ConfusionMatrix(2, 2, 0, 0), evaluation.Confusion);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_class_labels_give_defined_figures_not_nan(bool label)
    {
        var evaluation = EvaluationCurves.Compute([0.9f, 0.6f, 0.2f], [label, label, label]);

        Assert.Equal(label ? 1.0 : 0.0, evaluation.BaseRate);
        Assert.Equal(0.5, evaluation.Auc);
        Assert.Equal(0, evaluation.Ks);
        // Nothing to separate: the ROC walks the diagonal.
        Assert.All(evaluation.Roc, p => Assert.Equal(p.Fpr, p.Tpr, Tolerance));
        Assert.Equal((1.0, 1.0), (evaluation.Roc[^1].Fpr, evaluation.Roc[^1].Tpr));
        Assert.All(evaluation.Lift, p => Assert.Equal(1.0, p.Lift, Tolerance));
        Assert.Equal(1.0, evaluation.Lift[^1].CumulativeGain, Tolerance);
        Assert.Equal(3, evaluation.Confusion.TruePositive + evaluation.Confusion.TrueNegative);
        Assert.All(evaluation.Roc.Concat<object>(evaluation.Lift).Concat(evaluation.Calibration).Select(p => p.ToString()!), s => Assert.DoesNotContain("NaN", s));
    }

    [Fact]
    public void A_large_validation_set_is_thinned_to_201_points_whose_area_stays_the_auc()
    {
        var random = new Random(7);
        const int rows = 50_000;
        var labels = new bool[rows];
        var scores = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.NextDouble() < 0.27;
            // Scores rounded to 3 decimals: thousands of ties, as a calibrated model gives.
            scores[i] = (float)Math.Round(Math.Clamp((labels[i] ? 0.6 : 0.4) + ((random.NextDouble() - 0.5) * 0.8), 0, 1), 3);
        }

        var evaluation = EvaluationCurves.Compute(scores, labels);

        Assert.InRange(evaluation.Roc.Count, 100, EvaluationCurves.MaxCurvePoints);
        Assert.Equal(evaluation.Roc.Count, evaluation.PrecisionRecall.Count);
        Assert.Equal((0.0, 0.0), (evaluation.Roc[0].Fpr, evaluation.Roc[0].Tpr));
        Assert.Equal((1.0, 1.0), (evaluation.Roc[^1].Fpr, evaluation.Roc[^1].Tpr));
        Assert.Equal(PairwiseAuc(scores.AsSpan(0, 2000), labels.AsSpan(0, 2000)), EvaluationCurves.Compute(scores.AsSpan(0, 2000), labels.AsSpan(0, 2000)).Auc, 1e-12);
        var area = evaluation.Roc.Zip(evaluation.Roc.Skip(1)).Sum(p => (p.Second.Fpr - p.First.Fpr) * (p.Second.Tpr + p.First.Tpr) / 2);
        Assert.Equal(evaluation.Auc, area, 0.001);
        Assert.Equal(evaluation.Roc.OrderByDescending(p => p.Threshold).Select(p => p.Threshold), evaluation.Roc.Select(p => p.Threshold));
        Assert.Equal(rows, evaluation.Calibration.Sum(b => b.Count));
        Assert.True(evaluation.Lift[0].Lift > 1.5, $"top-decile lift {evaluation.Lift[0].Lift}");
    }

    private static List<(double, double)> Rounded(IEnumerable<(double A, double B)> points) =>
        points.Select(p => (Math.Round(p.A, 9), Math.Round(p.B, 9))).ToList();

    /// <summary>AUC by its definition, every positive against every negative (ties half): independent of the code under test.</summary>
    private static double PairwiseAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        double wins = 0;
        long pairs = 0;
        for (var p = 0; p < scores.Length; p++)
        {
            if (!labels[p])
            {
                continue;
            }

            for (var n = 0; n < scores.Length; n++)
            {
                if (labels[n])
                {
                    continue;
                }

                pairs++;
                wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
            }
        }

        return wins / pairs;
    }
}
