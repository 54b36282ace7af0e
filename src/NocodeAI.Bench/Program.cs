using System.Diagnostics;
using NocodeAI.Bench;
using NocodeAI.Bench.Scenarios;

// ./nocode bench [--quick] [--only <scenario>] [--report]: load against the running system; writes
// docs/benchmarks/results.json and docs/benchmarks.md (the charts come from render-charts.mjs). With
// --only, the other scenarios' earlier results are kept, so one scenario can be re-measured alone.
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var reportOnly = args.Contains("--report"); // rewrite docs/benchmarks.md from results.json, measuring nothing
var root = Environment.GetEnvironmentVariable("NOCODE_ROOT") ?? Directory.GetCurrentDirectory();
var output = Path.Combine(root, "docs", "benchmarks");
Directory.CreateDirectory(output);

using var bench = reportOnly ? null : await BenchContext.CreateAsync(quick);
var results = new List<ScenarioResult>();
var scenarios = new (string Name, Func<Task<IReadOnlyList<ScenarioResult>>> Run)[]
{
    ("query", () => QueryScenario.RunAsync(bench!)),
    ("gateway", () => GatewayScenario.RunAsync(bench!)),
    ("mutation", () => MutationScenario.RunAsync(bench!)),
    ("pipeline", () => PipelineScenario.RunAsync(bench!)),
    ("saga", () => SagaScenario.RunAsync(bench!)),
    ("fanout", () => FanOutScenario.RunAsync(bench!)),
    ("scaling", () => ScalingScenario.RunAsync(bench!)),
    ("automl", () => AutoMlScenario.RunAsync(bench!)),
};
if (only is not null && scenarios.All(s => s.Name != only))
{
    Console.Error.WriteLine($"bench: no scenario '{only}'; choose one of {string.Join(", ", scenarios.Select(s => s.Name))}");
    return 2;
}

foreach (var (name, run) in scenarios.Where(s => !reportOnly && (only is null || s.Name == only)))
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

var resultsPath = Path.Combine(output, "results.json");
var previous = BenchReport.TryLoad(resultsPath);
var at = reportOnly && previous is not null ? previous.At : DateTimeOffset.UtcNow;
var report = BenchReport.Merge(previous, at, Machine.Describe(), results.Select(r => ScenarioSummary.From(r, at, quick)).ToList());
await File.WriteAllTextAsync(resultsPath, report.ToJson());
await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks.md"), report.ToMarkdown());
Console.WriteLine($"bench: wrote docs/benchmarks/results.json and docs/benchmarks.md ({results.Count} scenarios measured, {report.Scenarios.Count - results.Count} kept from earlier runs)");
return 0;
