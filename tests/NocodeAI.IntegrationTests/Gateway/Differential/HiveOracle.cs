using System.Diagnostics;
using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Gateway.Differential;

/// <summary>
/// Hive Gateway (src/Gateway, the gateway the product ran before ours) on its own port against the
/// same running subgraphs: the oracle our gateway is compared with. Started for the differential
/// tests and stopped after them; an oracle already answering on the port (NOCODE_ORACLE_URL, or
/// :4100) is reused.
/// </summary>
public sealed class HiveOracle : IAsyncLifetime
{
    private Process? _process;

    public Uri Url { get; private set; } = new(Environment.GetEnvironmentVariable("NOCODE_ORACLE_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:4100/graphql");

    public async Task InitializeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        if (await ReadyAsync(http))
        {
            return;
        }

        var root = NocodeSystem.FindRoot();
        var directory = Path.Combine(root, "src", "Gateway");
        if (!File.Exists(Path.Combine(directory, "node_modules", "@graphql-hive", "gateway", "dist", "bin.js")))
        {
            throw new InvalidOperationException($"Hive Gateway is not installed in {directory} (./nocode up installs it).");
        }

        var start = new ProcessStartInfo("node", ["node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["GATEWAY_HOST"] = Url.Host;
        start.Environment["GATEWAY_PORT"] = Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SUPERGRAPH_PATH"] = Path.Combine(root, "schema", "supergraph.graphql");
        foreach (var subgraph in new[] { "access", "models", "targets", "notices" })
        {
            start.Environment[$"{subgraph.ToUpperInvariant()}_URL"] = new Uri(NocodeSystem.ServiceUrl(subgraph), "/graphql").ToString();
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var log = Path.Combine(root, ".nocode", "logs", "hive-oracle.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var writer = new StreamWriter(log, append: false) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!await ReadyAsync(http))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"Hive Gateway (the oracle) did not become ready on {Url}; see {log}.");
            }

            await Task.Delay(250);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Url, "/readiness"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
