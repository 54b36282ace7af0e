using System.Diagnostics;
using NocodeAI.Modeling.Tests.Support;

namespace NocodeAI.Modeling.Tests;

public sealed class ModelTrainerTests
{
    private static readonly List<SyntheticCustomer> Customers =
        SyntheticCustomers.Generate(SyntheticCustomers.DefaultSeed, 20_000).ToList();

    private static readonly IReadOnlyList<string> AllFeatures = SyntheticCustomers.FeatureColumns.Select(c => c.Name).ToList();

    [Theory]
    [InlineData(Algorithm.FAST_TREE)]
    [InlineData(Algorithm.LIGHT_GBM)]
    [InlineData(Algorithm.LOGISTIC_REGRESSION)]
    public async Task Each_algorithm_learns_churn_and_ranks_strong_columns_above_a_zero_coefficient_one(Algorithm algorithm)
    {
        var source = new InMemoryDatasetSource(Customers);
        var progress = new RecordingProgress();

        var outcome = await Trainer(source).TrainAsync(ChurnRequest(algorithm), progress, CancellationToken.None);

        var metrics = outcome.Metrics;
        Assert.True(metrics.Auc > 0.7, $"AUC {metrics.Auc:F3}");
        Assert.InRange(metrics.Accuracy, 0.7, 1.0);
        Assert.InRange(metrics.F1, 0.3, 1.0);
        Assert.InRange(metrics.LogLoss, 0.1, 0.8);
        Assert.Equal(Customers.Count, metrics.TrainingRows + metrics.ValidationRows);
        Assert.InRange(metrics.ValidationRows, 3_500, 4_500);

        var importance = metrics.FeatureImportance;
        Assert.Equal(AllFeatures.Order(), importance.Select(i => i.Feature).Order());
        Assert.Equal(importance.OrderByDescending(i => i.Importance).Select(i => i.Importance), importance.Select(i => i.Importance));
        var rank = importance.Select((i, index) => (i.Feature, index)).ToDictionary(p => p.Feature, p => p.index);
        // contract_type (±1.1–1.2) and tenure_months (−0.035/month) matter; call_minutes has coefficient 0.
        Assert.True(SyntheticCustomers.Churn.CallMinutes == 0 && Math.Abs(SyntheticCustomers.Churn.TwoYear) > 1);
        Assert.True(rank["contract_type"] < rank["call_minutes"], string.Join(", ", importance));
        Assert.True(rank["tenure_months"] < rank["call_minutes"], string.Join(", ", importance));
        Assert.True(importance[0].Importance > 0.01);
    }

    [Fact]
    public async Task Auto_trains_the_whole_grid_ranks_it_and_keeps_the_leader()
    {
        var progress = new RecordingProgress();

        var outcome = await Trainer(new InMemoryDatasetSource(Customers)).TrainAsync(ChurnRequest(Algorithm.AUTO), progress, CancellationToken.None);

        var leaderboard = outcome.Metrics.Leaderboard;
        var grid = CandidateGrid.For(Algorithm.AUTO);
        Assert.Equal(grid.Count, leaderboard.Count);
        Assert.True(grid.Count(c => c.Algorithm == Algorithm.FAST_TREE) >= 3 && grid.Count(c => c.Algorithm == Algorithm.LIGHT_GBM) >= 3);
        Assert.Equal(Enumerable.Range(1, grid.Count), leaderboard.Select(c => c.Rank));
        var chosen = Assert.Single(leaderboard, c => c.Chosen);
        Assert.Equal(1, chosen.Rank);
        Assert.Equal(outcome.Metrics.Auc, chosen.Auc, 1e-12);
        Assert.Equal(outcome.Metrics.Evaluation.Auc, chosen.Auc, 1e-12);
        Assert.Equal(chosen.Algorithm, outcome.Model.Manifest.Algorithm);
        Assert.Equal(leaderboard.Select(c => Math.Round(c.Auc, 4)).OrderDescending(), leaderboard.Select(c => Math.Round(c.Auc, 4)));
        Assert.Equal(grid.Select(c => c.Describe()).Order(), leaderboard.Select(c => c.Settings).Order());

        // Progress names each candidate in turn while training, and none outside training.
        var named = progress.Reports.Where(r => r.Candidate is not null).ToList();
        Assert.All(named, r => Assert.Equal(TrainingStage.TRAINING, r.Stage));
        Assert.Equal(
            Enumerable.Range(1, grid.Count).Select(i => $"{i}/{grid.Count}"),
            named.Select(r => r.Candidate!.Split(' ')[0]).Distinct());
        Assert.Contains(named, r => r.Candidate!.StartsWith($"{grid.Count}/{grid.Count} LIGHT_GBM", StringComparison.Ordinal));
        Assert.Equal(progress.Reports.Select(r => r.Progress).Order(), progress.Reports.Select(r => r.Progress));
    }

    [Fact]
    public async Task A_single_algorithm_has_a_one_row_leaderboard_and_an_evaluation_of_the_validation_rows()
    {
        var outcome = await Trainer(new InMemoryDatasetSource(Customers)).TrainAsync(ChurnRequest(Algorithm.LOGISTIC_REGRESSION), null, CancellationToken.None);

        var row = Assert.Single(outcome.Metrics.Leaderboard);
        Assert.True(row.Chosen);
        Assert.Equal(Algorithm.LOGISTIC_REGRESSION, row.Algorithm);
        Assert.Equal(outcome.Metrics.Auc, row.Auc);
        var evaluation = outcome.Metrics.Evaluation;
        Assert.Equal(outcome.Metrics.ValidationRows, evaluation.Rows);
        Assert.Equal(outcome.Metrics.ValidationRows, evaluation.Calibration.Sum(b => b.Count));
        Assert.InRange(evaluation.Roc.Count, 2, EvaluationCurves.MaxCurvePoints);
        Assert.Equal(1.0, evaluation.Lift[^1].CumulativeGain, 1e-9);
        Assert.True(evaluation.Lift[0].Lift > 1.5, $"top-decile lift {evaluation.Lift[0].Lift}");
        var confusion = evaluation.Confusion;
        Assert.Equal(evaluation.Rows, confusion.TruePositive + confusion.FalsePositive + confusion.TrueNegative + confusion.FalseNegative);
    }

    [Fact]
    public async Task Campaign_response_is_learned_too()
    {
        var request = new TrainingRequest(SyntheticCustomers.ResponseDataset, SyntheticCustomers.ResponseLabel, AllFeatures, Algorithm.LIGHT_GBM);

        var outcome = await Trainer(new InMemoryDatasetSource(Customers)).TrainAsync(request, null, CancellationToken.None);

        Assert.True(outcome.Metrics.Auc > 0.7, $"AUC {outcome.Metrics.Auc:F3}");
        Assert.Equal(SyntheticCustomers.ResponseLabel, outcome.Model.Manifest.Label);
    }

    [Fact]
    public async Task Progress_moves_forward_through_the_three_stages_and_ends_at_one()
    {
        var progress = new RecordingProgress();

        await Trainer(new InMemoryDatasetSource(Customers, defaultBatchSize: 1000)).TrainAsync(ChurnRequest(Algorithm.FAST_TREE), progress, CancellationToken.None);

        var reports = progress.Reports;
        Assert.Equal([TrainingStage.EXTRACTING_DATA, TrainingStage.TRAINING, TrainingStage.EVALUATING], reports.Select(r => r.Stage).Distinct());
        Assert.Equal(reports.Select(r => r.Stage).Order(), reports.Select(r => r.Stage));
        Assert.Equal(reports.Select(r => r.Progress).Order(), reports.Select(r => r.Progress));
        Assert.Equal(1.0, reports[^1].Progress);

        // 20 batches: a report at least every 5% of the extraction (0.02 of the job).
        var extracting = reports.Where(r => r.Stage == TrainingStage.EXTRACTING_DATA).Select(r => r.Progress).ToList();
        Assert.True(extracting.Count >= 15, string.Join(", ", extracting));
        Assert.All(extracting.Zip(extracting.Skip(1)), p => Assert.True(p.Second - p.First <= 0.0201, $"{p.First} → {p.Second}"));
        Assert.Equal(0.4, extracting[^1]);

        // FastTree reports its trees as they are built.
        var training = reports.Where(r => r.Stage == TrainingStage.TRAINING).Select(r => r.Progress).ToList();
        Assert.True(training.Count(p => p > 0.45 && p < 0.85) >= 5, string.Join(", ", training));
    }

    [Fact]
    public async Task A_request_cancelled_before_it_starts_throws_and_reads_nothing()
    {
        var source = new InMemoryDatasetSource(Customers);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Trainer(source).TrainAsync(ChurnRequest(Algorithm.FAST_TREE), null, cancellation.Token));

        Assert.Equal(0, source.BatchesRead);
    }

    [Fact]
    public async Task Cancel_during_extraction_stops_at_the_next_batch_and_stores_no_artifact()
    {
        using var artifacts = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var source = new InMemoryDatasetSource(Customers, defaultBatchSize: 1000) { AfterBatch = n => { if (n == 3) cancellation.Cancel(); } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TrainAndStoreAsync(source, artifacts.Store(), Algorithm.FAST_TREE, null, cancellation.Token));

        Assert.Equal(3, source.BatchesRead);
        Assert.Empty(artifacts.Files);
    }

    [Theory]
    [InlineData(Algorithm.FAST_TREE)]
    [InlineData(Algorithm.LIGHT_GBM)]
    [InlineData(Algorithm.LOGISTIC_REGRESSION)]
    public async Task Cancel_during_training_interrupts_the_learner_and_stores_no_artifact(Algorithm algorithm)
    {
        using var artifacts = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p is { Stage: TrainingStage.TRAINING, Progress: > 0.4 })
            {
                cancellation.Cancel();
            }
        });

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TrainAndStoreAsync(new InMemoryDatasetSource(Customers), artifacts.Store(), algorithm, progress, cancellation.Token));

        Assert.DoesNotContain(progress.Reports, r => r.Stage == TrainingStage.EVALUATING);
        Assert.True(progress.Reports.Max(r => r.Progress) < 0.85);
        Assert.Empty(artifacts.Files);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Features_the_dataset_does_not_have_are_refused_before_any_row_is_read()
    {
        var source = new InMemoryDatasetSource(Customers);
        var request = ChurnRequest(Algorithm.FAST_TREE) with { Features = ["age", "age; DROP TABLE customers"] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Trainer(source).TrainAsync(request, null, CancellationToken.None));

        Assert.Contains("DROP TABLE", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, source.BatchesRead);
    }

    [Fact]
    public async Task The_other_datasets_label_cannot_be_used()
    {
        var request = ChurnRequest(Algorithm.FAST_TREE) with { Label = SyntheticCustomers.ResponseLabel };

        await Assert.ThrowsAsync<ArgumentException>(() => Trainer(new InMemoryDatasetSource(Customers)).TrainAsync(request, null, CancellationToken.None));
    }

    [Fact]
    public void The_validation_split_depends_on_the_id_and_seed_only()
    {
        var share = Enumerable.Range(1, 100_000).Count(id => ModelTrainer.IsValidation(id, 1, 0.2)) / 100_000.0;

        Assert.InRange(share, 0.19, 0.21);
        Assert.Equal(ModelTrainer.IsValidation(12345, 1, 0.2), ModelTrainer.IsValidation(12345, 1, 0.2));
        Assert.NotEqual(
            Enumerable.Range(1, 100).Select(id => ModelTrainer.IsValidation(id, 1, 0.5)),
            Enumerable.Range(1, 100).Select(id => ModelTrainer.IsValidation(id, 2, 0.5)));
    }

    internal static ModelTrainer Trainer(IDatasetSource source) => new(source, NullLogger<ModelTrainer>.Instance);

    internal static TrainingRequest ChurnRequest(Algorithm algorithm) =>
        new(SyntheticCustomers.ChurnDataset, SyntheticCustomers.ChurnLabel, AllFeatures, algorithm, ValidationFraction: 0.2, Seed: 7);

    /// <summary>What the training worker does: train, then store only a finished, uncancelled result.</summary>
    private static async Task TrainAndStoreAsync(IDatasetSource source, ModelArtifactStore store, Algorithm algorithm, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var outcome = await Trainer(source).TrainAsync(ChurnRequest(algorithm), progress, cancellationToken);
        store.Save(Guid.NewGuid(), outcome.Model);
    }
}
