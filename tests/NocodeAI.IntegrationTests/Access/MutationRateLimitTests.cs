using NocodeAI.Tests.Shared;
using StackExchange.Redis;

namespace NocodeAI.IntegrationTests.Access;

/// <summary>
/// The per-user mutation rate limit (issue 16.3) in the running system: one count per mutation operation of a
/// signed-in user, in one Redis key shared by every subgraph, and RATE_LIMITED with retryAfter through the
/// gateway once over the limit. ./nocode allows 100,000 a minute (the benchmarks send thousands), far too many
/// to send here, so the over-the-limit test fills the user's counter in Redis instead of sending them.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class MutationRateLimitTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefix = "nocode:ratelimit:mutations:";

    /// <summary>The largest limit the options accept, so this count is over any configured one.</summary>
    private const long OverAnyLimit = 10_000_000;

    private readonly NocodeSystem _system = system.Attach(output);
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(LocalRedis.Configuration);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Every_subgraph_counts_a_users_mutation_operations_in_one_key_and_nothing_else()
    {
        var (client, userId, username, password) = await NewUserAsync();
        var before = await CountAsync(userId);

        (await client.SendAsync("mutation { markNoticesRead }")).EnsureSuccess();
        // Refused by the models service, but sent: it counts.
        GraphQLAssert.Error(await client.SendAsync("mutation Cancel($id: ID!) { cancelModel(id: $id) { id } }", new { id = Guid.NewGuid().ToString() }), "NOT_FOUND");
        (await client.SendAsync("{ modelRequests(first: 1) { totalCount } notices(first: 1) { totalCount } }")).EnsureSuccess();
        await _system.LoginAsync(username, password);

        Assert.Equal(before + 2, await CountAsync(userId));
    }

    [Fact]
    public async Task Over_the_limit_a_mutation_answers_RATE_LIMITED_with_retryAfter_and_queries_and_sign_in_go_on()
    {
        var (client, userId, username, password) = await NewUserAsync();
        var db = _redis.GetDatabase();
        var window = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        // This minute and the next, in case the request crosses into it.
        RedisKey[] keys = [Key(userId, window), Key(userId, window + 1)];
        foreach (var key in keys)
        {
            await db.StringSetAsync(key, OverAnyLimit, TimeSpan.FromMinutes(3));
        }

        try
        {
            var limited = await client.SendAsync("mutation { markNoticesRead }");

            var error = GraphQLAssert.Error(limited, "RATE_LIMITED");
            Assert.InRange(int.Parse(limited.ErrorExtension("retryAfter")!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            Assert.Contains("mutations a minute", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Null(limited.FieldOrNull("markNoticesRead"));
            (await client.SendAsync("{ unreadNoticeCount modelRequests(first: 1) { totalCount } }")).EnsureSuccess();
            await _system.LoginAsync(username, password);
            (await (await _system.ClientAsync(DevUser.Analyst2)).SendAsync("mutation { markNoticesRead }")).EnsureSuccess();
        }
        finally
        {
            await db.KeyDeleteAsync(keys);
        }
    }

    private async Task<(GraphQLClient Client, string UserId, string Username, string Password)> NewUserAsync()
    {
        const string password = "ratelimit-pass-1";
        var (user, id) = await _system.CreateUserAsync("ratelimit", password);
        return (_system.Gateway.WithToken(await _system.LoginAsync(user.UserName, password)), id, user.UserName, password);
    }

    /// <summary>The user's count over the minutes around now, so a minute ending mid-test loses nothing.</summary>
    private async Task<long> CountAsync(string userId)
    {
        var window = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        var values = await _redis.GetDatabase().StringGetAsync([Key(userId, window - 1), Key(userId, window), Key(userId, window + 1)]);
        return values.Sum(v => v.TryParse(out long count) ? count : 0);
    }

    private static RedisKey Key(string userId, long window) => $"{Prefix}{userId}:{window}";
}
