using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Messaging;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for rows without being signalled (rows left while NATS was down, or written by another replica).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Published rows are deleted after this long. They are only kept to look into ("was it sent, when?");
    /// the stream, not the outbox, is the history consumers replay.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan RetainPublished { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest wait between attempts while publishing fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
