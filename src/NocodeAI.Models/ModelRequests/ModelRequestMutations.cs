using NocodeAI.GraphQL.Identity;

namespace NocodeAI.Models.ModelRequests;

public static class ModelRequestMutations
{
    public static void AddModelRequestMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ModelRequestType>>("requestModel")
            .Description("Ask for a model; it waits for an approver (REQUESTED).")
            .Argument<NonNullGraphType<RequestModelInputType>>("input")
            .ResolveAsync(async ctx => await Service(ctx).RequestAsync(ctx.GetCaller(), ctx.GetArgument<RequestModelInput>("input"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ModelRequestType>>("approveModel")
            .Description("APPROVER: approve a REQUESTED model; it joins the training queue.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Service(ctx).ApproveAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ModelRequestType>>("rejectModel")
            .Description("APPROVER: reject a REQUESTED model with a reason the analyst will read.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async ctx => await Service(ctx).RejectAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.GetArgument<string>("reason"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ModelRequestType>>("cancelModel")
            .Description("Requester or ADMIN: cancel; during training the request is CANCELING until the worker stops.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Service(ctx).CancelAsync(ctx.GetCaller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }

    private static ModelRequestService Service(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ModelRequestService>();
}
