using Microsoft.Extensions.Options;
using NocodeAI.Messaging;
using NocodeAI.Modeling;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.Training.Cancellation;

namespace NocodeAI.Training.Jobs;

/// <summary>
/// Trains one approved model request: reports the start, stages and progress, stores the artifact
/// and reports the metrics. A cancel stops it at the next checkpoint; a completion for a request
/// cancelled meanwhile is discarded here (artifact deleted) and reported as cancelled instead. If the
/// worker dies, the job is redelivered and trained again from the start (a later attempt).
/// </summary>
public sealed class TrainModelJobHandler(
    ModelTrainer trainer,
    ModelArtifactStore artifacts,
    CancellationRegistry cancellations,
    IEventPublisher publisher,
    IOptions<TrainingWorkerOptions> options,
    ILogger<TrainModelJobHandler> logger) : IJobHandler<TrainModel>
{
    public async Task HandleAsync(TrainModel job, JobContext context, CancellationToken cancellationToken)
    {
        var id = job.ModelRequestId;
        var attempt = (int)context.DeliveryCount;
        await using var report = new TrainingReporter(publisher, context.Envelope, id, options.Value.ResolveWorkerId(), attempt);
        if (cancellations.IsCancelled(id))
        {
            logger.LogInformation("Skipping training of {ModelRequestId}: it was cancelled while queued", id);
            await report.CanceledAsync(cancellationToken);
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var registration = cancellations.Register(id, cancel.Cancel);
        await report.StartedAsync(cancellationToken);
        logger.LogInformation("Training {ModelRequestId} ({Algorithm} on {Dataset}.{Label}), attempt {Attempt}",
            id, job.Spec.Algorithm, job.Spec.Dataset, job.Spec.Label, attempt);

        try
        {
            var outcome = await trainer.TrainAsync(ToRequest(job), new ThrottledProgress(report, options.Value.ProgressStep), cancel.Token);
            var artifactId = artifacts.Save(id, outcome.Model);
            if (cancellations.IsCancelled(id))
            {
                // Compensation: the result of a cancelled request must never surface.
                artifacts.Delete(id);
                await report.CanceledAsync(cancellationToken);
                return;
            }

            await report.CompletedAsync(ToContract(outcome.Metrics), artifactId, cancellationToken);
            logger.LogInformation("Trained {ModelRequestId}: AUC {Auc:0.000} on {Rows} rows in {DurationMs} ms",
                id, outcome.Metrics.Auc, outcome.Metrics.TrainingRows + outcome.Metrics.ValidationRows, outcome.Metrics.DurationMs);
        }
        catch (OperationCanceledException) when (cancellations.IsCancelled(id) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopped training {ModelRequestId} at a checkpoint after cancellation", id);
            artifacts.Delete(id);
            await report.CanceledAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && attempt >= options.Value.MaxAttempts && !CommandRetry.IsBrokenConnection(ex))
        {
            // Out of attempts: say so (FAILED with the reason) instead of leaving the request TRAINING.
            // The warehouse unreachable (a database restart) is not the request's fault: the job is
            // retried with the consumer's backoff instead, and only a dead letter ends it.
            logger.LogError(ex, "Training {ModelRequestId} failed on its last attempt ({Attempt})", id, attempt);
            await report.FailedAsync($"Training failed after {attempt} attempts: {ex.Message}", cancellationToken);
        }
    }

    private static TrainingRequest ToRequest(TrainModel job) => new(
        job.Spec.Dataset,
        job.Spec.Label,
        job.Spec.Features,
        job.Spec.Algorithm,
        job.Spec.ValidationFraction);

    private static ModelMetrics ToContract(TrainingMetrics metrics) => new(
        metrics.Auc,
        metrics.Accuracy,
        metrics.F1,
        metrics.LogLoss,
        metrics.TrainingRows,
        metrics.ValidationRows,
        metrics.DurationMs,
        metrics.FeatureImportance.Select(f => new Models.Contracts.FeatureImportance(f.Feature, f.Importance)).ToList(),
        metrics.Leaderboard.Select(c => new ModelCandidate(
            c.Rank, c.Algorithm, c.Settings, c.Auc, c.LogLoss, c.F1, c.TrainingMs, c.Chosen)).ToList(),
        ToContract(metrics.Evaluation));

    private static Models.Contracts.ModelEvaluation ToContract(Modeling.ModelEvaluation e) => new(
        e.Rows,
        e.BaseRate,
        e.Ks,
        e.Threshold,
        e.Roc.Select(p => new Models.Contracts.RocPoint(p.Threshold, p.Fpr, p.Tpr)).ToList(),
        e.PrecisionRecall.Select(p => new Models.Contracts.PrecisionRecallPoint(p.Threshold, p.Precision, p.Recall)).ToList(),
        e.Lift.Select(p => new Models.Contracts.LiftPoint(p.Depth, p.Lift, p.CumulativeGain, p.ResponseRate)).ToList(),
        e.Calibration.Select(b => new Models.Contracts.CalibrationBin(b.Predicted, b.Observed, b.Count)).ToList(),
        new Models.Contracts.ConfusionMatrix(e.Confusion.TruePositive, e.Confusion.FalsePositive, e.Confusion.TrueNegative, e.Confusion.FalseNegative));

    /// <summary>Passes on stage and candidate changes and progress steps of at least <c>step</c>, so a run sends tens of events, not thousands.</summary>
    private sealed class ThrottledProgress(TrainingReporter report, double step) : IProgress<TrainingProgress>
    {
        private TrainingStage? _stage;
        private string? _candidate;
        private double _last = -1;

        public void Report(TrainingProgress value)
        {
            if (value.Stage == _stage && value.Candidate == _candidate && value.Progress - _last < step)
            {
                return;
            }

            _stage = value.Stage;
            _candidate = value.Candidate;
            _last = value.Progress;
            report.Progressed(value.Stage, value.Progress, value.Candidate);
        }
    }
}
