using NocodeAI.Access.Auth;

namespace NocodeAI.Access.Tests.Service;

/// <summary>
/// setUserDisabled over real HTTP, on a database of its own (it makes more admins, which
/// <see cref="AccessServiceTests"/> assumes nobody does).
/// </summary>
public sealed class UserDisableTests(AccessServiceFixture service) : IClassFixture<AccessServiceFixture>
{
    private const string SetDisabled = "mutation($id: ID!, $d: Boolean!) { setUserDisabled(userId: $id, disabled: $d) { id username disabled disabledAt } }";
    private const string Login = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_loses_their_tokens_and_signs_in_again_once_enabled()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var (id, username, password) = await CreateUserAsync(admin, "USER");
        var token = await service.LoginAsync(username, password);
        Assert.False((await service.PostAsync("{ me { id } }", token: token)).HasErrors);

        var disabled = await service.PostAsync(SetDisabled, new { id, d = true }, admin);

        Assert.False(disabled.HasErrors, disabled.ToString());
        Assert.True(disabled.Data("setUserDisabled")["disabled"]!.GetValue<bool>());
        Assert.NotNull(disabled.Data("setUserDisabled")["disabledAt"]);
        await AssertRevokedWithinAsync(token);

        // The right password says why; a wrong one says what it says for anyone.
        var refused = await service.PostAsync(Login, new { u = username, p = password });
        Assert.Equal("UNAUTHENTICATED", refused.ErrorCode);
        Assert.Equal(Authenticator.AccountDisabledMessage, refused.Error["message"]!.GetValue<string>());
        Assert.Equal("disabled", refused.Error["extensions"]!["reason"]!.GetValue<string>());
        var wrong = await service.PostAsync(Login, new { u = username, p = "not-the-password" });
        Assert.Equal("UNAUTHENTICATED", wrong.ErrorCode);
        Assert.Equal(Authenticator.InvalidCredentialsMessage, wrong.Error["message"]!.GetValue<string>());
        Assert.Null(wrong.Error["extensions"]!["reason"]);

        var again = await service.PostAsync(SetDisabled, new { id, d = true }, admin);
        Assert.True(again.Data("setUserDisabled")["disabled"]!.GetValue<bool>());
        var listed = await service.PostAsync("{ users { username disabled } }", token: admin);
        Assert.True(listed.Data("users").AsArray().Single(u => u!["username"]!.GetValue<string>() == username)!["disabled"]!.GetValue<bool>());

        var enabled = await service.PostAsync(SetDisabled, new { id, d = false }, admin);
        Assert.False(enabled.HasErrors, enabled.ToString());
        Assert.False(enabled.Data("setUserDisabled")["disabled"]!.GetValue<bool>());
        Assert.Null(enabled.Data("setUserDisabled")["disabledAt"]);
        var enabledAgain = await service.PostAsync(SetDisabled, new { id, d = false }, admin);
        Assert.False(enabledAgain.HasErrors, enabledAgain.ToString());

        // At once, though the disable refuses tokens issued up to a minute after it.
        var fresh = await service.LoginAsync(username, password);
        var me = await service.PostAsync("{ me { id } }", token: fresh);
        Assert.False(me.HasErrors, me.ToString());
        Assert.Equal(id, me.Data("me")["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetUserDisabled_is_for_admins_only()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var (id, _, _) = await CreateUserAsync(admin, "USER");

        Assert.Equal("UNAUTHENTICATED", (await service.PostAsync(SetDisabled, new { id, d = true })).ErrorCode);
        foreach (var (user, password) in new[] { ("approver", "nocode-approver"), ("analyst", "nocode-analyst") })
        {
            var response = await service.PostAsync(SetDisabled, new { id, d = true }, await service.LoginAsync(user, password));
            Assert.Equal("FORBIDDEN", response.ErrorCode);
        }
    }

    [Theory]
    [InlineData("6f1c2f1e-0000-7000-8000-000000000000", true)]
    [InlineData("6f1c2f1e-0000-7000-8000-000000000000", false)]
    [InlineData("not-a-uuid", true)]
    public async Task An_unknown_user_is_NOT_FOUND(string userId, bool disable)
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");

        var response = await service.PostAsync(SetDisabled, new { id = userId, d = disable }, admin);

        Assert.Equal("NOT_FOUND", response.ErrorCode);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var id = (await service.PostAsync("{ me { id } }", token: admin)).Data("me")["id"]!.GetValue<string>();

        var response = await service.PostAsync(SetDisabled, new { id, d = true }, admin);

        Assert.Equal("VALIDATION_FAILED", response.ErrorCode);
        Assert.Equal("userId", response.ErrorField);
        Assert.False((await service.PostAsync("{ me { id } }", token: admin)).HasErrors);
    }

    [Fact]
    public async Task Admins_never_leave_no_enabled_admin()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var adminId = (await service.PostAsync("{ me { id } }", token: admin)).Data("me")["id"]!.GetValue<string>();
        var (secondId, second, secondPassword) = await CreateUserAsync(admin, "ADMIN", "USER");

        // A disabled admin cannot sign in, so it does not count as the admin who keeps ADMIN.
        Assert.False((await service.PostAsync(SetDisabled, new { id = secondId, d = true }, admin)).HasErrors);
        var removal = await service.PostAsync("mutation($id: ID!) { assignRoles(userId: $id, roles: [USER, APPROVER]) { id } }", new { id = adminId }, admin);
        Assert.Equal("VALIDATION_FAILED", removal.ErrorCode);
        Assert.Equal("roles", removal.ErrorField);
        Assert.False((await service.PostAsync(SetDisabled, new { id = secondId, d = false }, admin)).HasErrors);

        // Two admins disabling each other at once: the lock lets one win; the other finds itself the last.
        var secondToken = await service.LoginAsync(second, secondPassword);
        var answers = await Task.WhenAll(
            service.PostAsync(SetDisabled, new { id = secondId, d = true }, admin),
            service.PostAsync(SetDisabled, new { id = adminId, d = true }, secondToken));

        Assert.Single(answers, a => !a.HasErrors);
        var loser = answers.Single(a => a.HasErrors);
        Assert.Contains(loser.ErrorCode, new[] { "VALIDATION_FAILED", "UNAUTHENTICATED" });
        if (loser.ErrorCode == "VALIDATION_FAILED")
        {
            Assert.Equal("userId", loser.ErrorField);
            Assert.Contains("last enabled admin", loser.Error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var (winnerToken, loserId) = answers[0].HasErrors ? (secondToken, adminId) : (admin, secondId);

        var users = await service.PostAsync("{ users { username roles disabled } }", token: winnerToken);
        Assert.Single(users.Data("users").AsArray(), u => !u!["disabled"]!.GetValue<bool>() && u["roles"]!.AsArray().Any(r => r!.GetValue<string>() == "ADMIN"));
        Assert.False((await service.PostAsync(SetDisabled, new { id = loserId, d = false }, winnerToken)).HasErrors);
    }

    private async Task<(string Id, string Username, string Password)> CreateUserAsync(string adminToken, params string[] roles)
    {
        var username = $"dis-{Guid.NewGuid():N}"[..20];
        const string password = "disable-pass-1";
        var created = await service.PostAsync("mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
            new { input = new { username, displayName = "Disable Tester", password, roles } }, adminToken);
        Assert.False(created.HasErrors, created.ToString());
        return (created.Data("createUser")["id"]!.GetValue<string>(), username, password);
    }

    private async Task AssertRevokedWithinAsync(string token)
    {
        var deadline = DateTime.UtcNow + Within;
        GraphQLResponse response;
        do
        {
            response = await service.PostAsync("{ me { id } }", token: token);
            if (response.HasErrors)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal("UNAUTHENTICATED", response.ErrorCode);
        Assert.Equal("revoked", response.Error["extensions"]!["reason"]!.GetValue<string>());
        Assert.Null(response.Body["data"]?["me"]);
    }
}
