namespace NocodeAI.Externals.Faults;

/// <summary>What a stand-in should answer instead of doing its job, decided per call.</summary>
public enum FaultVerdict
{
    None,

    /// <summary>503: the system is down.</summary>
    Down,

    /// <summary>500: this call fails (failNext or the failure rate).</summary>
    Fail,
}

/// <summary>
/// Faults on demand, per system: added latency, down (503), the next N calls fail (500), a random
/// share of calls fail (500). Latency applies first, to every call, like a slow network.
/// </summary>
public sealed class FaultInjector
{
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Set(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_lock)
        {
            _states[settings.System] = new State(settings);
        }
    }

    public void Clear(string? system)
    {
        lock (_lock)
        {
            if (system is null)
            {
                _states.Clear();
            }
            else
            {
                _states.Remove(system);
            }
        }
    }

    /// <summary>The faults in force, with the calls failNext still has to fail.</summary>
    public IReadOnlyDictionary<string, FaultSettings> Current()
    {
        lock (_lock)
        {
            return _states.ToDictionary(s => s.Key, s => s.Value.Settings with { FailNext = s.Value.RemainingFailures });
        }
    }

    public async Task<FaultVerdict> JudgeAsync(string system, CancellationToken cancellationToken)
    {
        FaultSettings settings;
        lock (_lock)
        {
            if (!_states.TryGetValue(system, out var state))
            {
                return FaultVerdict.None;
            }

            settings = state.Settings;
        }

        if (settings.LatencyMs > 0)
        {
            await Task.Delay(settings.LatencyMs, cancellationToken);
        }

        lock (_lock)
        {
            if (!_states.TryGetValue(system, out var state))
            {
                return FaultVerdict.None;
            }

            if (state.Settings.Down)
            {
                return FaultVerdict.Down;
            }

            if (state.RemainingFailures > 0)
            {
                state.RemainingFailures--;
                return FaultVerdict.Fail;
            }

            return state.Settings.FailureRate > 0 && Random.Shared.NextDouble() < state.Settings.FailureRate ? FaultVerdict.Fail : FaultVerdict.None;
        }
    }

    private sealed class State(FaultSettings settings)
    {
        public FaultSettings Settings { get; } = settings;

        public int RemainingFailures { get; set; } = settings.FailNext;
    }
}
