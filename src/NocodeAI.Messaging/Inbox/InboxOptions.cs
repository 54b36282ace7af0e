using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Messaging;

/// <summary>Configuration section <c>Inbox</c>: how long consumers remember the events they handled.</summary>
public sealed class InboxOptions
{
    /// <summary>
    /// An inbox row is what makes a second delivery of the same event a no-op. Copies of an event arrive
    /// within minutes (redelivery after an ack wait: at most <c>MaxDeliver</c> tries with backoff capped at
    /// a minute; a re-publish within the stream's 10-minute duplicate window is dropped by the stream
    /// itself), or, at the latest, when a producer's relay re-sends a row it published but could not mark
    /// before dying, which happens as soon as that service runs again. Seven days covers a service that
    /// stays down over a long weekend; the version guards of the projections are the second line behind it.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so pruning a large backlog never holds long locks.</summary>
    [Range(100, 1_000_000)]
    public int PruneChunk { get; set; } = 10_000;
}
