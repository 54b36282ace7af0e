using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Infrastructure;

namespace NocodeAI.Access.Users;

/// <summary>
/// Resolves the User entities a gateway asks for in one <c>_entities</c> call with one query, however
/// many representations it sends (the GraphQL engine collects every pending result before it awaits
/// any). One instance per request; ids that do not parse or do not exist resolve to null.
/// </summary>
public sealed class UserReferenceBatch(IDbContextFactory<AccessDbContext> dbFactory)
{
    private readonly Lock _lock = new();
    private Batch _current = new();

    public IDataLoaderResult<User?> Load(string id)
    {
        if (!Guid.TryParse(id, out var userId))
        {
            return new Resolved(null);
        }

        lock (_lock)
        {
            _current.Ids.Add(userId);
            return new Pending(this, _current, userId);
        }
    }

    private Task<Dictionary<Guid, User>> StartOrJoin(Batch batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (batch.Loading is null)
            {
                batch.Loading = LoadAsync([.. batch.Ids], cancellationToken);
                if (ReferenceEquals(batch, _current))
                {
                    _current = new Batch();
                }
            }

            return batch.Loading;
        }
    }

    private async Task<Dictionary<Guid, User>> LoadAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }

    private sealed class Batch
    {
        public HashSet<Guid> Ids { get; } = [];

        public Task<Dictionary<Guid, User>>? Loading { get; set; }
    }

    private sealed class Pending(UserReferenceBatch owner, Batch batch, Guid id) : IDataLoaderResult<User?>
    {
        public async Task<User?> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await owner.StartOrJoin(batch, cancellationToken)).GetValueOrDefault(id);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private sealed class Resolved(User? user) : IDataLoaderResult<User?>
    {
        public Task<User?> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(user);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(user);
    }
}
