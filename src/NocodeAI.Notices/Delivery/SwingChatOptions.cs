using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Notices.Delivery;

/// <summary>Configuration section <c>SwingChat</c>: the messenger webhook and how hard to try.</summary>
public sealed class SwingChatOptions
{
    /// <summary>Base URL of the SwingChat webhook API; defaults to <c>Externals:BaseUrl</c> (the local stand-in).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bearer token SwingChat expects.</summary>
    public string? Token { get; set; }

    /// <summary>Upper bound for one delivery call.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts before a notice ends FAILED.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay after the first failure; doubles with each further one (with jitter).</summary>
    [Range(0, 3_600_000)]
    public int BaseDelayMs { get; set; } = 30_000;

    [Range(0, 86_400_000)]
    public int MaxDelayMs { get; set; } = 600_000;

    /// <summary>Notices one dispatcher round sends (concurrently).</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How often the dispatcher looks for due notices without being woken (retries, other replicas' notices).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public DeliveryBackoff Backoff() =>
        new(MaxAttempts, TimeSpan.FromMilliseconds(BaseDelayMs), TimeSpan.FromMilliseconds(Math.Max(MaxDelayMs, BaseDelayMs)));
}
