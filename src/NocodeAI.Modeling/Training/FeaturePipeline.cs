using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace NocodeAI.Modeling;

/// <summary>
/// The estimator for a feature set and algorithm: CATEGORICAL columns one-hot encoded, NUMERIC and BOOLEAN
/// (already 0/1) used as numbers, all concatenated into Features; for logistic regression missing values are
/// replaced by the mean and Features normalized to zero mean and unit variance (trees need neither).
/// </summary>
internal static class FeaturePipeline
{
    public const string FeaturesColumn = "Features";
    public const string ScoreColumn = "Score";
    public const string ProbabilityColumn = "Probability";

    public static IEstimator<ITransformer> Build(MLContext context, IReadOnlyList<DatasetColumn> features, CandidateSettings settings, int seed)
    {
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        foreach (var categorical in features.Where(f => f.Type == ColumnType.CATEGORICAL))
        {
            pipeline = pipeline.Append(context.Transforms.Categorical.OneHotEncoding(categorical.Name, categorical.Name));
        }

        pipeline = pipeline.Append(context.Transforms.Concatenate(FeaturesColumn, features.Select(f => f.Name).ToArray()));

        const string label = ColumnarDataView.LabelColumn;
        return settings.Algorithm switch
        {
            Algorithm.FAST_TREE => pipeline.Append(context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = FeaturesColumn,
                NumberOfTrees = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinimumExamplesPerLeaf,
                LearningRate = settings.LearningRate,
                Seed = seed,
                FeatureSelectionSeed = seed,
            })),
            Algorithm.LIGHT_GBM => pipeline.Append(context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = FeaturesColumn,
                NumberOfIterations = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinimumExamplesPerLeaf,
                LearningRate = settings.LearningRate,
                Seed = seed,
                // LightGBM's OpenMP threads spin while they wait: on a small, shared machine one core fewer
                // than there are trains several times faster (measured on 2 cores) and leaves the host responsive.
                NumberOfThreads = Math.Max(1, Environment.ProcessorCount - 1),
            })),
            Algorithm.LOGISTIC_REGRESSION => pipeline
                .Append(context.Transforms.ReplaceMissingValues(FeaturesColumn))
                .Append(context.Transforms.NormalizeMeanVariance(FeaturesColumn))
                .Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = FeaturesColumn,
                    L1Regularization = settings.L1,
                    L2Regularization = settings.L2,
                })),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Algorithm, "Not a single learner."),
        };
    }
}
