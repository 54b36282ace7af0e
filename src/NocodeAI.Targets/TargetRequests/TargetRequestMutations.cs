using NocodeAI.GraphQL.Identity;

namespace NocodeAI.Targets.TargetRequests;

public static class TargetRequestMutations
{
    public static void AddTargetRequestMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<TargetRequestType>>("requestTargetExtraction")
            .Description("Ask for a target extraction with a COMPLETED model; it waits for an approver (REQUESTED).")
            .Argument<NonNullGraphType<RequestTargetInputType>>("input")
            .ResolveAsync(async ctx => await Service(ctx).RequestAsync(ctx.GetCaller(), ctx.GetArgument<RequestTargetInput>("input"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<TargetRequestType>>("approveTarget")
            .Description("APPROVER: approve a REQUESTED extraction; the worker scores the customers, then MIDAS sends the LMS.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Service(ctx).ApproveAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<TargetRequestType>>("rejectTarget")
            .Description("APPROVER: reject a REQUESTED extraction with a reason the analyst will read.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async ctx => await Service(ctx).RejectAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.GetArgument<string>("reason"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<TargetRequestType>>("cancelTarget")
            .Description("Requester or ADMIN: cancel until dispatch starts; the target list is dropped.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Service(ctx).CancelAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }

    private static TargetRequestService Service(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<TargetRequestService>();
}
