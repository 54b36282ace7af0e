using NocodeAI.Access.Users;

namespace NocodeAI.Access.Tests;

public sealed class UserValidatorTests
{
    private static CreateUserInput Input(string username = "new.user", string displayName = "New User", string password = "long-enough-pw",
        IReadOnlyList<Role>? roles = null, string? messengerId = null) => new(username, displayName, password, roles, messengerId);

    [Fact]
    public void Valid_input_is_normalised()
    {
        var valid = UserValidator.Validate(Input(username: "  New.User_1-x ", displayName: "  Kim  ", messengerId: "  "), allowDevelopmentSecrets: false);

        Assert.Equal("new.user_1-x", valid.Username);
        Assert.Equal("Kim", valid.DisplayName);
        Assert.Null(valid.MessengerId);
        Assert.Equal([Role.USER], valid.Roles);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("with space")]
    [InlineData("slash/name")]
    [InlineData("이름이름")]
    [InlineData("")]
    public void Malformed_username_names_the_username_field(string username)
    {
        AssertFails("username", () => UserValidator.Validate(Input(username: username), false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_display_name_names_the_displayName_field(string displayName)
    {
        AssertFails("displayName", () => UserValidator.Validate(Input(displayName: displayName), false));
    }

    [Fact]
    public void Display_name_longer_than_100_characters_is_refused()
    {
        AssertFails("displayName", () => UserValidator.Validate(Input(displayName: new string('가', 101)), false));
        Assert.Equal(100, UserValidator.Validate(Input(displayName: new string('가', 100)), false).DisplayName.Length);
    }

    [Fact]
    public void Password_needs_8_to_128_characters()
    {
        AssertFails("password", () => UserValidator.Validate(Input(password: "1234567"), false));
        AssertFails("password", () => UserValidator.Validate(Input(password: new string('x', 129)), false));
        Assert.Equal("12345678", UserValidator.Validate(Input(password: "12345678"), false).Password);
    }

    [Fact]
    public void Published_development_passwords_are_refused_outside_Development()
    {
        AssertFails("password", () => UserValidator.Validate(Input(password: "nocode-admin"), allowDevelopmentSecrets: false));
        Assert.Equal("nocode-admin", UserValidator.Validate(Input(password: "nocode-admin"), allowDevelopmentSecrets: true).Password);
    }

    [Fact]
    public void Roles_must_not_be_empty_and_are_kept_distinct_in_order()
    {
        AssertFails("roles", () => UserValidator.Validate(Input(roles: []), false));
        Assert.Equal([Role.USER, Role.APPROVER, Role.ADMIN],
            UserValidator.Validate(Input(roles: [Role.ADMIN, Role.USER, Role.ADMIN, Role.APPROVER]), false).Roles);
    }

    [Fact]
    public void Messenger_id_is_at_most_200_characters()
    {
        AssertFails("messengerId", () => UserValidator.Validate(Input(messengerId: new string('m', 201)), false));
        Assert.Equal("swingchat:kim", UserValidator.Validate(Input(messengerId: " swingchat:kim "), false).MessengerId);
    }

    private static void AssertFails(string field, Action action)
    {
        var error = Assert.Throws<NocodeException>(action);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Details["field"]);
    }
}
