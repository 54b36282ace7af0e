namespace NocodeAI.Access.Tests.Service;

/// <summary>The access service with a limit of five mutations a minute per user.</summary>
public sealed class RateLimitedAccessServiceFixture : IAsyncLifetime
{
    public const int PerMinute = 5;

    public AccessServiceFixture Service { get; } = new([$"--MutationRateLimit:PerMinute={PerMinute}"]);

    public Task InitializeAsync() => Service.InitializeAsync();

    public Task DisposeAsync() => Service.DisposeAsync();
}

/// <summary>The per-user mutation rate limit every subgraph has, seen through the access service over HTTP.</summary>
public sealed class MutationRateLimitTests(RateLimitedAccessServiceFixture fixture) : IClassFixture<RateLimitedAccessServiceFixture>
{
    /// <summary>Gives the analyst the roles they have: a change that changes nothing, but a mutation all the same.</summary>
    private const string Unchanged = "assignRoles(userId: $id, roles: [USER]) { id }";

    private readonly AccessServiceFixture _service = fixture.Service;

    [Fact]
    public async Task Mutations_over_the_limit_answer_RATE_LIMITED_while_queries_sign_in_and_other_users_go_on()
    {
        await WaitForRoomInThisMinuteAsync();
        // Signing in is anonymous: never counted.
        for (var i = 0; i < RateLimitedAccessServiceFixture.PerMinute + 1; i++)
        {
            await _service.LoginAsync("analyst", "nocode-analyst");
        }

        var admin = await _service.LoginAsync("admin", "nocode-admin");
        var users = await _service.PostAsync("{ users { id username } }", token: admin);
        var id = users.Data("users").AsArray().Single(u => u!["username"]!.GetValue<string>() == "analyst")!["id"]!.GetValue<string>();

        // One operation counts once, whatever its number of root fields.
        var three = await _service.PostAsync($"mutation($id: ID!) {{ a: {Unchanged} b: {Unchanged} c: {Unchanged} }}", new { id }, admin);
        Assert.False(three.HasErrors, three.ToString());
        for (var i = 1; i < RateLimitedAccessServiceFixture.PerMinute; i++)
        {
            var allowed = await _service.PostAsync($"mutation($id: ID!) {{ {Unchanged} }}", new { id }, admin);
            Assert.False(allowed.HasErrors, allowed.ToString());
        }

        var limited = await _service.PostAsync($"mutation($id: ID!) {{ a: {Unchanged} b: {Unchanged} }}", new { id }, admin);

        Assert.Equal(200, limited.Status);
        var errors = limited.Body["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, error =>
        {
            Assert.Equal("RATE_LIMITED", error!["extensions"]!["code"]!.GetValue<string>());
            Assert.InRange(error["extensions"]!["retryAfter"]!.GetValue<int>(), 1, 60);
        });
        Assert.Null(limited.Body["data"]);

        Assert.False((await _service.PostAsync("{ users { id } }", token: admin)).HasErrors);
        var analyst = await _service.LoginAsync("analyst", "nocode-analyst");
        var logout = await _service.PostAsync("mutation { logout }", token: analyst);
        Assert.False(logout.HasErrors, logout.ToString());
    }

    /// <summary>Counts are per minute of the clock: start where the whole test fits in one.</summary>
    private static async Task WaitForRoomInThisMinuteAsync()
    {
        var second = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000 / 1000.0;
        if (second > 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(60.5 - second));
        }
    }
}
