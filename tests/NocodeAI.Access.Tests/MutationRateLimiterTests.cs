using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NocodeAI.GraphQL.RateLimiting;
using NocodeAI.Tests.Shared;
using StackExchange.Redis;

namespace NocodeAI.Access.Tests;

/// <summary>
/// The limiter against the local Redis that ./nocode runs (NOCODE_REDIS, else 127.0.0.1:16379), each test
/// with user ids of its own, and against a Redis nobody listens on.
/// </summary>
public sealed class MutationRateLimiterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FortyFiveSecondsIntoAMinute = new(2026, 3, 1, 9, 30, 45, TimeSpan.Zero);

    private readonly MutableClock _clock = new(FortyFiveSecondsIntoAMinute);
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(LocalRedis.Configuration);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Counts_each_users_mutations_per_minute_and_answers_the_seconds_left()
    {
        var limiter = Limiter(_redis, perMinute: 3);
        var user = Guid.NewGuid().ToString();

        for (var i = 0; i < 3; i++)
        {
            await limiter.CountAsync(user);
        }

        var refused = await Assert.ThrowsAsync<NocodeException>(() => limiter.CountAsync(user));
        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
        Assert.Equal(15, refused.Details["retryAfter"]);
        await limiter.CountAsync(Guid.NewGuid().ToString());

        _clock.Now += TimeSpan.FromSeconds(15);
        await limiter.CountAsync(user);
    }

    [Fact]
    public async Task Keeps_its_count_in_one_key_per_user_and_minute_that_expires()
    {
        var user = Guid.NewGuid().ToString();

        await Limiter(_redis, perMinute: 100).CountAsync(user);

        var key = $"nocode:ratelimit:mutations:{user}:{FortyFiveSecondsIntoAMinute.ToUnixTimeSeconds() / 60}";
        var db = _redis.GetDatabase();
        Assert.Equal(1, (long)await db.StringGetAsync(key));
        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Zero_turns_it_off()
    {
        var limiter = Limiter(_redis, perMinute: 0);
        var user = Guid.NewGuid().ToString();

        for (var i = 0; i < 20; i++)
        {
            await limiter.CountAsync(user);
        }

        Assert.False(await _redis.GetDatabase().KeyExistsAsync($"nocode:ratelimit:mutations:{user}:{FortyFiveSecondsIntoAMinute.ToUnixTimeSeconds() / 60}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Lets_mutations_through_while_Redis_is_unreachable(bool failFast)
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 200;
        options.AsyncTimeout = 500;
        options.SyncTimeout = 500;
        // Fail-fast: the connection error; the default backlog: a timeout while it waits for one.
        options.BacklogPolicy = failFast ? BacklogPolicy.FailFast : BacklogPolicy.Default;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var limiter = Limiter(unreachable, perMinute: 1);

        await limiter.CountAsync("someone");
        await limiter.CountAsync("someone");
    }

    private MutationRateLimiter Limiter(IConnectionMultiplexer redis, int perMinute) =>
        new(redis, Options.Create(new MutationRateLimitOptions { PerMinute = perMinute }), _clock, NullLogger<MutationRateLimiter>.Instance);

    private sealed class MutableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
