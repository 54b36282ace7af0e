namespace NocodeAI.Warehouse;

/// <summary>
/// Streams a dataset's rows in keyset pages ordered by customer_id, so memory stays bounded by one page
/// whatever the table size. Every column name is checked against the catalogue before it reaches SQL.
/// </summary>
public sealed class WarehouseReader(WarehouseConnectionFactory connections, IWarehouseCatalog catalog, int defaultBatchSize = 5000)
{
    private const string KeyColumn = "customer_id";

    /// <summary>Rows in the dataset's table (every customer, whatever their labels).</summary>
    public async Task<long> CountAsync(string datasetName, CancellationToken cancellationToken = default)
    {
        var dataset = await DatasetAsync(datasetName, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {SqlIdentifier.Quote(dataset.SourceTable)}";
        var count = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture);
    }

    /// <summary>Training rows: the features and, when given, the label (rows with a missing label are skipped).</summary>
    public async IAsyncEnumerable<WarehouseBatch> ReadAsync(
        string datasetName,
        IReadOnlyList<string> featureColumns,
        string? labelColumn,
        int? batchSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = await DatasetAsync(datasetName, cancellationToken);
        var features = ResolveFeatures(dataset, featureColumns);
        if (labelColumn is not null && !dataset.Labels.Contains(labelColumn))
        {
            throw new ArgumentException($"'{labelColumn}' is not a label of {dataset.Name}; its labels: {string.Join(", ", dataset.Labels)}.", nameof(labelColumn));
        }

        var size = batchSize ?? defaultBatchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(batchSize));

        var selected = new List<string> { KeyColumn };
        selected.AddRange(features.Select(f => f.Name));
        if (labelColumn is not null)
        {
            selected.Add(labelColumn);
        }

        var sql = $"SELECT {string.Join(", ", selected.Select(SqlIdentifier.Quote))} FROM {SqlIdentifier.Quote(dataset.SourceTable)} " +
            $"WHERE {SqlIdentifier.Quote(KeyColumn)} > @after" +
            (labelColumn is null ? string.Empty : $" AND {SqlIdentifier.Quote(labelColumn)} IS NOT NULL") +
            $" ORDER BY {SqlIdentifier.Quote(KeyColumn)} LIMIT {size.ToString(CultureInfo.InvariantCulture)}";

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var after = command.CreateParameter();
        after.ParameterName = "after";
        after.DbType = System.Data.DbType.Int64;
        after.Value = long.MinValue;
        command.Parameters.Add(after);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await ReadPageAsync(command, features, labelColumn is not null, size, cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            after.Value = batch.CustomerIds[^1];
            yield return batch;
            if (batch.Count < size)
            {
                yield break;
            }
        }
    }

    /// <summary>The scoring population: every customer of the dataset's table, features only.</summary>
    public IAsyncEnumerable<WarehouseBatch> ReadPopulationAsync(
        string datasetName,
        IReadOnlyList<string> featureColumns,
        int? batchSize = null,
        CancellationToken cancellationToken = default) =>
        ReadAsync(datasetName, featureColumns, labelColumn: null, batchSize, cancellationToken);

    private async Task<Dataset> DatasetAsync(string datasetName, CancellationToken cancellationToken) =>
        await catalog.FindDatasetAsync(datasetName, cancellationToken)
        ?? throw new ArgumentException($"The warehouse catalogue has no dataset '{datasetName}'.", nameof(datasetName));

    private static List<DatasetColumn> ResolveFeatures(Dataset dataset, IReadOnlyList<string> featureColumns)
    {
        ArgumentNullException.ThrowIfNull(featureColumns);
        if (featureColumns.Count == 0)
        {
            throw new ArgumentException("At least one feature column is needed.", nameof(featureColumns));
        }

        var unknown = featureColumns.Where(f => dataset.FindColumn(f) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"{dataset.Name} has no feature column {string.Join(", ", unknown.Select(u => $"'{u}'"))}.", nameof(featureColumns));
        }

        if (featureColumns.Distinct().Count() != featureColumns.Count)
        {
            throw new ArgumentException("A feature column is listed twice.", nameof(featureColumns));
        }

        return featureColumns.Select(f => dataset.FindColumn(f)!).ToList();
    }

    private static async Task<WarehouseBatch> ReadPageAsync(DbCommand command, List<DatasetColumn> features, bool withLabel, int size, CancellationToken cancellationToken)
    {
        var ids = new List<long>(size);
        var numbers = features.Select(f => f.Type == ColumnType.CATEGORICAL ? null : new List<float>(size)).ToArray();
        var categories = features.Select(f => f.Type == ColumnType.CATEGORICAL ? new List<string>(size) : null).ToArray();
        var labels = withLabel ? new List<bool>(size) : null;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
            for (var i = 0; i < features.Count; i++)
            {
                var ordinal = i + 1;
                switch (features[i].Type)
                {
                    case ColumnType.CATEGORICAL:
                        categories[i]!.Add(reader.IsDBNull(ordinal) ? string.Empty : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? string.Empty);
                        break;
                    case ColumnType.BOOLEAN:
                        numbers[i]!.Add(reader.IsDBNull(ordinal) ? float.NaN : reader.GetBoolean(ordinal) ? 1f : 0f);
                        break;
                    default:
                        numbers[i]!.Add(reader.IsDBNull(ordinal) ? float.NaN : ReadNumber(reader, ordinal));
                        break;
                }
            }

            labels?.Add(reader.GetBoolean(features.Count + 1));
        }

        return new WarehouseBatch(
            features,
            [.. ids],
            numbers.Select(n => n?.ToArray()).ToArray(),
            categories.Select(c => c?.ToArray()).ToArray(),
            labels?.ToArray());
    }

    private static float ReadNumber(DbDataReader reader, int ordinal) =>
        Type.GetTypeCode(reader.GetFieldType(ordinal)) switch
        {
            TypeCode.Double => (float)reader.GetDouble(ordinal),
            TypeCode.Single => reader.GetFloat(ordinal),
            TypeCode.Int32 => reader.GetInt32(ordinal),
            TypeCode.Int64 => reader.GetInt64(ordinal),
            TypeCode.Int16 => reader.GetInt16(ordinal),
            TypeCode.Decimal => (float)reader.GetDecimal(ordinal),
            TypeCode.Boolean => reader.GetBoolean(ordinal) ? 1f : 0f,
            _ => Convert.ToSingle(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
        };
}
