using System.Collections.Concurrent;

namespace NocodeAI.Bench.Scenarios;

/// <summary>requestModel through the gateway: validation, commit with the outbox row, relay to JetStream.</summary>
public static class MutationScenario
{
    private const int Concurrency = 32;

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var total = bench.Quick ? 200 : 1000;
        var rounds = new List<Round>();
        var created = new ConcurrentBag<string>();
        var root = Environment.GetEnvironmentVariable("NOCODE_ROOT") ?? Directory.GetCurrentDirectory();
        var cpu = new Dictionary<string, double>();
        for (var round = 0; round < bench.Rounds; round++)
        {
            var prefix = $"bench {Guid.NewGuid():N}"[..14];
            // The system's own background work (sweeps, heartbeats) is measured first and taken out.
            var idle = await IdleRateAsync(root);
            var before = ProcessCpu.Sample(root);
            var started = DateTime.UtcNow;
            rounds.Add(await Load.RunAsync(total, Concurrency, async i =>
            {
                created.Add(await bench.RequestModelAsync($"{prefix} {i}"));
                return true;
            }));

            // The events each mutation caused (notices, the targets replica) are handled after it answered.
            var after = await SettledAsync(root, idle);
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            foreach (var (component, ms) in ProcessCpu.Delta(before, after))
            {
                cpu[component] = cpu.GetValueOrDefault(component) + Math.Max(0, ms - (idle.GetValueOrDefault(component) * seconds));
            }
        }

        // The same mutation straight to the models subgraph, with every consumer running: what the gateway costs.
        var direct = new List<Round>();
        for (var round = 0; round < bench.Rounds; round++)
        {
            var prefix = $"bench {Guid.NewGuid():N}"[..14];
            direct.Add(await Load.RunAsync(total, Concurrency, async i =>
            {
                var data = await bench.Models.DataAsync(BenchContext.RequestModel, new { input = BenchContext.ModelInput($"{prefix} direct {i}") }, bench.AnalystToken);
                created.Add(data.GetProperty("requestModel").GetProperty("id").GetString()!);
                return true;
            }));
        }

        // Left REQUESTED they would crowd the approvers' queue.
        var ids = created.ToArray();
        await Load.RunAsync(ids.Length, Concurrency, async i =>
        {
            await bench.CancelQuietlyAsync(ids[i]);
            return true;
        });
        var result = new ScenarioResult("request-model", $"`requestModel` through the gateway, {Concurrency} in flight, {total} per round", rounds, "≥ 500 mutations/s");
        var mutations = (double)total * bench.Rounds;
        var perMutation = cpu.Where(c => c.Value > 0).OrderByDescending(c => c.Value)
            .Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Key} {c.Value / mutations:0.00} ms"));
        var cpuResult = new ScenarioResult(
            "cpu-per-mutation",
            "CPU milliseconds per `requestModel` per process, the events it caused included (from /proc, until the system is idle again)",
            [],
            Note: $"total {cpu.Values.Sum() / mutations:0.00} ms: {string.Join(", ", perMutation)}");
        var straight = new ScenarioResult("request-model-subgraph", $"`requestModel` straight to the models subgraph, {Concurrency} in flight, {total} per round", direct, "≥ 1,000 mutations/s");
        var ratio = result.MedianPerSecond / straight.MedianPerSecond;
        var gatewayCost = new ScenarioResult("request-model-gateway-ratio", "`requestModel` through the gateway ÷ straight to models (median throughput)", [],
            "≥ 0.8×", ratio >= 0.8, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ratio:0.00}× ({result.MedianPerSecond:0}/s through the gateway, {straight.MedianPerSecond:0}/s straight)"));
        return [result with { TargetMet = result.MedianPerSecond >= 500 }, straight with { TargetMet = straight.MedianPerSecond >= 1000 }, gatewayCost, cpuResult];
    }

    /// <summary>CPU milliseconds per second each component spends with no load (over two seconds).</summary>
    private static async Task<IReadOnlyDictionary<string, double>> IdleRateAsync(string root)
    {
        var first = ProcessCpu.Sample(root);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return ProcessCpu.Delta(first, ProcessCpu.Sample(root)).ToDictionary(d => d.Key, d => d.Value / 2);
    }

    /// <summary>
    /// Waits until the system is back to its idle CPU use (within half as much again plus 10 ms over half a
    /// second; at most 30 s), so the events the mutations caused are counted, then samples it.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, double>> SettledAsync(string root, IReadOnlyDictionary<string, double> idle)
    {
        var settled = (idle.Values.Sum() * 0.5 * 1.5) + 10;
        var previous = ProcessCpu.Sample(root);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var current = ProcessCpu.Sample(root);
            if (ProcessCpu.Delta(previous, current).Values.Sum() < settled)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }
}
