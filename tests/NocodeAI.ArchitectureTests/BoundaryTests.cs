namespace NocodeAI.ArchitectureTests;

/// <summary>A deployable touches only its own bounded context's database, through that context's persistence code (<see cref="BoundaryRules"/>).</summary>
public sealed class BoundaryTests
{
    [Fact]
    public void Every_deployable_touches_only_its_own_contexts_database_through_its_persistence_code()
    {
        var violations = BoundaryRules.Check(SourceProject.RepositoryRoot());

        Assert.True(violations.Count == 0, $"{violations.Count} boundary violation(s):\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void The_rules_see_the_tables_of_every_context_and_who_owns_them()
    {
        var owners = BoundaryRules.TableOwners(BoundaryRules.Load(SourceProject.Load()));

        Assert.Equal(["NocodeAI.Targets.Persistence"], owners["target_requests"].Select(p => p.Name));
        Assert.Equal(["NocodeAI.Targets.Persistence"], owners["target_members"].Select(p => p.Name));
        Assert.Equal(["NocodeAI.Models"], owners["model_requests"].Select(p => p.Name));
        Assert.Equal(["NocodeAI.Access"], owners["users"].Select(p => p.Name));
        Assert.Contains("outbox_messages", BoundaryRules.SharedTables(owners));
    }

    [Fact]
    public void The_extraction_worker_reaches_target_members_only_through_the_targets_persistence_project()
    {
        var projects = SourceProject.Load();
        var extraction = projects.Single(p => p.Name == "NocodeAI.Extraction");

        Assert.Equal("targets", extraction.Context);
        Assert.Contains("NocodeAI.Targets.Persistence", extraction.ReferenceNames);
        Assert.DoesNotContain(BoundaryRules.Load([extraction]), f => f.Literals.Any(l => l.Contains("target_", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_misplaced_reference_a_copied_model_and_sql_outside_persistence_code_fail_the_rules()
    {
        using var tree = new FixtureTree();
        tree.Project("NocodeAI.Targets.Persistence");
        tree.File("NocodeAI.Targets.Persistence/Infrastructure/TargetRequestConfiguration.cs", """builder.ToTable("target_requests");""");
        tree.File("NocodeAI.Targets.Persistence/TargetMembers/TargetMemberStore.cs", """var sql = "SELECT state FROM target_requests WHERE id = $1 FOR UPDATE";""");
        tree.Project("NocodeAI.Extraction", "NocodeAI.Targets.Persistence");
        tree.Project("NocodeAI.Notices");
        tree.File("NocodeAI.Notices/Infrastructure/NoticeConfiguration.cs", """builder.ToTable("notices");""");

        Assert.Empty(BoundaryRules.Check(tree.Root));

        // The deliberate mistakes: another context's persistence referenced, its table mapped again, and SQL in a handler.
        tree.Project("NocodeAI.Notices", "NocodeAI.Targets.Persistence");
        tree.File("NocodeAI.Notices/Infrastructure/TargetCopy.cs", """builder.ToTable("target_requests");""");
        tree.File("NocodeAI.Extraction/Jobs/ExtractHandler.cs", """
            // SELECT state FROM target_requests in a comment is not SQL that runs.
            var command = dataSource.CreateCommand(@"DELETE FROM target_members WHERE target_request_id = $1");
            """);
        tree.File("NocodeAI.Targets.Persistence/Infrastructure/TargetMemberConfiguration.cs", """builder.ToTable("target_members");""");

        var violations = BoundaryRules.Check(tree.Root);

        Assert.Contains(violations, v => v.StartsWith("NocodeAI.Notices → NocodeAI.Targets.Persistence: only the targets context's deployables", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("table target_requests is declared by NocodeAI.Notices and NocodeAI.Targets.Persistence", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("NocodeAI.Extraction/Jobs/ExtractHandler.cs: SQL names target_members, which NocodeAI.Targets.Persistence owns", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("names target_requests", StringComparison.Ordinal));
        Assert.Equal(3, violations.Count);
    }

    [Fact]
    public void Sql_of_the_owner_outside_its_persistence_folders_fails_the_rules()
    {
        using var tree = new FixtureTree();
        tree.Project("NocodeAI.Access");
        tree.File("NocodeAI.Access/Infrastructure/UserConfiguration.cs", """builder.ToTable("users");""");
        tree.File("NocodeAI.Access/Users/UserAdministration.cs", """"
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})");
            var admins = $$"""
                SELECT count(*) FROM users WHERE {{RolesColumn}} @> '{ADMIN}'
                """;
            """");

        var violation = Assert.Single(BoundaryRules.Check(tree.Root));

        Assert.StartsWith("NocodeAI.Access/Users/UserAdministration.cs: SQL names users outside persistence code", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void String_literals_are_read_through_interpolation_verbatim_and_raw_strings_but_not_comments()
    {
        var literals = SourceText.StringLiterals(""""
            // "in a comment"
            var a = $"x {Call("inner")} y";
            var b = @"say ""hi""";
            var c = '"';
            /* "also a comment" */
            var d = $$"""
                raw {{x}}
                """;
            """");

        Assert.Equal(["inner", "x {…} y", "say \"hi\"", "\n    raw {{x}}\n    "], literals.Select(l => l.Replace("\r", "", StringComparison.Ordinal)));
    }

    /// <summary>A throw-away src/ tree with project files and sources, for showing a rule fail.</summary>
    private sealed class FixtureTree : IDisposable
    {
        public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("nocode-boundaries-").FullName;

        public void Project(string name, params string[] references)
        {
            var items = string.Join("", references.Select(r => $"""<ProjectReference Include="../{r}/{r}.csproj" />"""));
            File($"{name}/{name}.csproj", $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>{items}</ItemGroup></Project>""");
        }

        public void File(string path, string text)
        {
            var full = Path.Combine(Root, "src", path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            System.IO.File.WriteAllText(full, text);
        }

        public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
    }
}
