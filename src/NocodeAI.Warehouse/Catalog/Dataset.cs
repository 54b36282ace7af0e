namespace NocodeAI.Warehouse;

/// <summary>How a column feeds a model: a number, one of a few categories, or a yes/no flag.</summary>
public enum ColumnType
{
    NUMERIC,
    CATEGORICAL,
    BOOLEAN,
}

public sealed record DatasetColumn(string Name, ColumnType Type);

/// <summary>
/// A dataset of the warehouse catalogue. <see cref="Columns"/> are the columns usable as features (labels
/// and the customer_id key excluded), in catalogue order; <see cref="Labels"/> are the columns that can be predicted.
/// </summary>
public sealed record Dataset(string Name, string Description, long RowCount, IReadOnlyList<DatasetColumn> Columns, IReadOnlyList<string> Labels)
{
    /// <summary>The warehouse table holding the rows (one row per customer, keyed by customer_id).</summary>
    internal string SourceTable { get; init; } = Name;

    public DatasetColumn? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
