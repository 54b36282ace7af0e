using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NocodeAI.Access.Auth;

/// <summary>Section "SignInThrottle": how many failed sign-ins an account and a client address get per window.</summary>
public sealed class SignInThrottleOptions
{
    [Range(1, 10_000)]
    public int MaxFailuresPerAccount { get; set; } = 10;

    /// <summary>Higher than per account, so one office behind one address is not locked out by one person.</summary>
    [Range(1, 1_000_000)]
    public int MaxFailuresPerAddress { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts failed sign-ins in Redis, so every replica of the access service agrees: per account (the
/// normalized username, whether it exists or not, so the throttle tells nobody which names are real) and
/// per client address. Once either count reaches its limit within the window (which starts at the
/// first failure), further attempts answer RATE_LIMITED with <c>retryAfter</c> in seconds, even with the
/// right password, until the window passes. A successful sign-in clears its account's count. While Redis
/// is unreachable the throttle lets attempts through (logged): sign-in stays available.
/// </summary>
public sealed class SignInThrottle(IConnectionMultiplexer redis, IOptions<SignInThrottleOptions> options, ILogger<SignInThrottle> logger)
{
    private const string Prefix = "nocode:signin:failures:";

    /// <summary>Throws RATE_LIMITED when the account or the address is over its limit.</summary>
    public async Task EnsureAllowedAsync(string account, string? address)
    {
        var settings = options.Value;
        var keys = Keys(account, address);
        try
        {
            var db = redis.GetDatabase();
            var counts = await db.StringGetAsync(keys.Select(k => (RedisKey)k.Key).ToArray());
            for (var i = 0; i < keys.Count; i++)
            {
                if (counts[i].TryParse(out long failures) && failures >= keys[i].Limit)
                {
                    var ttl = await db.KeyTimeToLiveAsync(keys[i].Key) ?? settings.Window;
                    throw RateLimited(Math.Max(1, (int)Math.Ceiling(ttl.TotalSeconds)));
                }
            }
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Sign-in throttle unavailable, attempt let through: {Error}", ex.Message);
        }
    }

    public async Task RecordFailureAsync(string account, string? address)
    {
        try
        {
            var db = redis.GetDatabase();
            var batch = db.CreateBatch();
            var writes = Keys(account, address).SelectMany(k => new Task[]
            {
                batch.StringIncrementAsync(k.Key),
                batch.KeyExpireAsync(k.Key, options.Value.Window, ExpireWhen.HasNoExpiry),
            }).ToList();
            batch.Execute();
            await Task.WhenAll(writes);
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Sign-in throttle could not count a failure: {Error}", ex.Message);
        }
    }

    public async Task RecordSuccessAsync(string account)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(AccountKey(account));
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Sign-in throttle could not clear an account: {Error}", ex.Message);
        }
    }

    public static NocodeException RateLimited(int retryAfterSeconds) =>
        new(ErrorCodes.RateLimited,
            $"Too many failed sign-ins; try again in {retryAfterSeconds} s.",
            new Dictionary<string, object?> { ["retryAfter"] = retryAfterSeconds });

    private List<(string Key, int Limit)> Keys(string account, string? address)
    {
        var keys = new List<(string, int)> { (AccountKey(account), options.Value.MaxFailuresPerAccount) };
        if (!string.IsNullOrEmpty(address))
        {
            keys.Add(($"{Prefix}address:{address}", options.Value.MaxFailuresPerAddress));
        }

        return keys;
    }

    private static string AccountKey(string account) => $"{Prefix}account:{account}";
}
