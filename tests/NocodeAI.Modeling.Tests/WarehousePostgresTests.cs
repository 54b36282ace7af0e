using Npgsql;
using NocodeAI.Modeling.Tests.Support;

namespace NocodeAI.Modeling.Tests;

/// <summary>
/// The real path over the local Postgres stand-in: seed, catalogue, keyset batches through DbProviderFactory,
/// training and scoring. Uses its own database (NOCODE_TEST_WAREHOUSE, created when missing) so the
/// `warehouse` database that `./nocode up` seeds is never touched.
/// </summary>
public sealed class WarehousePostgresTests : IClassFixture<WarehousePostgresTests.SeededWarehouse>
{
    private const int Rows = 5_000;
    private readonly SeededWarehouse _warehouse;

    public WarehousePostgresTests(SeededWarehouse warehouse) => _warehouse = warehouse;

    [Fact]
    public void Seeding_again_with_the_same_seed_and_size_does_nothing()
    {
        Assert.False(_warehouse.First.Skipped);
        Assert.True(_warehouse.Second.Skipped);
        Assert.Equal(WarehouseSeeder.SeedVersionOf(SyntheticCustomers.DefaultSeed), _warehouse.Second.SeedVersion);
    }

    [Fact]
    public async Task The_catalogue_lists_both_datasets_with_their_own_label_only()
    {
        var datasets = await _warehouse.Catalog.GetDatasetsAsync();

        Assert.Equal([SyntheticCustomers.ResponseDataset, SyntheticCustomers.ChurnDataset], datasets.Select(d => d.Name));
        var churn = datasets.Single(d => d.Name == SyntheticCustomers.ChurnDataset);
        Assert.Equal(Rows, churn.RowCount);
        Assert.Equal([SyntheticCustomers.ChurnLabel], churn.Labels);
        Assert.Equal(SyntheticCustomers.FeatureColumns, churn.Columns);
        Assert.Equal([SyntheticCustomers.ResponseLabel], datasets.Single(d => d.Name == SyntheticCustomers.ResponseDataset).Labels);
    }

    [Fact]
    public async Task The_reader_pages_by_customer_id_and_returns_exactly_the_generated_rows()
    {
        var features = SyntheticCustomers.FeatureColumns.Select(c => c.Name).ToList();

        var batches = await _warehouse.Reader.ReadAsync(SyntheticCustomers.ChurnDataset, features, SyntheticCustomers.ChurnLabel, batchSize: 1_200).ToListAsync();

        Assert.Equal([1_200, 1_200, 1_200, 1_200, 200], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), batches.SelectMany(b => b.CustomerIds));
        var expected = SyntheticCustomers.ToBatch(SyntheticCustomers.Generate(SyntheticCustomers.DefaultSeed, 1_200).ToList(), SyntheticCustomers.FeatureColumns, SyntheticCustomers.ChurnLabel);
        for (var column = 0; column < features.Count; column++)
        {
            if (SyntheticCustomers.FeatureColumns[column].Type == ColumnType.CATEGORICAL)
            {
                Assert.Equal(expected.Categories(column), batches[0].Categories(column));
            }
            else
            {
                Assert.Equal(expected.Numbers(column), batches[0].Numbers(column));
            }
        }

        Assert.Equal(expected.Labels, batches[0].Labels);
        Assert.Equal(Rows, await _warehouse.Reader.CountAsync(SyntheticCustomers.ChurnDataset));
    }

    [Fact]
    public async Task The_population_reader_returns_every_customer_without_labels()
    {
        var batches = await _warehouse.Reader.ReadPopulationAsync(SyntheticCustomers.ResponseDataset, ["age", "region"], batchSize: 2_000).ToListAsync();

        Assert.Equal(Rows, batches.Sum(b => b.Count));
        Assert.All(batches, b => Assert.Null(b.Labels));
    }

    [Fact]
    public async Task Names_outside_the_catalogue_never_reach_sql()
    {
        var reader = _warehouse.Reader;

        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadAsync(SyntheticCustomers.ChurnDataset, ["age\"; DROP TABLE customers; --"], null).ToListAsync().AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadAsync(SyntheticCustomers.ChurnDataset, ["age"], SyntheticCustomers.ResponseLabel).ToListAsync().AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadAsync(SyntheticCustomers.ChurnDataset, [SyntheticCustomers.ChurnLabel], null).ToListAsync().AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadAsync("customers", ["age"], null).ToListAsync().AsTask());
        Assert.Equal(Rows, await reader.CountAsync(SyntheticCustomers.ChurnDataset));
    }

    [Fact]
    public async Task A_model_trained_from_the_warehouse_scores_its_whole_population()
    {
        using var artifacts = new TemporaryDirectory();
        var store = artifacts.Store();
        var source = new WarehouseDatasetSource(_warehouse.Catalog, _warehouse.Reader);
        var progress = new RecordingProgress();
        var request = new TrainingRequest(SyntheticCustomers.ChurnDataset, SyntheticCustomers.ChurnLabel,
            SyntheticCustomers.FeatureColumns.Select(c => c.Name).ToList(), Algorithm.FAST_TREE, ValidationFraction: 0.25, Seed: 3);

        var outcome = await ModelTrainerTests.Trainer(source).TrainAsync(request, progress, CancellationToken.None);
        var id = Guid.NewGuid();
        store.Save(id, outcome.Model);
        var scores = await new ModelScorer(store, source).ScoreAsync(id).ToListAsync();

        Assert.True(outcome.Metrics.Auc > 0.7, $"AUC {outcome.Metrics.Auc:F3}");
        Assert.Equal(Rows, outcome.Metrics.TrainingRows + outcome.Metrics.ValidationRows);
        Assert.Equal(1.0, progress.Reports[^1].Progress);
        Assert.Equal(Rows, scores.Count);
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), scores.Select(s => s.CustomerId));
    }

    /// <summary>Creates the test database when missing and seeds it once for the class (twice, to see the second do nothing).</summary>
    public sealed class SeededWarehouse : IAsyncLifetime
    {
        private const string DefaultConnection = "Host=127.0.0.1;Port=15432;Username=nocode;Password=nocode;Database=warehouse_tests";

        public string ConnectionString { get; } = Environment.GetEnvironmentVariable("NOCODE_TEST_WAREHOUSE") is { Length: > 0 } configured ? configured : DefaultConnection;

        public SeedResult First { get; private set; } = null!;

        public SeedResult Second { get; private set; } = null!;

        public IWarehouseCatalog Catalog { get; private set; } = null!;

        public WarehouseReader Reader { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await CreateDatabaseAsync();
            var seeder = new WarehouseSeeder(ConnectionString);
            // A different size first forces a rebuild even when an earlier run left this database seeded.
            await seeder.SeedAsync(Rows + 1);
            First = await seeder.SeedAsync(Rows);
            Second = await seeder.SeedAsync(Rows);

            // Reading goes through DbProviderFactories by invariant name, as it would for Vertica.
            var connections = new WarehouseConnectionFactory(new WarehouseOptions { ProviderInvariantName = "Npgsql", ConnectionString = ConnectionString });
            Catalog = new WarehouseCatalog(connections);
            Reader = new WarehouseReader(connections, Catalog);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        private async Task CreateDatabaseAsync()
        {
            var target = new NpgsqlConnectionStringBuilder(ConnectionString);
            var maintenance = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", target.Database!);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
    }
}
