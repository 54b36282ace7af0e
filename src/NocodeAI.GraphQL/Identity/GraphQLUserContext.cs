using System.Security.Claims;

namespace NocodeAI.GraphQL.Identity;

/// <summary>The per-request user context every resolver reads the caller from.</summary>
public sealed class GraphQLUserContext : Dictionary<string, object?>
{
    public GraphQLUserContext(ClaimsPrincipal? user)
    {
        Caller = Caller.From(user);
    }

    public Caller Caller { get; }
}

public static class ResolveFieldContextIdentityExtensions
{
    /// <summary>The caller, possibly anonymous; use <see cref="Caller.RequireAuthenticated"/> or <see cref="Caller.RequireRole"/>.</summary>
    public static Caller GetCaller(this IResolveFieldContext context) =>
        context.UserContext is GraphQLUserContext user ? user.Caller : Caller.Anonymous;

    public static Caller RequireCaller(this IResolveFieldContext context) => context.GetCaller().RequireAuthenticated();
}
