using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NocodeAI.ServiceDefaults.Identity;

/// <summary>Why a token that was sent could not be used.</summary>
public enum TokenFailure
{
    /// <summary>Malformed, forged, signed with another key or algorithm (alg "none" included), or for another issuer or audience.</summary>
    Invalid,

    /// <summary>Well-formed and signed by us, but past its expiry: sign in again.</summary>
    Expired,

    /// <summary>Ours and unexpired, but signed out, or issued before its user's rights changed: sign in again.</summary>
    Revoked,
}

/// <summary>A token that was valid when issued but has been signed out, or whose user's rights changed since.</summary>
public sealed class SecurityTokenRevokedException(string message) : SecurityTokenValidationException(message);

/// <summary>
/// Tells a caller who sent no token (anonymous, which some fields allow) from one who sent a token that
/// failed validation: the second must be refused with UNAUTHENTICATED and the reason, never treated as
/// anonymous, or a client with a broken or stale token cannot tell why it sees nothing.
/// </summary>
public static class PresentedToken
{
    /// <summary>Null when no Authorization header was sent or the token was accepted; otherwise why it was refused.</summary>
    public static async ValueTask<TokenFailure?> ProblemAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true || string.IsNullOrWhiteSpace(http.Request.Headers.Authorization))
        {
            return null;
        }

        // The middleware keeps only a successful result; the handler caches its result for the request,
        // so asking again costs no second validation and tells an expired token from a bad one.
        var result = await http.AuthenticateAsync();
        if (result.Failure is SecurityTokenRevokedException)
        {
            return TokenFailure.Revoked;
        }

        if (result.Failure is not SecurityTokenExpiredException)
        {
            return TokenFailure.Invalid;
        }

        // The handler checks the lifetime before the signature, so a forged token with a past expiry also
        // fails as "expired": it is only expired if everything else about it holds.
        return await IsOursApartFromLifetimeAsync(http) ? TokenFailure.Expired : TokenFailure.Invalid;
    }

    private static async Task<bool> IsOursApartFromLifetimeAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var jwt = http.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = jwt.TokenValidationParameters.Clone();
        parameters.ValidateLifetime = false;
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(header[bearer.Length..].Trim(), parameters);
        return validation.IsValid;
    }
}
