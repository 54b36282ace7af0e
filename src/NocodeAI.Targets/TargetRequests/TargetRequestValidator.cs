using System.Text;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// Checks a target request before anything is stored; a refusal names the offending field (VALIDATION_FAILED).
/// The message limit is counted the way MIDAS counts it: in EUC-KR bytes, as Korean carriers bill LMS
/// (a Hangul syllable is 2 bytes, ASCII 1). Text EUC-KR cannot encode is refused, since MIDAS could not send it.
/// </summary>
public static class TargetRequestValidator
{
    public const int MaxNameLength = TargetRequest.MaxNameLength;
    public const int MaxTopN = 1_000_000;
    public const int MaxMessageBytes = 2_000;

    private static readonly Lazy<Encoding> EucKrEncoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(51949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    public static Encoding EucKr => EucKrEncoding.Value;

    public static (string Name, Guid ModelRequestId, TargetCriteria Criteria, string Message) Validate(RequestTargetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw NocodeException.Validation("name", $"The name must be 1–{MaxNameLength} characters.");
        }

        if (!Guid.TryParse(input.ModelRequestId, out var modelRequestId))
        {
            throw NocodeException.Validation("modelRequestId", "modelRequestId is not a model request id.");
        }

        if (input.TopN is null && input.MinScore is null)
        {
            throw NocodeException.Validation("topN", "Give topN, minScore, or both (the top N among those scoring at least minScore).");
        }

        if (input.TopN is { } topN && topN is < 1 or > MaxTopN)
        {
            throw NocodeException.Validation("topN", $"topN must be between 1 and {MaxTopN:N0}.");
        }

        if (input.MinScore is { } minScore && (double.IsNaN(minScore) || minScore < 0 || minScore > 1))
        {
            throw NocodeException.Validation("minScore", "minScore must be between 0 and 1.");
        }

        var message = input.Message ?? string.Empty;
        if (string.IsNullOrWhiteSpace(message))
        {
            throw NocodeException.Validation("message", "The message must not be empty.");
        }

        var bytes = MessageBytes(message)
            ?? throw NocodeException.Validation("message", "The message holds characters MIDAS cannot send (EUC-KR has no code for them).");
        if (bytes > MaxMessageBytes)
        {
            throw NocodeException.Validation("message", $"The message is {bytes:N0} bytes in EUC-KR; MIDAS takes at most {MaxMessageBytes:N0}.");
        }

        return (name, modelRequestId, new TargetCriteria(input.TopN, input.MinScore), message);
    }

    /// <summary>The message's length in EUC-KR bytes, or null when it holds a character EUC-KR cannot encode.</summary>
    public static int? MessageBytes(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return EucKr.GetByteCount(message);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }
}
