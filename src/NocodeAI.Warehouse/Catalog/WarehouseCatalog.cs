namespace NocodeAI.Warehouse;

/// <summary>Reads the catalogue tables on every call; callers that ask often (the request form) cache it.</summary>
public sealed class WarehouseCatalog(WarehouseConnectionFactory connections) : IWarehouseCatalog
{
    private const string DatasetsSql = "SELECT name, description, source_table, row_count FROM catalog_datasets ORDER BY name";
    private const string ColumnsSql = "SELECT dataset, name, type, is_label FROM catalog_columns ORDER BY dataset, ordinal, name";

    public async Task<IReadOnlyList<Dataset>> GetDatasetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);

        var datasets = new List<(string Name, string Description, string SourceTable, long RowCount)>();
        await using (var command = Command(connection, DatasetsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                datasets.Add((reader.GetString(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), reader.GetString(2),
                    Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }

        var columns = new Dictionary<string, List<(string Name, ColumnType Type, bool IsLabel)>>();
        await using (var command = Command(connection, ColumnsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var dataset = reader.GetString(0);
                var name = reader.GetString(1);
                var type = Enum.TryParse<ColumnType>(reader.GetString(2), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new InvalidDataException($"catalog_columns: {dataset}.{name} has unknown type '{reader.GetString(2)}'.");
                if (!columns.TryGetValue(dataset, out var list))
                {
                    columns[dataset] = list = [];
                }

                list.Add((name, type, reader.GetBoolean(3)));
            }
        }

        return datasets
            .Where(d => SqlIdentifier.IsValid(d.SourceTable))
            .Select(d =>
            {
                var all = columns.GetValueOrDefault(d.Name) ?? [];
                var usable = all.Where(c => SqlIdentifier.IsValid(c.Name)).ToList();
                return new Dataset(
                    d.Name,
                    d.Description,
                    d.RowCount,
                    usable.Where(c => !c.IsLabel).Select(c => new DatasetColumn(c.Name, c.Type)).ToList(),
                    usable.Where(c => c.IsLabel).Select(c => c.Name).ToList())
                {
                    SourceTable = d.SourceTable,
                };
            })
            .ToList();
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
