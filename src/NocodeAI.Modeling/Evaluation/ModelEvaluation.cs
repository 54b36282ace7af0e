namespace NocodeAI.Modeling;

/// <summary>
/// How a model ranks the validation rows, in the figures a marketing team decides with: ROC and
/// precision/recall (which threshold), lift and cumulative gains (how many customers to message),
/// calibration (whether a score of 0.3 means 30%) and the confusion matrix at <see cref="Threshold"/>,
/// the score where the two classes' score distributions differ most (the KS point).
/// </summary>
/// <param name="Auc">Area under <see cref="Roc"/> computed over every distinct score (ties count half), not over the thinned points.</param>
public sealed record ModelEvaluation(
    long Rows,
    double BaseRate,
    double Auc,
    double Ks,
    double Threshold,
    IReadOnlyList<RocPoint> Roc,
    IReadOnlyList<PrecisionRecallPoint> PrecisionRecall,
    IReadOnlyList<LiftPoint> Lift,
    IReadOnlyList<CalibrationBin> Calibration,
    ConfusionMatrix Confusion);

/// <summary>Rows scoring at or above <paramref name="Threshold"/> are called positive.</summary>
public sealed record RocPoint(double Threshold, double Fpr, double Tpr);

public sealed record PrecisionRecallPoint(double Threshold, double Precision, double Recall);

/// <summary>The top <paramref name="Depth"/> of rows by score: their response rate, its ratio to the base rate, and the share of all responders they hold.</summary>
public sealed record LiftPoint(double Depth, double Lift, double CumulativeGain, double ResponseRate);

/// <summary>Rows whose score falls in one tenth of [0, 1]: their mean score and the share that were positive.</summary>
public sealed record CalibrationBin(double Predicted, double Observed, long Count);

public sealed record ConfusionMatrix(long TruePositive, long FalsePositive, long TrueNegative, long FalseNegative);
