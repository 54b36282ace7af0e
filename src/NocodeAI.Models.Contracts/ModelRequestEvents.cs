using NocodeAI.Messaging;

namespace NocodeAI.Models.Contracts;

/// <summary>
/// Every model event carries the request's identity and its state after the change, so a consumer
/// (the notices read model, the targets readiness replica) can apply any event on its own without
/// asking the models service.
/// </summary>
public interface IModelRequestEvent : IIntegrationEvent
{
    Guid ModelRequestId { get; }

    string Name { get; }

    string RequestedBy { get; }

    ModelState State { get; }

    /// <summary>Who caused the change: a user name, or "system" for the saga.</summary>
    string Actor { get; }

    DateTime OccurredAt { get; }
}

public abstract record ModelRequestEvent(Guid ModelRequestId, string Name, string RequestedBy, ModelState State, string Actor, DateTime OccurredAt)
    : IModelRequestEvent
{
    public static string Context => "models";
}

public sealed record ModelRequested(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, ModelSpec Spec, string? Description)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.REQUESTED, Actor, OccurredAt);

public sealed record ModelApproved(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, int QueuePosition)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.APPROVED, Actor, OccurredAt);

public sealed record ModelRejected(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, string Reason)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.REJECTED, Actor, OccurredAt);

public sealed record ModelTrainingStarted(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, int Attempt)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.TRAINING, Actor, OccurredAt);

public sealed record ModelTrainingProgressed(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, TrainingStage Stage, double Progress, string? Candidate = null)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.TRAINING, Actor, OccurredAt);

public sealed record ModelCompleted(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, ModelMetrics Metrics, string ArtifactId)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.COMPLETED, Actor, OccurredAt);

public sealed record ModelFailed(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, string Reason)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.FAILED, Actor, OccurredAt);

/// <summary>Cancel asked while TRAINING: the request is CANCELING until the worker stops.</summary>
public sealed record ModelCancellationRequested(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.CANCELING, Actor, OccurredAt);

/// <summary>Final cancellation. <paramref name="ArtifactDiscarded"/> is true when a finished training's result was thrown away.</summary>
public sealed record ModelCanceled(Guid ModelRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, bool ArtifactDiscarded)
    : ModelRequestEvent(ModelRequestId, Name, RequestedBy, ModelState.CANCELED, Actor, OccurredAt);

/// <summary>The work item the training worker takes from the job queue once a request is approved.</summary>
public sealed record TrainModel(Guid ModelRequestId, string Name, ModelSpec Spec) : IJob
{
    public static string Queue => "training";
}
