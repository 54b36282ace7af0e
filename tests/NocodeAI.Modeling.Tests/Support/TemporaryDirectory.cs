namespace NocodeAI.Modeling.Tests.Support;

internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nocode-modeling-tests-").FullName;

    public IReadOnlyList<string> Files => Directory.GetFiles(Path, "*", SearchOption.AllDirectories);

    public ModelArtifactStore Store() => new(new ArtifactsOptions { ArtifactDirectory = Path });

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
