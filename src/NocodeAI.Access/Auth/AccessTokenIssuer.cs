using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NocodeAI.Access.Users;

namespace NocodeAI.Access.Auth;

public sealed record IssuedToken(string Token, DateTime ExpiresAt);

/// <summary>
/// Signs the RS256 tokens every subgraph validates with <c>AddNocodeIdentity</c>: sub (user id),
/// name (username), one role claim per role, iss, aud, iat, nbf, exp and a unique jti. The private
/// key is read on first use, not when the service is built, so exporting the schema needs no key;
/// <see cref="SigningKeyValidation"/> still refuses to start the service without a usable one.
/// </summary>
public sealed class AccessTokenIssuer
{
    private readonly IdentityOptions _options;
    private readonly TimeProvider _clock;
    private readonly Lazy<SigningCredentials> _credentials;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessTokenIssuer(IOptions<IdentityOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _credentials = new Lazy<SigningCredentials>(() => CreateCredentials(_options));
    }

    public IssuedToken Issue(User user)
    {
        // Whole seconds: JWT times are seconds, and expiresAt must equal the token's exp.
        var now = DateTimeOffset.FromUnixTimeSeconds(_clock.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime;
        var expires = now.AddSeconds(_options.TokenLifetimeSeconds);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = _credentials.Value,
            Claims = new Dictionary<string, object>
            {
                [Caller.SubjectClaim] = user.Id.ToString(),
                [Caller.UserNameClaim] = user.Username,
                [Caller.RoleClaim] = user.Roles.Select(r => r.ToString()).ToArray(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return new IssuedToken(_handler.CreateToken(descriptor), expires);
    }

    internal static SigningCredentials CreateCredentials(IdentityOptions options)
    {
        var pem = options.ReadPrivateKeyPem()
            ?? throw new InvalidOperationException("Identity:PrivateKeyPath or Identity:PrivateKeyPem must name the RSA private key that signs tokens.");
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var key = new RsaSecurityKey(rsa);
        // The RFC 7638 thumbprint as kid lets validators pick the right key once keys are rotated.
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }
}
