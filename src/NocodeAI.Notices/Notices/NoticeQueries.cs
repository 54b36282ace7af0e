using GraphQL.Types.Relay;
using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Paging;

namespace NocodeAI.Notices.Notices;

public static class NoticeQueries
{
    public static void AddNoticeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<NoticeType>>>("notices")
            .Description("Your notices, newest first.")
            .Argument<BooleanGraphType>("unreadOnly", "Only notices not yet marked read.")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var mine = Service(ctx).Mine(ctx.GetCaller(), ctx.GetArgument<bool?>("unreadOnly") ?? false);
                return await mine.ToConnectionAsync(page, NoticeView.From, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<IntGraphType>>("unreadNoticeCount")
            .Description("How many of your notices are unread.")
            .ResolveAsync(async ctx => await Service(ctx).UnreadCountAsync(ctx.GetCaller(), ctx.CancellationToken));
    }

    private static NoticeService Service(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<NoticeService>();
}
