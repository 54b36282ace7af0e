using NocodeAI.Notices.MyRequests;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices;

/// <summary>The notices subgraph: notices and the myRequests read model.</summary>
public sealed class NoticesSchema : Schema
{
    public NoticesSchema(IServiceProvider services)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.AddNoticeQueries();
        query.AddMyRequestQueries();
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.AddNoticeMutations();
        Mutation = mutation;

        var subscription = new ObjectGraphType { Name = "Subscription" };
        subscription.AddNoticeSubscriptions();
        Subscription = subscription;
    }
}
