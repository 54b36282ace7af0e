using NocodeAI.Messaging;
using NocodeAI.Models.Contracts;

namespace NocodeAI.Training.Contracts;

public abstract record TrainingEvent(Guid ModelRequestId, string WorkerId, int Attempt) : IIntegrationEvent
{
    public static string Context => "training";
}

public sealed record TrainingStarted(Guid ModelRequestId, string WorkerId, int Attempt)
    : TrainingEvent(ModelRequestId, WorkerId, Attempt);

/// <param name="Candidate">While training, the candidate being trained ("3/8 LIGHT_GBM leaves=31 …").</param>
public sealed record TrainingProgressed(Guid ModelRequestId, string WorkerId, int Attempt, TrainingStage Stage, double Progress, string? Candidate = null)
    : TrainingEvent(ModelRequestId, WorkerId, Attempt);

/// <summary>Training finished; the artifact is stored under <paramref name="ArtifactId"/> in the artifact store.</summary>
public sealed record TrainingCompleted(Guid ModelRequestId, string WorkerId, int Attempt, ModelMetrics Metrics, string ArtifactId)
    : TrainingEvent(ModelRequestId, WorkerId, Attempt);

public sealed record TrainingFailed(Guid ModelRequestId, string WorkerId, int Attempt, string Reason)
    : TrainingEvent(ModelRequestId, WorkerId, Attempt);

/// <summary>The worker stopped at a checkpoint because the request was cancelled; nothing was stored.</summary>
public sealed record TrainingCanceled(Guid ModelRequestId, string WorkerId, int Attempt)
    : TrainingEvent(ModelRequestId, WorkerId, Attempt);
