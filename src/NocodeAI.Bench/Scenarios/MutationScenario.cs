using System.Collections.Concurrent;

namespace NocodeAI.Bench.Scenarios;

/// <summary>requestModel through the gateway: validation, commit with the outbox row, relay to JetStream.</summary>
public static class MutationScenario
{
    private const int Concurrency = 32;

    public static async Task<ScenarioResult> RunAsync(BenchContext bench)
    {
        var total = bench.Quick ? 200 : 1000;
        var rounds = new List<Round>();
        var created = new ConcurrentBag<string>();
        for (var round = 0; round < bench.Rounds; round++)
        {
            var prefix = $"bench {Guid.NewGuid():N}"[..14];
            rounds.Add(await Load.RunAsync(total, Concurrency, async i =>
            {
                created.Add(await bench.RequestModelAsync($"{prefix} {i}"));
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
        return result with { TargetMet = result.MedianPerSecond >= 500 };
    }
}
