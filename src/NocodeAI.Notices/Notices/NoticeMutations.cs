using NocodeAI.GraphQL.Identity;

namespace NocodeAI.Notices.Notices;

public static class NoticeMutations
{
    public static void AddNoticeMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<IntGraphType>>("markNoticesRead")
            .Description("Marks your notices read (all of them when ids is null) and answers how many were unread. " +
                "Ids that are unknown, already read or not yours are skipped, not counted, and not an error.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("ids")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<NoticeService>()
                .MarkReadAsync(ctx.GetCaller(), ctx.GetArgument<List<string>?>("ids"), ctx.CancellationToken));
}
