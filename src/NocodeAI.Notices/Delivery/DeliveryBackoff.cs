using NocodeAI.ServiceDefaults.Resilience;

namespace NocodeAI.Notices.Delivery;

/// <summary>
/// When to try a failed SwingChat delivery again: the shared <see cref="Backoff"/> with jitter after the
/// n-th failure, and how many attempts a notice gets. Attempts live on the notice (durable across
/// restarts), so this is the notice's schedule, not an in-call retry.
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
    public TimeSpan CeilingAfter(int failedAttempts) => Backoff.For(failedAttempts, BaseDelay, MaxDelay);

    /// <summary>A delay in [ceiling / 2, ceiling].</summary>
    public TimeSpan DelayAfter(int failedAttempts) => Backoff.WithJitter(failedAttempts, BaseDelay, MaxDelay, _random());
}
