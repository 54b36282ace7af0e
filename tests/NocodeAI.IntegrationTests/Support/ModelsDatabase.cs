using Npgsql;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>
/// Read-only look into the models service's database, for what GraphQL does not show: the outbox (read
/// as <see cref="ServiceOutbox"/> reads every service's) and the aggregate version (the models service's
/// <c>ModelRequestConfiguration</c>, model_requests: id, version).
/// </summary>
public static class ModelsDatabase
{
    public const string Name = "models";

    private const string VersionSql = "SELECT version FROM model_requests WHERE id = @id";

    /// <summary>Every outbox row written for one aggregate (a model request id), oldest first.</summary>
    public static Task<IReadOnlyList<OutboxRow>> OutboxRowsAsync(string aggregateId) => ServiceOutbox.RowsAsync(Name, aggregateId);

    /// <summary>The aggregate version (bumped once per applied change), or null when the row does not exist.</summary>
    public static async Task<long?> VersionAsync(string modelRequestId)
    {
        await using var connection = new NpgsqlConnection(NocodeSystem.ConnectionString(Name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(VersionSql, connection);
        command.Parameters.AddWithValue("id", Guid.Parse(modelRequestId));
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static string Describe(IEnumerable<OutboxRow> rows) => ServiceOutbox.Describe(rows);
}
