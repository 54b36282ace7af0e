using NocodeAI.Targets.TargetMembers;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets;

/// <summary>The targets subgraph: each feature folder adds its fields to the root types.</summary>
public sealed class TargetsSchema : Schema
{
    public TargetsSchema(IServiceProvider services)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.AddTargetRequestQueries();
        query.AddTargetMemberQueries();
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.AddTargetRequestMutations();
        Mutation = mutation;

        var subscription = new ObjectGraphType { Name = "Subscription" };
        subscription.AddTargetRequestSubscriptions();
        Subscription = subscription;
    }
}
