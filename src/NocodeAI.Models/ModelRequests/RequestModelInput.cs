namespace NocodeAI.Models.ModelRequests;

public sealed record RequestModelInput(
    string Name,
    string Dataset,
    string Label,
    IReadOnlyList<string> Features,
    Algorithm Algorithm,
    double? ValidationFraction,
    string? Description);

public sealed class RequestModelInputType : InputObjectGraphType<RequestModelInput>
{
    public RequestModelInputType()
    {
        Name = "RequestModelInput";
        Field(x => x.Name).Description("1–100 characters.");
        Field(x => x.Dataset).Description("A dataset name from `datasets`.");
        Field(x => x.Label).Description("One of the dataset's labels.");
        Field(x => x.Features).Description("Columns of the dataset to learn from; never the label.");
        Field(x => x.Algorithm, type: typeof(NonNullGraphType<EnumerationGraphType<Algorithm>>));
        Field(x => x.ValidationFraction, nullable: true).Description("Share of rows held out for evaluation, 0.05–0.5 (default 0.2).");
        Field(x => x.Description, nullable: true).Description("Up to 2,000 characters.");
    }
}
