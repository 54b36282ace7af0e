using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.ModelRequests;

/// <summary>
/// What clients see of a model request: the same shape for queries and for the subscription
/// payload published to Redis after a commit (so subscribers never need a database round trip).
/// </summary>
public sealed record ModelRequestView(
    Guid Id,
    string Name,
    string? Description,
    string RequestedBy,
    ModelState State,
    ModelSpec Spec,
    TrainingStage? Stage,
    string? TrainingCandidate,
    double Progress,
    int? QueuePosition,
    ModelMetrics? Metrics,
    string? Reason,
    IReadOnlyList<HistoryEntry<ModelState>> History,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version)
{
    /// <summary>The Redis topic every model request change is published on.</summary>
    public const string Topic = "models.ModelRequest";

    public static ModelRequestView From(ModelRequest request, int? queuePosition) => new(
        request.Id,
        request.Name,
        request.Description,
        request.RequestedBy,
        request.State,
        request.Spec,
        request.Stage,
        request.TrainingCandidate,
        request.Progress,
        request.State == ModelState.APPROVED ? queuePosition : null,
        request.Metrics,
        request.Reason,
        request.History,
        request.CreatedAt,
        request.UpdatedAt,
        request.Version);
}
