using NocodeAI.Access.Menus;

namespace NocodeAI.Access.Tests;

public sealed class MenuCatalogTests
{
    [Fact]
    public void User_sees_dashboard_models_targets_and_notices()
    {
        Assert.Equal(["dashboard", "models", "targets", "notices"], Keys(Role.USER));
    }

    [Fact]
    public void Approver_alone_sees_approvals_and_admin_alone_sees_users()
    {
        Assert.Equal(["approvals"], Keys(Role.APPROVER));
        Assert.Equal(["users"], Keys(Role.ADMIN));
    }

    [Fact]
    public void Several_roles_see_the_union_in_one_fixed_order()
    {
        string[] all = ["dashboard", "models", "targets", "approvals", "notices", "users"];
        Assert.Equal(all, Keys(Role.ADMIN, Role.USER, Role.APPROVER));
        Assert.Equal(all, Keys(Role.USER, Role.APPROVER, Role.ADMIN, Role.USER));
        Assert.Equal(["dashboard", "models", "targets", "approvals", "notices"], Keys(Role.APPROVER, Role.USER));
        Assert.Empty(Keys());
    }

    [Fact]
    public void Titles_are_Korean_by_default_and_English_on_request()
    {
        Assert.Equal("대시보드", MenuCatalog.For([Role.USER])[0].Title);
        Assert.Equal("대시보드", MenuCatalog.For([Role.USER], "ko-KR")[0].Title);
        Assert.Equal("대시보드", MenuCatalog.For([Role.USER], null)[0].Title);
        Assert.Equal("대시보드", MenuCatalog.For([Role.USER], "english")[0].Title);
        Assert.Equal("Dashboard", MenuCatalog.For([Role.USER], "en")[0].Title);
        Assert.Equal("Dashboard", MenuCatalog.For([Role.USER], "EN-us")[0].Title);
        Assert.Equal("Users", MenuCatalog.For([Role.ADMIN], "en_GB")[0].Title);
    }

    [Fact]
    public void Paths_are_the_keys_under_the_root()
    {
        Assert.All(MenuCatalog.For([Role.USER, Role.APPROVER, Role.ADMIN]), menu => Assert.Equal("/" + menu.Key, menu.Path));
        Assert.Equal("/models", MenuCatalog.For([Role.USER])[1].Path);
    }

    private static string[] Keys(params Role[] roles) => MenuCatalog.For(roles).Select(m => m.Key).ToArray();
}
