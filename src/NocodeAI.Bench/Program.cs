using System.Diagnostics;
using System.Text.Json;
using NocodeAI.Bench;
using NocodeAI.Bench.Scenarios;

// ./nocode bench [--quick] [--only <scenario>]: load against the running system; writes
// docs/benchmarks/results.json and docs/benchmarks.md (the charts come from render-charts.mjs).
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var root = Environment.GetEnvironmentVariable("NOCODE_ROOT") ?? Directory.GetCurrentDirectory();
var output = Path.Combine(root, "docs", "benchmarks");
Directory.CreateDirectory(output);

using var bench = await BenchContext.CreateAsync(quick);
var results = new List<ScenarioResult>();
var scenarios = new (string Name, Func<Task<IReadOnlyList<ScenarioResult>>> Run)[]
{
    ("query", () => QueryScenario.RunAsync(bench)),
    ("mutation", async () => [await MutationScenario.RunAsync(bench)]),
    ("saga", () => SagaScenario.RunAsync(bench)),
    ("fanout", () => FanOutScenario.RunAsync(bench)),
};
foreach (var (name, run) in scenarios.Where(s => only is null || s.Name == only))
{
    Console.WriteLine($"bench: {name}…");
    var clock = Stopwatch.StartNew();
    foreach (var result in await run())
    {
        results.Add(result);
        Console.WriteLine($"  {result.Name}: p50 {Statistics.Format(result.MedianP50)} ms, p99 {Statistics.Format(result.MedianP99)} ms, " +
                          $"{Statistics.Format(result.MedianPerSecond, "0")}/s, failed {result.Failed}{(result.Note is null ? "" : $" — {result.Note}")}");
    }

    Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:0} s)");
}

var machine = Machine.Describe();
var report = new BenchReport(DateTimeOffset.UtcNow, quick, machine, results);
var json = new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
await File.WriteAllTextAsync(Path.Combine(output, "results.json"), JsonSerializer.Serialize(report.ToJson(), json));
await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks.md"), report.ToMarkdown());
Console.WriteLine($"bench: wrote docs/benchmarks/results.json and docs/benchmarks.md");
