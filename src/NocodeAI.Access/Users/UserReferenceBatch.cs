using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Infrastructure;
using NocodeAI.GraphQL.Federation;

namespace NocodeAI.Access.Users;

/// <summary>
/// The User entities a gateway asks for in one <c>_entities</c> call, loaded with one query through the
/// request's <see cref="EntityBatch"/>; ids that do not parse or do not exist resolve to null.
/// </summary>
public sealed class UserReferenceBatch(IDbContextFactory<AccessDbContext> dbFactory)
{
    public IDataLoaderResult<User?> Load(IResolveFieldContext context, string id) =>
        EntityBatch.For<string, User>(context, "access.User", LoadAsync).Load(id);

    private async Task<IReadOnlyDictionary<string, User>> LoadAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var guids = ids.Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => guids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return ids.Where(id => Guid.TryParse(id, out var guid) && users.ContainsKey(guid)).Distinct().ToDictionary(id => id, id => users[Guid.Parse(id)]);
    }
}
