using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;

namespace NocodeAI.GraphQL.Identity;

/// <summary>
/// Revoked tokens, shared by every subgraph through Redis: one token by its <c>jti</c> (sign-out), or
/// every token of a user issued before a moment (a role change, a disabled user): <c>iat</c> earlier than
/// the user's not-before is refused. Each process keeps what it read for <see cref="CacheFor"/>, so a revocation
/// is seen everywhere within about two seconds while a request costs no Redis round trip most of the
/// time. Redis unreachable: tokens are accepted (logged), as sign-in stays available.
/// </summary>
public sealed class TokenRevocations(IConnectionMultiplexer redis, TimeProvider clock, ILogger<TokenRevocations> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    /// <summary>How long a user's not-before is kept: longer than any token lives.</summary>
    private static readonly TimeSpan UserNotBeforeRetention = TimeSpan.FromDays(2);

    private const string TokenPrefix = "nocode:tokens:revoked:";
    private const string UserPrefix = "nocode:tokens:not-before:";

    private readonly ConcurrentDictionary<string, (bool Revoked, DateTimeOffset Until)> _cache = new();

    public async Task<bool> IsRevokedAsync(ClaimsPrincipal principal)
    {
        var jti = principal.FindFirst(JwtRegisteredClaimNames.Jti)?.Value;
        var subject = principal.FindFirst("sub")?.Value;
        var issuedAt = long.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Iat)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var iat) ? iat : 0;
        if (jti is null || subject is null)
        {
            return false;
        }

        var key = $"{jti}/{subject}/{issuedAt}";
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Revoked;
        }

        bool revoked;
        try
        {
            var values = await redis.GetDatabase().StringGetAsync([TokenPrefix + jti, UserPrefix + subject]);
            revoked = values[0].HasValue
                || (values[1].TryParse(out long notBefore) && issuedAt < notBefore);
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Token revocations unavailable, token accepted: {Error}", ex.Message);
            return false;
        }

        if (_cache.Count > 100_000)
        {
            _cache.Clear();
        }

        _cache[key] = (revoked, now + CacheFor);
        return revoked;
    }

    /// <summary>Signs out one token (its <c>jti</c>) until it would have expired anyway.</summary>
    public async Task RevokeTokenAsync(string jti, DateTimeOffset expiresAt)
    {
        var ttl = expiresAt - clock.GetUtcNow();
        if (ttl > TimeSpan.Zero)
        {
            await redis.GetDatabase().StringSetAsync(TokenPrefix + jti, "1", ttl);
        }
    }

    /// <summary>Every token of <paramref name="userId"/> issued before now loses its rights (a role change).</summary>
    public Task RevokeUserTokensAsync(string userId) => RefuseUserTokensIssuedBeforeAsync(userId, clock.GetUtcNow());

    /// <summary>
    /// Every token of <paramref name="userId"/> issued before <paramref name="moment"/> (whole seconds, as
    /// <c>iat</c>) is refused. A moment after now also refuses tokens issued meanwhile: a disabled user's
    /// sign-in that checked the account just before it was disabled. Each call replaces the moment, an
    /// earlier one included, so enabling the user again lets them sign in at once.
    /// </summary>
    public async Task RefuseUserTokensIssuedBeforeAsync(string userId, DateTimeOffset moment) =>
        await redis.GetDatabase().StringSetAsync(
            UserPrefix + userId, moment.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), UserNotBeforeRetention);
}

public static class TokenRevocationExtensions
{
    /// <summary>Every subgraph refuses revoked tokens: a validated token is checked before the request runs.</summary>
    public static IServiceCollection AddTokenRevocation(this IServiceCollection services)
    {
        services.AddSingleton<TokenRevocations>();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Events ??= new JwtBearerEvents();
            var previous = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await previous(context);
                var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
                if (context.Principal is { } principal && await revocations.IsRevokedAsync(principal))
                {
                    context.Fail(new SecurityTokenRevokedException("The token was signed out or its user's rights changed."));
                }
            };
        });
        return services;
    }
}
