using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Training;

/// <summary>Section "TrainingWorker".</summary>
public sealed class TrainingWorkerOptions
{
    /// <summary>Names this worker in events and logs; defaults to the host name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>How far back the cancellation replica replays model events at start.</summary>
    public TimeSpan CancellationMemory { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Smallest progress step worth an event; stage changes are always reported.</summary>
    [Range(0.001, 0.5)]
    public double ProgressStep { get; set; } = 0.02;

    /// <summary>Deliveries of one job before its failure is final (reported as FAILED, not retried).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    public string ResolveWorkerId() => WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}
