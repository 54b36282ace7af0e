using NocodeAI.Modeling;
using Npgsql;
using NpgsqlTypes;

namespace NocodeAI.Extraction.Storage;

/// <summary>
/// The worker's access to the targets database: it reads a request's state (to stop work on a cancelled
/// request) and owns the rows of target_members (schema: the targets service's migrations). A list is
/// replaced in one transaction (delete, then binary COPY), so a redelivered job never duplicates members.
/// </summary>
public sealed class TargetMemberStore(NpgsqlDataSource dataSource)
{
    /// <summary>The request's state as the targets service stored it, or null when it does not exist.</summary>
    public async Task<TargetState?> StateAsync(Guid targetRequestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT state FROM target_requests WHERE id = $1");
        command.Parameters.AddWithValue(targetRequestId);
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? Enum.Parse<TargetState>(state) : null;
    }

    /// <summary>
    /// Replaces the request's list with <paramref name="highestFirst"/> (rank 1 first). Returns false, writing
    /// nothing, when the request is no longer waiting for its list (cancelled meanwhile). The request row is
    /// locked for the write, so a cancel commits either before (nothing written) or after (it drops the list).
    /// </summary>
    public async Task<bool> ReplaceAsync(Guid targetRequestId, IReadOnlyList<CustomerScore> highestFirst, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var check = new NpgsqlCommand("SELECT state FROM target_requests WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            check.Parameters.AddWithValue(targetRequestId);
            if (await check.ExecuteScalarAsync(cancellationToken) is not string state
                || Enum.Parse<TargetState>(state) is not (TargetState.APPROVED or TargetState.EXTRACTING))
            {
                return false;
            }
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM target_members WHERE target_request_id = $1", connection, transaction))
        {
            delete.Parameters.AddWithValue(targetRequestId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY target_members (target_request_id, rank, customer_id, score) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < highestFirst.Count; i++)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(targetRequestId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(i + 1, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(highestFirst[i].CustomerId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(highestFirst[i].Score, NpgsqlDbType.Real, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The list in rank order, in pages, for the dispatch.</summary>
    public async IAsyncEnumerable<IReadOnlyList<long>> ReadCustomerIdsAsync(Guid targetRequestId, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT rank, customer_id FROM target_members WHERE target_request_id = $1 AND rank > $2 ORDER BY rank LIMIT $3");
            command.Parameters.AddWithValue(targetRequestId);
            command.Parameters.AddWithValue(after);
            command.Parameters.AddWithValue(pageSize);
            var page = new List<long>(pageSize);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    after = reader.GetInt32(0);
                    page.Add(reader.GetInt64(1));
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            if (page.Count < pageSize)
            {
                yield break;
            }
        }
    }
}
