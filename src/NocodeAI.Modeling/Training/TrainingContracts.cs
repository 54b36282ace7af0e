namespace NocodeAI.Modeling;

/// <summary>What to train: a dataset of the catalogue, one of its labels, some of its columns as features.</summary>
/// <param name="ValidationFraction">Share of rows held out for evaluation, chosen by a hash of customer_id and <paramref name="Seed"/>.</param>
/// <param name="Seed">Makes the split and the learners repeatable.</param>
public sealed record TrainingRequest(
    string DatasetName,
    string Label,
    IReadOnlyList<string> Features,
    Algorithm Algorithm,
    double ValidationFraction = 0.2,
    int Seed = 1);

/// <summary>Progress of the whole job, 0..1 (extracting 0–0.4, training 0.4–0.85, evaluating 0.85–1).</summary>
/// <param name="Candidate">While training, the candidate being trained ("3/8 LIGHT_GBM leaves=31 …").</param>
public sealed record TrainingProgress(TrainingStage Stage, double Progress, string? Candidate = null);

/// <summary>How much the validation AUC drops when this column's values are shuffled (bigger matters more).</summary>
public sealed record FeatureImportance(string Feature, double Importance);

public sealed record TrainingMetrics(
    double Auc,
    double Accuracy,
    double F1,
    double LogLoss,
    long TrainingRows,
    long ValidationRows,
    long DurationMs,
    IReadOnlyList<FeatureImportance> FeatureImportance,
    IReadOnlyList<CandidateResult> Leaderboard,
    ModelEvaluation Evaluation);

/// <summary>One trained candidate's validation figures; <paramref name="Rank"/> 1 is the chosen one.</summary>
public sealed record CandidateResult(
    int Rank,
    Algorithm Algorithm,
    string Settings,
    double Auc,
    double LogLoss,
    double F1,
    long TrainingMs,
    bool Chosen);

/// <summary>
/// A finished training: its metrics and the model, still in memory. Nothing is stored until the caller
/// saves it with <see cref="ModelArtifactStore"/>, so a run cancelled after training leaves no artifact behind.
/// </summary>
public sealed record TrainingOutcome(TrainingMetrics Metrics, TrainedModel Model);
