using System.Diagnostics;
using System.Globalization;
using NocodeAI.Bench.Client;

namespace NocodeAI.Bench.Scenarios;

/// <summary>
/// N WebSocket subscribers through the gateway on one request; one state change; the time from
/// sending the mutation to the event at every subscriber.
/// </summary>
public static class FanOutScenario
{
    private const string Changed = "subscription S($id: ID) { modelRequestChanged(id: $id) { id state } }";

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var sizes = bench.Quick ? new[] { 200 } : [1000, 5000];
        var results = new List<ScenarioResult>();
        foreach (var size in sizes)
        {
            var rounds = new List<Round>();
            string? problem = null;
            for (var round = 0; round < (bench.Quick ? 1 : 2); round++)
            {
                var (result, error) = await RoundAsync(bench, size);
                rounds.Add(result);
                problem ??= error;
            }

            var scenario = new ScenarioResult($"fan-out-{size}", $"{size:N0} WebSocket subscribers through the gateway, one change",
                rounds, size >= 5000 ? "p99 < 250 ms" : null, Note: problem);
            results.Add(size >= 5000 ? scenario with { TargetMet = scenario.MedianP99 < 250 && scenario.Failed == 0 } : scenario);
        }

        return results;
    }

    private static async Task<(Round Round, string? Problem)> RoundAsync(BenchContext bench, int size)
    {
        var id = await bench.RequestModelAsync($"bench fan-out {Guid.NewGuid():N}"[..30]);
        var clock = new Stopwatch();
        var subscribers = new List<Subscriber>();
        string? problem = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var before = await ActiveSubscriptionsAsync();
            using var gate = new SemaphoreSlim(64);
            var opening = Enumerable.Range(0, size).Select(async _ =>
            {
                await gate.WaitAsync(cancel.Token);
                try
                {
                    return await Subscriber.OpenAsync(bench.GatewayUrl, bench.AnalystToken, Changed, new { id }, "\"CANCELED\"", clock, cancel.Token);
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

            await WaitForSubscriptionsAsync(before + subscribers.Count, TimeSpan.FromSeconds(60));
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
            return (new Round(latencies, elapsed, latencies.Count, missing + size - subscribers.Count), problem);
        }
        finally
        {
            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>nocode_subscriptions_active on the models subgraph: every subscriber's stream has reached it.</summary>
    private static async Task<long> ActiveSubscriptionsAsync()
    {
        using var http = new HttpClient();
        var baseUrl = Environment.GetEnvironmentVariable("NOCODE_MODELS_URL") ?? "http://127.0.0.1:5102";
        var text = await http.GetStringAsync(new Uri(new Uri(baseUrl), "/metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith("nocode_subscriptions_active", StringComparison.Ordinal))
            .Select(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }

    private static async Task WaitForSubscriptionsAsync(long count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await ActiveSubscriptionsAsync() < count && clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
