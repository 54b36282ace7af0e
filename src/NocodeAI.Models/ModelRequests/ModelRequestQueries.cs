using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Paging;
using GraphQL.Types.Relay;

namespace NocodeAI.Models.ModelRequests;

public static class ModelRequestQueries
{
    public static void AddModelRequestQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ModelRequestType>>>("modelRequests")
            .Description("Model requests, newest first. A USER sees their own; APPROVER and ADMIN see all.")
            .Argument<EnumerationGraphType<ModelState>>("state")
            .Argument<StringGraphType>("requestedBy")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var service = ctx.RequestServices!.GetRequiredService<ModelRequestService>();
                var page = PageRequest.From(ctx);
                var visible = service.Visible(ctx.GetCaller(), ctx.GetArgument<ModelState?>("state"), ctx.GetArgument<string?>("requestedBy"));
                var positions = await service.QueuePositionsAsync(ctx.CancellationToken);
                return await visible.ToConnectionAsync(page, r => ModelRequestView.From(r, positions.GetValueOrDefault(r.Id)), ctx.CancellationToken);
            });

        query.Field<ModelRequestType>("modelRequest")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ModelRequestService>()
                .GetAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }
}
