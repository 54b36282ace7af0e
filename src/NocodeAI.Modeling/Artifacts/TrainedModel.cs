namespace NocodeAI.Modeling;

/// <summary>What a stored model was trained on: enough to read a scoring population for it.</summary>
public sealed record ModelManifest(
    string Dataset,
    string Label,
    IReadOnlyList<DatasetColumn> Features,
    Algorithm Algorithm,
    DateTimeOffset TrainedAt,
    int FormatVersion = ModelManifest.CurrentFormatVersion)
{
    public const int CurrentFormatVersion = 1;
}

/// <summary>A trained ML.NET pipeline (feature encoding and classifier) with the schema it expects.</summary>
public sealed class TrainedModel
{
    internal TrainedModel(ModelManifest manifest, MLContext context, ITransformer transformer, DataViewSchema inputSchema)
    {
        Manifest = manifest;
        Context = context;
        Transformer = transformer;
        InputSchema = inputSchema;
    }

    public ModelManifest Manifest { get; }

    public ITransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    internal MLContext Context { get; }
}
