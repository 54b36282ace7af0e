using GraphQL.DataLoader;

namespace NocodeAI.GraphQL.Federation;

/// <summary>
/// The one batch loader of the subgraphs: the entities one <c>_entities</c> call asks for, or a list field
/// of many parents, load with one query instead of one per key. Every resolver returns a pending result;
/// graphql-dotnet awaits pending results only after the level's resolvers ran, so the first result awaited
/// loads every key collected so far in one batch, and the others share that load. One loader per request
/// and name, kept in the request's user context (requests never share one).
/// </summary>
public static class EntityBatch
{
    /// <summary>The request's loader called <paramref name="name"/>, created with <paramref name="load"/> on first use.</summary>
    public static EntityBatch<TKey, TValue> For<TKey, TValue>(
        IResolveFieldContext context,
        string name,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load)
        where TKey : notnull
        where TValue : class
    {
        var bag = (IDictionary<string, object?>)context.UserContext;
        lock (bag)
        {
            if (bag.TryGetValue(name, out var existing) && existing is EntityBatch<TKey, TValue> batch)
            {
                return batch;
            }

            batch = new EntityBatch<TKey, TValue>(load);
            bag[name] = batch;
            return batch;
        }
    }
}

/// <summary>One request's batch of one kind of entity (see <see cref="EntityBatch"/>).</summary>
public sealed class EntityBatch<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load)
    where TKey : notnull
    where TValue : class
{
    private readonly Lock _lock = new();
    private readonly HashSet<TKey> _pending = [];

    // Each key's load: keys of one batch share a task, so results awaited concurrently (parallel
    // execution) wait for it instead of finding nothing loaded yet.
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _loads = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_lock)
        {
            if (!_loads.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }

        return new Pending(this, key);
    }

    private async Task<TValue?> ResultAsync(TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TValue>> loading;
        lock (_lock)
        {
            if (_pending.Count > 0)
            {
                var keys = _pending.ToList();
                _pending.Clear();
                var batch = load(keys, cancellationToken);
                foreach (var pendingKey in keys)
                {
                    _loads[pendingKey] = batch;
                }
            }

            loading = _loads[key];
        }

        return (await loading).GetValueOrDefault(key);
    }

    private sealed class Pending(EntityBatch<TKey, TValue> batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => batch.ResultAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
