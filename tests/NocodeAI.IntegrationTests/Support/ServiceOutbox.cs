using System.Diagnostics;
using Npgsql;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>One outbox row: the envelope type it carries and whether the relay has published it.</summary>
public sealed record OutboxRow(string Type, bool Published);

/// <summary>
/// Read-only look into a service's transactional outbox (NocodeAI.Messaging's <c>outbox_messages</c>:
/// type, envelope jsonb, created_at, published_at), for the services that have one (models, targets).
/// </summary>
public static class ServiceOutbox
{
    private const string RowsSql = """
        SELECT type, published_at IS NOT NULL
        FROM outbox_messages
        WHERE envelope ->> 'aggregateId' = @aggregateId
        ORDER BY created_at, id
        """;

    /// <summary>Every outbox row <paramref name="database"/> wrote for one aggregate, oldest first.</summary>
    public static async Task<IReadOnlyList<OutboxRow>> RowsAsync(string database, string aggregateId)
    {
        await using var connection = new NpgsqlConnection(NocodeSystem.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(RowsSql, connection);
        command.Parameters.AddWithValue("aggregateId", aggregateId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(reader.GetString(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    /// <summary>
    /// Waits until the relay has published every outbox row of the aggregate, so what it enqueued (a job, an
    /// event) is stored in JetStream; fails with the unpublished rows after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitUntilPublishedAsync(string database, string aggregateId, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var rows = await RowsAsync(database, aggregateId);
            if (rows.All(r => r.Published))
            {
                return;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException(
                    $"The {database} outbox rows of {aggregateId} were not all published within {timeout.TotalSeconds:0} s: {Describe(rows)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public static string Describe(IEnumerable<OutboxRow> rows) =>
        string.Join(", ", rows.Select(r => $"{r.Type}{(r.Published ? "" : " (unpublished)")}"));
}
