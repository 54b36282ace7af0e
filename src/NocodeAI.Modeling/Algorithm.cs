namespace NocodeAI.Modeling;

/// <summary>The binary classifiers an analyst can choose, or AUTO to let the leaderboard choose (names match the GraphQL enum).</summary>
public enum Algorithm
{
    FAST_TREE,
    LIGHT_GBM,
    LOGISTIC_REGRESSION,

    /// <summary>Train a grid of candidates of every learner and keep the best by validation AUC (<see cref="CandidateGrid"/>).</summary>
    AUTO,
}

/// <summary>Stages of a training run, in order (names match the GraphQL enum).</summary>
public enum TrainingStage
{
    EXTRACTING_DATA,
    TRAINING,
    EVALUATING,
}
