namespace NocodeAI.ServiceDefaults.Errors;

/// <summary>
/// A failure the caller can act on: it carries one of <see cref="ErrorCodes"/> and the details a
/// client needs (the offending field, the current state). Domain code throws it without knowing
/// about GraphQL; the GraphQL host turns it into an error with <c>extensions.code</c>.
/// </summary>
public class NocodeException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    public static NocodeException Unauthenticated() =>
        new(ErrorCodes.Unauthenticated, "Sign in first: send 'Authorization: Bearer <token>' from the login mutation.");

    /// <summary>A token was sent but cannot be used; <c>extensions.reason</c> is <c>expired</c>, <c>revoked</c> or <c>invalid</c>.</summary>
    public static NocodeException InvalidToken(Identity.TokenFailure failure) =>
        new(ErrorCodes.Unauthenticated,
            failure switch
            {
                Identity.TokenFailure.Expired => "Your sign-in has expired; sign in again.",
                Identity.TokenFailure.Revoked => "This sign-in has ended (signed out, your roles or password changed, or the account was disabled); sign in again.",
                _ => "The token sent is not valid (malformed, forged, or not signed by NocodeAI); sign in again.",
            },
            new Dictionary<string, object?> { ["reason"] = failure.ToString().ToLowerInvariant() });

    public static NocodeException Forbidden(string action, string requiredRole) =>
        new(ErrorCodes.Forbidden, $"You may not {action}; it needs the {requiredRole} role.",
            new Dictionary<string, object?> { ["requiredRole"] = requiredRole });

    public static NocodeException ForbiddenBecause(string message) => new(ErrorCodes.Forbidden, message);

    public static NocodeException NotFound(string type, string id) =>
        new(ErrorCodes.NotFound, $"{type} '{id}' does not exist or is not visible to you.",
            new Dictionary<string, object?> { ["type"] = type, ["id"] = id });

    public static NocodeException Validation(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });

    public static NocodeException InvalidTransition(string type, string action, string currentState) =>
        new(ErrorCodes.InvalidStateTransition, $"Cannot {action} a {type} that is {currentState}.",
            new Dictionary<string, object?> { ["currentState"] = currentState, ["action"] = action });

    public static NocodeException Conflict(string type, string id) =>
        new(ErrorCodes.Conflict, $"{type} '{id}' was changed by someone else at the same time; read it again and retry.",
            new Dictionary<string, object?> { ["type"] = type, ["id"] = id });
}
