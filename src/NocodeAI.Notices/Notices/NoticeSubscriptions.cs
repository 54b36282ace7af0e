using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Notices.Notices;

public static class NoticeSubscriptions
{
    public static void AddNoticeSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<NoticeType>>("noticeReceived")
            .Description("Every new notice for you, as soon as it is stored.")
            .ResolveStreamAsync(async ctx =>
            {
                var caller = ctx.RequireCaller();
                // Indexed by recipient: a notice reaches its recipient's streams only.
                var notices = await ctx.RequestServices!.GetRequiredService<IChangeFeed>()
                    .WatchAsync<NoticeView>(NoticeView.Topic, n => n.Recipient, caller.UserName);
                return notices.Select(n => (object?)n);
            });
}
