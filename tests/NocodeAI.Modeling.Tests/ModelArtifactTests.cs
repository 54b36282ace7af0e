using NocodeAI.Modeling.Tests.Support;

namespace NocodeAI.Modeling.Tests;

public sealed class ModelArtifactTests
{
    private static readonly List<SyntheticCustomer> Customers =
        SyntheticCustomers.Generate(SyntheticCustomers.DefaultSeed, 5_000).ToList();

    [Theory]
    [InlineData(Algorithm.FAST_TREE)]
    [InlineData(Algorithm.LIGHT_GBM)]
    [InlineData(Algorithm.LOGISTIC_REGRESSION)]
    public async Task A_saved_model_loads_back_and_scores_exactly_as_the_trained_one(Algorithm algorithm)
    {
        using var artifacts = new TemporaryDirectory();
        var store = artifacts.Store();
        var source = new InMemoryDatasetSource(Customers, defaultBatchSize: 700);
        var outcome = await ModelTrainerTests.Trainer(source).TrainAsync(ModelTrainerTests.ChurnRequest(algorithm), null, CancellationToken.None);
        var id = Guid.NewGuid();

        var artifactId = store.Save(id, outcome.Model);
        var loaded = store.Load(id);

        Assert.Equal(id.ToString("D"), artifactId);
        Assert.Equal([Path.Combine(artifacts.Path, $"{id:D}.zip")], artifacts.Files);
        Assert.Equal(outcome.Model.Manifest.Features, loaded.Manifest.Features);
        Assert.Equal(algorithm, loaded.Manifest.Algorithm);

        var features = loaded.Manifest.Features.Select(f => f.Name).ToList();
        var before = await ModelScorer.ScoreAsync(outcome.Model, source.ReadAsync(SyntheticCustomers.ChurnDataset, features, null, 700, CancellationToken.None)).ToListAsync();
        var after = await new ModelScorer(store, source).ScoreAsync(id, batchSize: 900).ToListAsync();

        Assert.Equal(Customers.Count, after.Count);
        Assert.Equal(Customers.Select(c => c.CustomerId), after.Select(s => s.CustomerId));
        Assert.Equal(before, after);
        Assert.All(after, s => Assert.InRange(s.Score, 0f, 1f));

        // Churners score higher than stayers on average: the scores mean something.
        var churned = Customers.Zip(after).Where(p => p.First.Churned).Average(p => p.Second.Score);
        var stayed = Customers.Zip(after).Where(p => !p.First.Churned).Average(p => p.Second.Score);
        Assert.True(churned > stayed + 0.1, $"{churned:F3} vs {stayed:F3}");
    }

    [Fact]
    public async Task Delete_removes_the_artifact_and_exists_says_so()
    {
        using var artifacts = new TemporaryDirectory();
        var store = artifacts.Store();
        var outcome = await ModelTrainerTests.Trainer(new InMemoryDatasetSource(Customers))
            .TrainAsync(ModelTrainerTests.ChurnRequest(Algorithm.LOGISTIC_REGRESSION), null, CancellationToken.None);
        var id = Guid.NewGuid();

        store.Save(id, outcome.Model);
        store.Save(id, outcome.Model);

        Assert.True(store.Exists(id));
        Assert.Single(artifacts.Files);
        Assert.True(store.Delete(id));
        Assert.False(store.Exists(id));
        Assert.False(store.Delete(id));
        Assert.Empty(artifacts.Files);
        Assert.Throws<FileNotFoundException>(() => store.Load(id));
    }

    [Fact]
    public async Task A_batch_whose_columns_differ_from_the_model_is_refused()
    {
        var outcome = await ModelTrainerTests.Trainer(new InMemoryDatasetSource(Customers))
            .TrainAsync(ModelTrainerTests.ChurnRequest(Algorithm.LOGISTIC_REGRESSION), null, CancellationToken.None);
        var batch = SyntheticCustomers.ToBatch(Customers.Take(10).ToList(), SyntheticCustomers.FeatureColumns.Take(3).ToList(), null);

        Assert.Throws<ArgumentException>(() => ModelScorer.Score(outcome.Model, batch));
    }
}
