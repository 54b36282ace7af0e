using NocodeAI.ServiceDefaults.Errors;
using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.Tests;

/// <summary>The mechanics both request aggregates inherit from <see cref="SagaAggregate{TState}"/>, on a small aggregate of its own.</summary>
public sealed class SagaAggregateTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Begin_records_the_first_state_and_who_created_it_at_version_1()
    {
        var gate = Gate.Create(T0);

        Assert.Equal(Door.CLOSED, gate.State);
        Assert.Equal([new HistoryEntry<Door>(Door.CLOSED, T0, "builder", null)], gate.History);
        Assert.Equal(T0, gate.CreatedAt);
        Assert.Equal(T0, gate.UpdatedAt);
        Assert.Equal(1, gate.Version);
    }

    [Fact]
    public void A_transition_sets_the_state_appends_state_at_by_and_note_and_bumps_the_version()
    {
        var gate = Gate.Create(T0);
        gate.Open("porter", T0.AddMinutes(1));

        Assert.Equal(Door.OPEN, gate.State);
        Assert.Equal(new HistoryEntry<Door>(Door.OPEN, T0.AddMinutes(1), "porter", "Welcome."), gate.History[^1]);
        Assert.Equal(T0.AddMinutes(1), gate.UpdatedAt);
        Assert.Equal(T0, gate.CreatedAt);
        Assert.Equal(2, gate.Version);
    }

    [Fact]
    public void A_guarded_action_in_a_state_it_does_not_allow_throws_INVALID_STATE_TRANSITION_and_changes_nothing()
    {
        var gate = Gate.Create(T0);
        gate.Open("porter", T0);

        var error = Assert.Throws<NocodeException>(() => gate.Open("porter", T0.AddMinutes(1)));

        Assert.Equal(ErrorCodes.InvalidStateTransition, error.Code);
        Assert.Equal("Cannot open a gate that is OPEN.", error.Message);
        Assert.Equal("OPEN", error.Details["currentState"]);
        Assert.Equal("open", error.Details["action"]);
        Assert.Equal(2, gate.Version);
        Assert.Equal(2, gate.History.Count);
    }

    [Fact]
    public void Record_notes_the_current_state_without_changing_it()
    {
        var gate = Gate.Create(T0);
        gate.Knock(T0.AddMinutes(1));

        Assert.Equal(Door.CLOSED, gate.State);
        Assert.Equal(new HistoryEntry<Door>(Door.CLOSED, T0.AddMinutes(1), "visitor", "Knock knock."), gate.History[^1]);
        Assert.Equal(2, gate.Version);
    }

    [Fact]
    public void Touch_bumps_the_version_and_the_time_without_a_history_entry()
    {
        var gate = Gate.Create(T0);
        gate.Creak(T0.AddMinutes(1));

        Assert.Single(gate.History);
        Assert.Equal(T0.AddMinutes(1), gate.UpdatedAt);
        Assert.Equal(2, gate.Version);
    }

    [Fact]
    public void Progress_is_taken_only_from_a_report_newer_than_the_progress_shown()
    {
        var gate = Gate.Create(T0);

        Assert.True(gate.Progress(200_001));
        Assert.False(gate.Progress(200_001));
        Assert.False(gate.Progress(100_005));
        Assert.True(gate.Progress(200_002));
        Assert.Equal(200_002, gate.ProgressVersion);
        // Accepting the report is not yet a change: the aggregate touches itself when it applies the progress.
        Assert.Equal(1, gate.Version);
    }

    private enum Door
    {
        CLOSED,
        OPEN,
    }

    private sealed class Gate : SagaAggregate<Door>
    {
        protected override string Kind => "gate";

        public static Gate Create(DateTime now)
        {
            var gate = new Gate();
            gate.Begin(Door.CLOSED, "builder", now);
            return gate;
        }

        public void Open(string actor, DateTime now)
        {
            Guard("open", Door.CLOSED);
            Transition(Door.OPEN, actor, now, "Welcome.");
        }

        public void Knock(DateTime now) => Record("visitor", now, "Knock knock.");

        public void Creak(DateTime now) => Touch(now);

        public bool Progress(long reportVersion) => AcceptProgress(reportVersion);
    }
}
