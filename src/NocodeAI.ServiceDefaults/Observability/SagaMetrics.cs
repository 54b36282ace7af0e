using System.Diagnostics.Metrics;

namespace NocodeAI.ServiceDefaults.Observability;

/// <summary>
/// How long a saga spends in each state (waiting for approval, queued, training, dispatching...),
/// recorded when the state is left. Feeds the "saga stage durations" panels of the Grafana saga
/// dashboard as <c>nocode_saga_stage_duration_seconds</c>, tagged by saga and stage.
/// </summary>
public sealed class SagaMetrics
{
    // Stages last from milliseconds (an immediate cancel) to hours (waiting for an approver).
    private static readonly double[] StageBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600];

    private readonly Histogram<double> _stageDuration;

    public SagaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _stageDuration = meterFactory.Create(ServiceDefaultsExtensions.MeterName).CreateHistogram(
            "nocode.saga.stage.duration",
            unit: "s",
            description: "Time a saga spent in a state before leaving it.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBuckets });
    }

    /// <summary>
    /// Records the stage a committed change just left, once. <paramref name="history"/> is the aggregate's
    /// state history, oldest first, ending with the state it entered; consecutive entries with the same
    /// state (a restarted attempt) count as one stage. Nothing is recorded when the change at
    /// <paramref name="changedAt"/> added no history entry (a progress report: the last entry is an
    /// earlier transition, already recorded) or did not change the state.
    /// </summary>
    public void RecordTransition<TEntry>(string saga, IReadOnlyList<TEntry> history, Func<TEntry, string> state, Func<TEntry, DateTime> at, DateTime changedAt)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(at);
        if (history.Count == 0 || at(history[^1]) != changedAt)
        {
            return;
        }

        var left = StageLeft(history, state, at);
        if (left is var (stage, duration))
        {
            _stageDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("saga", saga), new KeyValuePair<string, object?>("stage", stage));
        }
    }

    /// <summary>The stage the last history entry left and how long it lasted, or null when it left none.</summary>
    public static (string Stage, TimeSpan Duration)? StageLeft<TEntry>(IReadOnlyList<TEntry> history, Func<TEntry, string> state, Func<TEntry, DateTime> at)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(at);
        if (history.Count < 2)
        {
            return null;
        }

        var left = state(history[^2]);
        if (left == state(history[^1]))
        {
            return null;
        }

        var entered = history.Count - 2;
        while (entered > 0 && state(history[entered - 1]) == left)
        {
            entered--;
        }

        var duration = at(history[^1]) - at(history[entered]);
        return (left, duration < TimeSpan.Zero ? TimeSpan.Zero : duration);
    }
}
