using GraphQL.Federation;
using NocodeAI.GraphQL.Federation;
using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.ModelRequests;

public sealed class ModelRequestType : ObjectGraphType<ModelRequestView>
{
    public ModelRequestType()
    {
        Name = "ModelRequest";
        Description = "A request for a predictive model, from approval through training to its metrics.";
        // Entity keys are strings: an int key failed to convert in _entities.
        this.Key("id");
        // One query for all the representations of an _entities call, not one per key.
        this.ResolveReference<EntityKey, ModelRequestView>((ctx, key) =>
            EntityBatch.For<string, ModelRequestView>(ctx, "models.ModelRequest", (ids, ct) =>
                    ctx.RequestServices!.GetRequiredService<ModelRequestService>().FindManyAsync(ids, ct))
                .Load(key.Id)!);

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id.ToString());
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field(x => x.RequestedBy).Description("User name of the analyst who asked for the model.");
        Field<NonNullGraphType<EnumerationGraphType<ModelState>>>("state").Resolve(ctx => ctx.Source.State);
        Field<NonNullGraphType<ModelSpecType>>("spec").Resolve(ctx => ctx.Source.Spec);
        Field<EnumerationGraphType<TrainingStage>>("stage").Description("Stage of training, while TRAINING.").Resolve(ctx => ctx.Source.Stage);
        Field(x => x.TrainingCandidate, nullable: true)
            .Description("While TRAINING, the candidate being trained and how many there are, e.g. \"3/8 LIGHT_GBM leaves=31 …\".");
        Field(x => x.Progress).Description("Training progress, 0..1.");
        Field(x => x.QueuePosition, nullable: true).Description("Place in the training queue (1 = next), while APPROVED.");
        Field<ModelMetricsType>("metrics").Resolve(ctx => ctx.Source.Metrics);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelCandidateType>>>>("leaderboard")
            .Description("Every candidate trained, best first; empty until COMPLETED. A single-algorithm request has one row.")
            .Resolve(ctx => Leaderboard(ctx.Source));
        Field<ModelEvaluationType>("evaluation")
            .Description("The chosen model on the validation rows, once COMPLETED (null for models trained before evaluations were kept).")
            .Resolve(ctx => ctx.Source.Metrics?.Evaluation);
        Field(x => x.Reason, nullable: true).Description("Why it was rejected or failed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelHistoryEntryType>>>>("history").Resolve(ctx => ctx.Source.History);
        Field(x => x.CreatedAt);
        Field(x => x.UpdatedAt);
    }

    /// <summary>Models trained before leaderboards were kept show their one candidate from the metrics.</summary>
    private static IReadOnlyList<ModelCandidate> Leaderboard(ModelRequestView request) => request.Metrics switch
    {
        null => [],
        { Leaderboard: { Count: > 0 } rows } => rows,
        var metrics => [new ModelCandidate(1, request.Spec.Algorithm, "default", metrics.Auc, metrics.LogLoss, metrics.F1, metrics.DurationMs, Chosen: true)],
    };
}

public sealed class ModelSpecType : ObjectGraphType<ModelSpec>
{
    public ModelSpecType()
    {
        Name = "ModelSpec";
        Field(x => x.Dataset);
        Field(x => x.Label);
        Field(x => x.Features);
        Field<NonNullGraphType<EnumerationGraphType<Algorithm>>>("algorithm").Resolve(ctx => ctx.Source.Algorithm);
        Field(x => x.ValidationFraction);
    }
}

public sealed class ModelMetricsType : ObjectGraphType<ModelMetrics>
{
    public ModelMetricsType()
    {
        Name = "ModelMetrics";
        Field(x => x.Auc).Description("Area under the ROC curve on the validation rows.");
        Field(x => x.Accuracy);
        Field(x => x.F1);
        Field(x => x.LogLoss);
        Field<NonNullGraphType<IntGraphType>>("trainingRows").Resolve(ctx => (int)ctx.Source.TrainingRows);
        Field<NonNullGraphType<IntGraphType>>("validationRows").Resolve(ctx => (int)ctx.Source.ValidationRows);
        Field<NonNullGraphType<IntGraphType>>("durationMs").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.DurationMs));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeatureImportanceType>>>>("featureImportance")
            .Description("Permutation importance per feature, most important first.")
            .Resolve(ctx => ctx.Source.FeatureImportance);
    }
}

public sealed class FeatureImportanceType : ObjectGraphType<FeatureImportance>
{
    public FeatureImportanceType()
    {
        Name = "FeatureImportance";
        Field(x => x.Feature);
        Field(x => x.Importance);
    }
}

public sealed class ModelHistoryEntryType : ObjectGraphType<HistoryEntry<ModelState>>
{
    public ModelHistoryEntryType()
    {
        Name = "ModelHistoryEntry";
        Field<NonNullGraphType<EnumerationGraphType<ModelState>>>("state").Resolve(ctx => ctx.Source.State);
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Note, nullable: true);
    }
}
