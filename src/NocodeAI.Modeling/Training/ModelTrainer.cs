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
        reporter.Training(0);
        var context = ModelingContext.Create(request.Seed);
        using var interrupt = cancellationToken.Register(() => ModelingContext.Cancel(context));
        new TrainingSignals(reporter).Attach(context);

        var pipeline = FeaturePipeline.Build(context, features, request.Algorithm, request.Seed);
        var trainView = train.AsDataView();
        var transformer = await RunAsync(() => pipeline.Fit(trainView), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        reporter.Training(1);

        reporter.Evaluating(0);
        var (metrics, importance) = await RunAsync(
            () =>
            {
                var scored = transformer.Transform(validation.AsDataView());
                var evaluation = context.BinaryClassification.Evaluate(scored, ColumnarDataView.LabelColumn);
                reporter.Evaluating(0.25);
                var importance = PermutationImportance.Compute(transformer, validation, request.Seed, f => reporter.Evaluating(0.25 + (0.75 * f)), cancellationToken);
                return (evaluation, importance);
            },
            cancellationToken);

        var manifest = new ModelManifest(request.DatasetName, request.Label, features, request.Algorithm, DateTimeOffset.UtcNow);
        var model = new TrainedModel(manifest, context, transformer, trainView.Schema);
        var result = new TrainingMetrics(
            metrics.AreaUnderRocCurve,
            metrics.Accuracy,
            metrics.F1Score,
            metrics.LogLoss,
            train.Count,
            validation.Count,
            stopwatch.ElapsedMilliseconds,
            importance);

        cancellationToken.ThrowIfCancellationRequested();
        reporter.Evaluating(1);
        logger.LogInformation("Trained {Algorithm} on {Dataset}/{Label}: AUC {Auc:F3}, {TrainingRows} rows, {DurationMs} ms",
            request.Algorithm, request.DatasetName, request.Label, result.Auc, result.TrainingRows, result.DurationMs);
        return new TrainingOutcome(result, model);
    }

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
}
