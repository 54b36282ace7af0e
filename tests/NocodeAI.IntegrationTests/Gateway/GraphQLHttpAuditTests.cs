using System.Diagnostics;
using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Gateway;

/// <summary>
/// GraphQL over HTTP conformance, judged by graphql-http's own server audits (tests/GraphQLHttpAudit):
/// no MUST failed and no SHOULD unmet, at the gateway and at every subgraph.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class GraphQLHttpAuditTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    [Theory]
    [InlineData("gateway")]
    [InlineData("access")]
    [InlineData("models")]
    [InlineData("targets")]
    [InlineData("notices")]
    public async Task The_graphql_http_audit_finds_no_unmet_MUST_or_SHOULD(string target)
    {
        var url = target == "gateway" ? _system.GatewayUrl : new Uri(NocodeSystem.ServiceUrl(target), "/graphql");
        var directory = Path.Combine(NocodeSystem.FindRoot(), "tests", "GraphQLHttpAudit");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "graphql-http")))
        {
            var (installed, log) = await RunAsync(directory, "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(installed == 0, $"npm ci in {directory} failed:\n{log}");
        }

        var (exit, report) = await RunAsync(directory, "node", "audit.mjs", url.ToString());
        output.WriteLine(report);
        Assert.True(exit == 0, $"graphql-http's audit of {target} ({url}) found unmet requirements:\n{report}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
