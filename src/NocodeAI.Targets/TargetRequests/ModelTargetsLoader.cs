using GraphQL.DataLoader;
using NocodeAI.GraphQL.Federation;
using NocodeAI.GraphQL.Identity;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// <c>ModelRequest.targets</c> for every model request of a response in one query, through the request's
/// <see cref="EntityBatch"/> (the caller is the same for the whole request, so it scopes the batch).
/// </summary>
public sealed class ModelTargetsLoader(TargetRequestService service)
{
    public IDataLoaderResult<IReadOnlyList<TargetRequestView>?> Load(IResolveFieldContext context, Guid modelRequestId)
    {
        var caller = context.GetCaller();
        return EntityBatch.For<Guid, IReadOnlyList<TargetRequestView>>(context, "targets.ModelRequest.targets", async (ids, ct) =>
            {
                var found = await service.ByModelsAsync(caller, ids, ct);
                return ids.ToDictionary(id => id, id => (IReadOnlyList<TargetRequestView>)found[id].ToList());
            })
            .Load(modelRequestId);
    }
}
