using System.Text.RegularExpressions;

namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>
/// One Dockerfile layout, in one place: the repository root's <c>Dockerfile</c> builds every image, one
/// stage per kind of deployable (<c>--target</c>) and the .NET project as <c>--build-arg PROJECT</c>. Its
/// header lists every image as <c># image: &lt;name&gt; &lt;target&gt; [&lt;project&gt;]</c>; that table is how an
/// image in the manifests is traced back to what builds it.
/// </summary>
public static partial class ImageChecks
{
    public const string DockerfileName = "Dockerfile";

    /// <summary>One row of the image table.</summary>
    public sealed record Image(string Name, string Target, string? Project);

    /// <summary>One build stage: its name, what it starts from and its lines.</summary>
    public sealed record Stage(string Name, string From, IReadOnlyList<string> Lines);

    /// <summary>Every file called <c>*Dockerfile*</c> in the tree (build output, dependencies and .nocode excluded), relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> FindDockerfiles(string root) =>
        Directory.EnumerateFiles(root, "*Dockerfile*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "node_modules" or ".nocode" or ".git"))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<Image> Images(string dockerfile) =>
        ImageRow().Matches(dockerfile)
            .Select(m => new Image(m.Groups["name"].Value, m.Groups["target"].Value, m.Groups["project"].Success ? m.Groups["project"].Value : null))
            .ToList();

    public static IReadOnlyList<Stage> Stages(string dockerfile)
    {
        var stages = new List<Stage>();
        string? name = null, from = null;
        var lines = new List<string>();
        foreach (var line in dockerfile.Split('\n'))
        {
            if (From().Match(line) is { Success: true } m)
            {
                if (name is not null)
                {
                    stages.Add(new Stage(name, from!, lines));
                }

                (name, from, lines) = (m.Groups["name"].Value, m.Groups["from"].Value, []);
            }
            else if (name is not null)
            {
                lines.Add(line);
            }
        }

        if (name is not null)
        {
            stages.Add(new Stage(name, from!, lines));
        }

        return stages;
    }

    /// <summary>
    /// The one Dockerfile is at the root and nowhere else; every image row names a stage and (for .NET) an
    /// existing project; every image's stage runs as a non-root user; every COPY from the context exists.
    /// </summary>
    public static IReadOnlyList<string> LayoutFollowed(string root)
    {
        var violations = FindDockerfiles(root)
            .Where(p => p != DockerfileName)
            .Select(p => $"{p}: images are built by the one {DockerfileName} at the root (add a stage or an image row there)")
            .ToList();
        var path = Path.Combine(root, DockerfileName);
        if (!File.Exists(path))
        {
            violations.Add($"no {DockerfileName} at the repository root");
            return violations;
        }

        var text = File.ReadAllText(path);
        if (!text.StartsWith("# syntax=docker/dockerfile:", StringComparison.Ordinal))
        {
            violations.Add($"{DockerfileName}: does not start with the BuildKit syntax line");
        }

        var stages = Stages(text).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var images = Images(text);
        if (images.Count == 0)
        {
            violations.Add($"{DockerfileName}: no `# image: <name> <target> [<project>]` rows");
        }

        foreach (var image in images)
        {
            if (!stages.TryGetValue(image.Target, out var stage))
            {
                violations.Add($"image {image.Name}: no stage named {image.Target}");
                continue;
            }

            if (image.Project is not null && !File.Exists(Path.Combine(root, "src", image.Project, image.Project + ".csproj")))
            {
                violations.Add($"image {image.Name}: src/{image.Project}/{image.Project}.csproj does not exist");
            }

            if (UserOf(stage, stages) is not { } user || user is "root" or "0")
            {
                violations.Add($"image {image.Name}: stage {image.Target} does not switch to a non-root USER");
            }
        }

        foreach (var image in images.GroupBy(i => i.Name).Where(g => g.Count() > 1))
        {
            violations.Add($"image {image.Key} has {image.Count()} rows");
        }

        // A COPY from the build context must name something that exists (e.g. not a deleted build/ folder).
        foreach (Match copy in ContextCopy().Matches(text))
        {
            var sources = copy.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1);
            foreach (var source in sources.Where(s => !s.StartsWith("--", StringComparison.Ordinal)))
            {
                var full = Path.Combine(root, source.TrimEnd('/'));
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    violations.Add($"{DockerfileName}: COPY {source} names nothing in the repository");
                }
            }
        }

        return violations;
    }

    /// <summary>Every <c>nocode/&lt;name&gt;</c> image the manifests run has a row in the image table.</summary>
    public static IReadOnlyList<string> ImagesBuilt(ManifestSet manifests, string root)
    {
        var path = Path.Combine(root, DockerfileName);
        var built = File.Exists(path) ? Images(File.ReadAllText(path)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal) : [];
        return manifests.Workloads.SelectMany(w => w.Containers)
            .Select(c => c.Body.StringAt("image"))
            .OfType<string>()
            .Select(image => ImageReference.Parse(image).Repository.Split('/'))
            .Where(parts => parts is [.., "nocode", _])
            .Select(parts => parts[^1])
            .Distinct(StringComparer.Ordinal)
            .Where(name => !built.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(name => $"nocode/{name} runs in the manifests but has no `# image:` row in the root {DockerfileName}")
            .ToList();
    }

    private static string? UserOf(Stage stage, IReadOnlyDictionary<string, Stage> stages)
    {
        for (Stage? current = stage; current is not null; current = stages.GetValueOrDefault(current.From))
        {
            if (current.Lines.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal)) is { } line)
            {
                return line["USER ".Length..].Trim();
            }
        }

        return null;
    }

    [GeneratedRegex(@"^# image: +(?<name>[a-z0-9-]+) +(?<target>[a-z0-9-]+)(?: +(?<project>[A-Za-z0-9.]+))? *$", RegexOptions.Multiline)]
    private static partial Regex ImageRow();

    [GeneratedRegex(@"^FROM (?<from>\S+) AS (?<name>[a-z0-9-]+)\s*$")]
    private static partial Regex From();

    [GeneratedRegex(@"^COPY (?!--from=)(?<args>[^<\n]+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ContextCopy();
}
