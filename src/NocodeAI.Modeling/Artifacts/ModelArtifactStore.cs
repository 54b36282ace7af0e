using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NocodeAI.Modeling;

/// <summary>
/// Trained models as files <c>&lt;ArtifactDirectory&gt;/&lt;modelRequestId&gt;.zip</c>: a zip holding manifest.json
/// (what the model reads) and model.zip (the ML.NET pipeline). A save writes a temporary file and renames it,
/// so a reader sees the whole artifact or none, even if the process dies mid-write.
/// </summary>
public sealed class ModelArtifactStore
{
    private const string ManifestEntry = "manifest.json";
    private const string ModelEntry = "model.zip";
    private const string TemporarySuffix = ".tmp";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public ModelArtifactStore(ArtifactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ArtifactDirectory);
        Directory = Path.GetFullPath(options.ArtifactDirectory);
    }

    public string Directory { get; }

    /// <summary>The artifact id a model request's model is stored under (its id, "D" format).</summary>
    public static string ArtifactIdOf(Guid modelRequestId) => modelRequestId.ToString("D");

    public string PathOf(Guid modelRequestId) => Path.Combine(Directory, ArtifactIdOf(modelRequestId) + ".zip");

    public bool Exists(Guid modelRequestId) => File.Exists(PathOf(modelRequestId));

    /// <summary>Stores the model (replacing an earlier one for the same request) and returns its artifact id.</summary>
    public string Save(Guid modelRequestId, TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = Path.Combine(Directory, $".{ArtifactIdOf(modelRequestId)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    using (var manifest = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
                    {
                        JsonSerializer.Serialize(manifest, model.Manifest, Json);
                    }

                    // ML.NET writes a zip of its own; it is stored, not compressed twice.
                    using var pipeline = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open();
                    using var buffer = new MemoryStream();
                    model.Context.Model.Save(model.Transformer, model.InputSchema, buffer);
                    buffer.Position = 0;
                    buffer.CopyTo(pipeline);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, PathOf(modelRequestId), overwrite: true);
            return ArtifactIdOf(modelRequestId);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <exception cref="FileNotFoundException">No model is stored for the request.</exception>
    public TrainedModel Load(Guid modelRequestId)
    {
        using var file = File.OpenRead(PathOf(modelRequestId));
        using var zip = new ZipArchive(file, ZipArchiveMode.Read);

        ModelManifest manifest;
        using (var stream = Entry(zip, ManifestEntry).Open())
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(stream, Json)
                ?? throw new InvalidDataException($"The artifact of {modelRequestId} has an empty manifest.");
        }

        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            throw new InvalidDataException($"The artifact of {modelRequestId} has format {manifest.FormatVersion}; this build reads {ModelManifest.CurrentFormatVersion}.");
        }

        // ML.NET needs a seekable stream to read its own zip.
        using var buffer = new MemoryStream();
        using (var stream = Entry(zip, ModelEntry).Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        var context = ModelingContext.Create(seed: 1);
        var transformer = context.Model.Load(buffer, out var inputSchema);
        return new TrainedModel(manifest, context, transformer, inputSchema);
    }

    /// <summary>Removes the request's model (compensation for a run cancelled after it finished); false when there was none.</summary>
    public bool Delete(Guid modelRequestId)
    {
        var path = PathOf(modelRequestId);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"The model artifact has no {name}.");
}
