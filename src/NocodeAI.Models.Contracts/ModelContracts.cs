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

public enum Algorithm
{
    FAST_TREE,
    LIGHT_GBM,
    LOGISTIC_REGRESSION,
}

/// <summary>Stages of a training run, reported while TRAINING.</summary>
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
    IReadOnlyList<FeatureImportance> FeatureImportance);
