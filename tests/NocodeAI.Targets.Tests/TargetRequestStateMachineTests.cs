using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Tests;

public sealed class TargetRequestStateMachineTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private static TargetRequest NewRequest() =>
        TargetRequest.Create(Guid.NewGuid(), "Q4 churn", "analyst", Guid.NewGuid(), new TargetCriteria(100, null), "안녕하세요", T0);

    private static TargetRequest Extracted()
    {
        var request = NewRequest();
        request.Approve("approver", T0);
        request.StartExtraction(1, T0);
        request.Extracted(100, new ScoreSummary(0.1, 0.9, 0.5, 0.5, 0.8), T0);
        return request;
    }

    [Fact]
    public void The_happy_path_walks_every_state_in_order()
    {
        var request = NewRequest();
        Assert.Equal(TargetState.REQUESTED, request.State);
        Assert.IsType<TargetApproved>(request.Approve("approver", T0));
        Assert.IsType<TargetExtractionStarted>(request.StartExtraction(1, T0));
        Assert.True(request.ReportProgress(1, 100_002, 50, 100, T0));
        Assert.Equal(0.5, request.Progress);
        var extracted = Assert.IsType<TargetExtracted>(request.Extracted(100, null, T0));
        Assert.Equal(100, extracted.TargetCount);
        Assert.IsType<TargetDispatchStarted>(request.StartDispatch(T0));
        Assert.True(request.DispatchRetrying(2, "HTTP 503", T0));
        var completed = Assert.IsType<TargetCompleted>(request.CompleteDispatch(["job-1"], 100, 0, 3, T0));
        Assert.Equal(100, completed.Sent);
        Assert.Equal(TargetState.COMPLETED, request.State);
        Assert.Equal(DispatchState.DONE, request.Dispatch!.State);
        Assert.Equal(
            [TargetState.REQUESTED, TargetState.APPROVED, TargetState.EXTRACTING, TargetState.EXTRACTED, TargetState.DISPATCHING, TargetState.COMPLETED],
            request.History.Select(h => h.State));
    }

    [Theory]
    [InlineData(TargetState.REQUESTED)]
    [InlineData(TargetState.APPROVED)]
    [InlineData(TargetState.EXTRACTING)]
    [InlineData(TargetState.EXTRACTED)]
    public void Cancel_is_allowed_until_dispatch(TargetState state)
    {
        var request = InState(state);
        Assert.IsType<TargetCanceled>(request.Cancel("analyst", T0));
        Assert.Equal(TargetState.CANCELED, request.State);
        Assert.Null(request.TargetCount);
    }

    [Theory]
    [InlineData(TargetState.DISPATCHING)]
    [InlineData(TargetState.COMPLETED)]
    [InlineData(TargetState.FAILED)]
    [InlineData(TargetState.REJECTED)]
    [InlineData(TargetState.CANCELED)]
    public void Cancel_after_dispatch_started_is_an_invalid_transition(TargetState state)
    {
        var request = InState(state);
        var error = Assert.Throws<NocodeException>(() => request.Cancel("analyst", T0));
        Assert.Equal(ErrorCodes.InvalidStateTransition, error.Code);
        Assert.Equal(state.ToString(), error.Details["currentState"]);
    }

    [Fact]
    public void Approve_and_reject_need_REQUESTED()
    {
        var request = NewRequest();
        request.Approve("approver", T0);
        Assert.Equal(ErrorCodes.InvalidStateTransition, Assert.Throws<NocodeException>(() => request.Approve("approver", T0)).Code);
        Assert.Equal(ErrorCodes.InvalidStateTransition, Assert.Throws<NocodeException>(() => request.Reject("approver", "no", T0)).Code);
    }

    [Fact]
    public void Reports_after_a_cancel_change_nothing()
    {
        var request = NewRequest();
        request.Approve("approver", T0);
        request.StartExtraction(1, T0);
        request.Cancel("analyst", T0);
        var version = request.Version;

        Assert.Null(request.Extracted(10, null, T0));
        Assert.Null(request.StartDispatch(T0));
        Assert.Null(request.CompleteDispatch(["job"], 10, 0, 1, T0));
        Assert.Null(request.FailExtraction("boom", T0));
        Assert.False(request.ReportProgress(1, 100_003, 5, 10, T0));
        Assert.Equal(version, request.Version);
        Assert.Equal(TargetState.CANCELED, request.State);
    }

    [Fact]
    public void A_redelivered_extraction_restarts_and_stale_progress_is_ignored()
    {
        var request = NewRequest();
        request.Approve("approver", T0);
        request.StartExtraction(1, T0);
        Assert.IsType<TargetExtractionStarted>(request.StartExtraction(2, T0));
        Assert.Null(request.StartExtraction(1, T0));
        Assert.False(request.ReportProgress(1, 100_002, 5, 10, T0));
        Assert.True(request.ReportProgress(2, 200_002, 5, 10, T0));
        Assert.Equal(TargetState.EXTRACTING, request.State);
    }

    [Fact]
    public void A_progress_report_that_arrives_after_a_newer_one_changes_nothing()
    {
        var request = NewRequest();
        request.Approve("approver", T0);
        request.StartExtraction(1, T0);
        Assert.True(request.ReportProgress(1, 100_004, 80, 100, T0.AddSeconds(4)));
        var version = request.Version;

        // Reports 3 and 4 of attempt 1 applied out of order (two batches, two replicas), and 4 again.
        Assert.False(request.ReportProgress(1, 100_003, 60, 100, T0.AddSeconds(5)));
        Assert.False(request.ReportProgress(1, 100_004, 80, 100, T0.AddSeconds(6)));

        Assert.Equal(0.8, request.Progress);
        Assert.Equal(version, request.Version);
        Assert.Equal(T0.AddSeconds(4), request.UpdatedAt);
    }

    [Fact]
    public void A_late_progress_report_after_the_list_was_extracted_changes_nothing()
    {
        var request = NewRequest();
        request.Approve("approver", T0);
        request.StartExtraction(1, T0);
        request.ReportProgress(1, 100_002, 40, 100, T0);
        request.Extracted(100, null, T0.AddSeconds(1));
        var version = request.Version;

        Assert.False(request.ReportProgress(1, 100_003, 60, 100, T0.AddSeconds(2)));

        Assert.Equal((TargetState.EXTRACTED, 1.0, version), (request.State, request.Progress, request.Version));
    }

    [Fact]
    public void Exhausted_MIDAS_retries_end_FAILED_with_the_reason()
    {
        var request = Extracted();
        request.StartDispatch(T0);
        var failed = Assert.IsType<TargetFailed>(request.FailDispatch("MIDAS down (gave up after 6 attempts)", 6, T0));
        Assert.Equal(TargetState.FAILED, request.State);
        Assert.Contains("gave up", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(DispatchState.FAILED, request.Dispatch!.State);
        Assert.Equal(6, request.Dispatch.Attempts);
    }

    [Fact]
    public void A_dispatch_end_that_overtakes_its_start_still_ends_the_request_and_the_late_start_changes_nothing()
    {
        var completedFirst = Extracted();
        Assert.IsType<TargetCompleted>(completedFirst.CompleteDispatch(["job-1"], 100, 0, 1, T0));
        var version = completedFirst.Version;
        Assert.Null(completedFirst.StartDispatch(T0));
        Assert.False(completedFirst.DispatchRetrying(2, "HTTP 503", T0));
        Assert.Equal((TargetState.COMPLETED, version), (completedFirst.State, completedFirst.Version));
        Assert.Equal(DispatchState.DONE, completedFirst.Dispatch!.State);
        Assert.Equal(
            [TargetState.REQUESTED, TargetState.APPROVED, TargetState.EXTRACTING, TargetState.EXTRACTED, TargetState.DISPATCHING, TargetState.COMPLETED],
            completedFirst.History.Select(h => h.State));

        var failedFirst = Extracted();
        Assert.IsType<TargetFailed>(failedFirst.FailDispatch("MIDAS down (gave up after 6 attempts)", 6, T0));
        Assert.Null(failedFirst.StartDispatch(T0));
        Assert.Equal((TargetState.FAILED, DispatchState.FAILED), (failedFirst.State, failedFirst.Dispatch!.State));
        Assert.Equal([TargetState.DISPATCHING, TargetState.FAILED], failedFirst.History.Select(h => h.State).TakeLast(2));
    }

    [Fact]
    public void Every_transition_bumps_the_version()
    {
        var request = NewRequest();
        var v = request.Version;
        request.Approve("approver", T0);
        Assert.Equal(v + 1, request.Version);
    }

    private static TargetRequest InState(TargetState state)
    {
        var request = NewRequest();
        switch (state)
        {
            case TargetState.REQUESTED:
                break;
            case TargetState.APPROVED:
                request.Approve("approver", T0);
                break;
            case TargetState.EXTRACTING:
                request.Approve("approver", T0);
                request.StartExtraction(1, T0);
                break;
            case TargetState.EXTRACTED:
                request = Extracted();
                break;
            case TargetState.DISPATCHING:
                request = Extracted();
                request.StartDispatch(T0);
                break;
            case TargetState.COMPLETED:
                request = Extracted();
                request.StartDispatch(T0);
                request.CompleteDispatch(["job"], 100, 0, 1, T0);
                break;
            case TargetState.FAILED:
                request = Extracted();
                request.StartDispatch(T0);
                request.FailDispatch("down", 6, T0);
                break;
            case TargetState.REJECTED:
                request.Reject("approver", "no", T0);
                break;
            case TargetState.CANCELED:
                request.Cancel("analyst", T0);
                break;
        }

        Assert.Equal(state, request.State);
        return request;
    }
}
