using GraphQL.Types.Relay;
using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Paging;

namespace NocodeAI.Targets.TargetRequests;

public static class TargetRequestQueries
{
    public static void AddTargetRequestQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<TargetRequestType>>>("targetRequests")
            .Description("Target requests, newest first. A USER sees their own; APPROVER and ADMIN see all.")
            .Argument<EnumerationGraphType<TargetState>>("state")
            .Argument<StringGraphType>("requestedBy")
            .Argument<IdGraphType>("modelRequestId")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var service = ctx.RequestServices!.GetRequiredService<TargetRequestService>();
                var page = PageRequest.From(ctx);
                var model = ctx.GetArgument<string?>("modelRequestId");
                Guid? modelId = model is null ? null : Guid.TryParse(model, out var parsed) ? parsed : Guid.Empty;
                var visible = service.Visible(ctx.GetCaller(), ctx.GetArgument<TargetState?>("state"), ctx.GetArgument<string?>("requestedBy"), modelId);
                return await visible.ToConnectionAsync(page, TargetRequestView.From, ctx.CancellationToken);
            });

        query.Field<TargetRequestType>("targetRequest")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TargetRequestService>()
                .GetAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }
}
