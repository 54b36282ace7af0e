using NocodeAI.Models.Contracts;
using NocodeAI.Models.ModelRequests;
using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.Tests;

/// <summary>Which model requests the sweeper fails, and how (16.4: no request waits forever).</summary>
public sealed class StalledModelRequestsTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SweeperOptions Limits = new() { WorkingQuietLimit = TimeSpan.FromMinutes(30), QueuedLimit = TimeSpan.FromHours(24) };

    private static ModelRequest NewRequest() =>
        ModelRequest.Create(Guid.NewGuid(), "churn v1", null, "analyst",
            new ModelSpec("telco_churn", "churned", ["tenure_months"], Algorithm.FAST_TREE, 0.2), T0);

    private static ModelRequest Approved()
    {
        var request = NewRequest();
        request.Approve("approver", T0, 1);
        return request;
    }

    private static ModelRequest Training()
    {
        var request = Approved();
        request.StartTraining(1, T0);
        return request;
    }

    [Fact]
    public void Training_quiet_past_the_limit_fails_with_the_reason_and_a_progress_report_keeps_it_alive()
    {
        var quiet = Training();
        var reporting = Training();
        reporting.ReportProgress(1, 100_002, TrainingStage.TRAINING, 0.5, null, T0.AddMinutes(20));
        var now = T0.AddMinutes(31);
        var giveUp = StalledModelRequests.GiveUpIfStalled(now, Limits);

        var failed = Assert.IsType<ModelFailed>(giveUp(quiet));
        Assert.Null(giveUp(reporting));

        Assert.Equal(ModelState.FAILED, quiet.State);
        Assert.Equal(ModelState.TRAINING, reporting.State);
        Assert.Equal("The system gave up on this request: nothing happened in TRAINING since 2026-12-01 09:00:00 UTC (the limit is 00:30:00).", quiet.Reason);
        Assert.Equal(quiet.Reason, failed.Reason);
    }

    [Fact]
    public void An_approved_request_may_queue_up_to_the_queued_limit_and_final_or_new_ones_are_never_touched()
    {
        var giveUp = StalledModelRequests.GiveUpIfStalled(T0.AddHours(23), Limits);
        Assert.Null(giveUp(Approved()));

        var late = StalledModelRequests.GiveUpIfStalled(T0.AddHours(25), Limits);
        var queued = Approved();
        Assert.IsType<ModelFailed>(late(queued));
        Assert.Contains("nothing happened in APPROVED", queued.Reason, StringComparison.Ordinal);

        var requested = NewRequest();
        var rejected = NewRequest();
        rejected.Reject("approver", "no", T0);
        Assert.Null(late(requested));
        Assert.Null(late(rejected));
        Assert.Equal(ModelState.REQUESTED, requested.State);
        Assert.Equal(ModelState.REJECTED, rejected.State);
    }
}
