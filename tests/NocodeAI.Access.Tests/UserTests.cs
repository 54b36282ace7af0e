using NocodeAI.Access.Users;

namespace NocodeAI.Access.Tests;

public sealed class UserTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_user_is_enabled()
    {
        var user = NewUser();

        Assert.False(user.Disabled);
        Assert.Null(user.DisabledAt);
    }

    [Fact]
    public void Disable_records_when_and_bumps_the_version_once()
    {
        var user = NewUser();
        var at = Created.AddHours(1);

        Assert.True(user.Disable(at));
        Assert.False(user.Disable(at.AddMinutes(5)));

        Assert.True(user.Disabled);
        Assert.Equal(at, user.DisabledAt);
        Assert.Equal(at, user.UpdatedAt);
        Assert.Equal(2, user.Version);
    }

    [Fact]
    public void Enable_clears_the_disable_and_is_idempotent()
    {
        var user = NewUser();
        Assert.False(user.Enable(Created.AddMinutes(1)));
        Assert.Equal(1, user.Version);

        user.Disable(Created.AddHours(1));
        Assert.True(user.Enable(Created.AddHours(2)));
        Assert.False(user.Enable(Created.AddHours(3)));

        Assert.False(user.Disabled);
        Assert.Null(user.DisabledAt);
        Assert.Equal(Created.AddHours(2), user.UpdatedAt);
        Assert.Equal(3, user.Version);
    }

    [Fact]
    public void Disabling_keeps_roles_and_password()
    {
        var user = NewUser();

        user.Disable(Created.AddHours(1));

        Assert.Equal([Role.USER, Role.ADMIN], user.Roles);
        Assert.Equal("hash", user.PasswordHash);
    }

    private static User NewUser() => User.Create(Guid.NewGuid(), "kim", "Kim", "hash", [Role.ADMIN, Role.USER], null, Created);
}
