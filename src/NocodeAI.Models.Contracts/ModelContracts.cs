namespace NocodeAI.Models.Contracts;

/// <summary>States of a model request (SPEC §4/§5). Names are part of the GraphQL contract.</summary>
public enum ModelState
{
    REQUESTED,
    APPROVED,
    TRAINING,
    COMPLETED,
    FAILED,
    REJECTED,
    CANCELING,
    CANCELED,
}

/// <summary>
/// The binary classifiers an analyst can choose, or AUTO to let the leaderboard choose. Names are part of the
/// GraphQL contract and stored as names (model_requests.spec, events, artifact manifests); the training
/// library (NocodeAI.Modeling) trains these values directly, so there is no second copy to map.
/// </summary>
public enum Algorithm
{
    FAST_TREE,
    LIGHT_GBM,
    LOGISTIC_REGRESSION,

    /// <summary>Train candidates of every algorithm and keep the best by validation AUC.</summary>
    AUTO,
}

/// <summary>Stages of a training run, in order, reported while TRAINING (the training library reports these values).</summary>
public enum TrainingStage
{
    EXTRACTING_DATA,
    TRAINING,
    EVALUATING,
}

/// <summary>What the analyst asked to be trained.</summary>
public sealed record ModelSpec(string Dataset, string Label, IReadOnlyList<string> Features, Algorithm Algorithm, double ValidationFraction);

public sealed record FeatureImportance(string Feature, double Importance);

public sealed record ModelMetrics(
    double Auc,
    double Accuracy,
    double F1,
    double LogLoss,
    long TrainingRows,
    long ValidationRows,
    long DurationMs,
    IReadOnlyList<FeatureImportance> FeatureImportance,
    IReadOnlyList<ModelCandidate>? Leaderboard = null,
    ModelEvaluation? Evaluation = null);

/// <summary>
/// One trained candidate on the leaderboard (rank 1 is the chosen one). Models trained before AUTO existed
/// carry no leaderboard; the models service shows their one candidate from the metrics.
/// </summary>
public sealed record ModelCandidate(int Rank, Algorithm Algorithm, string Settings, double Auc, double LogLoss, double F1, long TrainingMs, bool Chosen);

/// <summary>The chosen model on the validation rows: curves for choosing a threshold and a target depth.</summary>
public sealed record ModelEvaluation(
    long Rows,
    double BaseRate,
    double Ks,
    double Threshold,
    IReadOnlyList<RocPoint> Roc,
    IReadOnlyList<PrecisionRecallPoint> PrecisionRecall,
    IReadOnlyList<LiftPoint> Lift,
    IReadOnlyList<CalibrationBin> Calibration,
    ConfusionMatrix Confusion);

public sealed record RocPoint(double Threshold, double Fpr, double Tpr);

public sealed record PrecisionRecallPoint(double Threshold, double Precision, double Recall);

public sealed record LiftPoint(double Depth, double Lift, double CumulativeGain, double ResponseRate);

public sealed record CalibrationBin(double Predicted, double Observed, long Count);

public sealed record ConfusionMatrix(long TruePositive, long FalsePositive, long TrueNegative, long FalseNegative);
