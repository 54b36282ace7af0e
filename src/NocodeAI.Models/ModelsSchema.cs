using NocodeAI.Models.Datasets;
using NocodeAI.Models.ModelRequests;

namespace NocodeAI.Models;

/// <summary>The models subgraph: each feature folder adds its fields to the root types.</summary>
public sealed class ModelsSchema : Schema
{
    public ModelsSchema(IServiceProvider services)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.AddModelRequestQueries();
        query.AddDatasetQueries();
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.AddModelRequestMutations();
        Mutation = mutation;

        var subscription = new ObjectGraphType { Name = "Subscription" };
        subscription.AddModelRequestSubscriptions();
        Subscription = subscription;
    }
}
