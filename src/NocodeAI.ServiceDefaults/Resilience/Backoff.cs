namespace NocodeAI.ServiceDefaults.Resilience;

/// <summary>
/// The one exponential backoff of the code base (the HTTP clients get theirs from their resilience
/// handler, <see cref="ResilientHttpClients"/>): <c>base × 2^(attempt−1)</c>, capped, optionally with
/// "equal jitter", and the rule for how often a retry is worth a log line.
/// </summary>
public static class Backoff
{
    /// <summary><paramref name="baseDelay"/> × 2^(attempt−1), capped at <paramref name="maxDelay"/>.</summary>
    public static TimeSpan For(long attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = baseDelay.Ticks * (1L << (int)exponent);
        return ticks <= 0 || ticks > maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks(ticks);
    }

    /// <summary>
    /// A random delay in the upper half of <see cref="For"/> ("equal jitter"), so work that failed together
    /// during an outage does not all come back at the same instant. <paramref name="random"/> is in [0, 1].
    /// </summary>
    public static TimeSpan WithJitter(long attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var ceiling = For(attempt, baseDelay, maxDelay).Ticks;
        var half = ceiling / 2;
        return TimeSpan.FromTicks(half + (long)(Math.Clamp(random, 0, 1) * (ceiling - half)));
    }

    public static Task DelayAsync(long attempt, TimeSpan baseDelay, TimeSpan maxDelay, CancellationToken cancellationToken) =>
        Task.Delay(For(attempt, baseDelay, maxDelay), cancellationToken);

    /// <summary>First failure and then every tenth: an outage is visible without a line per attempt.</summary>
    public static bool ShouldLog(long attempt) => attempt == 1 || attempt % 10 == 0;
}
