using static NocodeAI.IntegrationTests.Support.TestTokens;
using System.Text;
using System.Text.Json.Nodes;

namespace NocodeAI.IntegrationTests.Access;

/// <summary>Login, <c>me</c>, tokens and user administration through the gateway (SPEC §4, access).</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class AuthenticationTests(NocodeSystem system, ITestOutputHelper output)
{
    private const string LoginMutation =
        "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token expiresAt user { id username roles } } }";

    private const string MeQuery = "{ me { id username displayName roles menus { key title path } } }";
    private const string ProtectedQuery = "{ modelRequests(first: 1) { totalCount } }";

    private readonly NocodeSystem _system = system.Attach(output);

    [Theory]
    [InlineData("admin", "nocode-admin", "ADMIN APPROVER USER", "dashboard models targets notices approvals users")]
    [InlineData("approver", "nocode-approver", "APPROVER USER", "dashboard models targets notices approvals")]
    [InlineData("analyst", "nocode-analyst", "USER", "dashboard models targets notices")]
    [InlineData("analyst2", "nocode-analyst2", "USER", "dashboard models targets notices")]
    public async Task Login_returns_a_token_and_me_shows_the_users_roles_and_menus(string username, string password, string roles, string menus)
    {
        var login = (await _system.Gateway.SendAsync(LoginMutation, new { username, password })).EnsureSuccess();
        var token = login.Field("login.token").GetString();
        Assert.False(string.IsNullOrWhiteSpace(token), $"no token: {login}");
        Assert.Equal(3, token!.Split('.').Length);
        Assert.True(login.Field("login.expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow, $"expiresAt is not in the future: {login}");
        Assert.Equal(username, login.Field("login.user.username").GetString());

        var me = (await _system.Gateway.WithToken(token).SendAsync(MeQuery)).EnsureSuccess();
        Assert.Equal(username, me.Field("me.username").GetString());
        Assert.Equal(Words(roles), me.Field("me").Strings("roles").Order());
        var menuItems = me.Field("me").Items("menus");
        Assert.Equal(Words(menus), menuItems.Select(m => m.RequiredText("key")).Order());
        Assert.All(menuItems, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Text("title")), $"menu without title: {m}");
            Assert.False(string.IsNullOrWhiteSpace(m.Text("path")), $"menu without path: {m}");
        });
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_UNAUTHENTICATED_and_issues_no_token()
    {
        var result = await _system.Gateway.SendAsync(LoginMutation, new { username = "analyst", password = "not-the-password" });

        GraphQLAssert.Error(result, "UNAUTHENTICATED");
        Assert.Null(result.FieldOrNull("login.token"));
    }

    [Fact]
    public async Task Login_as_an_unknown_user_is_UNAUTHENTICATED()
    {
        var result = await _system.Gateway.SendAsync(LoginMutation, new { username = $"nobody-{Guid.NewGuid():N}"[..20], password = "whatever-it-is" });

        GraphQLAssert.Error(result, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Me_without_a_token_is_null()
    {
        var result = await _system.Gateway.SendAsync(MeQuery);

        Assert.False(result.HasErrors, result.ToString());
        Assert.NotNull(result.Data);
        Assert.Null(result.FieldOrNull("me"));
    }

    [Fact]
    public async Task ModelRequests_without_a_token_is_UNAUTHENTICATED()
    {
        var result = await _system.Gateway.SendAsync(ProtectedQuery);

        GraphQLAssert.Error(result, "UNAUTHENTICATED");
        Assert.Null(result.FieldOrNull("modelRequests"));
    }

    [Fact]
    public async Task A_token_with_a_tampered_signature_is_UNAUTHENTICATED_not_a_server_error()
    {
        var tampered = FlipSignatureCharacter(await _system.TokenAsync(DevUser.Analyst));

        await AssertRefusedAsync(tampered, "invalid");
    }

    [Fact]
    public async Task A_token_that_claims_to_have_expired_is_UNAUTHENTICATED()
    {
        var expired = WithPayload(await _system.TokenAsync(DevUser.Analyst), payload =>
        {
            var past = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
            payload["iat"] = past - 3600;
            payload["nbf"] = past - 3600;
            payload["exp"] = past;
        });

        // Rewritten claims break the signature: refused as invalid, whatever the claims say.
        await AssertRefusedAsync(expired, "invalid");
    }

    [Fact]
    public async Task A_genuinely_expired_token_is_UNAUTHENTICATED_with_reason_expired()
    {
        var expired = Resign(WithPayload(await _system.TokenAsync(DevUser.Analyst), payload =>
        {
            var past = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
            payload["iat"] = past - 3600;
            payload["nbf"] = past - 3600;
            payload["exp"] = past;
        }));

        await AssertRefusedAsync(expired, "expired");
    }

    [Fact]
    public async Task A_token_with_alg_none_is_refused_as_invalid()
    {
        var parts = (await _system.TokenAsync(DevUser.Admin)).Split('.');
        var unsigned = $"{Base64UrlEncode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""))}.{parts[1]}.";

        await AssertRefusedAsync(unsigned, "invalid");
    }

    [Fact]
    public async Task A_token_signed_with_HS256_using_the_public_key_as_secret_is_refused_as_invalid()
    {
        var parts = (await _system.TokenAsync(DevUser.Admin)).Split('.');
        var header = Base64UrlEncode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var publicKey = await File.ReadAllBytesAsync(KeyPath("NOCODE_JWT_PUBLIC_KEY"));
        var signature = Base64UrlEncode(System.Security.Cryptography.HMACSHA256.HashData(publicKey, Encoding.ASCII.GetBytes($"{header}.{parts[1]}")));

        await AssertRefusedAsync($"{header}.{parts[1]}.{signature}", "invalid");
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused_as_invalid()
    {
        using var stranger = System.Security.Cryptography.RSA.Create(2048);

        await AssertRefusedAsync(Resign(await _system.TokenAsync(DevUser.Admin), stranger), "invalid");
    }

    [Fact]
    public async Task A_bearer_value_that_is_not_a_JWT_is_UNAUTHENTICATED()
    {
        await AssertRefusedAsync("not-a-jwt", "invalid");
    }

    [Fact]
    public async Task Users_as_an_analyst_is_FORBIDDEN()
    {
        var result = await (await _system.ClientAsync(DevUser.Analyst)).SendAsync("{ users { id username } }");

        GraphQLAssert.Error(result, "FORBIDDEN");
        Assert.Null(result.FieldOrNull("users"));
    }

    [Fact]
    public async Task Users_as_admin_lists_the_development_users()
    {
        var result = (await (await _system.ClientAsync(DevUser.Admin)).SendAsync("{ users { id username roles } }")).EnsureSuccess();

        var names = result.Field("users").EnumerateArray().Select(u => u.RequiredText("username")).ToList();
        Assert.Superset(new HashSet<string> { "admin", "approver", "analyst", "analyst2" }, names.ToHashSet());
    }

    [Fact]
    public async Task CreateUser_as_admin_creates_a_user_who_can_log_in_with_the_given_roles()
    {
        var username = $"it-{Guid.NewGuid():N}"[..24];
        const string password = "integration-pass-1";
        var admin = await _system.ClientAsync(DevUser.Admin);

        var created = (await admin.SendAsync(
            "mutation Create($input: CreateUserInput!) { createUser(input: $input) { id username roles } }",
            new { input = new { username, displayName = "Integration Tester", password, roles = new[] { "USER", "APPROVER" } } })).EnsureSuccess();
        Assert.Equal(username, created.Field("createUser.username").GetString());

        var token = await _system.LoginAsync(username, password);
        var me = (await _system.Gateway.WithToken(token).SendAsync(MeQuery)).EnsureSuccess();
        Assert.Equal(created.Field("createUser.id").GetString(), me.Field("me.id").GetString());
        Assert.Equal(["APPROVER", "USER"], me.Field("me").Strings("roles").Order());
        Assert.Contains("approvals", me.Field("me").Items("menus").Select(m => m.RequiredText("key")));
        Assert.DoesNotContain("users", me.Field("me").Items("menus").Select(m => m.RequiredText("key")));
    }

    [Fact]
    public async Task CreateUser_as_an_analyst_is_FORBIDDEN()
    {
        var result = await (await _system.ClientAsync(DevUser.Analyst)).SendAsync(
            "mutation Create($input: CreateUserInput!) { createUser(input: $input) { id } }",
            new { input = new { username = $"it-{Guid.NewGuid():N}"[..24], displayName = "Nope", password = "integration-pass-1" } });

        GraphQLAssert.Error(result, "FORBIDDEN");
    }

    [Fact]
    public async Task AssignRoles_with_an_unknown_user_id_is_NOT_FOUND()
    {
        var result = await (await _system.ClientAsync(DevUser.Admin)).SendAsync(
            "mutation Assign($id: ID!) { assignRoles(userId: $id, roles: [USER]) { id } }", new { id = Guid.NewGuid().ToString() });

        GraphQLAssert.Error(result, "NOT_FOUND");
    }

    /// <summary>
    /// A token that was sent but cannot be used is refused on every field, <c>me</c> included (never
    /// answered as if nobody had signed in), with the reason, and never with a 5xx; a WebSocket that
    /// presents it is refused at <c>connection_init</c> (4403 with the reason), not acknowledged.
    /// </summary>
    private async Task AssertRefusedAsync(string token, string reason)
    {
        var client = _system.Gateway.WithToken(token);

        var protectedResult = await client.SendAsync(ProtectedQuery);
        GraphQLAssert.Error(protectedResult, "UNAUTHENTICATED");
        Assert.Equal(reason, protectedResult.ErrorExtension("reason"));
        Assert.Null(protectedResult.FieldOrNull("modelRequests"));

        var me = await client.SendAsync(MeQuery);
        Assert.True(me.Status is null || (int)me.Status < 500, me.ToString());
        Assert.Null(me.FieldOrNull("me"));
        GraphQLAssert.Error(me, "UNAUTHENTICATED");
        Assert.Equal(reason, me.ErrorExtension("reason"));
        Assert.Equal("me", me.Errors[0].GetProperty("path")[0].GetString());

        var socket = await Assert.ThrowsAsync<GraphQLStreamException>(() => GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, token));
        Assert.Contains($"4403 Forbidden: token {reason}", socket.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order();

    /// <summary>Changes one character in the middle of the signature (the last characters may only carry padding bits).</summary>
    private static string FlipSignatureCharacter(string token)
    {
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        var i = signature.Length / 2;
        signature[i] = signature[i] == 'A' ? 'B' : 'A';
        parts[2] = new string(signature);
        return string.Join('.', parts);
    }

}
