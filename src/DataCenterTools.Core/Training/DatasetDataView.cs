using DataCenterTools.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataCenterTools.Core.Training;

/// <summary>One column ML.NET sees: a name, its ML.NET type, the Dataset column it reads, and a row reader.</summary>
internal abstract class ViewColumn(string name, DataViewType type, string sourceColumn)
{
    public string Name { get; } = name;
    public DataViewType Type { get; } = type;

    /// <summary>The Dataset column the values come from (a DateTime column feeds several view columns).</summary>
    public string SourceColumn { get; } = sourceColumn;

    /// <summary>A getter reading row <c>rowOf(position)</c>; the cursor passes its position.</summary>
    public abstract Delegate MakeGetter(DataViewRowCursor cursor, int[]? rowMap);
}

internal sealed class ViewColumn<T>(string name, DataViewType type, string sourceColumn, Func<int, T> read)
    : ViewColumn(name, type, sourceColumn)
{
    public override Delegate MakeGetter(DataViewRowCursor cursor, int[]? rowMap) => rowMap == null
        ? (ValueGetter<T>)((ref T value) => value = read((int)cursor.Position))
        : (ValueGetter<T>)((ref T value) => value = read(rowMap[(int)cursor.Position]));
}

/// <summary>
/// A read-only IDataView over a Dataset's typed column arrays: no per-row objects, values are
/// converted as the cursor reads them. One column's rows can be permuted (for permutation
/// feature importance) without copying anything.
/// </summary>
internal sealed class DatasetDataView : IDataView
{
    private readonly ViewColumn[] _columns;
    private readonly Dictionary<string, int[]> _permutations;

    public DatasetDataView(int rowCount, IEnumerable<ViewColumn> columns, Dictionary<string, int[]>? permutations = null)
    {
        RowCount = rowCount;
        _columns = columns.ToArray();
        _permutations = permutations ?? [];
        var builder = new DataViewSchema.Builder();
        foreach (var c in _columns) builder.AddColumn(c.Name, c.Type);
        Schema = builder.ToSchema();
    }

    public int RowCount { get; }
    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;
    public long? GetRowCount() => RowCount;

    /// <summary>The same view with the rows of one source column read through <paramref name="permutation"/>.</summary>
    public DatasetDataView WithPermutedColumn(string sourceColumn, int[] permutation) =>
        new(RowCount, _columns, new Dictionary<string, int[]>(_permutations) { [sourceColumn] = permutation });

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DatasetDataView _view;
        private readonly Delegate?[] _getters;
        private long _position = -1;

        public Cursor(DatasetDataView view, IEnumerable<int> active)
        {
            _view = view;
            _getters = new Delegate?[view._columns.Length];
            foreach (var i in active)
            {
                var c = view._columns[i];
                _getters[i] = c.MakeGetter(this, view._permutations.GetValueOrDefault(c.SourceColumn));
            }
        }

        public override DataViewSchema Schema => _view.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view.RowCount) { _position = _view.RowCount; return false; }
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _getters[column.Index] != null;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _getters[column.Index] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active or is not of type {typeof(TValue).Name}.");
    }
}

/// <summary>How Dataset columns become ML.NET columns: numbers as Single (missing = NaN), text as ReadOnlyMemory&lt;char&gt;.</summary>
internal static class ViewColumns
{
    /// <summary>The view columns a feature of this type produces (one per part for a DateTime, named &lt;column&gt;.&lt;part&gt;).</summary>
    public static IEnumerable<ViewColumn> ForFeature(Column column, IReadOnlyList<DatePart> dateParts)
    {
        var name = column.Name;
        switch (column)
        {
            case DoubleColumn d:
                yield return new ViewColumn<float>(name, NumberDataViewType.Single, name, r => d.IsNull(r) ? float.NaN : (float)d[r]);
                break;
            case Int64Column l:
                yield return new ViewColumn<float>(name, NumberDataViewType.Single, name, r => l.IsNull(r) ? float.NaN : l[r]);
                break;
            case BooleanColumn b:
                yield return new ViewColumn<float>(name, NumberDataViewType.Single, name, r => b.IsNull(r) ? float.NaN : b[r] ? 1f : 0f);
                break;
            case DateTimeColumn t:
                foreach (var part in dateParts)
                {
                    var pick = Part(part);
                    yield return new ViewColumn<float>($"{name}.{part}", NumberDataViewType.Single, name, r => t.IsNull(r) ? float.NaN : pick(t[r]));
                }
                break;
            case StringColumn s:
                yield return Text(name, name, r => s[r]);
                break;
            default:
                throw new NotSupportedException($"Column '{name}' has type {column.Type}, which cannot be a feature.");
        }
    }

    public static ViewColumn<ReadOnlyMemory<char>> Text(string name, string source, Func<int, string?> read) =>
        new(name, TextDataViewType.Instance, source, r => (read(r) ?? "").AsMemory());

    private static Func<DateTime, float> Part(DatePart part) => part switch
    {
        DatePart.Hour => v => v.Hour,
        DatePart.DayOfWeek => v => (float)v.DayOfWeek,
        DatePart.Day => v => v.Day,
        DatePart.Month => v => v.Month,
        DatePart.Year => v => v.Year,
        _ => v => (float)((v - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerDay),
    };

    /// <summary>The sparse TF-IDF vector of row <c>rows[r]</c> of the corpus the vocabulary was fitted from, from its term ids.</summary>
    public static ViewColumn<VBuffer<float>> TfIdf(string name, string source, TfIdfCorpus corpus, int[] rows, TfIdfVocabulary vocabulary) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, vocabulary.Dimension), source, r =>
        {
            var (indices, values) = vocabulary.Vectorize(corpus, rows[r]);
            return new VBuffer<float>(vocabulary.Dimension, values.Length, values, indices);
        });

    /// <summary>The sparse TF-IDF vector of a text column, computed as the cursor reads each row.</summary>
    public static ViewColumn<VBuffer<float>> TfIdf(string name, StringColumn source, TfIdfVocabulary vocabulary) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, vocabulary.Dimension), source.Name, r =>
        {
            var (indices, values) = vocabulary.Vectorize(source[r]);
            return new VBuffer<float>(vocabulary.Dimension, values.Length, values, indices);
        });

    /// <summary>The names of the view columns a feature produces, without building them.</summary>
    public static IEnumerable<string> NamesFor(FeatureSpec feature) =>
        feature.Type == ColumnType.DateTime ? feature.PartsOrDefault.Select(p => $"{feature.Name}.{p}") : [feature.Name];
}
