using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Models.ModelRequests;

public static class ModelRequestSubscriptions
{
    public static void AddModelRequestSubscriptions(this ObjectGraphType subscription) =>
        subscription.AddChangeSubscription<ModelRequestType, ModelRequestView>(
            "modelRequestChanged",
            "Every change of one model request (id) or of all requests you may see (no id).",
            ModelRequestView.Topic,
            view => view.Id,
            view => view.Version,
            (services, caller, id, cancellationToken) => services.GetRequiredService<ModelRequestService>().GetAsync(caller, id, cancellationToken),
            (caller, view) => caller.CanSee(view.RequestedBy));
}
