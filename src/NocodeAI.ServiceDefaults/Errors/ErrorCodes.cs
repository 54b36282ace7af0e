namespace NocodeAI.ServiceDefaults.Errors;

/// <summary>The error codes of SPEC §4, carried in a GraphQL error's <c>extensions.code</c>.</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string InvalidStateTransition = "INVALID_STATE_TRANSITION";
    public const string ModelNotReady = "MODEL_NOT_READY";
    public const string Conflict = "CONFLICT";

    /// <summary>Too many attempts; <c>extensions.retryAfter</c> says after how many seconds to try again.</summary>
    public const string RateLimited = "RATE_LIMITED";
    public const string Internal = "INTERNAL_SERVER_ERROR";

    /// <summary>A dependency (the database) is briefly unreachable; the same request may be retried.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
}
