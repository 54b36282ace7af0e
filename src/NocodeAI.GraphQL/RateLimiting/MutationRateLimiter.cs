using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NocodeAI.GraphQL.RateLimiting;

/// <summary>
/// Counts each user's mutations in Redis, so every subgraph and replica agree, in fixed one-minute windows:
/// one pipelined INCR and EXPIRE of <c>nocode:ratelimit:mutations:{userId}:{window}</c>, one round trip per
/// mutation. Over <see cref="MutationRateLimitOptions.PerMinute"/> a mutation answers RATE_LIMITED with
/// <c>retryAfter</c>, the seconds left in the window. A fixed window lets a burst reach twice the limit across
/// a window's end, which is fine for a flood guard and costs a single key. While Redis is unreachable
/// mutations are let through (logged), as sign-in and token revocation do.
/// </summary>
public sealed class MutationRateLimiter(
    IConnectionMultiplexer redis,
    IOptions<MutationRateLimitOptions> options,
    TimeProvider clock,
    ILogger<MutationRateLimiter> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const string Prefix = "nocode:ratelimit:mutations:";

    /// <summary>Counts one mutation of <paramref name="userId"/>; throws RATE_LIMITED when it is over the limit.</summary>
    public async Task CountAsync(string userId)
    {
        var limit = options.Value.PerMinute;
        if (limit == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var windowSeconds = (long)Window.TotalSeconds;
        var window = now.ToUnixTimeSeconds() / windowSeconds;
        var key = Prefix + userId + ":" + window.ToString(CultureInfo.InvariantCulture);
        long count;
        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var increment = batch.StringIncrementAsync(key);
            // Twice the window: a replica whose clock runs a little behind still counts into a live key.
            var expire = batch.KeyExpireAsync(key, Window * 2);
            batch.Execute();
            await Task.WhenAll(increment, expire);
            count = await increment;
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("Mutation rate limit unavailable, mutation let through: {Error}", ex.Message);
            return;
        }

        if (count > limit)
        {
            var windowEnds = DateTimeOffset.FromUnixTimeSeconds((window + 1) * windowSeconds);
            throw RateLimited(limit, Math.Max(1, (int)Math.Ceiling((windowEnds - now).TotalSeconds)));
        }
    }

    public static NocodeException RateLimited(int perMinute, int retryAfterSeconds) =>
        new(ErrorCodes.RateLimited,
            $"Too many changes: at most {perMinute} mutations a minute; try again in {retryAfterSeconds} s.",
            new Dictionary<string, object?> { ["retryAfter"] = retryAfterSeconds });
}
