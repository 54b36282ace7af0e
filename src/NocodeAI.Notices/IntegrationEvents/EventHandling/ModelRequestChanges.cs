using NocodeAI.Messaging;
using NocodeAI.Models.Contracts;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.IntegrationEvents.EventHandling;

/// <summary>
/// The models service's events as <see cref="RequestChange"/>s, one mapping per event. Every model
/// event carries the request's name, requester and state after the change (IModelRequestEvent), so
/// each one is applied on its own, without asking the models service.
/// </summary>
public static class ModelRequestChanges
{
    public static RequestChange Requested(ModelRequested e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_SUBMITTED, progress: 0);

    public static RequestChange Approved(ModelApproved e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_APPROVED, details: new NoticeDetails(QueuePosition: e.QueuePosition));

    public static RequestChange Rejected(ModelRejected e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_REJECTED, details: new NoticeDetails(Reason: e.Reason));

    public static RequestChange TrainingStarted(ModelTrainingStarted e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.TRAINING_STARTED, progress: 0, details: new NoticeDetails(Attempt: e.Attempt));

    /// <summary>Progress moves myRequests only: nobody gets a notice per percent.</summary>
    public static RequestChange TrainingProgressed(ModelTrainingProgressed e, EventEnvelope envelope) =>
        Change(e, envelope, notice: null, progress: e.Progress);

    public static RequestChange Completed(ModelCompleted e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.MODEL_COMPLETED, progress: 1, details: new NoticeDetails(Auc: e.Metrics.Auc));

    public static RequestChange Failed(ModelFailed e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_FAILED, details: new NoticeDetails(Reason: e.Reason));

    public static RequestChange CancellationRequested(ModelCancellationRequested e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.CANCELLATION_REQUESTED);

    public static RequestChange Canceled(ModelCanceled e, EventEnvelope envelope) =>
        Change(e, envelope, NoticeKind.REQUEST_CANCELED, details: new NoticeDetails(ResultDiscarded: e.ArtifactDiscarded));

    private static RequestChange Change(IModelRequestEvent e, EventEnvelope envelope, NoticeKind? notice, double? progress = null, NoticeDetails? details = null) =>
        new(
            SubjectType.MODEL_REQUEST,
            e.ModelRequestId,
            envelope.AggregateVersion,
            e.Name,
            e.RequestedBy,
            e.State.ToString(),
            e.Actor,
            Utc(e.OccurredAt),
            progress,
            notice,
            details ?? NoticeDetails.None);

    internal static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
