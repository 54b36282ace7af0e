namespace NocodeAI.Modeling;

/// <summary>The binary classifiers an analyst can choose (names match the GraphQL enum).</summary>
public enum Algorithm
{
    FAST_TREE,
    LIGHT_GBM,
    LOGISTIC_REGRESSION,
}

/// <summary>Stages of a training run, in order (names match the GraphQL enum).</summary>
public enum TrainingStage
{
    EXTRACTING_DATA,
    TRAINING,
    EVALUATING,
}
