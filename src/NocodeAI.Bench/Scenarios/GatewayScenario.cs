using System.Diagnostics;
using System.Globalization;
using NocodeAI.Bench.Client;

namespace NocodeAI.Bench.Scenarios;

/// <summary>
/// Our gateway side by side with Hive Gateway in its best configuration here (NODE_ENV=production,
/// two forks, Hive Router's Rust query planner), Grafbase's Rust gateway as the speed anchor, and
/// the subgraph itself, on the same four operations in one run. Requests are distinct: 32 tokens and
/// varying variables, because Hive merges identical in-flight requests that share a token.
/// </summary>
public static class GatewayScenario
{
    private const int Concurrency = 32;
    private const int HivePort = 4200;
    private const int GrafbasePort = 4300;

    private static readonly (string Name, string Query, string? Subgraph)[] Operations =
    [
        ("typename", "{ __typename }", "models"),
        ("me", "query Me { me { username roles } }", "access"),
        ("model-requests", "query M($n: Int) { modelRequests(first: $n) { edges { node { id name state } } } }", "models"),
        ("entity-hop", "query E($n: Int) { modelRequests(first: $n) { edges { node { id name targets { id name state } } } } }", null),
    ];

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var root = Environment.GetEnvironmentVariable("NOCODE_ROOT") ?? Directory.GetCurrentDirectory();
        var tokens = new List<string>();
        for (var i = 0; i < 32; i++) tokens.Add(await bench.Gateway.LoginAsync("analyst", "nocode-analyst"));

        var hive = StartHive(root);
        var grafbase = StartGrafbase(root);
        try
        {
            return await MeasureAsync(bench, root, tokens, hive, grafbase);
        }
        finally
        {
            // Started for this scenario only.
            foreach (var process in new[] { hive, grafbase })
            {
                if (process is null) continue;
                Stop(process);
                process.Dispose();
            }
        }
    }

    private static async Task<IReadOnlyList<ScenarioResult>> MeasureAsync(BenchContext bench, string root, List<string> tokens, Process? hive, Process? grafbase)
    {
        var targets = new List<(string Name, GraphQLHttp Http, Func<int?> Pid)>
        {
            ("ours", bench.Gateway, () => PidFile(root, "gateway")),
        };
        if (await ReadyAsync(hive, HivePort)) targets.Add(("hive", new GraphQLHttp(Url(HivePort)), () => hive?.Id));
        if (await ReadyAsync(grafbase, GrafbasePort)) targets.Add(("grafbase", new GraphQLHttp(Url(GrafbasePort)), () => grafbase?.Id));
        var subgraphs = new Dictionary<string, GraphQLHttp>
        {
            ["models"] = bench.Models,
            ["access"] = new(new Uri($"http://127.0.0.1:{Environment.GetEnvironmentVariable("NOCODE_ACCESS_PORT") ?? "5101"}/graphql")),
        };

        var total = bench.Quick ? 1_000 : 4_000;
        var rounds = bench.Quick ? 1 : 3;
        var results = new List<ScenarioResult>();
        var summary = new List<string>();
        var allMet = true;
        foreach (var (name, query, subgraph) in Operations)
        {
            var cells = targets.Select(t => (t.Name, t.Http, t.Pid)).ToList();
            if (subgraph is not null) cells.Add(("subgraph", subgraphs[subgraph], () => PidFile(root, subgraph)));
            var measured = cells.ToDictionary(c => c.Name, _ => new List<Round>());
            var memory = new Dictionary<string, long?>();
            var cpu = cells.ToDictionary(c => c.Name, _ => 0.0);
            foreach (var cell in cells) await Load.RunAsync(200, Concurrency, i => Succeeds(cell.Http, query, tokens, i)); // warm-up
            for (var round = 0; round < rounds; round++)
            {
                // A different order each round keeps a warming or cooling machine from favouring one side.
                foreach (var cell in round % 2 == 0 ? cells : Enumerable.Reverse(cells))
                {
                    var before = ProcessCpu.OfProcess(cell.Pid());
                    measured[cell.Name].Add(await Load.RunAsync(total, Concurrency, i => Succeeds(cell.Http, query, tokens, i)));
                    var after = ProcessCpu.OfProcess(cell.Pid());
                    cpu[cell.Name] += after - before ?? double.NaN;
                    memory[cell.Name] = Rss(cell.Pid());
                }
            }

            foreach (var cell in cells)
            {
                var perRequest = cpu[cell.Name] / (total * (double)rounds);
                var mib = string.Create(CultureInfo.InvariantCulture, $"its own CPU {perRequest:0.000} ms per request")
                    + (memory[cell.Name] is { } bytes ? string.Create(CultureInfo.InvariantCulture, $", {bytes / 1048576.0:0} MiB resident after load") : "");
                results.Add(new ScenarioResult($"gateway-{name}-{cell.Name}", $"`{query}` via {cell.Name}, {Concurrency} in flight, 32 tokens", measured[cell.Name], Note: mib));
            }

            var rate = cells.ToDictionary(c => c.Name, c => Statistics.Median(measured[c.Name].Select(r => r.PerSecond).ToList()));
            var perRequestCpu = cells.ToDictionary(c => c.Name, c => cpu[c.Name] / (total * (double)rounds));
            var line = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{name}: ours {rate["ours"]:0}/s at {perRequestCpu["ours"]:0.000} ms CPU per request") };
            if (rate.TryGetValue("hive", out var hiveRate))
            {
                var ratio = rate["ours"] / hiveRate;
                allMet &= ratio >= 4;
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}× Hive ({hiveRate:0}/s at {perRequestCpu["hive"]:0.000} ms CPU; target ≥ 4×)"));
            }

            if (rate.TryGetValue("grafbase", out var grafbaseRate)) line.Add(string.Create(CultureInfo.InvariantCulture, $"{rate["ours"] / grafbaseRate:0.00}× Grafbase ({grafbaseRate:0}/s at {perRequestCpu["grafbase"]:0.000} ms CPU)"));
            if (rate.TryGetValue("subgraph", out var direct))
            {
                var ratio = rate["ours"] / direct;
                allMet &= ratio >= 0.6;
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}× the subgraph ({direct:0}/s; target ≥ 0.6×)"));
            }

            summary.Add(string.Join(", ", line));
        }

        foreach (var target in targets.Where(t => t.Name != "ours")) target.Http.Dispose();
        subgraphs["access"].Dispose();
        results.Add(new ScenarioResult("gateway-ratios", "our gateway's throughput against Hive Gateway (best configuration), Grafbase and the subgraph, in one run",
            [], "≥ 4× Hive on each operation, ≥ 0.6× the subgraph on one-subgraph operations", allMet && targets.Any(t => t.Name == "hive"), string.Join("; ", summary)));
        return results;
    }

    /// <summary>Distinct requests: the i-th uses the i-th token of 32 and a page size from 1 to 10.</summary>
    private static async Task<bool> Succeeds(GraphQLHttp http, string query, List<string> tokens, int i)
    {
        var answer = await http.SendAsync(query, query.Contains("$n", StringComparison.Ordinal) ? new { n = 1 + (i % 10) } : null, tokens[i % tokens.Count]);
        return !answer.TryGetProperty("errors", out _) && answer.TryGetProperty("data", out _);
    }

    private static Uri Url(int port) => new($"http://127.0.0.1:{port}/graphql");

    private static Process? StartHive(string root)
    {
        var directory = Path.Combine(root, "src", "Gateway");
        var start = new ProcessStartInfo("node", ["node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph", "--fork", "2"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NODE_ENV"] = "production";
        start.Environment["HIVE_ROUTER_RUNTIME"] = "true";
        start.Environment["GATEWAY_HOST"] = "127.0.0.1";
        start.Environment["GATEWAY_PORT"] = HivePort.ToString(CultureInfo.InvariantCulture);
        start.Environment["SUPERGRAPH_PATH"] = Path.Combine(root, "schema", "supergraph.graphql");
        foreach (var (subgraph, port) in SubgraphPorts()) start.Environment[$"{subgraph.ToUpperInvariant()}_URL"] = $"http://127.0.0.1:{port}/graphql";
        return Start(start);
    }

    private static Process? StartGrafbase(string root)
    {
        var binary = Path.Combine(root, "src", "NocodeAI.Bench", "anchors", "node_modules", "@grafbase", "cli-x86_64-unknown-linux-musl", "grafbase");
        if (!File.Exists(binary)) return null;
        var config = Path.Combine(Path.GetTempPath(), "nocode-grafbase.toml");
        var text = new System.Text.StringBuilder();
        foreach (var (subgraph, port) in SubgraphPorts())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[subgraphs.{subgraph}]")
                .AppendLine(CultureInfo.InvariantCulture, $"url = \"http://127.0.0.1:{port}/graphql\"")
                .AppendLine(CultureInfo.InvariantCulture, $"schema_path = \"{Path.Combine(root, "schema", subgraph + ".graphql")}\"")
                .AppendLine();
        }

        // The caller's token goes to every subgraph, as with our gateway and Hive.
        text.AppendLine("[[headers]]").AppendLine("rule = \"forward\"").AppendLine("name = \"authorization\"");
        File.WriteAllText(config, text.ToString());
        var start = new ProcessStartInfo(binary, ["dev", "-c", config, "-p", GrafbasePort.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Start(start);
    }

    private static Process? Start(ProcessStartInfo start)
    {
        try
        {
            var process = Process.Start(start);
            if (process is null) return null;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
            return process;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task<bool> ReadyAsync(Process? process, int port)
    {
        if (process is null) return false;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            try
            {
                using var response = await http.PostAsync(Url(port), new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode) return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Console.Error.WriteLine($"bench: the gateway on :{port} did not start; it is left out of the comparison");
        return false;
    }

    private static IEnumerable<(string Name, string Port)> SubgraphPorts() =>
        new[] { ("access", "5101"), ("models", "5102"), ("targets", "5103"), ("notices", "5104") }
            .Select(s => (s.Item1, Environment.GetEnvironmentVariable($"NOCODE_{s.Item1.ToUpperInvariant()}_PORT") ?? s.Item2));

    private static int? PidFile(string root, string component)
    {
        var file = Path.Combine(root, ".nocode", "run", $"{component}.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
    }

    /// <summary>Resident memory of a process and its children (Hive's forks), from /proc.</summary>
    private static long? Rss(int? pid)
    {
        if (pid is not { } root) return null;
        long total = 0;
        var found = false;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var candidate)) continue;
            try
            {
                var status = File.ReadAllLines(Path.Combine(directory, "status"));
                var parent = status.FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal))?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1];
                if (candidate != root && parent != root.ToString(CultureInfo.InvariantCulture)) continue;
                var rss = status.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (rss is null) continue;
                total += long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                found = true;
            }
            catch (IOException)
            {
            }
        }

        return found ? total : null;
    }
}
