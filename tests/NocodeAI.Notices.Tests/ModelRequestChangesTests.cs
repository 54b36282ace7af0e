using NocodeAI.Notices.IntegrationEvents.EventHandling;

namespace NocodeAI.Notices.Tests;

/// <summary>Each model event maps to the state, progress and notice it stands for, at the envelope's version.</summary>
public sealed class ModelRequestChangesTests
{
    private static readonly Guid Id = Guid.NewGuid();

    public static TheoryData<ModelRequestEvent, string, NoticeKind?, double?> Events => new()
    {
        { Changes.Requested(Id), "REQUESTED", NoticeKind.REQUEST_SUBMITTED, 0 },
        { new ModelApproved(Id, "n", "analyst", "approver", Changes.Now, 2), "APPROVED", NoticeKind.REQUEST_APPROVED, null },
        { new ModelRejected(Id, "n", "analyst", "approver", Changes.Now, "no"), "REJECTED", NoticeKind.REQUEST_REJECTED, null },
        { new ModelTrainingStarted(Id, "n", "analyst", "system", Changes.Now, 1), "TRAINING", NoticeKind.TRAINING_STARTED, 0 },
        { new ModelTrainingProgressed(Id, "n", "analyst", "system", Changes.Now, TrainingStage.TRAINING, 0.42), "TRAINING", null, 0.42 },
        { new ModelCompleted(Id, "n", "analyst", "system", Changes.Now, Changes.Metrics(0.9), "a"), "COMPLETED", NoticeKind.MODEL_COMPLETED, 1 },
        { new ModelFailed(Id, "n", "analyst", "system", Changes.Now, "boom"), "FAILED", NoticeKind.REQUEST_FAILED, null },
        { new ModelCancellationRequested(Id, "n", "analyst", "analyst", Changes.Now), "CANCELING", NoticeKind.CANCELLATION_REQUESTED, null },
        { new ModelCanceled(Id, "n", "analyst", "system", Changes.Now, false), "CANCELED", NoticeKind.REQUEST_CANCELED, null },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_model_event_maps_to_its_state_notice_and_progress(ModelRequestEvent e, string state, NoticeKind? notice, double? progress)
    {
        var change = Changes.Change(e, 7);

        Assert.Equal(SubjectType.MODEL_REQUEST, change.Kind);
        Assert.Equal(Id, change.RequestId);
        Assert.Equal(7, change.Version);
        Assert.Equal(state, change.State);
        Assert.Equal(notice, change.Notice);
        Assert.Equal(progress, change.Progress);
        Assert.Equal(DateTimeKind.Utc, change.OccurredAt.Kind);
    }

    [Fact]
    public void The_catalogue_translates_an_envelope_of_a_mapped_type_and_skips_others()
    {
        var catalog = new RequestChangeCatalog();
        catalog.Add<ModelFailed>(ModelRequestChanges.Failed);
        var failed = new ModelFailed(Id, "n", "analyst", "system", Changes.Now, "boom");

        Assert.True(catalog.TryTranslate(Changes.Envelope(failed, 4), out var change));
        Assert.Equal("boom", change.Details.Reason);
        Assert.Equal(4, change.Version);
        Assert.False(catalog.TryTranslate(Changes.Envelope(new ModelApproved(Id, "n", "analyst", "approver", Changes.Now, 1), 2), out _));
        Assert.Throws<InvalidOperationException>(() => catalog.Add<ModelFailed>(ModelRequestChanges.Failed));
    }
}
