using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Models.ModelRequests;

public static class ModelRequestSubscriptions
{
    public static void AddModelRequestSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ModelRequestType>>("modelRequestChanged")
            .Description("Every change of one model request (id) or of all requests you may see (no id).")
            .Argument<IdGraphType>("id")
            .ResolveStreamAsync(async ctx =>
            {
                var caller = ctx.RequireCaller();
                var id = ctx.GetArgument<string?>("id");
                Guid? only = null;
                if (id is not null)
                {
                    // Refuse ids the caller may not see, the same way the query does.
                    var view = await ctx.RequestServices!.GetRequiredService<ModelRequestService>().GetAsync(caller, id, ctx.CancellationToken);
                    only = view.Id;
                }

                // Indexed by id: a watcher of one request costs nothing when others change.
                var changes = await ctx.RequestServices!.GetRequiredService<IChangeFeed>()
                    .WatchAsync<ModelRequestView>(ModelRequestView.Topic, v => v.Id.ToString(), only?.ToString());
                return changes
                    .Where(v => caller.CanSee(v.RequestedBy))
                    .Select(v => (object?)v);
            });
}
