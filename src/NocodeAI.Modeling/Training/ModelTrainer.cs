using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NocodeAI.Modeling;

/// <summary>
/// Trains a binary classifier on a catalogue dataset: extract (stream batches into columns, split by a hash
/// of customer_id), train (ML.NET Fit), evaluate (validation metrics, permutation importance). The token is
/// honoured between batches, between stages and inside Fit; a cancelled run throws OperationCanceledException
/// and, since nothing is stored here, leaves no artifact.
/// </summary>
public sealed class ModelTrainer(IDatasetSource source, ILogger<ModelTrainer> logger)
{
    private const int MinimumRowsPerClass = 2;

    public async Task<TrainingOutcome> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var reporter = new TrainingProgressReporter(progress);
        cancellationToken.ThrowIfCancellationRequested();

        var features = await ResolveFeaturesAsync(request, cancellationToken);
        var (train, validation) = await ExtractAsync(request, features, reporter, cancellationToken);
        logger.LogInformation("Extracted {TrainingRows} training and {ValidationRows} validation rows of {Dataset} in {ElapsedMs} ms",
            train.Count, validation.Count, request.DatasetName, stopwatch.ElapsedMilliseconds);

        cancellationToken.ThrowIfCancellationRequested();
        var context = ModelingContext.Create(request.Seed);
        using var interrupt = cancellationToken.Register(() => ModelingContext.Cancel(context));
        var signals = new TrainingSignals(reporter);
        signals.Attach(context);

        var trainView = train.AsDataView();
        var (leaderboard, best) = await TrainCandidatesAsync(context, request, features, trainView, validation, reporter, signals, cancellationToken);

        reporter.Evaluating(0);
        var evaluation = EvaluationCurves.Compute(best.Probabilities, validation.Labels!);
        reporter.Evaluating(0.25);
        var importance = await RunAsync(
            () => PermutationImportance.Compute(best.Model, validation, request.Seed, f => reporter.Evaluating(0.25 + (0.75 * f)), cancellationToken),
            cancellationToken);

        var manifest = new ModelManifest(request.DatasetName, request.Label, features, best.Settings.Algorithm, DateTimeOffset.UtcNow);
        var model = new TrainedModel(manifest, context, best.Model, trainView.Schema);
        var result = new TrainingMetrics(
            evaluation.Auc,
            best.Metrics.Accuracy,
            best.Metrics.F1Score,
            best.Metrics.LogLoss,
            train.Count,
            validation.Count,
            stopwatch.ElapsedMilliseconds,
            importance,
            leaderboard,
            evaluation);

        cancellationToken.ThrowIfCancellationRequested();
        reporter.Evaluating(1);
        logger.LogInformation("Trained {Algorithm} ({Candidates} candidates, chose {Chosen}) on {Dataset}/{Label}: AUC {Auc:F3}, {TrainingRows} rows, {DurationMs} ms",
            request.Algorithm, leaderboard.Count, best.Settings.Algorithm, request.DatasetName, request.Label, result.Auc, result.TrainingRows, result.DurationMs);
        return new TrainingOutcome(result, model);
    }

    /// <summary>
    /// Trains every candidate of the request in turn and ranks them by validation AUC (equal to four decimals:
    /// the faster one first). Only the leader's model is kept in memory; every candidate's figures are.
    /// </summary>
    private static async Task<(IReadOnlyList<CandidateResult> Leaderboard, Candidate Best)> TrainCandidatesAsync(
        MLContext context,
        TrainingRequest request,
        IReadOnlyList<DatasetColumn> features,
        IDataView trainView,
        ColumnarData validation,
        TrainingProgressReporter reporter,
        TrainingSignals signals,
        CancellationToken cancellationToken)
    {
        var grid = CandidateGrid.For(request.Algorithm);
        var validationView = validation.AsDataView();
        var trained = new List<(CandidateSettings Settings, double Auc, double LogLoss, double F1, long TrainingMs)>(grid.Count);
        Candidate? best = null;
        for (var index = 0; index < grid.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var settings = grid[index];
            reporter.BeginCandidate(index, grid.Count, settings);
            signals.BeginLearner(settings);
            var watch = Stopwatch.StartNew();
            var transformer = await RunAsync(() => FeaturePipeline.Build(context, features, settings, request.Seed).Fit(trainView), cancellationToken);
            var trainingMs = watch.ElapsedMilliseconds;
            var (metrics, probabilities) = await RunAsync(
                () =>
                {
                    var scored = transformer.Transform(validationView);
                    return (context.BinaryClassification.Evaluate(scored, ColumnarDataView.LabelColumn),
                        scored.GetColumn<float>(FeaturePipeline.ProbabilityColumn).ToArray());
                },
                cancellationToken);
            var auc = PermutationImportance.Auc(probabilities, validation.Labels!);
            trained.Add((settings, auc, metrics.LogLoss, metrics.F1Score, trainingMs));
            reporter.Training(1);

            var candidate = new Candidate(settings, transformer, metrics, probabilities, auc, trainingMs);
            if (best is null || Ranks(candidate.Auc, candidate.TrainingMs).CompareTo(Ranks(best.Auc, best.TrainingMs)) < 0)
            {
                best = candidate;
            }
        }

        reporter.EndCandidates();
        var ranked = trained.OrderBy(c => Ranks(c.Auc, c.TrainingMs)).ToList();
        var leaderboard = ranked
            .Select((c, i) => new CandidateResult(i + 1, c.Settings.Algorithm, c.Settings.Describe(), c.Auc, c.LogLoss, c.F1, c.TrainingMs, Chosen: c.Settings == best!.Settings))
            .ToList();
        return (leaderboard, best!);
    }

    /// <summary>The leaderboard order: higher AUC first, and within the same AUC to four decimals the faster model.</summary>
    private static (double NegativeAuc, long TrainingMs) Ranks(double auc, long trainingMs) => (-Math.Round(double.IsNaN(auc) ? 0 : auc, 4), trainingMs);

    private async Task<IReadOnlyList<DatasetColumn>> ResolveFeaturesAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        if (!(request.ValidationFraction is > 0 and < 1))
        {
            throw new ArgumentException("The validation fraction must be between 0 and 1.", nameof(request));
        }

        if (request.Features.Count == 0)
        {
            throw new ArgumentException("At least one feature is needed.", nameof(request));
        }

        var dataset = await source.FindDatasetAsync(request.DatasetName, cancellationToken)
            ?? throw new ArgumentException($"The warehouse catalogue has no dataset '{request.DatasetName}'.", nameof(request));
        if (!dataset.Labels.Contains(request.Label))
        {
            throw new ArgumentException($"'{request.Label}' is not a label of {dataset.Name}.", nameof(request));
        }

        var unknown = request.Features.Where(f => dataset.FindColumn(f) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"{dataset.Name} has no feature column {string.Join(", ", unknown.Select(u => $"'{u}'"))}.", nameof(request));
        }

        if (request.Features.Distinct().Count() != request.Features.Count)
        {
            throw new ArgumentException("A feature is listed twice.", nameof(request));
        }

        var reserved = request.Features.FirstOrDefault(IsReservedName);
        if (reserved is not null)
        {
            throw new ArgumentException($"'{reserved}' is a reserved column name.", nameof(request));
        }

        return request.Features.Select(f => dataset.FindColumn(f)!).ToList();
    }

    private async Task<(ColumnarData Train, ColumnarData Validation)> ExtractAsync(
        TrainingRequest request, IReadOnlyList<DatasetColumn> features, TrainingProgressReporter reporter, CancellationToken cancellationToken)
    {
        reporter.Extracting(0, 1);
        var expected = await source.CountAsync(request.DatasetName, cancellationToken);
        var train = new ColumnarData.Builder(features, withLabels: true);
        var validation = new ColumnarData.Builder(features, withLabels: true);
        var names = features.Select(f => f.Name).ToList();
        long read = 0;

        await foreach (var batch in source.ReadAsync(request.DatasetName, names, request.Label, null, cancellationToken).WithCancellation(cancellationToken))
        {
            if (!batch.Columns.Select(c => c.Name).SequenceEqual(names) || batch.Labels is null)
            {
                throw new InvalidOperationException("The data source returned columns other than those asked for.");
            }

            for (var row = 0; row < batch.Count; row++)
            {
                var target = IsValidation(batch.CustomerIds[row], request.Seed, request.ValidationFraction) ? validation : train;
                target.Add(batch, row);
            }

            read += batch.Count;
            reporter.Extracting(read, Math.Max(expected, read));
            cancellationToken.ThrowIfCancellationRequested();
        }

        RequireBothClasses(train, "training", request.Label);
        RequireBothClasses(validation, "validation", request.Label);
        reporter.Extracting(1, 1);
        return (train.Build(), validation.Build());
    }

    private static void RequireBothClasses(ColumnarData.Builder rows, string part, string label)
    {
        if (rows.Positives < MinimumRowsPerClass || rows.Count - rows.Positives < MinimumRowsPerClass)
        {
            throw new InvalidOperationException(
                $"The {part} set has {rows.Positives} rows with {label} = true and {rows.Count - rows.Positives} with false; both classes need at least {MinimumRowsPerClass}.");
        }
    }

    /// <summary>A row's side of the split depends only on its id and the seed, not on batch boundaries or row order.</summary>
    internal static bool IsValidation(long customerId, int seed, double fraction)
    {
        var z = ((ulong)customerId * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)seed * 0xD1B54A32D192ED03UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53)) < fraction;
    }

    private static bool IsReservedName(string name) =>
        name is ColumnarDataView.IdColumn or ColumnarDataView.LabelColumn or FeaturePipeline.FeaturesColumn
            or FeaturePipeline.ScoreColumn or FeaturePipeline.ProbabilityColumn or "PredictedLabel";

    /// <summary>Runs ML.NET's synchronous work off the caller's thread; a cancelled context's failure becomes OperationCanceledException.</summary>
    private static async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(work, cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException { CancellationToken.IsCancellationRequested: true })
        {
            throw new OperationCanceledException("The training run was cancelled.", ex, cancellationToken);
        }
    }

    /// <summary>A trained candidate while the others train: its model is kept only while it leads.</summary>
    private sealed record Candidate(CandidateSettings Settings, ITransformer Model, CalibratedBinaryClassificationMetrics Metrics, float[] Probabilities, double Auc, long TrainingMs);
}
