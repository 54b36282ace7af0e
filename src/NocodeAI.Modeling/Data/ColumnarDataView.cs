namespace NocodeAI.Modeling;

/// <summary>
/// <see cref="ColumnarData"/> as an ML.NET <see cref="IDataView"/>: column <see cref="IdColumn"/> (Int64), one
/// column per feature under its own name (Single for NUMERIC and BOOLEAN, Text for CATEGORICAL), and
/// <see cref="LabelColumn"/> (Boolean) when the data has labels. Feature names are lower-case identifiers,
/// so they never collide with these or with ML.NET's own Features/Score/Probability columns.
/// </summary>
internal sealed class ColumnarDataView : IDataView
{
    public const string IdColumn = "CustomerId";
    public const string LabelColumn = "Label";

    private readonly ColumnarData _data;

    public ColumnarDataView(ColumnarData data)
    {
        _data = data;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(IdColumn, NumberDataViewType.Int64);
        foreach (var feature in data.Features)
        {
            builder.AddColumn(feature.Name, feature.Type == ColumnType.CATEGORICAL ? TextDataViewType.Instance : NumberDataViewType.Single);
        }

        if (data.Labels is not null)
        {
            builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        }

        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _data.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [new Cursor(this, columnsNeeded)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ColumnarDataView _parent;
        private readonly bool[] _active;
        private int _row = -1;

        public Cursor(ColumnarDataView parent, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _parent = parent;
            _active = new bool[parent.Schema.Count];
            foreach (var column in columnsNeeded)
            {
                _active[column.Index] = true;
            }
        }

        public override long Position => _row;

        public override long Batch => 0;

        public override DataViewSchema Schema => _parent.Schema;

        public override bool MoveNext()
        {
            if (_row < _parent._data.Count)
            {
                _row++;
            }

            return _row < _parent._data.Count;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_row, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var data = _parent._data;
            Delegate getter;
            if (column.Index == 0)
            {
                var ids = data.Ids;
                getter = (ValueGetter<long>)((ref long value) => value = ids[_row]);
            }
            else if (column.Index <= data.Features.Count)
            {
                var feature = column.Index - 1;
                if (data.Numbers[feature] is { } numbers)
                {
                    getter = (ValueGetter<float>)((ref float value) => value = numbers[_row]);
                }
                else
                {
                    var categories = data.Categories[feature]!;
                    getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = categories[_row].AsMemory());
                }
            }
            else
            {
                var labels = data.Labels!;
                getter = (ValueGetter<bool>)((ref bool value) => value = labels[_row]);
            }

            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column {column.Name} is {column.Type}, not {typeof(TValue).Name}.");
        }
    }
}
