namespace NocodeAI.IntegrationTests.Access;

/// <summary>
/// Disabling a user (issue 16.3): their tokens stop working in every subgraph within five seconds, their
/// sign-in is refused with reason disabled (only for the right password), and enabling them again lets
/// them sign in at once.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class UserDisableTests(NocodeSystem system, ITestOutputHelper output)
{
    private const string SetDisabled = "mutation SetDisabled($id: ID!, $disabled: Boolean!) { setUserDisabled(userId: $id, disabled: $disabled) { id disabled disabledAt } }";
    private const string Login = "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token } }";

    /// <summary>A models field, so the refusal is seen in another subgraph than access, which disabled the user.</summary>
    private const string ModelsQuery = "{ modelRequests(first: 1) { totalCount } }";

    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task A_disabled_user_loses_their_tokens_everywhere_cannot_sign_in_and_can_again_once_enabled()
    {
        const string password = "disable-pass-1";
        var admin = await _system.ClientAsync(DevUser.Admin);
        var (user, id) = await _system.CreateUserAsync("disable", password);
        var username = user.UserName;
        var old = _system.Gateway.WithToken(await _system.LoginAsync(username, password));
        (await old.SendAsync(ModelsQuery)).EnsureSuccess();

        // No pause after the sign-in: a disable refuses tokens of the same second too.
        var disabled = (await admin.SendAsync(SetDisabled, new { id, disabled = true })).EnsureSuccess();
        Assert.True(disabled.Field("setUserDisabled.disabled").GetBoolean());
        Assert.NotNull(disabled.FieldOrNull("setUserDisabled.disabledAt"));

        await TokenRevocationTests.AssertRevokedWithinAsync(old, ModelsQuery, "modelRequests");
        var refused = await _system.Gateway.SendAsync(Login, new { username, password });
        GraphQLAssert.Error(refused, "UNAUTHENTICATED");
        Assert.Equal("disabled", refused.ErrorExtension("reason"));
        Assert.Contains("disabled", refused.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(refused.FieldOrNull("login"));
        var wrong = await _system.Gateway.SendAsync(Login, new { username, password = "not-the-password" });
        GraphQLAssert.Error(wrong, "UNAUTHENTICATED");
        Assert.Null(wrong.ErrorExtension("reason"));
        Assert.Equal("Invalid username or password.", wrong.Errors[0].GetProperty("message").GetString());

        var enabled = (await admin.SendAsync(SetDisabled, new { id, disabled = false })).EnsureSuccess();
        Assert.False(enabled.Field("setUserDisabled.disabled").GetBoolean());
        var fresh = _system.Gateway.WithToken(await _system.LoginAsync(username, password));
        (await fresh.SendAsync(ModelsQuery)).EnsureSuccess();
        Assert.Equal(id, (await fresh.SendAsync("{ me { id } }")).EnsureSuccess().Field("me.id").GetString());
    }

    [Fact]
    public async Task Only_an_admin_disables_and_never_themselves()
    {
        var analyst = await _system.ClientAsync(DevUser.Analyst);
        var admin = await _system.ClientAsync(DevUser.Admin);
        var adminId = (await admin.SendAsync("{ me { id } }")).EnsureSuccess().Field("me.id").GetString();

        GraphQLAssert.Error(await analyst.SendAsync(SetDisabled, new { id = adminId, disabled = true }), "FORBIDDEN");
        GraphQLAssert.Error(await admin.SendAsync(SetDisabled, new { id = adminId, disabled = true }), "VALIDATION_FAILED", "userId");
        GraphQLAssert.Error(await admin.SendAsync(SetDisabled, new { id = Guid.NewGuid().ToString(), disabled = true }), "NOT_FOUND");
        (await admin.SendAsync("{ me { id } }")).EnsureSuccess();
    }
}
