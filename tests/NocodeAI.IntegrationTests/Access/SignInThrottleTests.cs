using System.Net.Http.Json;

namespace NocodeAI.IntegrationTests.Access;

/// <summary>
/// Failed sign-ins are throttled in Redis (issue 16.2): per account after 10 failures, even with the right
/// password afterwards, and per client address at a higher limit; other accounts and addresses are not affected.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class SignInThrottleTests(NocodeSystem system, ITestOutputHelper output)
{
    private const string LoginMutation = "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token } }";

    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_even_for_the_right_one_and_leave_other_accounts_alone()
    {
        const string password = "throttle-pass-1";
        var username = (await _system.CreateUserAsync("throttle", password)).User.UserName;

        for (var i = 0; i < 10; i++)
        {
            GraphQLAssert.Error(await LoginAsync(username, "wrong-password"), "UNAUTHENTICATED");
        }

        var locked = await LoginAsync(username, password);
        GraphQLAssert.Error(locked, "RATE_LIMITED");
        var retryAfter = int.Parse(locked.ErrorExtension("retryAfter")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 15 * 60);
        Assert.Null(locked.FieldOrNull("login"));

        // Another account, from the same address, signs in as usual.
        (await LoginAsync("analyst", "nocode-analyst")).EnsureSuccess();
    }

    [Fact]
    public async Task A_hundred_failures_from_one_address_throttle_that_address_only()
    {
        var address = $"198.51.100.{Random.Shared.Next(1, 250)}";
        var runId = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 100; i++)
        {
            // A different (unknown) account each time: only the address limit can trip.
            GraphQLAssert.Error(await LoginAsync($"nobody-{runId}-{i}", "wrong-password", address), "UNAUTHENTICATED");
        }

        var throttled = await LoginAsync("analyst", "nocode-analyst", address);
        GraphQLAssert.Error(throttled, "RATE_LIMITED");
        Assert.NotNull(throttled.ErrorExtension("retryAfter"));

        (await LoginAsync("analyst", "nocode-analyst", "198.51.100.254")).EnsureSuccess();
        (await LoginAsync("analyst", "nocode-analyst")).EnsureSuccess();
    }

    private async Task<GraphQLResult> LoginAsync(string username, string password, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _system.GatewayUrl)
        {
            Content = JsonContent.Create(new { query = LoginMutation, variables = new { username, password } }),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json, application/json");
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        using var response = await _system.Http.SendAsync(request);
        return GraphQLResult.Parse(response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
