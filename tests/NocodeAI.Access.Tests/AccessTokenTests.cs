using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NocodeAI.Access.Auth;
using NocodeAI.Access.Users;

namespace NocodeAI.Access.Tests;

/// <summary>Tokens the access service signs, checked with the very validation parameters every subgraph uses (ServiceDefaults).</summary>
public sealed class AccessTokenTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);
    private readonly TestKeys _keys = new();
    private readonly User _user = User.Create(Guid.NewGuid(), "kim", "Kim", "unused", [Role.APPROVER, Role.USER], null, Now.UtcDateTime);

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task Issued_token_is_accepted_and_carries_the_users_identity()
    {
        var issued = Issuer(_keys.Options(lifetimeSeconds: 3600), DateTimeOffset.UtcNow).Issue(_user);

        var result = await ValidateAsync(issued.Token);

        Assert.True(result.IsValid, result.Exception?.Message);
        var caller = Caller.From(new ClaimsPrincipal(result.ClaimsIdentity));
        Assert.Equal(_user.Id.ToString(), caller.UserId);
        Assert.Equal("kim", caller.UserName);
        Assert.Equal(new HashSet<Role> { Role.USER, Role.APPROVER }, caller.Roles);
    }

    [Fact]
    public void Token_has_the_registered_claims_and_expiresAt_matches_exp()
    {
        var issued = Issuer(_keys.Options(lifetimeSeconds: 7200), Now).Issue(_user);
        var token = new JsonWebToken(issued.Token);

        Assert.Equal("RS256", token.Alg);
        Assert.Equal("nocode-access", token.Issuer);
        Assert.Equal(["nocode"], token.Audiences);
        Assert.Equal(_user.Id.ToString(), token.Subject);
        Assert.Equal("kim", token.GetClaim("name").Value);
        Assert.Equal(["USER", "APPROVER"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(Now.UtcDateTime.AddTicks(-(Now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), token.IssuedAt);
        Assert.Equal(token.IssuedAt.AddSeconds(7200), token.ValidTo);
        Assert.Equal(token.ValidTo, issued.ExpiresAt);
        Assert.Equal(DateTimeKind.Utc, issued.ExpiresAt.Kind);
    }

    [Fact]
    public void Every_token_has_its_own_jti()
    {
        var issuer = Issuer(_keys.Options(), Now);

        Assert.NotEqual(new JsonWebToken(issuer.Issue(_user).Token).Id, new JsonWebToken(issuer.Issue(_user).Token).Id);
    }

    [Fact]
    public async Task Token_resigned_with_HS256_using_the_public_key_as_secret_is_rejected()
    {
        var genuine = new JsonWebToken(Issuer(_keys.Options(), DateTimeOffset.UtcNow).Issue(_user).Token);
        var header = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""");
        var unsigned = header + "." + genuine.EncodedPayload;
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_keys.PublicKeyPem), Encoding.ASCII.GetBytes(unsigned));

        var result = await ValidateAsync(unsigned + "." + Base64UrlEncoder.Encode(signature));

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Unsigned_token_is_rejected()
    {
        var genuine = new JsonWebToken(Issuer(_keys.Options(), DateTimeOffset.UtcNow).Issue(_user).Token);
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");

        var result = await ValidateAsync(header + "." + genuine.EncodedPayload + ".");

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Expired_token_is_rejected()
    {
        var issued = Issuer(_keys.Options(lifetimeSeconds: 3600), DateTimeOffset.UtcNow.AddHours(-2)).Issue(_user);

        var result = await ValidateAsync(issued.Token);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public async Task Token_from_another_issuer_is_rejected()
    {
        var issued = Issuer(_keys.Options(issuer: "someone-else"), DateTimeOffset.UtcNow).Issue(_user);

        var result = await ValidateAsync(issued.Token);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenInvalidIssuerException>(result.Exception);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_rejected()
    {
        using var otherKeys = new TestKeys();
        var issued = Issuer(otherKeys.Options(), DateTimeOffset.UtcNow).Issue(_user);

        var result = await ValidateAsync(issued.Token);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Signing_key_validation_needs_a_private_key_matching_the_public_one()
    {
        using var otherKeys = new TestKeys();
        var validation = new SigningKeyValidation();

        Assert.True(validation.Validate(null, _keys.Options()).Succeeded);

        var noPrivateKey = _keys.Options();
        noPrivateKey.PrivateKeyPem = null;
        Assert.True(validation.Validate(null, noPrivateKey).Failed);

        var mismatched = _keys.Options();
        mismatched.PrivateKeyPem = otherKeys.PrivateKeyPem;
        Assert.True(validation.Validate(null, mismatched).Failed);

        var garbage = _keys.Options();
        garbage.PrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
        Assert.True(validation.Validate(null, garbage).Failed);
    }

    private static AccessTokenIssuer Issuer(IdentityOptions options, DateTimeOffset now) =>
        new(Options.Create(options), new FixedTimeProvider(now));

    private async Task<TokenValidationResult> ValidateAsync(string token) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, SubgraphValidationParameters());

    /// <summary>What <c>AddNocodeIdentity</c> configures in every subgraph, read back from its container.</summary>
    private TokenValidationParameters SubgraphValidationParameters()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:PublicKeyPem"] = _keys.PublicKeyPem });
        builder.AddNocodeIdentity();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
