using System.Diagnostics;
using Microsoft.Extensions.Options;
using NocodeAI.Extraction.Selection;
using NocodeAI.Messaging;
using NocodeAI.Targets.TargetMembers;
using NocodeAI.Modeling;
using NocodeAI.ServiceDefaults.Database;

namespace NocodeAI.Extraction.Jobs;

/// <summary>
/// Extracts one approved target request: loads the model's artifact, scores the warehouse population
/// batch by batch, keeps the members the criteria select, replaces the request's list in the targets
/// database and reports the count and score summary. A redelivered job (worker crash) scores again and
/// replaces the list, so members are never duplicated. A request cancelled meanwhile is left alone.
/// </summary>
public sealed class ExtractTargetsJobHandler(
    ModelArtifactStore artifacts,
    IDatasetSource population,
    TargetMemberStore members,
    IEventPublisher publisher,
    IOptions<ExtractionWorkerOptions> options,
    ILogger<ExtractTargetsJobHandler> logger) : IJobHandler<ExtractTargets>
{
    public async Task HandleAsync(ExtractTargets job, JobContext context, CancellationToken cancellationToken)
    {
        var id = job.TargetRequestId;
        var attempt = context.DeliveryCount;
        var settings = options.Value;
        var report = new ExtractionReporter(publisher, context.Envelope, "extract", id, settings.ResolveWorkerId(), attempt);
        if (await members.StateAsync(id, cancellationToken) is not (TargetState.APPROVED or TargetState.EXTRACTING))
        {
            logger.LogInformation("Skipping extraction of {TargetRequestId}: it is no longer waiting for it", id);
            return;
        }

        await report.PublishAsync(new ExtractionStarted(id, report.WorkerId, attempt), cancellationToken);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var model = artifacts.Load(job.ModelRequestId);
            var dataset = model.Manifest.Dataset;
            var features = model.Manifest.Features.Select(f => f.Name).ToList();
            var total = await population.CountAsync(dataset, cancellationToken);
            var selector = new ScoreSelector(job.Criteria.TopN, job.Criteria.MinScore);
            var nextReport = settings.ProgressStep;

            var batches = population.ReadAsync(dataset, features, label: null, settings.BatchSize, cancellationToken);
            await foreach (var score in ModelScorer.ScoreAsync(model, batches, cancellationToken))
            {
                selector.Add(score);
                if (total > 0 && (double)selector.Seen / total >= nextReport)
                {
                    nextReport += settings.ProgressStep;
                    await report.TryPublishAsync(new ExtractionProgressed(id, report.WorkerId, attempt, selector.Seen, total), cancellationToken);
                }
            }

            var scoringSeconds = stopwatch.Elapsed.TotalSeconds;
            var selected = selector.Result();
            var summary = ScoreSummaries.Of(selected);
            if (!await members.ReplaceAsync(id, selected.Select(s => (s.CustomerId, s.Score)), cancellationToken))
            {
                logger.LogInformation("Extraction of {TargetRequestId} finished after it was cancelled; nothing stored", id);
                return;
            }

            var rate = scoringSeconds > 0 ? selector.Seen / scoringSeconds : 0;
            await report.PublishAsync(new TargetsExtracted(id, report.WorkerId, attempt, selected.Length, summary, selector.Seen, rate), cancellationToken);
            logger.LogInformation(
                "Extracted {TargetRequestId}: {Selected} of {Scored} customers; scoring {CustomersPerSecond:0} customers/s, total {ElapsedMs} ms",
                id, selected.Length, selector.Seen, rate, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            // Retrying cannot bring a missing or unreadable artifact back.
            logger.LogError(ex, "Extraction of {TargetRequestId} cannot load model {ModelRequestId}", id, job.ModelRequestId);
            await report.PublishAsync(new ExtractionFailed(id, report.WorkerId, attempt, $"The model's artifact cannot be loaded: {ex.Message}"), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && attempt >= settings.MaxAttempts && !CommandRetry.IsBrokenConnection(ex))
        {
            // A broken database connection (a restart) is retried with the consumer's backoff instead.
            logger.LogError(ex, "Extraction of {TargetRequestId} failed on its last attempt ({Attempt})", id, attempt);
            await report.PublishAsync(new ExtractionFailed(id, report.WorkerId, attempt, $"Extraction failed after {attempt} attempts: {ex.Message}"), cancellationToken);
        }
    }
}
