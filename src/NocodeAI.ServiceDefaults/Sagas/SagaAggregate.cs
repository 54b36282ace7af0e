using NocodeAI.ServiceDefaults.Errors;

namespace NocodeAI.ServiceDefaults.Sagas;

/// <summary>
/// The mechanics every saga aggregate (SPEC §5) shares: a state only guarded methods change, a history
/// entry for each transition, and <see cref="Version"/> bumped on every change, which is both the
/// optimistic-concurrency token and the events' aggregateVersion. Which transitions are allowed, and what
/// each one does besides, stays in the aggregate. Mapped by <see cref="SagaAggregateMapping"/>.
/// </summary>
/// <typeparam name="TState">The aggregate's states; the history and the INVALID_STATE error show their names.</typeparam>
public abstract class SagaAggregate<TState>
    where TState : struct, Enum
{
    /// <summary>The name of the field holding the history, which EF maps to the history column.</summary>
    internal const string HistoryField = nameof(_history);

    private readonly List<HistoryEntry<TState>> _history = [];

    public TState State { get; private set; }

    /// <summary>
    /// Report version (the envelope's aggregateVersion: a worker numbers its reports attempt·100,000 +
    /// sequence) of the progress shown: reports of one request may be applied out of order (batches,
    /// replicas), and an older one must not take the progress back. See <see cref="AcceptProgress"/>.
    /// </summary>
    public long ProgressVersion { get; private set; }

    public IReadOnlyList<HistoryEntry<TState>> History => _history;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>What the aggregate is called in errors ("model request").</summary>
    protected abstract string Kind { get; }

    /// <summary>The first history entry: the aggregate exists from <paramref name="now"/> in <paramref name="state"/>.</summary>
    protected void Begin(TState state, string actor, DateTime now)
    {
        CreatedAt = now;
        Transition(state, actor, now, null);
    }

    /// <summary>Throws INVALID_STATE_TRANSITION (SPEC §4) unless the aggregate is in one of <paramref name="allowed"/>.</summary>
    protected void Guard(string action, params TState[] allowed)
    {
        if (Array.IndexOf(allowed, State) < 0)
        {
            throw NocodeException.InvalidTransition(Kind, action, State.ToString());
        }
    }

    protected void Transition(TState state, string actor, DateTime now, string? note)
    {
        State = state;
        Record(actor, now, note);
    }

    /// <summary>A history entry in the current state (a restart, say), and a new version.</summary>
    protected void Record(string actor, DateTime now, string? note)
    {
        _history.Add(new HistoryEntry<TState>(State, now, actor, note));
        Touch(now);
    }

    /// <summary>A change worth a new version that the history does not list (progress, a retry).</summary>
    protected void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>
    /// Takes the progress report numbered <paramref name="reportVersion"/> when it is newer than the progress
    /// shown; false for an older or repeated one, which must change nothing. Call it after the aggregate's own
    /// checks (state, attempt), as the last one: a true answer records the version.
    /// </summary>
    protected bool AcceptProgress(long reportVersion)
    {
        if (reportVersion <= ProgressVersion)
        {
            return false;
        }

        ProgressVersion = reportVersion;
        return true;
    }
}

/// <summary>One line of an aggregate's history: the state it entered (or was in), when, who did it, and why.</summary>
public sealed record HistoryEntry<TState>(TState State, DateTime At, string By, string? Note)
    where TState : struct, Enum;
