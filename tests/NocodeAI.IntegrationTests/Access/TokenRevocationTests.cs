namespace NocodeAI.IntegrationTests.Access;

/// <summary>
/// Sign-out and revocation (issue 16.3): `logout` ends the token it is called with, and a role change
/// ends the user's older tokens, in every subgraph within five seconds; a new sign-in works at once.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class TokenRevocationTests(NocodeSystem system, ITestOutputHelper output)
{
    private const string MeQuery = "{ me { id username roles } }";

    /// <summary>A models field, so the refusal is seen in another subgraph than the one that revoked.</summary>
    private const string ModelsQuery = "{ modelRequests(first: 1) { totalCount } }";

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task Logout_ends_the_token_it_is_called_with_everywhere_and_no_other()
    {
        var token = await _system.LoginAsync("analyst", "nocode-analyst");
        var other = await _system.LoginAsync("analyst", "nocode-analyst");
        var client = _system.Gateway.WithToken(token);
        (await client.SendAsync(ModelsQuery)).EnsureSuccess();

        var logout = (await client.SendAsync("mutation { logout }")).EnsureSuccess();
        Assert.True(logout.Field("logout").GetBoolean());

        await AssertRevokedWithinAsync(client, MeQuery, "me");
        await AssertRevokedWithinAsync(client, ModelsQuery, "modelRequests");
        await AssertSocketRefusedWithinAsync(token, "revoked");
        (await _system.Gateway.WithToken(other).SendAsync(MeQuery)).EnsureSuccess();
        await using var stillSignedIn = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, other);
    }

    [Fact]
    public async Task A_live_subscription_ends_once_its_token_is_signed_out_and_delivers_nothing_more()
    {
        var token = await _system.LoginAsync("analyst", "nocode-analyst");
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "revoked subscriber");
        await using var feed = await _system.Models.WatchOverWebSocketAsync(token, request.Id);
        var client = _system.Gateway.WithToken(token);
        (await client.SendAsync("mutation { logout }")).EnsureSuccess();
        await AssertRevokedWithinAsync(client, ModelsQuery, "modelRequests");

        // A change the signed-out subscriber must not see: its stream ends with the reason instead.
        (await _system.Models.CancelAsync(DevUser.Analyst, request.Id)).EnsureSuccess();
        var ended = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => feed.WaitForAsync(e => e.State == "CANCELED", TimeSpan.FromSeconds(30), "CANCELED"));

        Assert.Contains("UNAUTHENTICATED", ended.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(feed.Events, e => e.State == "CANCELED");
    }

    [Fact]
    public async Task Logout_without_a_token_is_UNAUTHENTICATED()
    {
        GraphQLAssert.Error(await _system.Gateway.SendAsync("mutation { logout }"), "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_role_change_ends_the_users_older_tokens_and_a_new_sign_in_has_the_new_roles()
    {
        const string password = "revoke-pass-1";
        var admin = await _system.ClientAsync(DevUser.Admin);
        var (user, id) = await _system.CreateUserAsync("revoke", password, "USER", "APPROVER");
        var username = user.UserName;
        var old = _system.Gateway.WithToken(await _system.LoginAsync(username, password));
        (await old.SendAsync(ModelsQuery)).EnsureSuccess();
        // Sign-in times are whole seconds: the change must come in a later second than the token.
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        (await admin.SendAsync("mutation Assign($id: ID!) { assignRoles(userId: $id, roles: [USER]) { id } }", new { id })).EnsureSuccess();

        await AssertRevokedWithinAsync(old, ModelsQuery, "modelRequests");
        var fresh = (await _system.Gateway.WithToken(await _system.LoginAsync(username, password)).SendAsync(MeQuery)).EnsureSuccess();
        Assert.Equal(["USER"], fresh.Field("me").Strings("roles"));
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_older_tokens()
    {
        const string password = "first-pass-1";
        const string next = "second-pass-2";
        var username = (await _system.CreateUserAsync("passwd", password)).User.UserName;
        var client = _system.Gateway.WithToken(await _system.LoginAsync(username, password));
        const string change = "mutation Change($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }";

        var wrong = await client.SendAsync(change, new { current = "not-my-password", next });
        GraphQLAssert.Error(wrong, "VALIDATION_FAILED");
        Assert.Equal("currentPassword", wrong.ErrorExtension("field"));

        // Sign-in times are whole seconds: the change must come in a later second than the token.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.True((await client.SendAsync(change, new { current = password, next })).EnsureSuccess().Field("changePassword").GetBoolean());

        await AssertRevokedWithinAsync(client, MeQuery, "me");
        var gateway = _system.Gateway;
        GraphQLAssert.Error(await gateway.SendAsync(
            "mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token } }", new { u = username, p = password }), "UNAUTHENTICATED");
        (await gateway.WithToken(await _system.LoginAsync(username, next)).SendAsync(MeQuery)).EnsureSuccess();
    }

    /// <summary>A WebSocket presenting the token is refused at <c>connection_init</c> (4403 with the reason) within <see cref="Within"/>.</summary>
    private async Task AssertSocketRefusedWithinAsync(string token, string reason)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            try
            {
                await using var accepted = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, token);
            }
            catch (GraphQLStreamException refused) when (refused.Message.Contains($"4403 Forbidden: token {reason}", StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"A WebSocket presenting the {reason} token was still acknowledged after {Within.TotalSeconds:0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    internal static async Task AssertRevokedWithinAsync(GraphQLClient client, string query, string field)
    {
        var deadline = DateTime.UtcNow + Within;
        GraphQLResult result;
        do
        {
            result = await client.SendAsync(query);
            if (result.ErrorExtension("reason") == "revoked")
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        GraphQLAssert.Error(result, "UNAUTHENTICATED");
        Assert.Equal("revoked", result.ErrorExtension("reason"));
        Assert.Null(result.FieldOrNull(field));
    }
}
