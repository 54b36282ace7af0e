using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NocodeAI.Modeling;
using NocodeAI.Models.Contracts;
using NocodeAI.Warehouse;
using NocodeAI.Warehouse.Seeding;
using Npgsql;

namespace NocodeAI.Bench.Scenarios;

/// <summary>
/// Training and extraction time against row count (10k, 100k, 1M). The running warehouse holds one
/// population that models and targets refer to, so this scenario seeds its own database
/// (<c>warehouse_bench</c>, on the system's PostgreSQL) at each size and runs the workers' own code in
/// process: <see cref="ModelTrainer"/> (ADO.NET batches → ML.NET fit → evaluation and permutation
/// importance) and the extraction loop (<see cref="ModelScorer"/> in batches → <see cref="ScoreSelector"/>).
/// What the job queue, events and the member COPY add on top is in the saga scenario and the extraction log.
/// </summary>
public static class ScalingScenario
{
    public const string Database = "warehouse_bench";

    private static readonly Algorithm[] Algorithms = [Algorithm.LOGISTIC_REGRESSION, Algorithm.FAST_TREE];

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var connectionString = await EnsureDatabaseAsync();
        long[] sizes = bench.Quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
        var results = new List<ScenarioResult>();
        foreach (var rows in sizes)
        {
            var seeding = await new WarehouseSeeder(connectionString).SeedAsync(rows);
            Console.WriteLine($"    seeded {rows:N0} rows in {seeding.Elapsed.TotalSeconds:0.0} s");
            var source = Source(connectionString);
            var rounds = bench.Quick || rows >= 1_000_000 ? 1 : 3;
            if (rows == sizes[0])
            {
                // The workers are long-lived: time them warm, not with ML.NET's first-use JIT in the first sample.
                foreach (var algorithm in Algorithms)
                {
                    var (_, model) = await TrainAsync(source, algorithm, rows);
                    await ExtractAsync(source, model, rows);
                }
            }

            TrainedModel? fastTree = null;
            foreach (var algorithm in Algorithms)
            {
                var training = new List<Round>();
                for (var i = 0; i < rounds; i++)
                {
                    var (round, model) = await TrainAsync(source, algorithm, rows);
                    training.Add(round);
                    fastTree = algorithm == Algorithm.FAST_TREE ? model : fastTree;
                }

                results.Add(new ScenarioResult(
                    $"training-{Label(algorithm)}-{Size(rows)}",
                    $"train {algorithm} on {rows:N0} rows, all {SyntheticCustomers.FeatureColumns.Count} features (read, fit, evaluate, permutation importance)",
                    training));
            }

            var extraction = new List<Round>();
            for (var i = 0; i < rounds; i++)
            {
                extraction.Add(await ExtractAsync(source, fastTree!, rows));
            }

            results.Add(new ScenarioResult(
                $"extraction-{Size(rows)}",
                $"score {rows:N0} customers with the FAST_TREE model and keep the top 10 % (read, score, select)",
                extraction));
        }

        return results;
    }

    private static async Task<(Round Round, TrainedModel Model)> TrainAsync(WarehouseDatasetSource source, Algorithm algorithm, long rows)
    {
        var trainer = new ModelTrainer(source, NullLogger<ModelTrainer>.Instance);
        var features = SyntheticCustomers.FeatureColumns.Select(c => c.Name).ToList();
        var request = new TrainingRequest(SyntheticCustomers.ChurnDataset, "churned", features, algorithm);
        var stages = new StageClock();
        var outcome = await trainer.TrainAsync(request, stages, CancellationToken.None);
        var elapsed = stages.Elapsed;
        Console.WriteLine($"    {algorithm} on {rows:N0} rows: {elapsed.TotalSeconds:0.0} s ({stages}), AUC {outcome.Metrics.Auc:0.000}");
        return (new Round([elapsed.TotalMilliseconds], elapsed.TotalSeconds, (int)rows, 0), outcome.Model);
    }

    private static async Task<Round> ExtractAsync(WarehouseDatasetSource source, TrainedModel model, long rows)
    {
        var features = model.Manifest.Features.Select(f => f.Name).ToList();
        var selector = new ScoreSelector(topN: (int)(rows / 10), minScore: null);
        var clock = Stopwatch.StartNew();
        var batches = source.ReadAsync(model.Manifest.Dataset, features, label: null, batchSize: null, CancellationToken.None);
        await foreach (var score in ModelScorer.ScoreAsync(model, batches))
        {
            selector.Add(score);
        }

        var selected = selector.Result();
        var elapsed = clock.Elapsed;
        if (selector.Seen != rows || selected.Length != rows / 10)
        {
            throw new InvalidOperationException($"Extraction scored {selector.Seen} of {rows} customers and selected {selected.Length}.");
        }

        Console.WriteLine($"    extraction of {rows:N0} customers: {elapsed.TotalSeconds:0.0} s, {rows / elapsed.TotalSeconds:N0} customers/s");
        return new Round([elapsed.TotalMilliseconds], elapsed.TotalSeconds, (int)rows, 0);
    }

    internal static WarehouseDatasetSource Source(string connectionString)
    {
        var connections = new WarehouseConnectionFactory(new WarehouseOptions { ConnectionString = connectionString });
        var catalog = new WarehouseCatalog(connections);
        return new WarehouseDatasetSource(catalog, new WarehouseReader(connections, catalog));
    }

    /// <summary>Creates <see cref="Database"/> beside the system's databases (./nocode exports the admin connection).</summary>
    internal static async Task<string> EnsureDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("NOCODE_TEST_POSTGRES")
            ?? throw new InvalidOperationException("NOCODE_TEST_POSTGRES is not set; run the bench through ./nocode bench.");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", Database);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = Database }.ConnectionString;
    }

    private static string Label(Algorithm algorithm) => algorithm switch
    {
        Algorithm.LOGISTIC_REGRESSION => "lr",
        Algorithm.FAST_TREE => "fasttree",
        _ => algorithm.ToString().ToLowerInvariant(),
    };

    private static string Size(long rows) => rows >= 1_000_000 ? $"{rows / 1_000_000}M" : $"{rows / 1_000}k";

    /// <summary>When each training stage began, reported synchronously (Progress&lt;T&gt; would post to the pool and blur it).</summary>
    private sealed class StageClock : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(TrainingStage Stage, TimeSpan At)> _starts = [];

        public TimeSpan Elapsed => _clock.Elapsed;

        public void Report(TrainingProgress value)
        {
            if (_starts.Count == 0 || _starts[^1].Stage != value.Stage)
            {
                _starts.Add((value.Stage, _clock.Elapsed));
            }
        }

        public override string ToString() => string.Join(", ", _starts.Select((s, i) =>
            $"{s.Stage.ToString().ToLowerInvariant()} {((i + 1 < _starts.Count ? _starts[i + 1].At : _clock.Elapsed) - s.At).TotalSeconds:0.0} s"));
    }
}
