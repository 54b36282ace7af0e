using GraphQL.Resolvers;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.GraphQL.Identity;

namespace NocodeAI.GraphQL.RateLimiting;

/// <summary>
/// Counts every mutation operation of a signed-in user once (<see cref="MutationRateLimiter"/>), before its
/// first root field runs; over the limit each root field answers RATE_LIMITED at its own path, as an
/// invalid token does. Only the mutation type's fields are wrapped, so queries, entity lookups and
/// subscriptions pay nothing, and anonymous mutations (login) are not counted.
/// </summary>
public sealed class MutationRateLimitVisitor : BaseSchemaNodeVisitor
{
    /// <summary>Where an operation keeps its one count in the user context: its root fields run one after another.</summary>
    private const string CountedKey = "nocode:mutation-counted";

    public override void PostVisitSchema(ISchema schema)
    {
        foreach (var field in schema.Mutation?.Fields ?? [])
        {
            var inner = field.Resolver ?? NameFieldResolver.Instance;
            field.Resolver = new FuncFieldResolver<object?>(async context =>
            {
                await CountOnceAsync(context);
                return await inner.ResolveAsync(context);
            });
        }
    }

    private static Task CountOnceAsync(IResolveFieldContext context)
    {
        var caller = context.GetCaller();
        if (!caller.IsAuthenticated || caller.UserId.Length == 0 || context.UserContext is not GraphQLUserContext user)
        {
            return Task.CompletedTask;
        }

        if (user.TryGetValue(CountedKey, out var counted) && counted is Task known)
        {
            return known;
        }

        // The limiter is looked up per request: building the schema (--export-schema) must not connect to Redis.
        var count = context.RequestServices!.GetRequiredService<MutationRateLimiter>().CountAsync(caller.UserId);
        user[CountedKey] = count;
        return count;
    }
}
