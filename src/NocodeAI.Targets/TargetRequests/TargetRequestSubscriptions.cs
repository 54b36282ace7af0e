using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Targets.TargetRequests;

public static class TargetRequestSubscriptions
{
    public static void AddTargetRequestSubscriptions(this ObjectGraphType subscription) =>
        subscription.AddChangeSubscription<TargetRequestType, TargetRequestView>(
            "targetRequestChanged",
            "Every change of one target request (id) or of all requests you may see (no id).",
            TargetRequestView.Topic,
            view => view.Id,
            view => view.Version,
            (services, caller, id, cancellationToken) => services.GetRequiredService<TargetRequestService>().GetAsync(caller, id, cancellationToken),
            (caller, view) => caller.CanSee(view.RequestedBy));
}
