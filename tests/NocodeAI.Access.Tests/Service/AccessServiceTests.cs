using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NocodeAI.Access.Tests.Service;

/// <summary>The access subgraph over real HTTP, started from its Program against its own throw-away database.</summary>
public sealed class AccessServiceTests(AccessServiceFixture service) : IClassFixture<AccessServiceFixture>
{
    private const string UserFields = "id username displayName roles menus { key title path } messengerId createdAt";

    [Fact]
    public async Task Development_admin_signs_in_and_sees_every_menu()
    {
        var response = await service.PostAsync(
            $"mutation {{ login(username: \"admin\", password: \"nocode-admin\") {{ token expiresAt user {{ {UserFields} }} }} }}");

        Assert.False(response.HasErrors, response.ToString());
        var login = response.Data("login");
        Assert.StartsWith("eyJ", login["token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(DateTime.Parse(login["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal) > DateTime.UtcNow.AddHours(1));
        var user = login["user"]!;
        Assert.Equal("admin", user["username"]!.GetValue<string>());
        Assert.Equal(["USER", "APPROVER", "ADMIN"], Strings(user["roles"]));
        Assert.Equal(["dashboard", "models", "targets", "approvals", "notices", "users"], Strings(user["menus"], "key"));
        Assert.Equal("대시보드", user["menus"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("/dashboard", user["menus"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("swingchat:admin", user["messengerId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody-here", "nocode-admin")]
    [InlineData("x", "")]
    public async Task Wrong_username_or_password_answer_the_same_UNAUTHENTICATED(string username, string password)
    {
        var response = await service.PostAsync("mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
            new { u = username, p = password });

        Assert.Equal("UNAUTHENTICATED", response.ErrorCode);
        Assert.Equal("Invalid username or password.", response.Error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_is_case_insensitive_in_the_username_only()
    {
        Assert.NotEmpty(await service.LoginAsync("  Analyst ", "nocode-analyst"));
        var wrongCase = await service.PostAsync("mutation { login(username: \"analyst\", password: \"NOCODE-ANALYST\") { token } }");
        Assert.Equal("UNAUTHENTICATED", wrongCase.ErrorCode);
    }

    [Fact]
    public async Task Me_is_null_without_a_token_and_the_user_with_one()
    {
        var anonymous = await service.PostAsync("{ me { id } }");
        Assert.False(anonymous.HasErrors, anonymous.ToString());
        Assert.Null(anonymous.Body["data"]!["me"]);

        var token = await service.LoginAsync("approver", "nocode-approver");
        var me = await service.PostAsync("{ me { username roles menus(locale: \"en\") { key title } } }", token: token);
        Assert.Equal("approver", me.Data("me")["username"]!.GetValue<string>());
        Assert.Equal(["dashboard", "models", "targets", "approvals", "notices"], Strings(me.Data("me")["menus"], "key"));
        Assert.Equal("Approvals", me.Data("me")["menus"]![3]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_token_is_anonymous_or_refused_never_trusted()
    {
        var response = await service.PostAsync("{ me { id } }", token: "not-a-jwt");

        Assert.True(response.Status == 401 || response.Body["data"]?["me"] is null, response.ToString());
    }

    [Fact]
    public async Task Users_needs_a_token_and_the_ADMIN_role()
    {
        Assert.Equal("UNAUTHENTICATED", (await service.PostAsync("{ users { id } }")).ErrorCode);

        var analyst = await service.LoginAsync("analyst", "nocode-analyst");
        var forbidden = await service.PostAsync("{ users { id } }", token: analyst);
        Assert.Equal("FORBIDDEN", forbidden.ErrorCode);

        var admin = await service.LoginAsync("admin", "nocode-admin");
        var users = await service.PostAsync("{ users { username } }", token: admin);
        Assert.False(users.HasErrors, users.ToString());
        var usernames = Strings(users.Data("users"), "username");
        Assert.Subset(usernames.ToHashSet(), new HashSet<string> { "admin", "approver", "analyst", "analyst2" });
        Assert.Equal(usernames.Order(StringComparer.Ordinal), usernames);
    }

    [Fact]
    public async Task Admin_creates_a_user_who_can_then_sign_in()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var created = await CreateUserAsync(admin, new
        {
            username = "Kim.Analyst",
            displayName = "김 분석",
            password = "kim-password-1",
            messengerId = "swingchat:kim",
        });

        Assert.False(created.HasErrors, created.ToString());
        var user = created.Data("createUser");
        Assert.Equal("kim.analyst", user["username"]!.GetValue<string>());
        Assert.Equal(["USER"], Strings(user["roles"]));
        Assert.Equal(["dashboard", "models", "targets", "notices"], Strings(user["menus"], "key"));

        var token = await service.LoginAsync("KIM.ANALYST", "kim-password-1");
        var me = await service.PostAsync("{ me { id displayName messengerId } }", token: token);
        Assert.Equal(user["id"]!.GetValue<string>(), me.Data("me")["id"]!.GetValue<string>());
        Assert.Equal("김 분석", me.Data("me")["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateUser_is_for_admins_only()
    {
        var input = new { username = "sneaky", displayName = "Sneaky", password = "sneaky-password" };
        Assert.Equal("UNAUTHENTICATED", (await CreateUserAsync(null, input)).ErrorCode);

        var approver = await service.LoginAsync("approver", "nocode-approver");
        Assert.Equal("FORBIDDEN", (await CreateUserAsync(approver, input)).ErrorCode);
    }

    [Fact]
    public async Task CreateUser_names_the_offending_field()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");

        await AssertInvalidAsync(admin, "username", new { username = "no", displayName = "X", password = "long-enough" });
        await AssertInvalidAsync(admin, "username", new { username = "has space", displayName = "X", password = "long-enough" });
        await AssertInvalidAsync(admin, "displayName", new { username = "valid.name", displayName = "  ", password = "long-enough" });
        await AssertInvalidAsync(admin, "password", new { username = "valid.name", displayName = "X", password = "short" });
        await AssertInvalidAsync(admin, "roles", new { username = "valid.name", displayName = "X", password = "long-enough", roles = Array.Empty<string>() });
    }

    [Fact]
    public async Task A_taken_username_is_VALIDATION_FAILED_on_username_whatever_its_case()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");

        var response = await CreateUserAsync(admin, new { username = "ANALYST2", displayName = "Copy", password = "long-enough" });

        Assert.Equal("VALIDATION_FAILED", response.ErrorCode);
        Assert.Equal("username", response.ErrorField);
        Assert.Contains("taken", response.Error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignRoles_replaces_roles_and_menus()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var created = await CreateUserAsync(admin, new { username = "lee", displayName = "Lee", password = "lee-password", roles = new[] { "USER" } });
        var id = created.Data("createUser")["id"]!.GetValue<string>();

        var assigned = await service.PostAsync("mutation($id: ID!) { assignRoles(userId: $id, roles: [APPROVER, USER, APPROVER]) { roles menus { key } } }",
            new { id }, admin);

        Assert.False(assigned.HasErrors, assigned.ToString());
        Assert.Equal(["USER", "APPROVER"], Strings(assigned.Data("assignRoles")["roles"]));
        Assert.Contains("approvals", Strings(assigned.Data("assignRoles")["menus"], "key"));

        var token = await service.LoginAsync("lee", "lee-password");
        var me = await service.PostAsync("{ me { roles } }", token: token);
        Assert.Equal(["USER", "APPROVER"], Strings(me.Data("me")["roles"]));
    }

    [Theory]
    [InlineData("6f1c2f1e-0000-7000-8000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task AssignRoles_to_an_unknown_user_is_NOT_FOUND(string userId)
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");

        var response = await service.PostAsync("mutation($id: ID!) { assignRoles(userId: $id, roles: [USER]) { id } }", new { id = userId }, admin);

        Assert.Equal("NOT_FOUND", response.ErrorCode);
    }

    [Fact]
    public async Task AssignRoles_is_for_admins_only()
    {
        var approver = await service.LoginAsync("approver", "nocode-approver");
        var response = await service.PostAsync("mutation { assignRoles(userId: \"x\", roles: [ADMIN]) { id } }", token: approver);

        Assert.Equal("FORBIDDEN", response.ErrorCode);
    }

    [Fact]
    public async Task The_last_admin_cannot_remove_ADMIN_from_themselves()
    {
        // No test gives ADMIN to anyone else, so the development admin is the only one.
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var me = await service.PostAsync("{ me { id } }", token: admin);
        var id = me.Data("me")["id"]!.GetValue<string>();

        var response = await service.PostAsync("mutation($id: ID!) { assignRoles(userId: $id, roles: [USER, APPROVER]) { roles } }", new { id }, admin);

        Assert.Equal("VALIDATION_FAILED", response.ErrorCode);
        Assert.Equal("roles", response.ErrorField);
        var after = await service.PostAsync("{ me { roles } }", token: admin);
        Assert.Contains("ADMIN", Strings(after.Data("me")["roles"]));
    }

    [Fact]
    public async Task Gateway_resolves_user_entities_by_id()
    {
        var admin = await service.LoginAsync("admin", "nocode-admin");
        var users = await service.PostAsync("{ users { id username } }", token: admin);
        var byName = users.Data("users").AsArray().ToDictionary(u => u!["username"]!.GetValue<string>(), u => u!["id"]!.GetValue<string>());

        var response = await service.PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username } } }",
            new
            {
                r = new object[]
                {
                    new { __typename = "User", id = byName["analyst"] },
                    new { __typename = "User", id = "00000000-0000-0000-0000-000000000000" },
                    new { __typename = "User", id = byName["approver"] },
                },
            });

        Assert.False(response.HasErrors, response.ToString());
        var entities = response.Data("_entities").AsArray();
        Assert.Equal("analyst", entities[0]!["username"]!.GetValue<string>());
        Assert.Null(entities[1]);
        Assert.Equal("approver", entities[2]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readiness_reports_the_database()
    {
        var ready = await service.Http.GetStringAsync("/health/ready");
        Assert.Contains("Healthy", ready, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await service.Http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Login_takes_about_the_same_time_for_unknown_users_and_wrong_passwords()
    {
        // Warm up both paths, then compare medians: the unknown user must also pay for a hash.
        var unknown = await MedianLoginMillisecondsAsync("nobody-at-all", "some-password");
        var wrong = await MedianLoginMillisecondsAsync("analyst2", "some-password");

        Assert.True(unknown > wrong / 3, $"unknown user {unknown} ms vs wrong password {wrong} ms");
    }

    private async Task<double> MedianLoginMillisecondsAsync(string username, string password)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await service.PostAsync("mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
                new { u = username, p = password });
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal("UNAUTHENTICATED", response.ErrorCode);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private Task<GraphQLResponse> CreateUserAsync(string? token, object input) =>
        service.PostAsync($"mutation($input: CreateUserInput!) {{ createUser(input: $input) {{ {UserFields} }} }}", new { input }, token);

    private async Task AssertInvalidAsync(string token, string field, object input)
    {
        var response = await CreateUserAsync(token, input);
        Assert.Equal("VALIDATION_FAILED", response.ErrorCode);
        Assert.Equal(field, response.ErrorField);
    }

    private static List<string> Strings(JsonNode? array, string? property = null) =>
        array!.AsArray().Select(n => (property is null ? n : n![property])!.GetValue<string>()).ToList();
}
