using Npgsql;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>One outbox row: the envelope type it carries and whether the relay has published it.</summary>
public sealed record OutboxRow(string Type, bool Published);

/// <summary>
/// Read-only look into the models service's database, for what GraphQL does not show: the outbox and
/// the aggregate version. All SQL the tests use is here; the names are those of NocodeAI.Messaging's
/// <c>AddMessagingTables</c> (outbox_messages: type, envelope jsonb, created_at, published_at) and of
/// the models service's <c>ModelRequestConfiguration</c> (model_requests: id, version).
/// </summary>
public static class ModelsDatabase
{
    public const string Name = "models";

    private const string OutboxRowsSql = """
        SELECT type, published_at IS NOT NULL
        FROM outbox_messages
        WHERE envelope ->> 'aggregateId' = @aggregateId
        ORDER BY created_at, id
        """;

    private const string VersionSql = "SELECT version FROM model_requests WHERE id = @id";

    /// <summary>Every outbox row written for one aggregate (a model request id), oldest first.</summary>
    public static async Task<IReadOnlyList<OutboxRow>> OutboxRowsAsync(string aggregateId)
    {
        await using var connection = new NpgsqlConnection(NocodeSystem.ConnectionString(Name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(OutboxRowsSql, connection);
        command.Parameters.AddWithValue("aggregateId", aggregateId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(reader.GetString(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    /// <summary>The aggregate version (bumped once per applied change), or null when the row does not exist.</summary>
    public static async Task<long?> VersionAsync(string modelRequestId)
    {
        await using var connection = new NpgsqlConnection(NocodeSystem.ConnectionString(Name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(VersionSql, connection);
        command.Parameters.AddWithValue("id", Guid.Parse(modelRequestId));
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static string Describe(IEnumerable<OutboxRow> rows) =>
        string.Join(", ", rows.Select(r => $"{r.Type}{(r.Published ? "" : " (unpublished)")}"));
}
