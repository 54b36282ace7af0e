namespace NocodeAI.Access.Menus;

public sealed class MenuType : ObjectGraphType<Menu>
{
    public MenuType()
    {
        Name = "Menu";
        Description = "A navigation entry the user's roles open.";
        Field(x => x.Key).Description("Stable identifier: dashboard, models, targets, approvals, notices or users.");
        Field(x => x.Title).Description("Title in the requested locale (Korean by default).");
        Field(x => x.Path).Description("Route of the web app, e.g. /models.");
    }
}
