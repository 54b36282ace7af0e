using GraphQL.Federation;
using NocodeAI.GraphQL.Federation;
using NocodeAI.GraphQL.Identity;
using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Targets.TargetRequests;

public sealed class TargetRequestType : ObjectGraphType<TargetRequestView>
{
    public TargetRequestType()
    {
        Name = "TargetRequest";
        Description = "A target extraction with a trained model and its bulk LMS through MIDAS.";
        this.Key("id");
        this.ResolveReference<EntityKey, TargetRequestView>((ctx, key) =>
            ctx.RequestServices!.GetRequiredService<TargetRequestService>().FindAsync(key.Id, ctx.CancellationToken)!);

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id.ToString());
        Field(x => x.Name);
        Field(x => x.RequestedBy).Description("User name of the analyst who asked for the extraction.");
        Field<NonNullGraphType<EnumerationGraphType<TargetState>>>("state").Resolve(ctx => ctx.Source.State);
        Field<NonNullGraphType<ModelRequestReferenceType>>("model")
            .Description("The model that scores the customers (resolved by the models subgraph).")
            .Resolve(ctx => new ModelRequestReference(ctx.Source.ModelRequestId));
        Field<NonNullGraphType<TargetCriteriaType>>("criteria").Resolve(ctx => ctx.Source.Criteria);
        Field(x => x.Message).Description("The LMS text sent to every member.");
        Field(x => x.Progress).Description("Extraction progress, 0..1.");
        Field<IntGraphType>("targetCount").Description("Members selected, once EXTRACTED.").Resolve(ctx => (int?)ctx.Source.TargetCount);
        Field<ScoreSummaryType>("scoreSummary").Description("Scores of the selected members, once EXTRACTED.").Resolve(ctx => ctx.Source.ScoreSummary);
        Field<DispatchType>("dispatch").Description("The MIDAS bulk LMS, from DISPATCHING on.").Resolve(ctx => ctx.Source.Dispatch);
        Field(x => x.Reason, nullable: true).Description("Why it was rejected or failed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetHistoryEntryType>>>>("history").Resolve(ctx => ctx.Source.History);
        Field(x => x.CreatedAt);
        Field(x => x.UpdatedAt);
    }
}

/// <summary>A model request as this subgraph knows it: its id, to which it contributes <c>targets</c>.</summary>
public sealed record ModelRequestReference(Guid Id);

/// <summary>
/// The models subgraph's entity, extended here with <c>targets</c>. The gateway sends
/// <c>{ __typename: "ModelRequest", id }</c>; every other field comes from the models subgraph.
/// </summary>
public sealed class ModelRequestReferenceType : ObjectGraphType<ModelRequestReference>
{
    public ModelRequestReferenceType()
    {
        Name = "ModelRequest";
        this.Key("id");
        this.ResolveReference<EntityKey, ModelRequestReference>((_, key) =>
            Guid.TryParse(key.Id, out var id) ? new ModelRequestReference(id) : null!);

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetRequestType>>>>("targets")
            .Description("Target extractions made with this model that you may see, newest first.")
            .Resolve(ctx =>
                // Batched: one query for every model request of the response.
                ctx.RequestServices!.GetRequiredService<ModelTargetsLoader>().Load(ctx, ctx.Source.Id));
    }
}

public sealed class TargetCriteriaType : ObjectGraphType<TargetCriteria>
{
    public TargetCriteriaType()
    {
        Name = "TargetCriteria";
        Field(x => x.TopN, nullable: true).Description("The N highest scores.");
        Field(x => x.MinScore, nullable: true).Description("Scores of at least this; with topN, the top N among those.");
    }
}

public sealed class ScoreSummaryType : ObjectGraphType<ScoreSummary>
{
    public ScoreSummaryType()
    {
        Name = "ScoreSummary";
        Field(x => x.Min);
        Field(x => x.Max);
        Field(x => x.Mean);
        Field(x => x.P50).Description("Median score.");
        Field(x => x.P90).Description("90th percentile score.");
    }
}

public sealed class DispatchType : ObjectGraphType<DispatchInfo>
{
    public DispatchType()
    {
        Name = "Dispatch";
        Field<StringGraphType>("midasJobId").Description("The MIDAS bulk job of the first chunk.").Resolve(ctx => ctx.Source.MidasJobIds.Count > 0 ? ctx.Source.MidasJobIds[0] : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("midasJobIds")
            .Description("One MIDAS bulk job per chunk of at most 1,000 recipients.")
            .Resolve(ctx => ctx.Source.MidasJobIds);
        Field<NonNullGraphType<EnumerationGraphType<DispatchState>>>("state").Resolve(ctx => ctx.Source.State);
        Field<NonNullGraphType<IntGraphType>>("sent").Resolve(ctx => (int)ctx.Source.Sent);
        Field<NonNullGraphType<IntGraphType>>("failed").Resolve(ctx => (int)ctx.Source.Failed);
        Field(x => x.Attempts).Description("MIDAS calls made, retries included.");
        Field(x => x.LastError, nullable: true);
    }
}

public sealed class TargetHistoryEntryType : ObjectGraphType<HistoryEntry<TargetState>>
{
    public TargetHistoryEntryType()
    {
        Name = "TargetHistoryEntry";
        Field<NonNullGraphType<EnumerationGraphType<TargetState>>>("state").Resolve(ctx => ctx.Source.State);
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Note, nullable: true);
    }
}
