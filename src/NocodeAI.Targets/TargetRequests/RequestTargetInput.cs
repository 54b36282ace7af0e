namespace NocodeAI.Targets.TargetRequests;

public sealed record RequestTargetInput(string ModelRequestId, string Name, int? TopN, double? MinScore, string Message);

public sealed class RequestTargetInputType : InputObjectGraphType<RequestTargetInput>
{
    public RequestTargetInputType()
    {
        Name = "RequestTargetInput";
        Field(x => x.ModelRequestId, type: typeof(NonNullGraphType<IdGraphType>)).Description("A COMPLETED model request.");
        Field(x => x.Name).Description("1–100 characters.");
        Field(x => x.TopN, nullable: true).Description("Keep the N highest scores, 1–1,000,000.");
        Field(x => x.MinScore, nullable: true).Description("Keep scores of at least this, 0–1. With topN: the top N among those.");
        Field(x => x.Message).Description("The LMS text: not empty, at most 2,000 bytes in EUC-KR (as MIDAS counts; a Hangul syllable is 2 bytes).");
    }
}
