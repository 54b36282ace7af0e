using NocodeAI.Access.Auth;
using NocodeAI.Access.Users;

namespace NocodeAI.Access;

/// <summary>The access subgraph (SPEC §4): users, roles, menus and login.</summary>
public sealed class AccessSchema : Schema
{
    public AccessSchema(IServiceProvider services, AccessQuery query, AccessMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}

public sealed class AccessQuery : ObjectGraphType
{
    public AccessQuery()
    {
        Name = "Query";
        this.AddUserQueries();
    }
}

public sealed class AccessMutation : ObjectGraphType
{
    public AccessMutation()
    {
        Name = "Mutation";
        this.AddAuthMutations();
        this.AddUserMutations();
    }
}
