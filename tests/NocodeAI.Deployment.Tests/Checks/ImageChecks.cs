using System.Text.RegularExpressions;

namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>
/// One Dockerfile layout, in one place: every deployable's image is built by the <c>Dockerfile</c> in
/// the deployable's own folder (the one holding its *.csproj or package.json), from the repository
/// root, and nowhere else. Each Dockerfile names its image in its usage line
/// (<c>docker build -f &lt;its path&gt; -t &lt;registry&gt;/nocode/&lt;name&gt;:&lt;version&gt; .</c>), which is how
/// an image in the manifests is traced back to the file that builds it.
/// </summary>
public static partial class ImageChecks
{
    /// <summary>A Dockerfile found under <paramref name="root"/>: its path relative to the root and its text.</summary>
    public sealed record Dockerfile(string RelativePath, string Text)
    {
        public string Folder => Path.GetDirectoryName(RelativePath) ?? "";

        /// <summary>The image the usage line names (<c>gateway</c> for <c>.../nocode/gateway:&lt;version&gt;</c>), or null.</summary>
        public string? ImageName => Usage().Match(Text) is { Success: true } m ? m.Groups["name"].Value : null;

        public string? UsagePath => Usage().Match(Text) is { Success: true } m ? m.Groups["path"].Value : null;
    }

    public static IReadOnlyList<Dockerfile> Find(string root) =>
        Directory.EnumerateFiles(root, "*Dockerfile*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "node_modules" or ".nocode" or ".git"))
            .Where(p => Path.GetFileName(p) != ".dockerignore")
            .Order(StringComparer.Ordinal)
            .Select(p => new Dockerfile(p, File.ReadAllText(Path.Combine(root, p))))
            .ToList();

    /// <summary>Each Dockerfile is called <c>Dockerfile</c>, sits beside its deployable's project file and follows the shared layout.</summary>
    public static IReadOnlyList<string> LayoutFollowed(string root, IReadOnlyList<Dockerfile> dockerfiles)
    {
        var violations = new List<string>();
        foreach (var file in dockerfiles)
        {
            var folder = Path.Combine(root, file.Folder);
            if (Path.GetFileName(file.RelativePath) != "Dockerfile")
            {
                violations.Add($"{file.RelativePath}: name it Dockerfile, one per deployable folder");
            }

            if (!Directory.EnumerateFiles(folder, "*.csproj").Any() && !File.Exists(Path.Combine(folder, "package.json")))
            {
                violations.Add($"{file.RelativePath}: not beside a deployable's project file (*.csproj or package.json); images live in their deployable's folder");
            }

            if (!file.Text.StartsWith("# syntax=docker/dockerfile:", StringComparison.Ordinal))
            {
                violations.Add($"{file.RelativePath}: does not start with the BuildKit syntax line");
            }

            if (file.UsagePath != file.RelativePath || file.ImageName is null)
            {
                violations.Add($"{file.RelativePath}: its usage line must read `docker build -f {file.RelativePath} -t <registry>/nocode/<name>:<version> .`");
            }

            if (!RuntimeStage().IsMatch(file.Text))
            {
                violations.Add($"{file.RelativePath}: no final stage named runtime");
            }

            if (User().Match(file.Text) is not { Success: true } user || user.Groups["user"].Value is "root" or "0")
            {
                violations.Add($"{file.RelativePath}: does not switch to a non-root USER");
            }

            // A COPY from the build context must name something that exists (e.g. not a deleted build/ folder).
            foreach (Match copy in ContextCopy().Matches(file.Text))
            {
                var sources = copy.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1);
                foreach (var source in sources.Where(s => !s.StartsWith("--", StringComparison.Ordinal)))
                {
                    var path = Path.Combine(root, source.TrimEnd('/'));
                    if (!File.Exists(path) && !Directory.Exists(path))
                    {
                        violations.Add($"{file.RelativePath}: COPY {source} names nothing in the repository");
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>Every <c>nocode/&lt;name&gt;</c> image the manifests run is built by exactly one Dockerfile.</summary>
    public static IReadOnlyList<string> ImagesBuilt(ManifestSet manifests, IReadOnlyList<Dockerfile> dockerfiles)
    {
        var built = dockerfiles.Where(d => d.ImageName is not null).GroupBy(d => d.ImageName!).ToDictionary(g => g.Key, g => g.Select(d => d.RelativePath).ToList());
        return manifests.Workloads.SelectMany(w => w.Containers)
            .Select(c => c.Body.StringAt("image"))
            .OfType<string>()
            .Select(image => ImageReference.Parse(image).Repository)
            .Where(repository => repository.Split('/') is [.., "nocode", _])
            .Select(repository => repository.Split('/')[^1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .SelectMany(name => built.TryGetValue(name, out var paths)
                ? paths.Count == 1 ? [] : [$"nocode/{name} is built by {paths.Count} Dockerfiles: {string.Join(", ", paths)}"]
                : new[] { $"nocode/{name} runs in the manifests but no Dockerfile builds it" })
            .ToList();
    }

    [GeneratedRegex(@"docker (?:buildx )?build -f (?<path>\S+) -t \S*nocode/(?<name>[a-z0-9-]+):")]
    private static partial Regex Usage();

    [GeneratedRegex(@"^FROM \S+ AS runtime\s*$", RegexOptions.Multiline)]
    private static partial Regex RuntimeStage();

    [GeneratedRegex(@"^USER (?<user>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex User();

    [GeneratedRegex(@"^COPY (?!--from=)(?<args>[^<\n]+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ContextCopy();
}
