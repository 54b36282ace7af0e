namespace NocodeAI.Notices.Delivery;

/// <summary>
/// When to try a failed SwingChat delivery again: <c>BaseDelay × 2^(n−1)</c> after the n-th failure,
/// capped at <c>MaxDelay</c>, with "equal jitter" (a random point in the upper half of that delay) so
/// notices that failed together during an outage do not all come back at the same instant.
/// </summary>
public sealed class DeliveryBackoff
{
    private readonly Func<double> _random;

    public DeliveryBackoff(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _random = random ?? Random.Shared.NextDouble;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>The exponential delay after <paramref name="failedAttempts"/> failures, before jitter.</summary>
    public TimeSpan CeilingAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = BaseDelay.Ticks * (1L << exponent);
        return ticks < 0 || ticks > MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks(ticks);
    }

    /// <summary>A delay in [ceiling / 2, ceiling].</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        var ceiling = CeilingAfter(failedAttempts);
        var half = ceiling.Ticks / 2;
        return TimeSpan.FromTicks(half + (long)(Math.Clamp(_random(), 0, 1) * (ceiling.Ticks - half)));
    }
}
