namespace NocodeAI.Deployment.Tests.Rendering;

/// <summary>The checkout under test: the directory holding NocodeAI.sln, found by walking up from the test binaries.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NocodeAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NocodeAI.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
