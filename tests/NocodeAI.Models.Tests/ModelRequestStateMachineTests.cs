using NocodeAI.Models.Contracts;
using NocodeAI.Models.ModelRequests;
using NocodeAI.ServiceDefaults.Errors;

namespace NocodeAI.Models.Tests;

public sealed class ModelRequestStateMachineTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ModelMetrics Metrics = new(0.81, 0.77, 0.6, 0.45, 8000, 2000, 1234, [new FeatureImportance("tenure_months", 0.1)]);

    private static ModelRequest NewRequest() =>
        ModelRequest.Create(Guid.NewGuid(), "churn v1", null, "analyst",
            new ModelSpec("telco_churn", "churned", ["tenure_months"], Algorithm.FAST_TREE, 0.2), T0);

    private static ModelRequest Training()
    {
        var request = NewRequest();
        request.Approve("approver", T0, 1);
        request.StartTraining(1, T0);
        return request;
    }

    [Fact]
    public void A_new_request_is_REQUESTED_at_version_1_with_one_history_entry()
    {
        var request = NewRequest();
        Assert.Equal(ModelState.REQUESTED, request.State);
        Assert.Equal(1, request.Version);
        Assert.Single(request.History);
    }

    [Fact]
    public void Approve_moves_to_APPROVED_and_records_the_approver()
    {
        var request = NewRequest();
        var approved = request.Approve("approver", T0.AddMinutes(1), 3);

        Assert.Equal(ModelState.APPROVED, request.State);
        Assert.Equal(3, approved.QueuePosition);
        Assert.Equal("approver", request.History[^1].By);
        Assert.Equal(2, request.Version);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public void Approve_and_reject_need_a_REQUESTED_request(string action)
    {
        var request = Training();
        var error = Assert.Throws<NocodeException>(() =>
        {
            if (action == "approve")
            {
                request.Approve("approver", T0, 1);
            }
            else
            {
                request.Reject("approver", "no", T0);
            }
        });

        Assert.Equal(ErrorCodes.InvalidStateTransition, error.Code);
        Assert.Equal("TRAINING", error.Details["currentState"]);
    }

    [Fact]
    public void Reject_keeps_the_reason()
    {
        var request = NewRequest();
        request.Reject("approver", "Use campaign_response instead.", T0);
        Assert.Equal(ModelState.REJECTED, request.State);
        Assert.Equal("Use campaign_response instead.", request.Reason);
    }

    [Fact]
    public void Cancel_before_training_is_immediate()
    {
        var requested = NewRequest();
        Assert.IsType<ModelCanceled>(requested.Cancel("analyst", T0));
        Assert.Equal(ModelState.CANCELED, requested.State);

        var approved = NewRequest();
        approved.Approve("approver", T0, 1);
        Assert.IsType<ModelCanceled>(approved.Cancel("analyst", T0));
        Assert.Equal(ModelState.CANCELED, approved.State);
    }

    [Fact]
    public void Cancel_during_training_waits_in_CANCELING()
    {
        var request = Training();
        Assert.IsType<ModelCancellationRequested>(request.Cancel("analyst", T0));
        Assert.Equal(ModelState.CANCELING, request.State);
    }

    [Fact]
    public void Cancel_during_training_never_completes_and_discards_the_artifact()
    {
        var request = Training();
        request.Cancel("analyst", T0);

        var change = request.Complete(Metrics, "artifact.zip", T0.AddMinutes(5));

        var canceled = Assert.IsType<ModelCanceled>(change);
        Assert.True(canceled.ArtifactDiscarded);
        Assert.Equal(ModelState.CANCELED, request.State);
        Assert.Null(request.Metrics);
        Assert.DoesNotContain(request.History, h => h.State == ModelState.COMPLETED);
    }

    [Fact]
    public void A_completion_for_a_request_cancelled_before_training_is_ignored()
    {
        var request = NewRequest();
        request.Approve("approver", T0, 1);
        request.Cancel("analyst", T0);

        Assert.Null(request.StartTraining(1, T0));
        Assert.Null(request.Complete(Metrics, "artifact.zip", T0));
        Assert.Equal(ModelState.CANCELED, request.State);
    }

    [Theory]
    [InlineData(ModelState.COMPLETED)]
    [InlineData(ModelState.REJECTED)]
    [InlineData(ModelState.CANCELED)]
    [InlineData(ModelState.CANCELING)]
    public void Cancel_is_refused_once_final_or_already_canceling(ModelState state)
    {
        var request = Training();
        switch (state)
        {
            case ModelState.COMPLETED:
                request.Complete(Metrics, "a.zip", T0);
                break;
            case ModelState.REJECTED:
                request = NewRequest();
                request.Reject("approver", "no", T0);
                break;
            case ModelState.CANCELED:
                request = NewRequest();
                request.Cancel("analyst", T0);
                break;
            case ModelState.CANCELING:
                request.Cancel("analyst", T0);
                break;
        }

        var error = Assert.Throws<NocodeException>(() => request.Cancel("analyst", T0));
        Assert.Equal(ErrorCodes.InvalidStateTransition, error.Code);
        Assert.Equal(state.ToString(), error.Details["currentState"]);
    }

    [Fact]
    public void Training_reports_progress_then_completes_with_metrics()
    {
        var request = Training();
        Assert.NotNull(request.ReportProgress(1, 100_002, TrainingStage.TRAINING, 0.5, null, T0));
        Assert.Equal(TrainingStage.TRAINING, request.Stage);
        Assert.Equal(0.5, request.Progress);

        Assert.IsType<ModelCompleted>(request.Complete(Metrics, "a.zip", T0));
        Assert.Equal(ModelState.COMPLETED, request.State);
        Assert.Equal(0.81, request.Metrics!.Auc);
        Assert.Equal(1, request.Progress);
    }

    [Fact]
    public void The_candidate_being_trained_is_shown_while_training_and_cleared_at_completion()
    {
        var request = Training();

        var progressed = request.ReportProgress(1, 100_003, TrainingStage.TRAINING, 0.5, "3/8 FAST_TREE leaves=31", T0);

        Assert.Equal("3/8 FAST_TREE leaves=31", progressed!.Candidate);
        Assert.Equal("3/8 FAST_TREE leaves=31", request.TrainingCandidate);
        request.ReportProgress(1, 100_004, TrainingStage.TRAINING, 0.6, new string('x', 300), T0);
        Assert.Equal(ModelRequest.MaxCandidateLength, request.TrainingCandidate!.Length);
        request.Complete(Metrics, "a.zip", T0);
        Assert.Null(request.TrainingCandidate);
    }

    [Fact]
    public void Progress_of_an_older_attempt_is_ignored_after_a_redelivery()
    {
        var request = Training();
        request.ReportProgress(1, 100_005, TrainingStage.TRAINING, 0.6, null, T0);
        Assert.NotNull(request.StartTraining(2, T0));
        Assert.Equal(0, request.Progress);

        Assert.Null(request.ReportProgress(1, 100_006, TrainingStage.EVALUATING, 0.9, null, T0));
        Assert.Equal(0, request.Progress);
        Assert.Equal(ModelState.TRAINING, request.State);
    }

    [Fact]
    public void A_progress_report_that_arrives_after_a_newer_one_changes_nothing()
    {
        var request = Training();
        Assert.NotNull(request.ReportProgress(1, 100_005, TrainingStage.EVALUATING, 0.9, "8/8", T0.AddSeconds(5)));
        var version = request.Version;

        // Reports 3 and 5 of attempt 1, applied out of order (two batches, two replicas), and 5 again.
        Assert.Null(request.ReportProgress(1, 100_003, TrainingStage.TRAINING, 0.4, "3/8", T0.AddSeconds(6)));
        Assert.Null(request.ReportProgress(1, 100_005, TrainingStage.EVALUATING, 0.9, "8/8", T0.AddSeconds(7)));

        Assert.Equal(TrainingStage.EVALUATING, request.Stage);
        Assert.Equal(0.9, request.Progress);
        Assert.Equal("8/8", request.TrainingCandidate);
        Assert.Equal(version, request.Version);
        Assert.Equal(T0.AddSeconds(5), request.UpdatedAt);
    }

    [Fact]
    public void Progress_of_a_later_attempt_applies_although_the_earlier_attempt_reported_more()
    {
        var request = Training();
        request.ReportProgress(1, 100_040, TrainingStage.EVALUATING, 0.9, null, T0);
        request.StartTraining(2, T0.AddSeconds(1));

        Assert.NotNull(request.ReportProgress(2, 200_002, TrainingStage.EXTRACTING_DATA, 0.1, null, T0.AddSeconds(2)));
        Assert.Equal(0.1, request.Progress);
        Assert.Equal(200_002, request.ProgressVersion);
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("fail")]
    [InlineData("cancel")]
    [InlineData("cancel-confirmed")]
    public void A_late_progress_report_after_the_training_ended_or_was_cancelled_changes_nothing(string end)
    {
        var request = Training();
        request.ReportProgress(1, 100_002, TrainingStage.TRAINING, 0.5, null, T0);
        switch (end)
        {
            case "complete": request.Complete(Metrics, "a.zip", T0.AddSeconds(1)); break;
            case "fail": request.Fail("out of memory", T0.AddSeconds(1)); break;
            case "cancel": request.Cancel("analyst", T0.AddSeconds(1)); break;
            default:
                request.Cancel("analyst", T0.AddSeconds(1));
                request.ConfirmCanceled(T0.AddSeconds(2));
                break;
        }

        var (state, progress, stage, version, history) = (request.State, request.Progress, request.Stage, request.Version, request.History.Count);

        // Sent before the worker's final report, applied after it.
        Assert.Null(request.ReportProgress(1, 100_003, TrainingStage.EVALUATING, 0.95, null, T0.AddSeconds(3)));

        Assert.Equal((state, progress, stage, version, history), (request.State, request.Progress, request.Stage, request.Version, request.History.Count));
    }

    [Fact]
    public void Progress_is_clamped_to_the_unit_interval()
    {
        var request = Training();
        request.ReportProgress(1, 100_007, TrainingStage.EVALUATING, 1.7, null, T0);
        Assert.Equal(1, request.Progress);
    }

    [Fact]
    public void A_failure_during_canceling_ends_CANCELED_not_FAILED()
    {
        var request = Training();
        request.Cancel("analyst", T0);
        Assert.IsType<ModelCanceled>(request.Fail("out of memory", T0));
        Assert.Equal(ModelState.CANCELED, request.State);
    }

    [Fact]
    public void Every_transition_bumps_the_version()
    {
        var request = NewRequest();
        var versions = new List<long> { request.Version };
        request.Approve("approver", T0, 1);
        versions.Add(request.Version);
        request.StartTraining(1, T0);
        versions.Add(request.Version);
        request.ReportProgress(1, 100_008, TrainingStage.TRAINING, 0.3, null, T0);
        versions.Add(request.Version);
        request.Complete(Metrics, "a.zip", T0);
        versions.Add(request.Version);

        Assert.Equal([1, 2, 3, 4, 5], versions);
    }
}
