namespace NocodeAI.Modeling;

/// <summary>
/// One learner with one set of settings. Tree learners use <see cref="Leaves"/>, <see cref="Trees"/>,
/// <see cref="LearningRate"/> and <see cref="MinimumExamplesPerLeaf"/>; logistic regression uses the
/// regularisation weights.
/// </summary>
public sealed record CandidateSettings(
    Algorithm Algorithm,
    int Leaves = 20,
    int Trees = 100,
    double LearningRate = 0.1,
    int MinimumExamplesPerLeaf = 20,
    float L1 = 1,
    float L2 = 1)
{
    /// <summary>How a person reads the settings on the leaderboard ("leaves=20 trees=100 learningRate=0.2").</summary>
    public string Describe() => Algorithm == Algorithm.LOGISTIC_REGRESSION
        ? string.Create(CultureInfo.InvariantCulture, $"l1={L1} l2={L2}")
        : string.Create(CultureInfo.InvariantCulture, $"leaves={Leaves} trees={Trees} learningRate={LearningRate} minLeaf={MinimumExamplesPerLeaf}");
}

/// <summary>
/// The candidates a request trains. A named algorithm trains its default settings once (a one-row
/// leaderboard, the same model as before AUTO existed); <see cref="Algorithm.AUTO"/> trains a small grid:
/// three settings per tree learner (the default, a slower-learning wider one, a faster-learning narrower
/// one) and two regularisation strengths of logistic regression. Eight candidates train in well under a
/// minute on 100,000 rows on two cores (see docs/benchmarks.md), which is the budget the grid is sized for.
/// </summary>
public static class CandidateGrid
{
    public static readonly CandidateSettings FastTreeDefault = new(Algorithm.FAST_TREE, Leaves: 20, Trees: 100, LearningRate: 0.2, MinimumExamplesPerLeaf: 10);

    public static readonly CandidateSettings LightGbmDefault = new(Algorithm.LIGHT_GBM, Leaves: 20, Trees: 100, LearningRate: 0.1, MinimumExamplesPerLeaf: 20);

    public static readonly CandidateSettings LogisticRegressionDefault = new(Algorithm.LOGISTIC_REGRESSION, L1: 1, L2: 1);

    public static IReadOnlyList<CandidateSettings> For(Algorithm algorithm) => algorithm switch
    {
        Algorithm.FAST_TREE => [FastTreeDefault],
        Algorithm.LIGHT_GBM => [LightGbmDefault],
        Algorithm.LOGISTIC_REGRESSION => [LogisticRegressionDefault],
        Algorithm.AUTO =>
        [
            LogisticRegressionDefault,
            LogisticRegressionDefault with { L1 = 0, L2 = 0.1f },
            FastTreeDefault,
            FastTreeDefault with { Leaves = 31, LearningRate = 0.1, MinimumExamplesPerLeaf = 20 },
            FastTreeDefault with { Leaves = 8, LearningRate = 0.3, MinimumExamplesPerLeaf = 5 },
            LightGbmDefault,
            LightGbmDefault with { Leaves = 31, LearningRate = 0.05, MinimumExamplesPerLeaf = 40 },
            LightGbmDefault with { Leaves = 10, LearningRate = 0.2, MinimumExamplesPerLeaf = 10 },
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown algorithm."),
    };
}
