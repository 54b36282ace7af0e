using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.Models.Contracts;
using NocodeAI.Models.ModelRequests;
using NocodeAI.ServiceDefaults.Observability;

namespace NocodeAI.Models.Tests;

/// <summary>Saga stage durations are measured from the model request's own history.</summary>
public sealed class SagaStageMetricsTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static (string, TimeSpan)? StageLeft(ModelRequest request) =>
        SagaMetrics.StageLeft(request.History, e => e.State.ToString(), e => e.At);

    private static ModelRequest NewRequest() =>
        ModelRequest.Create(Guid.NewGuid(), "churn v1", null, "analyst",
            new ModelSpec("telco_churn", "churned", ["tenure_months"], Algorithm.FAST_TREE, 0.2), T0);

    [Fact]
    public void A_new_request_has_left_no_stage()
    {
        Assert.Null(StageLeft(NewRequest()));
    }

    [Fact]
    public void Each_transition_reports_the_time_spent_in_the_state_it_left()
    {
        var request = NewRequest();
        request.Approve("approver", T0.AddMinutes(30), 1);
        Assert.Equal(("REQUESTED", TimeSpan.FromMinutes(30)), StageLeft(request));

        request.StartTraining(1, T0.AddMinutes(31));
        Assert.Equal(("APPROVED", TimeSpan.FromMinutes(1)), StageLeft(request));
    }

    [Fact]
    public void A_restarted_attempt_is_no_transition_and_the_stage_counts_from_its_first_entry()
    {
        var request = NewRequest();
        request.Approve("approver", T0, 1);
        request.StartTraining(1, T0.AddSeconds(10));
        request.StartTraining(2, T0.AddSeconds(70));
        Assert.Null(StageLeft(request));

        request.Fail("out of memory", T0.AddSeconds(100));
        Assert.Equal(("TRAINING", TimeSpan.FromSeconds(90)), StageLeft(request));
    }

    [Fact]
    public void The_histogram_records_seconds_tagged_with_saga_and_stage()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SagaMetrics(services.GetRequiredService<IMeterFactory>());
        var recorded = new List<(double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "nocode.saga.stage.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            recorded.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var request = NewRequest();
        var approved = request.Approve("approver", T0.AddSeconds(2.5), 1);
        metrics.RecordTransition("model", request.History, e => e.State.ToString(), e => e.At, approved.OccurredAt);

        var (value, tags) = Assert.Single(recorded);
        Assert.Equal(2.5, value, precision: 6);
        Assert.Equal("model", tags["saga"]);
        Assert.Equal("REQUESTED", tags["stage"]);

        // 17.5: progress reports commit too, but add no history entry: the stage left before is not recorded again.
        var started = request.StartTraining(1, T0.AddSeconds(3));
        metrics.RecordTransition("model", request.History, e => e.State.ToString(), e => e.At, started!.OccurredAt);
        foreach (var second in new[] { 4, 5, 6 })
        {
            var progressed = request.ReportProgress(1, 100_000 + second, TrainingStage.TRAINING, second / 10.0, null, T0.AddSeconds(second));
            metrics.RecordTransition("model", request.History, e => e.State.ToString(), e => e.At, progressed!.OccurredAt);
        }

        Assert.Equal(["REQUESTED", "APPROVED"], recorded.Select(r => (string)r.Tags["stage"]!));
        Assert.Equal(0.5, recorded[1].Value, precision: 6);
    }
}
