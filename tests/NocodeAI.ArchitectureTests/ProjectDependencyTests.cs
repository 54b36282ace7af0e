namespace NocodeAI.ArchitectureTests;

/// <summary>
/// Services never reference services: they share building blocks and talk through events (contracts
/// projects) and the GraphQL schema. Read from the project files, so a violation fails before it ships.
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly IReadOnlyList<SourceProject> Projects = SourceProject.Load();

    /// <summary>
    /// The one building block that speaks a producer's vocabulary: the ML library trains the algorithms and
    /// reports the stages the models contract names, so no second copy of those enums has to be mapped by name.
    /// </summary>
    private static readonly HashSet<(string BuildingBlock, string Contracts)> ContractVocabularies = [("NocodeAI.Modeling", "NocodeAI.Models.Contracts")];

    [Fact]
    public void The_source_tree_holds_the_services_and_building_blocks_the_rules_are_about()
    {
        var names = Projects.Select(p => p.Name).ToList();

        Assert.Contains("NocodeAI.Access", names);
        Assert.Contains("NocodeAI.Models", names);
        Assert.Contains("NocodeAI.ServiceDefaults", names);
        Assert.Contains("NocodeAI.GraphQL", names);
        Assert.Contains("NocodeAI.Messaging", names);
    }

    [Fact]
    public void Every_project_reference_points_to_an_existing_project()
    {
        var missing = Projects
            .SelectMany(p => p.ReferencePaths.Where(r => !File.Exists(r)).Select(r => $"{p.Name} → {r}"))
            .ToList();

        Assert.True(missing.Count == 0, "Project references to files that do not exist:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void No_project_references_a_service_or_worker()
    {
        var violations = Projects
            .SelectMany(p => p.ReferenceNames.Where(r => SourceProject.KindOf(r) == ProjectKind.Service).Select(r => $"{p.Name} → {r}"))
            .ToList();

        Assert.True(violations.Count == 0, "Services are deployables, not libraries; share a building block or a contracts project instead:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Services_reference_only_building_blocks_contracts_and_their_contexts_persistence()
    {
        var violations = Projects
            .Where(p => p.Kind == ProjectKind.Service)
            .SelectMany(p => p.ReferenceNames
                .Where(r => SourceProject.KindOf(r) switch
                {
                    ProjectKind.BuildingBlock or ProjectKind.Contracts => false,
                    ProjectKind.Persistence => SourceProject.Contexts.GetValueOrDefault(r) != p.Context,
                    _ => true,
                })
                .Select(r => $"{p.Name} → {r}"))
            .ToList();

        Assert.True(violations.Count == 0, "A service may reference building blocks, *.Contracts and its own context's *.Persistence only:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Persistence_projects_reference_only_building_blocks_and_contracts()
    {
        var violations = Violations(ProjectKind.Persistence, r => SourceProject.KindOf(r) is ProjectKind.BuildingBlock or ProjectKind.Contracts);

        Assert.True(violations.Count == 0, "A context's persistence knows no deployable:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Contracts_reference_only_the_messaging_abstractions_and_other_contracts()
    {
        // Not NocodeAI.Messaging: that brings EF Core, Npgsql, NATS and ASP.NET into every consumer of a contract.
        var violations = Violations(ProjectKind.Contracts, r => r == "NocodeAI.Messaging.Abstractions" || SourceProject.KindOf(r) == ProjectKind.Contracts);

        Assert.True(violations.Count == 0, "A contracts project may reference NocodeAI.Messaging.Abstractions and other contracts only:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_messaging_abstractions_reference_no_project_and_no_package()
    {
        var abstractions = Projects.Single(p => p.Name == "NocodeAI.Messaging.Abstractions");

        Assert.Empty(abstractions.ReferenceNames);
        Assert.Empty(abstractions.PackageNames);
        Assert.Empty(abstractions.FrameworkNames);
    }

    [Fact]
    public void Building_blocks_reference_only_building_blocks()
    {
        var violations = Projects
            .Where(p => p.Kind == ProjectKind.BuildingBlock)
            .SelectMany(p => p.ReferenceNames
                .Where(r => SourceProject.KindOf(r) != ProjectKind.BuildingBlock && !ContractVocabularies.Contains((p.Name, r)))
                .Select(r => $"{p.Name} → {r}"))
            .ToList();

        Assert.True(violations.Count == 0, "A building block knows no service and no producer's contracts:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Contracts_projects_do_not_reference_each_other_in_a_cycle()
    {
        var contracts = Projects.Where(p => p.Kind == ProjectKind.Contracts).ToDictionary(p => p.Name, p => p.ReferenceNames.ToList());
        var cycles = contracts.Keys.Where(start => Reaches(contracts, start, start, [])).ToList();

        Assert.True(cycles.Count == 0, "Contracts in a reference cycle: " + string.Join(", ", cycles));
    }

    private static List<string> Violations(ProjectKind kind, Func<string, bool> allowed) =>
        Projects
            .Where(p => p.Kind == kind)
            .SelectMany(p => p.ReferenceNames.Where(r => !allowed(r)).Select(r => $"{p.Name} → {r}"))
            .ToList();

    private static bool Reaches(Dictionary<string, List<string>> graph, string from, string target, HashSet<string> seen)
    {
        foreach (var next in graph.GetValueOrDefault(from) ?? [])
        {
            if (next == target)
            {
                return true;
            }

            if (seen.Add(next) && Reaches(graph, next, target, seen))
            {
                return true;
            }
        }

        return false;
    }
}
