using System.Diagnostics;
using System.Globalization;
using NocodeAI.Bench.Client;

namespace NocodeAI.Bench.Scenarios;

/// <summary>
/// N WebSocket subscribers through the gateway on one request, signed in once or spread over 50
/// sign-ins; one state change; the time from sending the mutation to the event at every
/// subscriber, the time until all N were live (the gateway's <c>nocode_gateway_subscriptions_live</c>),
/// and the gateway's resident memory per subscriber.
/// </summary>
public static class FanOutScenario
{
    private const string Changed = "subscription S($id: ID) { modelRequestChanged(id: $id) { id state } }";

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var sizes = bench.Quick ? new[] { 1000 } : [1000, 5000, 10000];
        var tokens = new List<string> { bench.AnalystToken };
        for (var i = 1; i < 50; i++)
        {
            // Every sign-in is a distinct token, so a distinct identity for the gateway's stream sharing.
            tokens.Add(await bench.Gateway.LoginAsync("analyst", "nocode-analyst"));
        }

        var results = new List<ScenarioResult>();
        foreach (var size in sizes)
        {
            foreach (var identities in new[] { 1, 50 })
            {
                var rounds = new List<Round>();
                var notes = new List<string>();
                for (var round = 0; round < (bench.Quick ? 1 : 2); round++)
                {
                    var (result, note) = await RoundAsync(bench, size, tokens.Take(identities).ToList());
                    rounds.Add(result);
                    notes.Add(note);
                }

                var target = size switch { >= 10000 => "p99 < 250 ms", >= 5000 => "p99 < 100 ms", _ => null };
                var limit = size switch { >= 10000 => 250, >= 5000 => 100, _ => double.PositiveInfinity };
                var scenario = new ScenarioResult($"fan-out-{size}-{identities}", $"{size:N0} WebSocket subscribers through the gateway ({identities} sign-in{(identities > 1 ? "s" : "")}), one change",
                    rounds, target, Note: string.Join("; ", notes));
                results.Add(target is null ? scenario : scenario with { TargetMet = scenario.MedianP99 < limit && scenario.Failed == 0 });
            }
        }

        return results;
    }

    private static async Task<(Round Round, string Note)> RoundAsync(BenchContext bench, int size, List<string> tokens)
    {
        var id = await bench.RequestModelAsync($"bench fan-out {Guid.NewGuid():N}"[..30]);
        var clock = new Stopwatch();
        var subscribers = new List<Subscriber>();
        string? problem = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var before = await LiveSubscriptionsAsync(bench);
            var memoryBefore = GatewayResidentBytes();
            var subscribing = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(64);
            var opening = Enumerable.Range(0, size).Select(async n =>
            {
                await gate.WaitAsync(cancel.Token);
                try
                {
                    return await Subscriber.OpenAsync(bench.GatewayUrl, tokens[n % tokens.Count], Changed, new { id }, "\"CANCELED\"", clock, cancel.Token);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            foreach (var task in opening)
            {
                try
                {
                    subscribers.Add(await task);
                }
                catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or InvalidOperationException or TimeoutException or OperationCanceledException)
                {
                    problem ??= $"could not open every subscriber: {ex.Message}";
                }
            }

            await WaitForSubscriptionsAsync(bench, before + subscribers.Count, TimeSpan.FromSeconds(60));
            var subscribeSeconds = subscribing.Elapsed.TotalSeconds;
            var perClient = memoryBefore is { } b && GatewayResidentBytes() is { } a ? (a - b) / (double)Math.Max(1, subscribers.Count) / 1024 : double.NaN;
            clock.Start();
            await bench.Gateway.DataAsync(BenchContext.CancelModel, new { id }, bench.AnalystToken);
            var latencies = new List<double>();
            var missing = 0;
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var subscriber in subscribers)
            {
                try
                {
                    latencies.Add(await subscriber.Arrived.WaitAsync(wait.Token));
                }
                catch (OperationCanceledException)
                {
                    missing++;
                }
            }

            var elapsed = latencies.Count > 0 ? latencies.Max() / 1000 : 0;
            var note = string.Create(CultureInfo.InvariantCulture, $"all {subscribers.Count:N0} live after {subscribeSeconds:0.0} s, gateway memory {perClient:0.0} KiB per subscriber");
            if (problem is not null) note += "; " + problem;
            return (new Round(latencies, elapsed, latencies.Count, missing + size - subscribers.Count), note);
        }
        finally
        {
            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>How many client subscriptions have gone live at the gateway (their subgraph stream open; nothing is missed from then on).</summary>
    private static async Task<long> LiveSubscriptionsAsync(BenchContext bench)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(bench.GatewayUrl, "/metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith("nocode_gateway_subscriptions_opened_total", StringComparison.Ordinal))
            .Select(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }

    private static async Task WaitForSubscriptionsAsync(BenchContext bench, long count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await LiveSubscriptionsAsync(bench) < count && clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The gateway process's resident memory (VmRSS), found by the pid file ./nocode keeps.</summary>
    private static long? GatewayResidentBytes()
    {
        var root = Environment.GetEnvironmentVariable("NOCODE_ROOT") ?? Directory.GetCurrentDirectory();
        var pidFile = Path.Combine(root, ".nocode", "run", "gateway.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) return null;
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
