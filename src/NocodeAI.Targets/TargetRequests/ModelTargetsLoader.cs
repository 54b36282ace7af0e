using GraphQL.DataLoader;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// Batches <c>ModelRequest.targets</c> within one request: every field returns a deferred result, and the
/// first one awaited loads the target requests of all model ids collected so far in one query (the
/// execution strategy awaits deferred results only after the other fields of the level ran).
/// </summary>
public sealed class ModelTargetsLoader(TargetRequestService service)
{
    private readonly HashSet<Guid> _pending = [];
    private readonly Dictionary<Guid, IReadOnlyList<TargetRequestView>> _loaded = [];

    public IDataLoaderResult<IReadOnlyList<TargetRequestView>> Load(Caller caller, Guid modelRequestId)
    {
        if (!_loaded.ContainsKey(modelRequestId))
        {
            _pending.Add(modelRequestId);
        }

        return new Deferred(this, caller, modelRequestId);
    }

    private async Task<IReadOnlyList<TargetRequestView>> GetAsync(Caller caller, Guid modelRequestId, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            var ids = _pending.ToList();
            _pending.Clear();
            var found = await service.ByModelsAsync(caller, ids, cancellationToken);
            foreach (var id in ids)
            {
                _loaded[id] = found[id].ToList();
            }
        }

        return _loaded.TryGetValue(modelRequestId, out var targets) ? targets : [];
    }

    private sealed class Deferred(ModelTargetsLoader loader, Caller caller, Guid modelRequestId) : IDataLoaderResult<IReadOnlyList<TargetRequestView>>
    {
        public Task<IReadOnlyList<TargetRequestView>> GetResultAsync(CancellationToken cancellationToken = default) =>
            loader.GetAsync(caller, modelRequestId, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
