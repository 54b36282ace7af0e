using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.ModelRequests;

/// <summary>
/// A request for a predictive model and its saga state (SPEC §5). Every transition is a guarded
/// method here; resolvers and event handlers only call them. The guard, the history and the version
/// bumped on every change (the concurrency token and the events' aggregateVersion) are <see cref="SagaAggregate{TState}"/>'s.
/// </summary>
public sealed class ModelRequest : SagaAggregate<ModelState>
{
    public const string SystemActor = "system";

    public const int MaxCandidateLength = 200;

    private ModelRequest()
    {
        Name = string.Empty;
        RequestedBy = string.Empty;
        Spec = null!;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    public string RequestedBy { get; private set; }

    public ModelSpec Spec { get; private set; }

    public TrainingStage? Stage { get; private set; }

    public double Progress { get; private set; }

    /// <summary>While TRAINING, the candidate being trained ("3/8 LIGHT_GBM leaves=31 …"); null otherwise.</summary>
    public string? TrainingCandidate { get; private set; }

    /// <summary>Attempt of the training run the current stage and progress belong to (redeliveries restart it).</summary>
    public int TrainingAttempt { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    public ModelMetrics? Metrics { get; private set; }

    public string? ArtifactId { get; private set; }

    public string? Reason { get; private set; }

    public bool IsFinal => State is ModelState.COMPLETED or ModelState.FAILED or ModelState.REJECTED or ModelState.CANCELED;

    public static ModelRequest Create(Guid id, string name, string? description, string requestedBy, ModelSpec spec, DateTime now)
    {
        var request = new ModelRequest
        {
            Id = id,
            Name = name,
            Description = description,
            RequestedBy = requestedBy,
            Spec = spec,
        };
        request.Begin(ModelState.REQUESTED, requestedBy, now);
        return request;
    }

    public ModelRequested Requested() =>
        new(Id, Name, RequestedBy, RequestedBy, UpdatedAt, Spec, Description);

    public ModelApproved Approve(string approver, DateTime now, int queuePosition)
    {
        Guard("approve", ModelState.REQUESTED);
        ApprovedAt = now;
        Transition(ModelState.APPROVED, approver, now, null);
        return new ModelApproved(Id, Name, RequestedBy, approver, now, queuePosition);
    }

    public ModelRejected Reject(string approver, string reason, DateTime now)
    {
        Guard("reject", ModelState.REQUESTED);
        Reason = reason;
        Transition(ModelState.REJECTED, approver, now, reason);
        return new ModelRejected(Id, Name, RequestedBy, approver, now, reason);
    }

    /// <summary>
    /// Before training, cancel is immediate. During training the worker cannot be stopped at once, so
    /// the request waits in CANCELING for the worker's next checkpoint (or its completion, which is discarded).
    /// </summary>
    public ModelRequestEvent Cancel(string actor, DateTime now)
    {
        Guard("cancel", ModelState.REQUESTED, ModelState.APPROVED, ModelState.TRAINING);
        if (State == ModelState.TRAINING)
        {
            Transition(ModelState.CANCELING, actor, now, "Cancellation requested; training stops at its next checkpoint.");
            return new ModelCancellationRequested(Id, Name, RequestedBy, actor, now);
        }

        Transition(ModelState.CANCELED, actor, now, null);
        return new ModelCanceled(Id, Name, RequestedBy, actor, now, ArtifactDiscarded: false);
    }

    /// <summary>A worker took the job. Ignored (null) unless the request is waiting for or already in training.</summary>
    public ModelTrainingStarted? StartTraining(int attempt, DateTime now)
    {
        if (State is not (ModelState.APPROVED or ModelState.TRAINING) || attempt < TrainingAttempt)
        {
            return null;
        }

        TrainingAttempt = attempt;
        Stage = TrainingStage.EXTRACTING_DATA;
        TrainingCandidate = null;
        Progress = 0;
        if (State == ModelState.APPROVED)
        {
            Transition(ModelState.TRAINING, SystemActor, now, null);
        }
        else
        {
            // A redelivered job after a worker crash: training restarts from the beginning.
            Record(SystemActor, now, $"Training restarted (attempt {attempt}).");
        }

        return new ModelTrainingStarted(Id, Name, RequestedBy, SystemActor, now, attempt);
    }

    /// <summary>
    /// Progress of the current attempt; stale reports (older attempt, not training, or older than the
    /// progress shown: <paramref name="reportVersion"/> at or below <see cref="SagaAggregate{TState}.ProgressVersion"/>) are ignored,
    /// so an older report never takes progress or stage back.
    /// </summary>
    public ModelTrainingProgressed? ReportProgress(int attempt, long reportVersion, TrainingStage stage, double progress, string? candidate, DateTime now)
    {
        if (State != ModelState.TRAINING || attempt != TrainingAttempt || !AcceptProgress(reportVersion))
        {
            return null;
        }

        Stage = stage;
        Progress = Math.Clamp(progress, 0, 1);
        TrainingCandidate = candidate is null ? null : candidate[..Math.Min(candidate.Length, MaxCandidateLength)];
        Touch(now);
        return new ModelTrainingProgressed(Id, Name, RequestedBy, SystemActor, now, stage, Progress, TrainingCandidate);
    }

    /// <summary>
    /// Training finished. A request cancelled meanwhile never becomes COMPLETED: it ends CANCELED and
    /// the caller must discard the artifact (the compensation of SPEC §2).
    /// </summary>
    public ModelRequestEvent? Complete(ModelMetrics metrics, string artifactId, DateTime now)
    {
        switch (State)
        {
            case ModelState.TRAINING or ModelState.APPROVED:
                Metrics = metrics;
                ArtifactId = artifactId;
                Stage = null;
                TrainingCandidate = null;
                Progress = 1;
                Transition(ModelState.COMPLETED, SystemActor, now, $"AUC {metrics.Auc:0.000}");
                return new ModelCompleted(Id, Name, RequestedBy, SystemActor, now, metrics, artifactId);
            case ModelState.CANCELING:
                Stage = null;
                TrainingCandidate = null;
                Transition(ModelState.CANCELED, SystemActor, now, "Training finished after cancellation; its result was discarded.");
                return new ModelCanceled(Id, Name, RequestedBy, SystemActor, now, ArtifactDiscarded: true);
            default:
                return null;
        }
    }

    public ModelRequestEvent? Fail(string reason, DateTime now)
    {
        switch (State)
        {
            case ModelState.TRAINING or ModelState.APPROVED:
                Reason = reason;
                Stage = null;
                TrainingCandidate = null;
                Transition(ModelState.FAILED, SystemActor, now, reason);
                return new ModelFailed(Id, Name, RequestedBy, SystemActor, now, reason);
            case ModelState.CANCELING:
                return ConfirmCanceled(now);
            default:
                return null;
        }
    }

    /// <summary>The worker stopped at a checkpoint after a cancel.</summary>
    public ModelCanceled? ConfirmCanceled(DateTime now)
    {
        if (State != ModelState.CANCELING)
        {
            return null;
        }

        Stage = null;
        TrainingCandidate = null;
        Transition(ModelState.CANCELED, SystemActor, now, "Training stopped.");
        return new ModelCanceled(Id, Name, RequestedBy, SystemActor, now, ArtifactDiscarded: false);
    }

    protected override string Kind => "model request";
}
