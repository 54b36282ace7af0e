using GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.Paging;
using NocodeAI.Targets.Infrastructure;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.TargetMembers;

public static class TargetMemberQueries
{
    public static void AddTargetMemberQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<TargetMemberType>>>("targetMembers")
            .Description("The customers of a target list, highest score first (empty until EXTRACTED, and after a cancel).")
            .Argument<NonNullGraphType<IdGraphType>>("targetRequestId")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var services = ctx.RequestServices!;
                var page = PageRequest.From(ctx);
                // Refuses requests the caller may not see, as targetRequest does.
                var request = await services.GetRequiredService<TargetRequestService>()
                    .GetAsync(ctx.GetCaller(), ctx.GetArgument<string>("targetRequestId"), ctx.CancellationToken);
                var members = services.GetRequiredService<TargetsDbContext>().TargetMembers.AsNoTracking()
                    .Where(m => m.TargetRequestId == request.Id)
                    .OrderBy(m => m.Rank);
                return await members.ToConnectionAsync(page, m => m, ctx.CancellationToken);
            });
}

public sealed class TargetMemberType : ObjectGraphType<TargetMember>
{
    public TargetMemberType()
    {
        Name = "TargetMember";
        Field<NonNullGraphType<IdGraphType>>("customerId").Resolve(ctx => ctx.Source.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(ctx => (double)ctx.Source.Score);
        Field(x => x.Rank).Description("1 = highest score.");
    }
}
