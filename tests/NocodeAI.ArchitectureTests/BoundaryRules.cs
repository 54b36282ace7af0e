using System.Text.RegularExpressions;

namespace NocodeAI.ArchitectureTests;

/// <summary>
/// The rule of SPEC §3 for data: <b>a deployable touches only its own bounded context's database, and
/// only through that context's persistence code.</b> Checked from the source tree alone:
/// <list type="number">
/// <item>A table is declared (EF <c>ToTable("…")</c>, a migration's <c>CreateTable(name: "…")</c>, or SQL
/// <c>CREATE TABLE …</c>) by exactly one project: its owner. A second declaration is a copy of another
/// context's model. Building-block tables (the outbox and inbox every context's database holds) are shared
/// infrastructure and exempt.</item>
/// <item>SQL that names a table (<c>FROM</c>, <c>JOIN</c>, <c>INTO</c>, <c>UPDATE</c>, <c>COPY</c>,
/// <c>TABLE</c>, <c>TRUNCATE</c>) appears only in the table's owner, and there only in persistence code:
/// a <c>*.Persistence</c> project, a building block, or an <c>Infrastructure</c>, <c>Persistence</c> or
/// <c>Migrations</c> folder.</item>
/// <item>A <c>*.Persistence</c> project is referenced only by deployables of its own context, and every
/// deployable and persistence project names its context (<see cref="SourceProject.Contexts"/>).</item>
/// </list>
/// </summary>
public static partial class BoundaryRules
{
    private static readonly string[] PersistenceFolders = ["Infrastructure", "Persistence", "Migrations"];

    /// <summary>One C# file of a project, with its string literals.</summary>
    public sealed record SourceFile(SourceProject Project, string RelativePath, string Code)
    {
        public IReadOnlyList<string> Literals { get; } = SourceText.StringLiterals(Code);

        public bool IsPersistenceCode =>
            Project.Kind is ProjectKind.Persistence or ProjectKind.BuildingBlock
            || RelativePath.Split('/').SkipLast(1).Any(folder => PersistenceFolders.Contains(folder, StringComparer.Ordinal));

        public override string ToString() => $"{Project.Name}/{RelativePath}";
    }

    public static IReadOnlyList<SourceFile> Load(IReadOnlyList<SourceProject> projects) =>
        projects.SelectMany(p => System.IO.Directory.EnumerateFiles(p.Directory, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(p.Directory, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
                .Order(StringComparer.Ordinal)
                .Select(f => new SourceFile(p, f, File.ReadAllText(Path.Combine(p.Directory, f)))))
            .ToList();

    /// <summary>Table name → the projects that declare it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SourceProject>> TableOwners(IReadOnlyList<SourceFile> files)
    {
        var declarations = files.SelectMany(f =>
                EfTable().Matches(f.Code).Select(m => m.Groups["table"].Value)
                    .Concat(f.Literals.SelectMany(l => SqlCreateTable().Matches(l)).Select(m => m.Groups["table"].Value))
                    .Select(table => (table, f.Project)))
            .ToList();
        return declarations
            .GroupBy(d => d.table, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<SourceProject>)g.Select(d => d.Project).DistinctBy(p => p.Name).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
                StringComparer.Ordinal);
    }

    /// <summary>Tables a building block declares: present in every context's database, owned by none.</summary>
    public static IReadOnlySet<string> SharedTables(IReadOnlyDictionary<string, IReadOnlyList<SourceProject>> owners) =>
        owners.Where(o => o.Value.Any(p => p.Kind == ProjectKind.BuildingBlock)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Rule 1: each context table has one owner.</summary>
    public static IReadOnlyList<string> TablesDeclaredOnce(IReadOnlyList<SourceFile> files)
    {
        var owners = TableOwners(files);
        var shared = SharedTables(owners);
        return owners
            .Where(o => !shared.Contains(o.Key) && o.Value.Count > 1)
            .Select(o => $"table {o.Key} is declared by {string.Join(" and ", o.Value)}: share the owner's persistence code instead of copying its model")
            .ToList();
    }

    /// <summary>Rule 2: SQL naming a table sits in the owner's persistence code.</summary>
    public static IReadOnlyList<string> SqlStaysInItsOwnersPersistenceCode(IReadOnlyList<SourceFile> files)
    {
        var owners = TableOwners(files);
        var violations = new List<string>();
        foreach (var file in files)
        {
            foreach (var table in file.Literals.SelectMany(l => SqlTable().Matches(l)).Select(m => m.Groups["table"].Value).Distinct(StringComparer.Ordinal))
            {
                if (!owners.TryGetValue(table, out var declaredBy))
                {
                    continue; // not a table of ours (pg_database, a word in a message)
                }

                if (!declaredBy.Any(p => p.Name == file.Project.Name))
                {
                    violations.Add($"{file}: SQL names {table}, which {string.Join(" and ", declaredBy)} owns; go through that context's persistence code");
                }
                else if (!file.IsPersistenceCode)
                {
                    violations.Add($"{file}: SQL names {table} outside persistence code (a *.Persistence project or an Infrastructure, Persistence or Migrations folder)");
                }
            }
        }

        return violations;
    }

    /// <summary>Rule 3: persistence projects are referenced from their own context only.</summary>
    public static IReadOnlyList<string> ContextsKeepTheirDatabases(IReadOnlyList<SourceProject> projects)
    {
        var byName = projects.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var project in projects.Where(p => p.Kind is ProjectKind.Service or ProjectKind.Persistence && p.Context is null))
        {
            violations.Add($"{project.Name} has no bounded context: add it to {nameof(SourceProject)}.{nameof(SourceProject.Contexts)}");
        }

        foreach (var project in projects)
        {
            foreach (var reference in project.ReferenceNames.Where(r => byName.TryGetValue(r, out var target) && target.Kind == ProjectKind.Persistence))
            {
                var target = byName[reference];
                if (project.Kind != ProjectKind.Service || project.Context is null || project.Context != target.Context)
                {
                    violations.Add($"{project.Name} → {reference}: only the {target.Context ?? "?"} context's deployables may use its persistence");
                }
            }
        }

        return violations;
    }

    /// <summary>All three rules over the repository (or a fixture tree laid out like it).</summary>
    public static IReadOnlyList<string> Check(string root)
    {
        var projects = SourceProject.Load(root);
        var files = Load(projects);
        return [.. TablesDeclaredOnce(files), .. SqlStaysInItsOwnersPersistenceCode(files), .. ContextsKeepTheirDatabases(projects)];
    }

    [GeneratedRegex("""(?:\.ToTable|CreateTable)\(\s*(?:name:\s*)?"(?<table>[a-z_][a-z0-9_]*)"(?:\s*,\s*schema:\s*null)?""")]
    private static partial Regex EfTable();

    [GeneratedRegex("""\bCREATE\s+(?:UNLOGGED\s+|TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(?<table>[a-z_][a-z0-9_]*)""")]
    private static partial Regex SqlCreateTable();

    [GeneratedRegex("""\b(?:FROM|JOIN|INTO|UPDATE|COPY|TABLE|TRUNCATE)\s+(?:ONLY\s+|IF\s+(?:NOT\s+)?EXISTS\s+)?"?(?<table>[a-z_][a-z0-9_]*)""")]
    private static partial Regex SqlTable();
}
