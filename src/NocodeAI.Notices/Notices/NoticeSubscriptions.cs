using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Notices.Notices;

public static class NoticeSubscriptions
{
    public static void AddNoticeSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<NoticeType>>("noticeReceived")
            .Description("Every new notice for you, as soon as it is stored.")
            .ResolveStream(ctx =>
            {
                var caller = ctx.RequireCaller();
                return ctx.RequestServices!.GetRequiredService<IChangeFeed>()
                    .Watch<NoticeView>(NoticeView.Topic)
                    .Where(n => string.Equals(n.Recipient, caller.UserName, StringComparison.Ordinal))
                    .Select(n => (object?)n);
            });
}
