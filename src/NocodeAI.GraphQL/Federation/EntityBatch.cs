using GraphQL.DataLoader;
using NocodeAI.GraphQL.Identity;

namespace NocodeAI.GraphQL.Federation;

/// <summary>
/// Loads the entities one <c>_entities</c> call (or one list's references) asks for with one query instead
/// of one per representation. Every reference resolver of a request returns a pending result; graphql-dotnet
/// resolves pending results after the level's resolvers ran, so the first result to be read loads every
/// key collected so far in one batch, and the others read from it. One loader per request and name,
/// kept in the request's user context (requests never share one). Resolvers of one request run one at a
/// time here (serial execution), so no locking is needed.
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
        if (bag.TryGetValue(name, out var existing) && existing is EntityBatch<TKey, TValue> batch)
        {
            return batch;
        }

        batch = new EntityBatch<TKey, TValue>(load);
        bag[name] = batch;
        return batch;
    }
}

/// <summary>One request's batch of one entity type (see <see cref="EntityBatch"/>).</summary>
public sealed class EntityBatch<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load)
    where TKey : notnull
    where TValue : class
{
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue> _loaded = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!_loaded.ContainsKey(key))
        {
            _pending.Add(key);
        }

        return new Pending(this, key);
    }

    private async Task<TValue?> ResultAsync(TKey key, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            var keys = _pending.ToList();
            _pending.Clear();
            foreach (var (found, value) in await load(keys, cancellationToken))
            {
                _loaded[found] = value;
            }
        }

        return _loaded.GetValueOrDefault(key);
    }

    private sealed class Pending(EntityBatch<TKey, TValue> batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => batch.ResultAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
