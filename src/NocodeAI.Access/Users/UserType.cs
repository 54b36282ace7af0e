using GraphQL.Federation;
using NocodeAI.Access.Menus;

namespace NocodeAI.Access.Users;

/// <summary>Representation of a User entity that another subgraph sends (<c>{ __typename: "User", id }</c>).</summary>
public sealed class UserReference
{
    public string Id { get; set; } = string.Empty;
}

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "Someone who signs in to NocodeAI.";
        this.Key("id");
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id.ToString());
        Field(x => x.Username).Description("Unique, lower case.");
        Field(x => x.DisplayName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles").Resolve(context => context.Source.Roles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MenuType>>>>("menus")
            .Description("The menus the user's roles open, in a fixed order.")
            .Argument<StringGraphType>("locale", argument =>
            {
                argument.DefaultValue = MenuCatalog.DefaultLocale;
                argument.Description = "Language of the titles: Korean (\"ko\", the default) or English (\"en\", \"en-US\", ...).";
            })
            .Resolve(context => MenuCatalog.For(context.Source.Roles, context.GetArgument<string?>("locale")));
        Field(x => x.MessengerId, nullable: true).Description("SwingChat id that notices are sent to.");
        Field(x => x.Disabled).Description("A disabled user cannot sign in (setUserDisabled).");
        Field<DateTimeGraphType>("disabledAt").Description("When the user was disabled; null while enabled.").Resolve(context => context.Source.DisabledAt);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(context => context.Source.CreatedAt);

        this.ResolveReference<UserReference, User>((context, reference) =>
            context.RequestServices!.GetRequiredService<UserReferenceBatch>().Load(context, reference.Id)!);
    }
}
