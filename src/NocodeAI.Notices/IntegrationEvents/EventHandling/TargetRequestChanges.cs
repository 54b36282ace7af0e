using NocodeAI.Messaging;
using NocodeAI.Notices.Notices;
using NocodeAI.Targets.Contracts;

namespace NocodeAI.Notices.IntegrationEvents.EventHandling;

/// <summary>
/// The targets service's events as <see cref="RequestChange"/>s, one mapping per event. Like model
/// events, each carries the request's name, requester and state after the change
/// (ITargetRequestEvent), so notices and myRequests never ask the targets service.
/// </summary>
public static class TargetRequestChanges
{
    public static RequestChange Requested(TargetRequested e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_SUBMITTED, progress: 0);

    public static RequestChange Approved(TargetApproved e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_APPROVED);

    public static RequestChange Rejected(TargetRejected e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_REJECTED, details: new NoticeDetails(Reason: e.Reason));

    public static RequestChange ExtractionStarted(TargetExtractionStarted e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.EXTRACTION_STARTED, progress: 0, details: new NoticeDetails(Attempt: e.Attempt));

    public static RequestChange Extracted(TargetExtracted e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.TARGETS_EXTRACTED, progress: 1, details: new NoticeDetails(TargetCount: e.TargetCount));

    /// <summary>Dispatch follows extraction at once and ends in TARGET_COMPLETED or a failure: myRequests only.</summary>
    public static RequestChange DispatchStarted(TargetDispatchStarted e, EventEnvelope envelope) =>
        Change(e, envelope, notice: null);

    public static RequestChange Completed(TargetCompleted e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.TARGET_COMPLETED, progress: 1, details: new NoticeDetails(Sent: e.Sent, Failed: e.Failed));

    public static RequestChange Failed(TargetFailed e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_FAILED, details: new NoticeDetails(Reason: e.Reason));

    public static RequestChange Canceled(TargetCanceled e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_CANCELED, progress: 0);

    private static RequestChange Change(ITargetRequestEvent e, EventEnvelope envelope, NoticeKind? notice, double? progress = null, NoticeDetails? details = null) =>
        new(
            SubjectType.TARGET_REQUEST,
            e.TargetRequestId,
            envelope.AggregateVersion,
            e.Name,
            e.RequestedBy,
            e.State.ToString(),
            e.Actor,
            ModelRequestChanges.Utc(e.OccurredAt),
            progress,
            notice,
            details ?? NoticeDetails.None);
}
