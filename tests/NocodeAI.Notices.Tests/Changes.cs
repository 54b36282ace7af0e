using NocodeAI.Notices.IntegrationEvents.EventHandling;

namespace NocodeAI.Notices.Tests;

/// <summary>Model events and their envelopes as the models service publishes them, for tests.</summary>
internal static class Changes
{
    public static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    public static EventEnvelope Envelope(ModelRequestEvent e, long version, Guid? id = null) =>
        EventEnvelope.Create(e, e.ModelRequestId.ToString(), version, new MessageContext(), id, new DateTimeOffset(e.OccurredAt));

    public static RequestChange Change(ModelRequestEvent e, long version) =>
        e switch
        {
            ModelRequested r => ModelRequestChanges.Requested(r, Envelope(e, version)),
            ModelApproved r => ModelRequestChanges.Approved(r, Envelope(e, version)),
            ModelRejected r => ModelRequestChanges.Rejected(r, Envelope(e, version)),
            ModelTrainingStarted r => ModelRequestChanges.TrainingStarted(r, Envelope(e, version)),
            ModelTrainingProgressed r => ModelRequestChanges.TrainingProgressed(r, Envelope(e, version)),
            ModelCompleted r => ModelRequestChanges.Completed(r, Envelope(e, version)),
            ModelFailed r => ModelRequestChanges.Failed(r, Envelope(e, version)),
            ModelCancellationRequested r => ModelRequestChanges.CancellationRequested(r, Envelope(e, version)),
            ModelCanceled r => ModelRequestChanges.Canceled(r, Envelope(e, version)),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name),
        };

    public static ModelSpec Spec => new("telco_churn", "churned", ["tenure_months", "monthly_charges"], Algorithm.FAST_TREE, 0.2);

    public static ModelMetrics Metrics(double auc) => new(auc, 0.8, 0.7, 0.4, 800, 200, 1234, [new FeatureImportance("tenure_months", 0.3)]);

    public static ModelRequested Requested(Guid id, string name = "Churn Q4", string by = "analyst", DateTime? at = null) =>
        new(id, name, by, by, at ?? Now, Spec, null);
}
