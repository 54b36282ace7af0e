using GraphQL.Types.Relay;
using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Paging;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.MyRequests;

public static class MyRequestQueries
{
    public static void AddMyRequestQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<MyRequestType>>>("myRequests")
            .Description("Model and target requests, newest change first, from the read model. A USER sees their own; APPROVER and ADMIN see all.")
            .Argument<EnumerationGraphType<SubjectType>>("kind")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var visible = ctx.RequestServices!.GetRequiredService<MyRequestService>()
                    .Visible(ctx.GetCaller(), ctx.GetArgument<SubjectType?>("kind"));
                return await visible.ToConnectionAsync(page, r => r, ctx.CancellationToken);
            });
}
