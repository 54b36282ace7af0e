namespace NocodeAI.Messaging;

/// <summary>Exponential backoff shared by every retry loop in this block, and the rule for how often a retry is worth a log line.</summary>
internal static class Backoff
{
    /// <summary><paramref name="baseDelay"/> × 2^(attempt−1), capped at <paramref name="maxDelay"/>.</summary>
    public static TimeSpan For(long attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = baseDelay.Ticks * (1L << (int)exponent);
        return ticks <= 0 || ticks > maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks(ticks);
    }

    public static Task DelayAsync(long attempt, TimeSpan baseDelay, TimeSpan maxDelay, CancellationToken cancellationToken) =>
        Task.Delay(For(attempt, baseDelay, maxDelay), cancellationToken);

    /// <summary>First failure and then every tenth: an outage is visible without a line per attempt.</summary>
    public static bool ShouldLog(long attempt) => attempt == 1 || attempt % 10 == 0;
}
