namespace NocodeAI.Bench.Scenarios;

/// <summary>The same query through the gateway and straight to the models subgraph: what the gateway costs.</summary>
public static class QueryScenario
{
    private const string Query = "{ modelRequests(first: 10) { totalCount edges { node { id name state } } } }";
    private const int Concurrency = 32;

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var total = bench.Quick ? 500 : 3000;
        var gateway = new List<Round>();
        var direct = new List<Round>();
        await Load.RunAsync(200, Concurrency, _ => Succeeds(bench.Gateway, bench.AnalystToken)); // warm-up
        await Load.RunAsync(200, Concurrency, _ => Succeeds(bench.Models, bench.AnalystToken));
        for (var round = 0; round < bench.Rounds; round++)
        {
            // Alternating which goes first keeps a warming or cooling machine from favouring one side.
            if (round % 2 == 0)
            {
                gateway.Add(await Load.RunAsync(total, Concurrency, _ => Succeeds(bench.Gateway, bench.AnalystToken)));
                direct.Add(await Load.RunAsync(total, Concurrency, _ => Succeeds(bench.Models, bench.AnalystToken)));
            }
            else
            {
                direct.Add(await Load.RunAsync(total, Concurrency, _ => Succeeds(bench.Models, bench.AnalystToken)));
                gateway.Add(await Load.RunAsync(total, Concurrency, _ => Succeeds(bench.Gateway, bench.AnalystToken)));
            }
        }

        var viaGateway = new ScenarioResult("query-gateway", $"`modelRequests(first: 10)` through the gateway, {Concurrency} in flight, {total} per round", gateway);
        var straight = new ScenarioResult("query-subgraph", $"the same query straight to the models subgraph, {Concurrency} in flight", direct);
        var ratio = viaGateway.MedianP50 / straight.MedianP50;
        var cost = new ScenarioResult("gateway-cost", "gateway latency ÷ subgraph latency (median p50)", [], Note: $"{Statistics.Format(ratio, "0.00")}× the subgraph's p50 latency; throughput {Statistics.Format(viaGateway.MedianPerSecond, "0")} vs {Statistics.Format(straight.MedianPerSecond, "0")} queries/s");
        return [viaGateway, straight, cost];
    }

    private static async Task<bool> Succeeds(Client.GraphQLHttp http, string token)
    {
        var answer = await http.SendAsync(Query, null, token);
        return !answer.TryGetProperty("errors", out _);
    }
}
