namespace NocodeAI.Models.ModelRequests;

/// <summary>A row of the AutoML leaderboard.</summary>
public sealed class ModelCandidateType : ObjectGraphType<ModelCandidate>
{
    public ModelCandidateType()
    {
        Name = "ModelCandidate";
        Description = "One trained candidate, ranked by validation AUC (rank 1 is the chosen model).";
        Field(x => x.Rank);
        Field<NonNullGraphType<EnumerationGraphType<Algorithm>>>("algorithm").Resolve(ctx => ctx.Source.Algorithm);
        Field(x => x.Settings).Description("The learner's settings, as \"name=value\" pairs.");
        Field(x => x.Auc).Description("Area under the ROC curve on the validation rows.");
        Field(x => x.LogLoss);
        Field(x => x.F1).Description("F1 at a 0.5 probability threshold.");
        Field<NonNullGraphType<IntGraphType>>("trainingMs").Description("Time to fit this candidate.").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.TrainingMs));
        Field(x => x.Chosen).Description("Whether this candidate is the model that was kept.");
    }
}

/// <summary>The chosen model's figures on the validation rows.</summary>
public sealed class ModelEvaluationType : ObjectGraphType<ModelEvaluation>
{
    public ModelEvaluationType()
    {
        Name = "ModelEvaluation";
        Description = "How the chosen model ranks the validation rows: curves for choosing a threshold and how many customers to target.";
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Validation rows evaluated.").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.Rows));
        Field(x => x.BaseRate).Description("Share of validation rows with the label true.");
        Field(x => x.Ks).Description("Kolmogorov–Smirnov statistic: the largest tpr − fpr.");
        Field(x => x.Threshold).Description("The score at the KS point; the confusion matrix is taken there.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RocPointType>>>>("roc")
            .Description("From (0,0) to (1,1), at most 201 points, highest threshold first; its area is metrics.auc.")
            .Resolve(ctx => ctx.Source.Roc);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PrecisionRecallPointType>>>>("precisionRecall").Resolve(ctx => ctx.Source.PrecisionRecall);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LiftPointType>>>>("lift")
            .Description("Depth 0.1 … 1.0 of the rows by score.")
            .Resolve(ctx => ctx.Source.Lift);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CalibrationBinType>>>>("calibration")
            .Description("Tenths of the score range that hold rows; counts add up to the validation rows.")
            .Resolve(ctx => ctx.Source.Calibration);
        Field<NonNullGraphType<ConfusionMatrixType>>("confusion").Resolve(ctx => ctx.Source.Confusion);
    }
}

public sealed class RocPointType : ObjectGraphType<RocPoint>
{
    public RocPointType()
    {
        Name = "RocPoint";
        Description = "Rows scoring at or above the threshold are called positive.";
        Field(x => x.Threshold);
        Field(x => x.Fpr).Description("False-positive rate.");
        Field(x => x.Tpr).Description("True-positive rate (recall).");
    }
}

public sealed class PrecisionRecallPointType : ObjectGraphType<PrecisionRecallPoint>
{
    public PrecisionRecallPointType()
    {
        Name = "PrecisionRecallPoint";
        Field(x => x.Threshold);
        Field(x => x.Precision).Description("1 where nothing is selected.");
        Field(x => x.Recall);
    }
}

public sealed class LiftPointType : ObjectGraphType<LiftPoint>
{
    public LiftPointType()
    {
        Name = "LiftPoint";
        Field(x => x.Depth).Description("Share of rows taken, best scores first.");
        Field(x => x.Lift).Description("Response rate of those rows over the base rate.");
        Field(x => x.CumulativeGain).Description("Share of all responders those rows hold.");
        Field(x => x.ResponseRate);
    }
}

public sealed class CalibrationBinType : ObjectGraphType<CalibrationBin>
{
    public CalibrationBinType()
    {
        Name = "CalibrationBin";
        Field(x => x.Predicted).Description("Mean score of the rows in the bin.");
        Field(x => x.Observed).Description("Share of them whose label is true.");
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.Count));
    }
}

public sealed class ConfusionMatrixType : ObjectGraphType<ConfusionMatrix>
{
    public ConfusionMatrixType()
    {
        Name = "ConfusionMatrix";
        Field<NonNullGraphType<IntGraphType>>("truePositive").Resolve(ctx => (int)ctx.Source.TruePositive);
        Field<NonNullGraphType<IntGraphType>>("falsePositive").Resolve(ctx => (int)ctx.Source.FalsePositive);
        Field<NonNullGraphType<IntGraphType>>("trueNegative").Resolve(ctx => (int)ctx.Source.TrueNegative);
        Field<NonNullGraphType<IntGraphType>>("falseNegative").Resolve(ctx => (int)ctx.Source.FalseNegative);
    }
}
