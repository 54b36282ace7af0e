using System.ComponentModel.DataAnnotations;
using NocodeAI.ServiceDefaults.Resilience;

namespace NocodeAI.Extraction.Midas;

/// <summary>Section "Midas"; the base URL comes from "Externals:BaseUrl" unless set here.</summary>
public sealed class MidasOptions
{
    public string? BaseUrl { get; set; }

    /// <summary>Bearer token MIDAS expects (a secret: from a Kubernetes Secret outside Development).</summary>
    public string? Token { get; set; }

    /// <summary>Recipients per bulk job; MIDAS takes at most 1,000.</summary>
    [Range(1, 1000)]
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Calls per MIDAS operation before it counts as failed (timeouts and 5xx are retried).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubles (with jitter) with each further one up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a bulk job's state is read back until it is DONE.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The shared resilience handler's settings for MIDAS.</summary>
    public HttpResilience Resilience() => new(MaxAttempts, InitialBackoff, MaxBackoff, RequestTimeout);
}
