using System.Xml.Linq;

namespace NocodeAI.ArchitectureTests;

/// <summary>What a project in src/ is, for the dependency rules (STYLE.md, "What this means for us" 1 and 8).</summary>
public enum ProjectKind
{
    /// <summary>A deployable service or worker: depends on building blocks and contracts only, and nothing depends on it.</summary>
    Service,

    /// <summary>Shared infrastructure every service uses the same way.</summary>
    BuildingBlock,

    /// <summary>The events and jobs one producer publishes (<c>*.Contracts</c>).</summary>
    Contracts,

    /// <summary>
    /// A bounded context's persistence (<c>NocodeAI.&lt;Context&gt;.Persistence</c>): its EF model, migrations and
    /// stores, shared by the context's deployables when it has more than one (targets: service and worker).
    /// </summary>
    Persistence,

    /// <summary>Anything else (tools such as a warehouse seeder).</summary>
    Other,
}

/// <summary>One project file under src/ and the projects it references.</summary>
public sealed record SourceProject(string Name, string Path, ProjectKind Kind, IReadOnlyList<string> ReferencePaths)
{
    /// <summary>The <c>PackageReference</c> includes of the project file.</summary>
    public IReadOnlyList<string> PackageNames { get; init; } = [];

    /// <summary>The <c>FrameworkReference</c> includes (e.g. <c>Microsoft.AspNetCore.App</c>).</summary>
    public IReadOnlyList<string> FrameworkNames { get; init; } = [];

    public static readonly IReadOnlySet<string> Services = new HashSet<string>
    {
        "NocodeAI.Access", "NocodeAI.Models", "NocodeAI.Targets", "NocodeAI.Notices",
        "NocodeAI.Training", "NocodeAI.Extraction", "NocodeAI.Externals",
    };

    public static readonly IReadOnlySet<string> BuildingBlocks = new HashSet<string>
    {
        "NocodeAI.ServiceDefaults", "NocodeAI.GraphQL", "NocodeAI.Messaging", "NocodeAI.Messaging.Abstractions", "NocodeAI.Warehouse", "NocodeAI.Modeling",
    };

    /// <summary>
    /// The bounded context (SPEC §3) of every deployable and persistence project: a deployable touches only
    /// its own context's database. A new deployable must be added here, or the boundary tests fail.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Contexts = new Dictionary<string, string>
    {
        ["NocodeAI.Access"] = "access",
        ["NocodeAI.Models"] = "models",
        ["NocodeAI.Training"] = "models",
        ["NocodeAI.Targets"] = "targets",
        ["NocodeAI.Extraction"] = "targets",
        ["NocodeAI.Targets.Persistence"] = "targets",
        ["NocodeAI.Notices"] = "notices",
        ["NocodeAI.Externals"] = "externals",
        ["NocodeAI.Gateway"] = "gateway",
    };

    /// <summary>The project's bounded context, or null for building blocks, contracts and tools.</summary>
    public string? Context => Contexts.GetValueOrDefault(Name);

    /// <summary>The folder holding the project file.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public IEnumerable<string> ReferenceNames => ReferencePaths.Select(p => System.IO.Path.GetFileNameWithoutExtension(p));

    public static ProjectKind KindOf(string name) =>
        Services.Contains(name) ? ProjectKind.Service
        : BuildingBlocks.Contains(name) ? ProjectKind.BuildingBlock
        : name.EndsWith(".Contracts", StringComparison.Ordinal) ? ProjectKind.Contracts
        : name.EndsWith(".Persistence", StringComparison.Ordinal) ? ProjectKind.Persistence
        : ProjectKind.Other;

    /// <summary>Every *.csproj under src/ (build output and node_modules excluded), by plain XML reading.</summary>
    public static IReadOnlyList<SourceProject> Load() => Load(RepositoryRoot());

    /// <summary>Every *.csproj under <paramref name="root"/>/src (a fixture tree in the tests that show a rule failing).</summary>
    public static IReadOnlyList<SourceProject> Load(string root)
    {
        var src = System.IO.Path.Combine(root, "src");
        return System.IO.Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .Select(Read)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    public override string ToString() => Name;

    private static SourceProject Read(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var document = XDocument.Load(path);
        var references = document.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => e.Attribute("Include")?.Value)
            .OfType<string>()
            .Select(include => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, include.Replace('\\', System.IO.Path.DirectorySeparatorChar))))
            .ToList();
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        return new SourceProject(name, path, KindOf(name), references)
        {
            PackageNames = Includes(document, "PackageReference"),
            FrameworkNames = Includes(document, "FrameworkReference"),
        };
    }

    private static List<string> Includes(XDocument document, string item) =>
        document.Descendants()
            .Where(e => e.Name.LocalName == item)
            .Select(e => e.Attribute("Include")?.Value)
            .OfType<string>()
            .ToList();

    public static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("NOCODE_ROOT") is { Length: > 0 } configured)
        {
            return System.IO.Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "NocodeAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NocodeAI.sln above {AppContext.BaseDirectory}; set NOCODE_ROOT.");
    }
}
