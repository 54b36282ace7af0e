using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Externals.Extensions;

/// <summary>Configuration section <c>SwingChat</c> of the stand-in (the same key the notices service uses for its client).</summary>
public sealed class SwingChatStandInOptions
{
    /// <summary>The bearer token callers must present.</summary>
    [Required]
    public string Token { get; set; } = string.Empty;
}

/// <summary>Configuration section <c>Midas</c> of the stand-in.</summary>
public sealed class MidasStandInOptions
{
    /// <summary>The bearer token callers must present; none required when empty.</summary>
    public string? Token { get; set; }

    [Range(1, 100_000)]
    public int MaxRecipientsPerJob { get; set; } = 1_000;

    /// <summary>How long a job stays ACCEPTED before it starts SENDING.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AcceptedFor { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long SENDING takes before the job is DONE.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SendingFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Share of recipients (0..1) whose message fails, chosen by their customer id so the same job
    /// always reports the same numbers. Recipients with a phone that is not digits always fail.
    /// </summary>
    [Range(0.0, 1.0)]
    public double RecipientFailureRate { get; set; }
}
