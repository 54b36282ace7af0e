using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Notices.Notices;

/// <summary>Configuration section <c>Notices</c>.</summary>
public sealed class NoticesOptions
{
    public const string Korean = "ko";
    public const string English = "en";

    /// <summary>Language of notice texts: <c>ko</c> (the users', the default) or <c>en</c>.</summary>
    [RegularExpression("^(ko|en)$", ErrorMessage = "Notices:Language must be 'ko' or 'en'.")]
    public string Language { get; set; } = Korean;

    /// <summary>
    /// Events older than this update myRequests but write no notice. On a first start the consumer reads
    /// the whole stream; this keeps it from messaging everyone about last month. It also bounds how long
    /// this service may be down without its users missing a notice, so keep it generous.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(3);
}
