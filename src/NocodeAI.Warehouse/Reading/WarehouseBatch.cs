namespace NocodeAI.Warehouse;

/// <summary>
/// One keyset page of rows, stored by column. NUMERIC and BOOLEAN columns are numbers (booleans as 0/1,
/// a missing value as NaN); CATEGORICAL columns are strings (a missing value as the empty string).
/// <see cref="Labels"/> is present when a label was read; rows whose label is missing are never returned.
/// </summary>
public sealed class WarehouseBatch
{
    private readonly float[]?[] _numbers;
    private readonly string[]?[] _categories;

    public WarehouseBatch(IReadOnlyList<DatasetColumn> columns, long[] customerIds, float[]?[] numbers, string[]?[] categories, bool[]? labels)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(categories);
        if (numbers.Length != columns.Count || categories.Length != columns.Count)
        {
            throw new ArgumentException("There must be one value array slot per column.", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var length = columns[i].Type == ColumnType.CATEGORICAL ? categories[i]?.Length : numbers[i]?.Length;
            if (length != customerIds.Length)
            {
                throw new ArgumentException($"Column {columns[i].Name} needs {customerIds.Length} values of its type.", nameof(columns));
            }
        }

        if (labels is not null && labels.Length != customerIds.Length)
        {
            throw new ArgumentException($"There must be {customerIds.Length} labels.", nameof(labels));
        }

        Columns = columns;
        CustomerIds = customerIds;
        Labels = labels;
        _numbers = numbers;
        _categories = categories;
    }

    public IReadOnlyList<DatasetColumn> Columns { get; }

    public long[] CustomerIds { get; }

    public bool[]? Labels { get; }

    public int Count => CustomerIds.Length;

    /// <summary>The values of a NUMERIC or BOOLEAN column.</summary>
    public float[] Numbers(int column) =>
        _numbers[column] ?? throw new InvalidOperationException($"{Columns[column].Name} is {Columns[column].Type}, not a number.");

    /// <summary>The values of a CATEGORICAL column.</summary>
    public string[] Categories(int column) =>
        _categories[column] ?? throw new InvalidOperationException($"{Columns[column].Name} is {Columns[column].Type}, not categorical.");
}
