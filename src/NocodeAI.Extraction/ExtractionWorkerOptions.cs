using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Extraction;

/// <summary>Section "ExtractionWorker".</summary>
public sealed class ExtractionWorkerOptions
{
    /// <summary>Names this worker in events and logs; defaults to the host name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Customers read from the warehouse and scored per batch: memory stays bounded by one batch.</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 5000;

    /// <summary>Smallest progress step worth an event.</summary>
    [Range(0.01, 1)]
    public double ProgressStep { get; set; } = 0.1;

    /// <summary>Deliveries of one extraction job before its failure is final (reported as FAILED).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    public string ResolveWorkerId() => WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}
