namespace NocodeAI.IntegrationTests.Schema;

/// <summary>
/// The checked-in SDL is the contract (issue 2 §7): each subgraph's live <c>_service.sdl</c> equals
/// <c>schema/&lt;subgraph&gt;.graphql</c>, and <c>schema/supergraph.graphql</c> equals a fresh composition.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class SchemaSnapshotTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    [Theory]
    [InlineData("access")]
    [InlineData("models")]
    [InlineData("targets")]
    public async Task The_subgraphs_live_SDL_equals_the_checked_in_schema_file(string subgraph)
    {
        var client = _system.Subgraph(subgraph);
        var file = Path.Combine(_system.Root, "schema", $"{subgraph}.graphql");
        Assert.True(File.Exists(file), $"{file} is missing; run ./nocode compose.");

        var live = (await client.SendAsync("{ _service { sdl } }")).EnsureSuccess().Field("_service.sdl").GetString()!;

        AssertSameSdl(Normalize(await File.ReadAllTextAsync(file)), Normalize(live), file);
    }

    [Fact]
    public async Task The_checked_in_supergraph_equals_a_fresh_composition()
    {
        var exitCode = await _system.RunAsync("node", ["src/Gateway/compose.mjs", "--check"], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"node src/Gateway/compose.mjs --check exited with {exitCode}: schema/supergraph.graphql is stale; run ./nocode compose.\n{_system.LogTail()}");
    }

    private static string Normalize(string sdl) =>
        string.Join('\n', sdl.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    private static void AssertSameSdl(string expected, string actual, string file)
    {
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        throw new Xunit.Sdk.XunitException(
            $"{file} differs from the live SDL at line {line + 1} (run ./nocode compose and commit the result):\n" +
            $"  file: {(line < expectedLines.Length ? expectedLines[line] : "<end>")}\n" +
            $"  live: {(line < actualLines.Length ? actualLines[line] : "<end>")}");
    }
}
