using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using NocodeAI.ServiceDefaults.Options;

namespace NocodeAI.ServiceDefaults.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Validates RS256 bearer tokens issued by the access service. Only RS256 is accepted, so a token
    /// signed with "none" or with HS256 using the public key as a secret is refused.
    /// </summary>
    public static WebApplicationBuilder AddNocodeIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<IdentityOptions>()
            .Validate(o => o.ReadPublicKeyPem() is not null, "Identity:PublicKeyPath or Identity:PublicKeyPem must name an RSA public key.");

        var options = builder.Configuration.GetOptions<IdentityOptions>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    IssuerSigningKey = LoadPublicKey(options),
                    NameClaimType = Caller.UserNameClaim,
                    RoleClaimType = Caller.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    private static RsaSecurityKey? LoadPublicKey(IdentityOptions options)
    {
        var pem = options.ReadPublicKeyPem();
        if (pem is null)
        {
            return null;
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }
}
