using GraphQL.Resolvers;
using GraphQL.Utilities;
using System.Security.Claims;

namespace NocodeAI.GraphQL.Identity;

/// <summary>The per-request user context every resolver reads the caller from.</summary>
public sealed class GraphQLUserContext : Dictionary<string, object?>
{
    public GraphQLUserContext(ClaimsPrincipal? user, TokenFailure? tokenProblem = null)
    {
        Caller = Caller.From(user);
        TokenProblem = tokenProblem;
    }

    public Caller Caller { get; }

    /// <summary>Set when a token was sent and refused: every root field then answers UNAUTHENTICATED with the reason.</summary>
    public TokenFailure? TokenProblem { get; }
}

/// <summary>
/// Refuses every root field of a request whose token was sent but refused (<see cref="PresentedToken"/>),
/// so each field answers UNAUTHENTICATED with <c>extensions.reason</c> at its own path, <c>me</c> and
/// <c>_entities</c> included, instead of the request running as anonymous. Only the root fields' resolvers
/// are wrapped (after every other visitor has added its fields), so nested fields pay nothing.
/// </summary>
public sealed class RefuseInvalidTokenVisitor : BaseSchemaNodeVisitor
{
    public override void PostVisitSchema(ISchema schema)
    {
        foreach (var root in new[] { schema.Query, schema.Mutation })
        {
            foreach (var field in root?.Fields ?? [])
            {
                var inner = field.Resolver ?? NameFieldResolver.Instance;
                field.Resolver = new FuncFieldResolver<object?>(context =>
                    context.UserContext is GraphQLUserContext { TokenProblem: { } problem }
                        ? throw NocodeException.InvalidToken(problem)
                        : inner.ResolveAsync(context));
            }
        }
    }
}

public static class ResolveFieldContextIdentityExtensions
{
    /// <summary>The caller, possibly anonymous; use <see cref="Caller.RequireAuthenticated"/> or <see cref="Caller.RequireRole"/>.</summary>
    public static Caller GetCaller(this IResolveFieldContext context) =>
        context.UserContext is GraphQLUserContext user ? user.Caller : Caller.Anonymous;

    public static Caller RequireCaller(this IResolveFieldContext context) => context.GetCaller().RequireAuthenticated();
}
