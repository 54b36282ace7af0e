using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Messaging;

/// <summary>Configuration section <c>Nats</c>, validated on start.</summary>
public sealed class NatsOptions
{
    /// <summary>One URL or a comma-separated list of cluster URLs, e.g. <c>nats://nats:4222</c>.</summary>
    [Required]
    public string Url { get; set; } = string.Empty;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }

    /// <summary>
    /// Isolates a test run on a shared server: prefixes stream names (<c>T1_NOCODE_EVENTS</c>) and,
    /// because two streams may not capture the same subjects, every subject on the wire too
    /// (<c>T1.nocode.models.…</c>). Empty in every real environment.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_-]*$", ErrorMessage = "StreamPrefix may hold letters, digits, '-' and '_' only.")]
    public string? StreamPrefix { get; set; }

    /// <summary>Stream replicas: 1 on a single local server, 3 on the production cluster.</summary>
    [Range(1, 5)]
    public int Replicas { get; set; } = 1;

    /// <summary>Upper bound for one publish to be acknowledged by the stream; a publish while disconnected would otherwise wait for the reconnect.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The events stream's size on disk; past it the oldest events are discarded. Without a bound it
    /// grows until the server's <c>max_file_store</c> refuses every publish (the pipeline stops). The
    /// server reserves this much of its store for the stream, so the streams' bounds must fit in it.
    /// Rebuilding a projection needs the stream from its first event and refuses once any were
    /// discarded. 1 GiB holds about 1.5 million events.
    /// </summary>
    [Range(1L << 20, long.MaxValue)]
    public long EventsMaxBytes { get; set; } = 1L << 30;

    /// <summary>The dead-letter stream's size on disk; past it the oldest dead letters are discarded.</summary>
    [Range(1L << 20, long.MaxValue)]
    public long DeadLetterMaxBytes { get; set; } = 256L << 20;
}
