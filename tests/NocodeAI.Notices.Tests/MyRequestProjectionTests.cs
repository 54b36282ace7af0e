using NocodeAI.Notices.MyRequests;

namespace NocodeAI.Notices.Tests;

/// <summary>The myRequests row follows aggregateVersion: stale and duplicate changes change nothing.</summary>
public sealed class MyRequestProjectionTests
{
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void The_first_change_creates_the_row_with_the_requests_own_id()
    {
        var row = MyRequest.From(Changes.Change(Changes.Requested(Id), 1));

        Assert.Equal(Id, row.Id);
        Assert.Equal(SubjectType.MODEL_REQUEST, row.Kind);
        Assert.Equal("REQUESTED", row.State);
        Assert.Equal("Churn Q4", row.Name);
        Assert.Equal("analyst", row.RequestedBy);
        Assert.Equal(1, row.LastVersion);
        Assert.Equal(Changes.Now, row.UpdatedAt);
    }

    [Fact]
    public void Newer_versions_apply_in_order_and_progress_follows_the_training()
    {
        var row = MyRequest.From(Changes.Change(Changes.Requested(Id), 1));

        Assert.True(row.Apply(Changes.Change(new ModelApproved(Id, "Churn Q4", "analyst", "approver", Changes.Now.AddMinutes(1), 1), 2)));
        Assert.True(row.Apply(Changes.Change(new ModelTrainingStarted(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(2), 1), 3)));
        Assert.True(row.Apply(Changes.Change(new ModelTrainingProgressed(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(3), TrainingStage.TRAINING, 0.4), 4)));

        Assert.Equal("TRAINING", row.State);
        Assert.Equal(0.4, row.Progress);
        Assert.Equal(4, row.LastVersion);
        Assert.Equal(Changes.Now.AddMinutes(3), row.UpdatedAt);

        Assert.True(row.Apply(Changes.Change(new ModelCompleted(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(4), Changes.Metrics(0.8), "a"), 5)));
        Assert.Equal("COMPLETED", row.State);
        Assert.Equal(1, row.Progress);
    }

    [Fact]
    public void A_duplicate_version_is_ignored()
    {
        var row = MyRequest.From(Changes.Change(Changes.Requested(Id), 1));
        var approved = Changes.Change(new ModelApproved(Id, "Churn Q4", "analyst", "approver", Changes.Now.AddMinutes(1), 1), 2);
        Assert.True(row.Apply(approved));

        Assert.False(row.Apply(approved));
        Assert.False(row.Apply(approved with { State = "REJECTED", OccurredAt = Changes.Now.AddHours(1) }));

        Assert.Equal("APPROVED", row.State);
        Assert.Equal(2, row.LastVersion);
        Assert.Equal(Changes.Now.AddMinutes(1), row.UpdatedAt);
    }

    [Fact]
    public void A_stale_version_arriving_after_a_newer_one_is_ignored()
    {
        var row = MyRequest.From(Changes.Change(Changes.Requested(Id), 1));
        Assert.True(row.Apply(Changes.Change(new ModelTrainingProgressed(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(5), TrainingStage.EVALUATING, 0.9), 7)));

        Assert.False(row.Apply(Changes.Change(new ModelTrainingProgressed(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(4), TrainingStage.TRAINING, 0.5), 6)));
        Assert.False(row.Apply(Changes.Change(new ModelApproved(Id, "Churn Q4", "analyst", "approver", Changes.Now.AddMinutes(1), 1), 2)));

        Assert.Equal("TRAINING", row.State);
        Assert.Equal(0.9, row.Progress);
        Assert.Equal(7, row.LastVersion);
    }

    [Fact]
    public void A_change_without_progress_keeps_the_last_progress()
    {
        var row = MyRequest.From(Changes.Change(Changes.Requested(Id), 1));
        row.Apply(Changes.Change(new ModelTrainingProgressed(Id, "Churn Q4", "analyst", "system", Changes.Now, TrainingStage.TRAINING, 0.6), 4));

        row.Apply(Changes.Change(new ModelCancellationRequested(Id, "Churn Q4", "analyst", "analyst", Changes.Now), 5));

        Assert.Equal("CANCELING", row.State);
        Assert.Equal(0.6, row.Progress);
    }

    [Fact]
    public void Replaying_shuffled_duplicated_changes_gives_the_same_row_as_applying_them_once_in_order()
    {
        var ordered = new List<RequestChange>
        {
            Changes.Change(Changes.Requested(Id), 1),
            Changes.Change(new ModelApproved(Id, "Churn Q4", "analyst", "approver", Changes.Now.AddMinutes(1), 1), 2),
            Changes.Change(new ModelTrainingStarted(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(2), 1), 3),
            Changes.Change(new ModelTrainingProgressed(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(3), TrainingStage.TRAINING, 0.5), 4),
            Changes.Change(new ModelCompleted(Id, "Churn Q4", "analyst", "system", Changes.Now.AddMinutes(4), Changes.Metrics(0.8), "a"), 5),
        };
        var live = MyRequest.From(ordered[0]);
        foreach (var change in ordered.Skip(1))
        {
            live.Apply(change);
        }

        var noisy = new[] { ordered[0], ordered[2], ordered[1], ordered[4], ordered[3], ordered[4], ordered[2] };
        var replayed = MyRequest.From(noisy[0]);
        foreach (var change in noisy.Skip(1))
        {
            replayed.Apply(change);
        }

        Assert.Equal((live.State, live.Progress, live.LastVersion, live.UpdatedAt), (replayed.State, replayed.Progress, replayed.LastVersion, replayed.UpdatedAt));
    }
}
