using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// What clients see of a target request: the same shape for queries and for the subscription payload
/// published to Redis after a commit (so subscribers never need a database round trip).
/// </summary>
public sealed record TargetRequestView(
    Guid Id,
    string Name,
    string RequestedBy,
    Guid ModelRequestId,
    TargetState State,
    TargetCriteria Criteria,
    string Message,
    double Progress,
    long? TargetCount,
    ScoreSummary? ScoreSummary,
    DispatchInfo? Dispatch,
    string? Reason,
    IReadOnlyList<HistoryEntry<TargetState>> History,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version)
{
    /// <summary>The Redis topic every target request change is published on.</summary>
    public const string Topic = "targets.TargetRequest";

    public static TargetRequestView From(TargetRequest request) => new(
        request.Id,
        request.Name,
        request.RequestedBy,
        request.ModelRequestId,
        request.State,
        request.Criteria,
        request.Message,
        request.Progress,
        request.TargetCount,
        request.ScoreSummary,
        request.Dispatch,
        request.Reason,
        request.History,
        request.CreatedAt,
        request.UpdatedAt,
        request.Version);
}
