namespace NocodeAI.Modeling;

/// <summary>
/// Rows held by column, the way ML.NET reads them: one array per feature, no per-row objects. Column arrays
/// are shared, never changed, so a view with one column shuffled (permutation importance) costs one array.
/// </summary>
internal sealed class ColumnarData
{
    public ColumnarData(IReadOnlyList<DatasetColumn> features, long[] ids, float[]?[] numbers, string[]?[] categories, bool[]? labels)
    {
        Features = features;
        Ids = ids;
        Numbers = numbers;
        Categories = categories;
        Labels = labels;
    }

    public IReadOnlyList<DatasetColumn> Features { get; }

    public long[] Ids { get; }

    public float[]?[] Numbers { get; }

    public string[]?[] Categories { get; }

    public bool[]? Labels { get; }

    public int Count => Ids.Length;

    public static ColumnarData FromBatch(WarehouseBatch batch)
    {
        var numbers = new float[]?[batch.Columns.Count];
        var categories = new string[]?[batch.Columns.Count];
        for (var i = 0; i < batch.Columns.Count; i++)
        {
            if (batch.Columns[i].Type == ColumnType.CATEGORICAL)
            {
                categories[i] = batch.Categories(i);
            }
            else
            {
                numbers[i] = batch.Numbers(i);
            }
        }

        return new ColumnarData(batch.Columns, batch.CustomerIds, numbers, categories, batch.Labels);
    }

    public IDataView AsDataView() => new ColumnarDataView(this);

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public ColumnarData Take(int count)
    {
        if (count >= Count)
        {
            return this;
        }

        return new ColumnarData(
            Features,
            Ids[..count],
            Numbers.Select(n => n?[..count]).ToArray(),
            Categories.Select(c => c?[..count]).ToArray(),
            Labels?[..count]);
    }

    /// <summary>The same rows with column <paramref name="column"/>'s values shuffled.</summary>
    public ColumnarData WithShuffledColumn(int column, Random random)
    {
        var numbers = (float[]?[])Numbers.Clone();
        var categories = (string[]?[])Categories.Clone();
        if (numbers[column] is { } values)
        {
            numbers[column] = Shuffled(values, random);
        }
        else
        {
            categories[column] = Shuffled(categories[column]!, random);
        }

        return new ColumnarData(Features, Ids, numbers, categories, Labels);
    }

    private static T[] Shuffled<T>(T[] values, Random random)
    {
        var copy = (T[])values.Clone();
        random.Shuffle(copy);
        return copy;
    }

    /// <summary>Collects rows from batches into growing columns; categories are interned so repeated values share one string.</summary>
    internal sealed class Builder(IReadOnlyList<DatasetColumn> features, bool withLabels)
    {
        private const int MaxInternedPerColumn = 10_000;

        private readonly List<long> _ids = [];
        private readonly List<float>?[] _numbers = features.Select(f => f.Type == ColumnType.CATEGORICAL ? null : new List<float>()).ToArray();
        private readonly List<string>?[] _categories = features.Select(f => f.Type == ColumnType.CATEGORICAL ? new List<string>() : null).ToArray();
        private readonly Dictionary<string, string>?[] _interned = features.Select(f => f.Type == ColumnType.CATEGORICAL ? new Dictionary<string, string>(StringComparer.Ordinal) : null).ToArray();
        private readonly List<bool>? _labels = withLabels ? [] : null;

        public int Count => _ids.Count;

        public int Positives { get; private set; }

        public void Add(WarehouseBatch batch, int row)
        {
            _ids.Add(batch.CustomerIds[row]);
            for (var i = 0; i < features.Count; i++)
            {
                if (_numbers[i] is { } numbers)
                {
                    numbers.Add(batch.Numbers(i)[row]);
                }
                else
                {
                    _categories[i]!.Add(Intern(i, batch.Categories(i)[row]));
                }
            }

            if (_labels is not null)
            {
                var label = batch.Labels![row];
                _labels.Add(label);
                Positives += label ? 1 : 0;
            }
        }

        public ColumnarData Build() =>
            new(features, [.. _ids], _numbers.Select(n => n?.ToArray()).ToArray(), _categories.Select(c => c?.ToArray()).ToArray(), _labels?.ToArray());

        private string Intern(int column, string value)
        {
            var interned = _interned[column]!;
            if (interned.TryGetValue(value, out var shared))
            {
                return shared;
            }

            if (interned.Count < MaxInternedPerColumn)
            {
                interned[value] = value;
            }

            return value;
        }
    }
}
