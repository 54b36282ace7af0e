using Microsoft.Extensions.DependencyInjection;
using NocodeAI.GraphQL.Identity;

namespace NocodeAI.GraphQL.Realtime;

/// <summary>
/// The one "…Changed" subscription over an aggregate's views on the change feed: every change of one
/// aggregate (the <c>id</c> argument) or of all the caller may see (no id). A service says only what
/// differs: the field and its payload, the topic, how an id is looked up and who may see a change.
/// </summary>
public static class ChangeSubscriptions
{
    /// <param name="idOf">The aggregate's id in a view: the key the feed indexes watchers by.</param>
    /// <param name="versionOf">The aggregate's version in a view: a stream never shows an older one after a newer one.</param>
    /// <param name="findVisible">
    /// Looks an id up the way the query does, so an id the caller may not see is refused the same way
    /// (it throws) before anything is watched.
    /// </param>
    /// <param name="visibleTo">Whether the caller may see a change; the others never reach the stream.</param>
    public static void AddChangeSubscription<TGraphType, TView>(
        this ObjectGraphType subscription,
        string name,
        string description,
        string topic,
        Func<TView, Guid> idOf,
        Func<TView, long> versionOf,
        Func<IServiceProvider, Caller, string, CancellationToken, Task<TView>> findVisible,
        Func<Caller, TView, bool> visibleTo)
        where TGraphType : IGraphType
        where TView : class =>
        subscription.Field<NonNullGraphType<TGraphType>>(name)
            .Description(description)
            .Argument<IdGraphType>("id")
            .ResolveStreamAsync(async ctx =>
            {
                var caller = ctx.RequireCaller();
                var services = ctx.RequestServices!;
                string? only = null;
                if (ctx.GetArgument<string?>("id") is { } id)
                {
                    only = idOf(await findVisible(services, caller, id, ctx.CancellationToken)).ToString();
                }

                // Indexed by id: a watcher of one aggregate costs nothing when others change.
                var changes = await services.GetRequiredService<IChangeFeed>().WatchAsync<TView>(topic, v => idOf(v).ToString(), only);
                return changes
                    .Where(v => visibleTo(caller, v))
                    .NewestPerKey(v => idOf(v).ToString(), versionOf)
                    .Select(v => (object?)v);
            });
}
