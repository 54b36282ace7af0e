using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Targets.TargetRequests;

public static class TargetRequestSubscriptions
{
    public static void AddTargetRequestSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<TargetRequestType>>("targetRequestChanged")
            .Description("Every change of one target request (id) or of all requests you may see (no id).")
            .Argument<IdGraphType>("id")
            .ResolveStreamAsync(async ctx =>
            {
                var caller = ctx.RequireCaller();
                var id = ctx.GetArgument<string?>("id");
                Guid? only = null;
                if (id is not null)
                {
                    // Refuse ids the caller may not see, the same way the query does.
                    var view = await ctx.RequestServices!.GetRequiredService<TargetRequestService>().GetAsync(caller, id, ctx.CancellationToken);
                    only = view.Id;
                }

                // Indexed by id: a watcher of one request costs nothing when others change.
                var changes = await ctx.RequestServices!.GetRequiredService<IChangeFeed>()
                    .WatchAsync<TargetRequestView>(TargetRequestView.Topic, v => v.Id.ToString(), only?.ToString());
                return changes
                    .Where(v => caller.CanSee(v.RequestedBy))
                    .Select(v => (object?)v);
            });
}
