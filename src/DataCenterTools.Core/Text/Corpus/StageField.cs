using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>
/// A field a stage adds to every document of a batch, held in an array of its kind: cells were boxed objects before,
/// ~22 quality scores a document. A cell never set is missing (null in the output).
/// </summary>
public sealed class StageField
{
    private readonly double[]? _doubles;
    private readonly long[]? _longs;
    private readonly bool[]? _booleans;
    private readonly string?[]? _strings;
    private readonly bool[]? _set; // which cells of a number or Boolean field hold a value (a string's null is missing)

    public StageField(string name, StageFieldKind kind, int count)
    {
        Name = name;
        Kind = kind;
        Count = count;
        switch (kind)
        {
            case StageFieldKind.Double: _doubles = new double[count]; break;
            case StageFieldKind.Int64: _longs = new long[count]; break;
            case StageFieldKind.Boolean: _booleans = new bool[count]; break;
            default: _strings = new string?[count]; break;
        }
        if (kind != StageFieldKind.String) _set = new bool[count];
    }

    /// <summary>A string field over <paramref name="values"/> (not copied).</summary>
    public StageField(string name, string?[] values)
    {
        Name = name;
        Kind = StageFieldKind.String;
        Count = values.Length;
        _strings = values;
    }

    public string Name { get; }
    public StageFieldKind Kind { get; }
    public int Count { get; }

    public void SetDouble(int i, double value) { (_doubles ?? throw WrongKind(StageFieldKind.Double))[i] = value; _set![i] = true; }
    public void SetInt64(int i, long value) { (_longs ?? throw WrongKind(StageFieldKind.Int64))[i] = value; _set![i] = true; }
    public void SetBoolean(int i, bool value) { (_booleans ?? throw WrongKind(StageFieldKind.Boolean))[i] = value; _set![i] = true; }
    public void SetString(int i, string? value) => (_strings ?? throw WrongKind(StageFieldKind.String))[i] = value;

    public bool IsMissing(int i) => _set != null ? !_set[i] : _strings![i] == null;

    /// <summary>Cell <paramref name="i"/> boxed (double, long, bool or string), or null when missing: for inspection, not for hot loops.</summary>
    public object? this[int i] => IsMissing(i) ? null : Kind switch
    {
        StageFieldKind.Double => _doubles![i],
        StageFieldKind.Int64 => _longs![i],
        StageFieldKind.Boolean => _booleans![i],
        _ => _strings![i],
    };

    /// <summary>Copies all cells into <paramref name="target"/> (same kind) from cell <paramref name="at"/> on.</summary>
    internal void CopyTo(StageField target, int at)
    {
        if (target.Kind != Kind) throw new InvalidOperationException($"Field '{Name}' is {Kind} in one batch and {target.Kind} in another.");
        if (_doubles != null) Array.Copy(_doubles, 0, target._doubles!, at, Count);
        if (_longs != null) Array.Copy(_longs, 0, target._longs!, at, Count);
        if (_booleans != null) Array.Copy(_booleans, 0, target._booleans!, at, Count);
        if (_strings != null) Array.Copy(_strings, 0, target._strings!, at, Count);
        if (_set != null) Array.Copy(_set, 0, target._set!, at, Count);
    }

    /// <summary>Writes cell <paramref name="i"/> as a property: numbers and Booleans as such, a missing cell or a non-finite number as null.</summary>
    internal void WriteTo(Utf8JsonWriter json, int i)
    {
        if (IsMissing(i)) { json.WriteNull(Name); return; }
        switch (Kind)
        {
            case StageFieldKind.Double when double.IsFinite(_doubles![i]): json.WriteNumber(Name, _doubles[i]); break;
            case StageFieldKind.Double: json.WriteNull(Name); break;
            case StageFieldKind.Int64: json.WriteNumber(Name, _longs![i]); break;
            case StageFieldKind.Boolean: json.WriteBoolean(Name, _booleans![i]); break;
            default: json.WriteString(Name, _strings![i]); break;
        }
    }

    internal Column ToColumn()
    {
        ValidityBitmap.Builder? validity = null;
        if (_set != null)
            for (var i = 0; i < Count; i++) if (!_set[i]) (validity ??= new ValidityBitmap.Builder(Count)).SetNull(i);
        return Kind switch
        {
            StageFieldKind.Double => new DoubleColumn(Name, _doubles!, validity?.Build()),
            StageFieldKind.Int64 => new Int64Column(Name, _longs!, validity?.Build()),
            StageFieldKind.Boolean => new BooleanColumn(Name, _booleans!, validity?.Build()),
            _ => new StringColumn(Name, _strings!),
        };
    }

    private InvalidOperationException WrongKind(StageFieldKind wanted) => new($"Field '{Name}' is {Kind}, not {wanted}.");
}
