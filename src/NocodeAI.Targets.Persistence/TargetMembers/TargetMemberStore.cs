using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NocodeAI.Targets.Infrastructure;
using NocodeAI.Targets.TargetRequests;
using Npgsql;
using NpgsqlTypes;

namespace NocodeAI.Targets.TargetMembers;

/// <summary>
/// How the extraction worker stores and reads a request's members, over the context's own model: it
/// reads a request's state (to leave a cancelled request alone) and replaces its list in one
/// transaction (delete, then binary COPY), so a redelivered job never duplicates members. Table and
/// column names come from <see cref="TargetsDbContext"/>'s mapping, never from a second copy.
/// </summary>
public sealed class TargetMemberStore(TargetsDbContext db)
{
    /// <summary>The request's state as the targets service stored it, or null when it does not exist.</summary>
    public Task<TargetState?> StateAsync(Guid targetRequestId, CancellationToken cancellationToken) =>
        db.TargetRequests.AsNoTracking()
            .Where(r => r.Id == targetRequestId)
            .Select(r => (TargetState?)r.State)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Replaces the request's list with <paramref name="highestFirst"/> (rank 1 first). Returns false, writing
    /// nothing, when the request is no longer waiting for its list (cancelled meanwhile). The request row is
    /// locked for the write, so a cancel commits either before (nothing written) or after (it drops the list).
    /// </summary>
    public async Task<bool> ReplaceAsync(Guid targetRequestId, IEnumerable<(long CustomerId, float Score)> highestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(highestFirst);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var state = await LockedStateAsync(targetRequestId, cancellationToken);
        if (state is not (TargetState.APPROVED or TargetState.EXTRACTING))
        {
            return false;
        }

        await db.TargetMembers.Where(m => m.TargetRequestId == targetRequestId).ExecuteDeleteAsync(cancellationToken);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var writer = await connection.BeginBinaryImportAsync(CopyMembersCommand(), cancellationToken))
        {
            var rank = 0;
            foreach (var (customerId, score) in highestFirst)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(targetRequestId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(++rank, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(customerId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(score, NpgsqlDbType.Real, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The list in rank order, in pages, for the dispatch.</summary>
    public async IAsyncEnumerable<IReadOnlyList<long>> ReadCustomerIdsAsync(Guid targetRequestId, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var page = await db.TargetMembers.AsNoTracking()
                .Where(m => m.TargetRequestId == targetRequestId && m.Rank > after)
                .OrderBy(m => m.Rank)
                .Take(pageSize)
                .Select(m => new { m.Rank, m.CustomerId })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            after = page[^1].Rank;
            yield return page.ConvertAll(m => m.CustomerId);
            if (page.Count < pageSize)
            {
                yield break;
            }
        }
    }

    // EF has no row-lock operator, so this one statement is SQL, with the names taken from the model.
    private async Task<TargetState?> LockedStateAsync(Guid targetRequestId, CancellationToken cancellationToken)
    {
        var requests = Entity<TargetRequest>();
        var sql = $"SELECT {Column(requests, nameof(TargetRequest.State))} AS \"Value\" FROM {requests.GetTableName()} " +
                  $"WHERE {Column(requests, nameof(TargetRequest.Id))} = {{0}} FOR UPDATE";
        var states = await db.Database.SqlQueryRaw<string>(sql, targetRequestId).ToListAsync(cancellationToken);
        return states is [var state] ? Enum.Parse<TargetState>(state) : null;
    }

    private string CopyMembersCommand()
    {
        var members = Entity<TargetMember>();
        var columns = new[] { nameof(TargetMember.TargetRequestId), nameof(TargetMember.Rank), nameof(TargetMember.CustomerId), nameof(TargetMember.Score) }
            .Select(p => Column(members, p));
        return $"COPY {members.GetTableName()} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
    }

    private IEntityType Entity<T>() =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped by {nameof(TargetsDbContext)}.");

    private static string Column(IEntityType entity, string property) =>
        entity.FindProperty(property)?.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))
        ?? throw new InvalidOperationException($"{entity.DisplayName()}.{property} has no column.");
}
