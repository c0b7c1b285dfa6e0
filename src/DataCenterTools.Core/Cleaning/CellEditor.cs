using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>
/// Copy-on-write edits to one column: the source column is never touched; the first edit copies its
/// values, and <see cref="Build"/> returns the source itself when nothing was edited (so unchanged
/// columns stay shared with the input dataset).
/// </summary>
internal abstract class CellEditor
{
    public int Edits { get; protected set; }

    public abstract Column Source { get; }

    public abstract void SetMissing(int row);

    /// <summary>Copies the source column's cell at <paramref name="sourceRow"/> into <paramref name="row"/>.</summary>
    public abstract void SetFrom(int row, int sourceRow);

    /// <summary>Sets a value already of the column's CLR type (long, double, bool, DateTime, string).</summary>
    public abstract void SetValue(int row, object value);

    /// <summary>Sets a number in a numeric column; Int64 columns take it rounded half to even.</summary>
    public virtual void SetNumber(int row, double value) =>
        SetValue(row, Source.Type == ColumnType.Int64 ? (object)(long)Math.Round(value, MidpointRounding.ToEven) : value);

    public abstract Column Build();

    public static CellEditor For(Column column) => column switch
    {
        Int64Column c => new PrimitiveEditor<long>(c, (n, v, m) => new Int64Column(n, v, m)),
        DoubleColumn c => new PrimitiveEditor<double>(c, (n, v, m) => new DoubleColumn(n, v, m)),
        BooleanColumn c => new PrimitiveEditor<bool>(c, (n, v, m) => new BooleanColumn(n, v, m)),
        DateTimeColumn c => new PrimitiveEditor<DateTime>(c, (n, v, m) => new DateTimeColumn(n, v, m)),
        StringColumn c => new StringEditor(c),
        _ => throw new NotSupportedException($"Column type {column.Type} cannot be edited."),
    };
}

internal sealed class PrimitiveEditor<T>(PrimitiveColumn<T> source, Func<string, T[], ValidityBitmap?, Column> create) : CellEditor
    where T : struct
{
    private T[]? _values;
    private bool[]? _valid;

    public override Column Source => source;

    private void EnsureCopied()
    {
        if (_values != null) return;
        _values = source.Values.ToArray();
        _valid = new bool[source.Length];
        for (var i = 0; i < _valid.Length; i++) _valid[i] = !source.IsNull(i);
    }

    public override void SetMissing(int row)
    {
        EnsureCopied();
        _values![row] = default;
        _valid![row] = false;
        Edits++;
    }

    public override void SetFrom(int row, int sourceRow)
    {
        EnsureCopied();
        _values![row] = source[sourceRow];
        _valid![row] = !source.IsNull(sourceRow);
        Edits++;
    }

    public override void SetValue(int row, object value)
    {
        EnsureCopied();
        _values![row] = (T)value;
        _valid![row] = true;
        Edits++;
    }

    // Clipping and filling set many numbers: no boxing per cell.
    public override void SetNumber(int row, double value)
    {
        EnsureCopied();
        if (typeof(T) == typeof(double)) System.Runtime.CompilerServices.Unsafe.As<T, double>(ref _values![row]) = value;
        else if (typeof(T) == typeof(long)) System.Runtime.CompilerServices.Unsafe.As<T, long>(ref _values![row]) = (long)Math.Round(value, MidpointRounding.ToEven);
        else { base.SetNumber(row, value); return; }
        _valid![row] = true;
        Edits++;
    }

    public override Column Build() => _values == null ? source : create(source.Name, _values, ValidityBitmap.FromFlags(_valid));
}

internal sealed class StringEditor(StringColumn source) : CellEditor
{
    private Dictionary<int, string?>? _edits;

    public override Column Source => source;

    public override void SetMissing(int row) => Set(row, null);

    public override void SetFrom(int row, int sourceRow) => Set(row, source[sourceRow]);

    public override void SetValue(int row, object value) => Set(row, (string)value);

    private void Set(int row, string? value)
    {
        (_edits ??= [])[row] = value;
        Edits++;
    }

    public override Column Build()
    {
        if (_edits == null) return source;
        var builder = new StringColumnBuilder(source.Length, dictionaryFirst: source.IsDictionaryEncoded);
        for (var row = 0; row < source.Length; row++)
        {
            if (_edits.TryGetValue(row, out var edited)) builder.Append(edited);
            else if (source.IsNull(row)) builder.AppendNull();
            else builder.Append(source.GetSpan(row));
        }
        return builder.Build(source.Name);
    }
}
