using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Tests;

/// <summary>Which target requests the sweeper fails, and how (16.4: no request waits forever).</summary>
public sealed class StalledTargetRequestsTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SweeperOptions Limits = new() { WorkingQuietLimit = TimeSpan.FromMinutes(30), QueuedLimit = TimeSpan.FromHours(24) };

    private static TargetRequest NewRequest() =>
        TargetRequest.Create(Guid.NewGuid(), "Q4 churn", "analyst", Guid.NewGuid(), new TargetCriteria(100, null), "안녕하세요", T0);

    [Fact]
    public void Work_under_way_and_quiet_past_the_limit_fails_each_from_its_own_state()
    {
        var extracting = NewRequest();
        extracting.Approve("approver", T0);
        extracting.StartExtraction(1, T0);
        var dispatching = NewRequest();
        dispatching.Approve("approver", T0);
        dispatching.StartExtraction(1, T0);
        dispatching.Extracted(100, new ScoreSummary(0.1, 0.9, 0.5, 0.5, 0.8), T0);
        dispatching.StartDispatch(T0);

        Assert.Null(StalledTargetRequests.GiveUpIfStalled(T0.AddMinutes(29), Limits)(extracting));
        var giveUp = StalledTargetRequests.GiveUpIfStalled(T0.AddMinutes(31), Limits);
        Assert.IsType<TargetFailed>(giveUp(extracting));
        Assert.IsType<TargetFailed>(giveUp(dispatching));

        Assert.Equal(TargetState.FAILED, extracting.State);
        Assert.Equal(TargetState.FAILED, dispatching.State);
        Assert.Contains("nothing happened in EXTRACTING", extracting.Reason, StringComparison.Ordinal);
        Assert.Equal(DispatchState.FAILED, dispatching.Dispatch!.State);
        Assert.Equal(dispatching.Reason, dispatching.Dispatch.LastError);
    }

    [Fact]
    public void Requests_not_waiting_on_work_are_never_touched()
    {
        var giveUp = StalledTargetRequests.GiveUpIfStalled(T0.AddDays(30), Limits);
        var requested = NewRequest();
        var canceled = NewRequest();
        canceled.Cancel("analyst", T0);

        Assert.Null(giveUp(requested));
        Assert.Null(giveUp(canceled));
        Assert.Equal(TargetState.REQUESTED, requested.State);
        Assert.Equal(TargetState.CANCELED, canceled.State);
    }
}
