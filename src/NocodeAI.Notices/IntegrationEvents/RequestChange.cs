using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.IntegrationEvents;

/// <summary>
/// One producer event reduced to what this service needs: the request's state after the change for
/// myRequests, and the notice it calls for. Each producer's events map to it in one place
/// (<see cref="EventHandling.ModelRequestChanges"/>, <see cref="EventHandling.TargetRequestChanges"/>), so notices and the
/// projection never depend on a producer's contract.
/// </summary>
/// <param name="Version">The envelope's aggregateVersion: orders the changes of one request.</param>
/// <param name="Progress">The progress after the change, or null when the event does not move it.</param>
/// <param name="Notice">The notice the requester gets, or null for changes nobody is told about (progress).</param>
public sealed record RequestChange(
    SubjectType Kind,
    Guid RequestId,
    long Version,
    string Name,
    string RequestedBy,
    string State,
    string Actor,
    DateTime OccurredAt,
    double? Progress,
    NoticeKind? Notice,
    NoticeDetails Details);

/// <summary>The detail a notice text names, when the event carries it.</summary>
public sealed record NoticeDetails(
    double? Auc = null,
    string? Reason = null,
    int? QueuePosition = null,
    int? Attempt = null,
    bool ResultDiscarded = false,
    long? TargetCount = null,
    long? Sent = null,
    long? Failed = null)
{
    public static readonly NoticeDetails None = new();
}
