using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Array = System.Array;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Collects one column of a Parquet file, batch by batch, from the Arrow arrays the native reader
/// decodes into the typed array the Dataset keeps: numbers are copied span to span, validity bit by
/// bit, ASCII text widened in one call per batch, dictionary pages kept as codes into one dictionary.
/// Arrays grow as values arrive (never past the row count the footer declares), so a footer that lies
/// about its size cannot make us allocate for rows that are not there.
/// </summary>
internal sealed class ParquetColumnSink
{
    private enum Kind { Long, ULong, Double, Bool, Date, Text, Missing }

    private readonly Field _field;
    private readonly Kind _kind;
    private readonly int _rows;
    private int _capacity;
    private readonly ValidityBitmap.Builder _missing;

    private long[]? _longs;
    private ulong[]? _ulongs;
    private double[]? _doubles;
    private bool[]? _bools;
    private DateTime[]? _dates;

    // Text as one buffer (row i is chars[ends[i-1]..ends[i]]) or, for dictionary pages, codes into one dictionary.
    private char[]? _chars;
    private int _charCount;
    private int[]? _ends;
    private int[]? _codes;
    private List<string>? _dictionary;
    private Dictionary<string, int>? _dictionaryIndex;
    private int[] _batchMap = [];
    private byte[] _lastDictionaryBytes = [];
    private int[] _lastDictionaryOffsets = [];
    private bool _invalidUtf8;

    private readonly bool _dictionaryPages;
    private readonly bool _uuid;

    /// <param name="dictionaryPages">The reader was asked for this column's dictionary: batches arrive as dictionary arrays.</param>
    /// <param name="uuid">The column's logical type is UUID (16 bytes, shown as a GUID).</param>
    public ParquetColumnSink(Field field, int rows, long fileSize, long estimatedChars, bool dictionaryPages, bool uuid)
    {
        _field = field;
        _dictionaryPages = dictionaryPages;
        _uuid = uuid;
        _rows = rows;
        _kind = KindOf(field.DataType) ?? throw new NotSupportedException(field.DataType.Name);
        // Start at what the file could plausibly hold and grow from there.
        _capacity = (int)Math.Min(rows, Math.Max(ParquetDatasetReader.BatchRows, fileSize * 16));
        _missing = new ValidityBitmap.Builder(_capacity);
        if (_kind == Kind.Text) _chars = new char[(int)Math.Clamp(estimatedChars, 16, Math.Min(Array.MaxLength, Math.Max(1024, fileSize * 16)))];
    }

    public string Name => _field.Name;

    /// <summary>Said once the column is read, when something in it deserves a warning.</summary>
    public string? Warning => _invalidUtf8 ? "it holds bytes that are not valid UTF-8; they were replaced with U+FFFD." : null;

    public static bool Supports(IArrowType type) => KindOf(type) is not null;

    private static Kind? KindOfOrNull(IArrowType type) => type switch
    {
        Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type => Kind.Long,
        UInt64Type => Kind.ULong,
        FloatType or DoubleType or HalfFloatType or Decimal128Type or Decimal256Type => Kind.Double,
        BooleanType => Kind.Bool,
        TimestampType or Date32Type or Date64Type => Kind.Date,
        StringType or LargeStringType or StringViewType or BinaryType or LargeBinaryType or BinaryViewType or FixedSizeBinaryType or Time32Type or Time64Type or DurationType => Kind.Text,
        DictionaryType d => KindOfOrNull(d.ValueType) == Kind.Text ? Kind.Text : null,
        NullType => Kind.Missing,
        _ => null,
    };

    private static Kind? KindOf(IArrowType type) => KindOfOrNull(type);

    public void Append(IArrowArray array, int offset)
    {
        var n = array.Length;
        EnsureCapacity(offset + n);
        switch (array)
        {
            case Int64Array a: a.Values.CopyTo(_longs.AsSpan(offset)); break;
            case Int32Array a: Widen(a.Values, _longs.AsSpan(offset, n)); break;
            case Int16Array a: Widen(a.Values, _longs.AsSpan(offset, n)); break;
            case Int8Array a: Widen(a.Values, _longs.AsSpan(offset, n)); break;
            case UInt32Array a: Widen(a.Values, _longs.AsSpan(offset, n)); break;
            case UInt16Array a: Widen(a.Values, _longs.AsSpan(offset, n)); break;
            case UInt8Array a: Widen(a.Values, _longs.AsSpan(offset, n)); break;
            case UInt64Array a: a.Values.CopyTo(_ulongs.AsSpan(offset)); break;
            case DoubleArray a: a.Values.CopyTo(_doubles.AsSpan(offset)); break;
            case FloatArray a: { var d = _doubles.AsSpan(offset, n); var v = a.Values; for (var i = 0; i < n; i++) d[i] = v[i]; break; }
            case HalfFloatArray a: { var d = _doubles.AsSpan(offset, n); var v = a.Values; for (var i = 0; i < n; i++) d[i] = (double)v[i]; break; }
            case Decimal128Array a: for (var i = 0; i < n; i++) if (!a.IsNull(i)) _doubles![offset + i] = DecimalToDouble(a, i); break;
            case Decimal256Array a: for (var i = 0; i < n; i++) if (!a.IsNull(i)) _doubles![offset + i] = double.Parse(a.GetString(i)!, NumberStyles.Float, CultureInfo.InvariantCulture); break;
            case BooleanArray a:
            {
                var bits = a.ValueBuffer.Span;
                for (var i = 0; i < n; i++) { var bit = a.Offset + i; _bools![offset + i] = (bits[bit >> 3] & (1 << (bit & 7))) != 0; }
                break;
            }
            case TimestampArray a: Timestamps(a, offset); break;
            case Date32Array a: { var v = a.Values; var b = Bitmap(a); for (var i = 0; i < n; i++) if (Valid(a, b, i)) _dates![offset + i] = DateFromTicks((long)v[i] * TimeSpan.TicksPerDay, false); break; }
            case Date64Array a: { var v = a.Values; var b = Bitmap(a); for (var i = 0; i < n; i++) if (Valid(a, b, i)) _dates![offset + i] = DateFromTicks(Scale(v[i], TimeSpan.TicksPerMillisecond), false); break; }
            case StringArray a: Utf8(a.ValueOffsets, a.Values, a, offset); break;
            case DictionaryArray a: Dictionary(a, offset); break;
            case NullArray: for (var i = 0; i < n; i++) _missing.SetNull(offset + i); return;
            default: Texts(array, offset); break;
        }
        if (array.NullCount > 0 && array is not DictionaryArray)
            _missing.SetNullsFrom(array.Data.Buffers[0].Span, array.Data.Offset, n, offset);
    }

    /// <summary>Whether slot i of an array holds a value (its validity bit is set, or it has no nulls at all).</summary>
    private static bool Valid(IArrowArray array, ReadOnlySpan<byte> bitmap, int i)
    {
        if (array.NullCount == 0) return true;
        var bit = array.Data.Offset + i;
        return (bitmap[bit >> 3] & (1 << (bit & 7))) != 0;
    }

    private static ReadOnlySpan<byte> Bitmap(IArrowArray array) => array.NullCount == 0 ? default : array.Data.Buffers[0].Span;

    private void EnsureCapacity(int needed)
    {
        if (needed > _rows) throw new InvalidDataException($"Column '{Name}' holds more values than the file's {_rows:N0} rows.");
        if (needed > _capacity || (_longs ?? (Array?)_ulongs ?? (Array?)_doubles ?? (Array?)_bools ?? (Array?)_dates ?? (Array?)_ends ?? _codes) == null)
        {
            if (needed > _capacity) _capacity = (int)Math.Min(_rows, Math.Max(needed, 2L * _capacity));
            switch (_kind)
            {
                case Kind.Long: Array.Resize(ref _longs, _capacity); break;
                case Kind.ULong: Array.Resize(ref _ulongs, _capacity); break;
                case Kind.Double: Array.Resize(ref _doubles, _capacity); break;
                case Kind.Bool: Array.Resize(ref _bools, _capacity); break;
                case Kind.Date: Array.Resize(ref _dates, _capacity); break;
                case Kind.Text:
                    if (_dictionaryPages) Array.Resize(ref _codes, _capacity);
                    else Array.Resize(ref _ends, _capacity);
                    break;
            }
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> source, Span<long> target) where T : struct, System.Numerics.INumberBase<T>
    {
        for (var i = 0; i < source.Length; i++) target[i] = long.CreateTruncating(source[i]);
    }

    // A decimal wider than System.Decimal's 28 digits goes through its text.
    private static double DecimalToDouble(Decimal128Array a, int i)
    {
        try { return (double)a.GetValue(i)!.Value; }
        catch (OverflowException) { return double.Parse(a.GetString(i)!, NumberStyles.Float, CultureInfo.InvariantCulture); }
    }

    private void Timestamps(TimestampArray a, int offset)
    {
        var type = (TimestampType)a.Data.DataType;
        var utc = !string.IsNullOrEmpty(type.Timezone);
        var v = a.Values;
        var bitmap = Bitmap(a);
        for (var i = 0; i < v.Length; i++)
        {
            if (!Valid(a, bitmap, i)) continue; // a missing slot's value is arbitrary
            var ticks = type.Unit switch
            {
                TimeUnit.Second => Scale(v[i], TimeSpan.TicksPerSecond),
                TimeUnit.Millisecond => Scale(v[i], TimeSpan.TicksPerMillisecond),
                TimeUnit.Microsecond => Scale(v[i], 10),
                _ => v[i] / 100 - (v[i] % 100 < 0 ? 1 : 0), // floor: 1 ns before the epoch is the tick before it
            };
            _dates![offset + i] = DateFromTicks(ticks, utc);
        }
    }

    private long Scale(long value, long factor)
    {
        try { return checked(value * factor); }
        catch (OverflowException) { throw OutOfRange(value); }
    }

    private DateTime DateFromTicks(long ticksSinceEpoch, bool utc)
    {
        if (ticksSinceEpoch < -DateTime.UnixEpoch.Ticks || ticksSinceEpoch > DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) throw OutOfRange(ticksSinceEpoch);
        return new DateTime(DateTime.UnixEpoch.Ticks + ticksSinceEpoch, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    private DataException OutOfRange(long raw) =>
        new("ParquetValueOutOfRange", DataErrorKind.InvalidData,
            $"Column '{Name}' holds the timestamp {raw} ({_field.DataType.Name}), outside the years 1 to 9999 a DateTime can hold.",
            "Read the other columns with {option:Column}, or convert this column to text with the tool that wrote the file.", column: Name);

    /// <summary>UTF-8 values (offsets into one byte buffer) appended to the character buffer.</summary>
    private void Utf8(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, IArrowArray array, int offset)
    {
        var n = array.Length;
        var first = offsets[0];
        var data = bytes.Slice(first, offsets[n] - first);
        if (System.Text.Ascii.IsValid(data))
        {
            // ASCII: one widening copy for the whole batch, offsets shifted by where the batch starts.
            EnsureChars(data.Length);
            System.Text.Ascii.ToUtf16(data, _chars.AsSpan(_charCount), out _);
            var ends = _ends.AsSpan(offset, n);
            for (var i = 0; i < n; i++) ends[i] = _charCount + offsets[i + 1] - first;
            _charCount += data.Length;
            return;
        }
        if (!System.Text.Unicode.Utf8.IsValid(data)) _invalidUtf8 = true;
        EnsureChars(Encoding.UTF8.GetCharCount(data));
        for (var i = 0; i < n; i++)
        {
            _charCount += Encoding.UTF8.GetChars(bytes[offsets[i]..offsets[i + 1]], _chars.AsSpan(_charCount));
            _ends![offset + i] = _charCount;
        }
    }

    private void AppendText(string? value, int row)
    {
        if (value != null)
        {
            EnsureChars(value.Length);
            value.CopyTo(_chars.AsSpan(_charCount));
            _charCount += value.Length;
        }
        _ends![row] = _charCount;
    }

    private void EnsureChars(long more)
    {
        var needed = _charCount + more;
        if (needed <= _chars!.Length) return;
        if (needed > Array.MaxLength)
            throw new DataException("StringColumnTooLarge", DataErrorKind.NotSupported,
                $"Text column '{Name}' holds more than {Array.MaxLength:N0} characters.", "Read fewer columns ({option:Column}) or split the file.", column: Name);
        Array.Resize(ref _chars, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _chars.Length)));
    }

    /// <summary>Other text-like types (large strings, binary, times, durations) one value at a time.</summary>
    private void Texts(IArrowArray array, int offset)
    {
        for (var i = 0; i < array.Length; i++)
            AppendText(array.IsNull(i) ? null : TextOf(array, i, _uuid), offset + i);
    }

    private static string TextOf(IArrowArray array, int i, bool uuid) => array switch
    {
        LargeStringArray a => a.GetString(i),
        StringViewArray a => a.GetString(i), // polars' files carry an Arrow schema asking for string views
        BinaryViewArray a => Convert.ToBase64String(a.GetBytes(i)),
        Apache.Arrow.Arrays.FixedSizeBinaryArray a when uuid => new Guid(a.GetBytes(i), bigEndian: true).ToString(),
        BinaryArray a => Convert.ToBase64String(a.GetBytes(i)),
        LargeBinaryArray a => Convert.ToBase64String(a.GetBytes(i)),
        Apache.Arrow.Arrays.FixedSizeBinaryArray a => Convert.ToBase64String(a.GetBytes(i)),
        Time32Array a => TimeSpan.FromTicks(((Time32Type)a.Data.DataType).Unit == TimeUnit.Second ? a.Values[i] * TimeSpan.TicksPerSecond : a.Values[i] * TimeSpan.TicksPerMillisecond).ToString("c", CultureInfo.InvariantCulture),
        Time64Array a => TimeSpan.FromTicks(((Time64Type)a.Data.DataType).Unit == TimeUnit.Nanosecond ? a.Values[i] / 100 : a.Values[i] * 10).ToString("c", CultureInfo.InvariantCulture),
        DurationArray a => TimeSpan.FromTicks(((DurationType)a.Data.DataType).Unit switch
        {
            TimeUnit.Second => a.Values[i] * TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => a.Values[i] * TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => a.Values[i] * 10,
            _ => a.Values[i] / 100,
        }).ToString("c", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"Arrow type {array.Data.DataType.Name}"),
    };

    /// <summary>Dictionary pages: the batch's codes mapped into the column's one dictionary.</summary>
    private void Dictionary(DictionaryArray a, int offset)
    {
        _dictionary ??= [];
        _dictionaryIndex ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (a.Dictionary is not StringArray dict) throw new NotSupportedException($"dictionary values of type {a.Dictionary.Data.DataType.Name}");
        MapDictionary(dict);
        var codes = _codes.AsSpan(offset, a.Length);
        var map = _batchMap;
        var bitmap = Bitmap(a.Indices);
        switch (a.Indices)
        {
            case Int32Array idx: { var v = idx.Values; for (var i = 0; i < v.Length; i++) codes[i] = Valid(idx, bitmap, i) ? map[v[i]] : -1; break; }
            case Int16Array idx: { var v = idx.Values; for (var i = 0; i < v.Length; i++) codes[i] = Valid(idx, bitmap, i) ? map[v[i]] : -1; break; }
            case Int8Array idx: { var v = idx.Values; for (var i = 0; i < v.Length; i++) codes[i] = Valid(idx, bitmap, i) ? map[v[i]] : -1; break; }
            case Int64Array idx: { var v = idx.Values; for (var i = 0; i < v.Length; i++) codes[i] = Valid(idx, bitmap, i) ? map[checked((int)v[i])] : -1; break; }
            default: throw new NotSupportedException($"dictionary indices of type {a.Indices.Data.DataType.Name}");
        }
        if (a.Indices.NullCount > 0)
            for (var i = 0; i < a.Length; i++) if (codes[i] < 0) _missing.SetNull(offset + i);
    }

    /// <summary>
    /// Maps a batch's dictionary entries to codes of the column's dictionary. Batches of one row group
    /// repeat (or extend) the same dictionary, so entries already mapped last time are not looked up again.
    /// </summary>
    private void MapDictionary(StringArray dict)
    {
        var offsets = dict.ValueOffsets;
        var bytes = dict.Values[offsets[0]..offsets[dict.Length]];
        var known = 0;
        var last = _lastDictionaryOffsets.Length - 1;
        if (last > 0 && dict.Length >= last && offsets[0] == 0 && _lastDictionaryBytes.Length <= bytes.Length
            && offsets[..(last + 1)].SequenceEqual(_lastDictionaryOffsets) && bytes[.._lastDictionaryBytes.Length].SequenceEqual(_lastDictionaryBytes))
            known = last;
        if (_batchMap.Length < dict.Length) Array.Resize(ref _batchMap, dict.Length);
        for (var k = known; k < dict.Length; k++)
        {
            var value = Encoding.UTF8.GetString(dict.Values[offsets[k]..offsets[k + 1]]);
            if (!_dictionaryIndex!.TryGetValue(value, out var code))
            {
                code = _dictionary!.Count;
                _dictionaryIndex.Add(value, code);
                _dictionary.Add(value);
            }
            _batchMap[k] = code;
        }
        if (known < dict.Length && offsets[0] == 0)
        {
            _lastDictionaryOffsets = offsets[..(dict.Length + 1)].ToArray();
            _lastDictionaryBytes = bytes.ToArray();
        }
    }

    public Column Build(int rows)
    {
        var validity = _kind == Kind.Missing ? AllMissing(rows) : _missing.Build();
        var name = Name;
        switch (_kind)
        {
            case Kind.Long: return new Int64Column(name, _longs ?? [], rows, validity);
            case Kind.Double: return new DoubleColumn(name, _doubles ?? [], rows, validity);
            case Kind.Bool: return new BooleanColumn(name, _bools ?? [], rows, validity);
            case Kind.Date: return new DateTimeColumn(name, _dates ?? [], rows, validity);
            case Kind.ULong:
            {
                var values = _ulongs ?? [];
                var fits = true;
                for (var i = 0; i < rows && fits; i++) if (values[i] > long.MaxValue) fits = false;
                if (fits) return new Int64Column(name, values.Take(rows).Select(v => (long)v).ToArray(), validity);
                var text = new StringColumnBuilder(rows, dictionaryFirst: false);
                for (var i = 0; i < rows; i++)
                    if (validity != null && !validity.IsValid(i)) text.AppendNull();
                    else text.Append(values[i].ToString(CultureInfo.InvariantCulture));
                return text.Build(name);
            }
            case Kind.Missing:
                return new StringColumn(name, new string?[rows]);
            default:
                if (_codes != null)
                {
                    if (_dictionary!.Count <= Math.Max(16, rows / 2)) return new StringColumn(name, _codes, _dictionary.ToArray(), rows);
                    var text = new StringColumnBuilder(rows, dictionaryFirst: false);
                    for (var i = 0; i < rows; i++) text.Append(_codes[i] < 0 ? null : _dictionary[_codes[i]]);
                    return text.Build(name);
                }
                return new StringColumn(name, _chars ?? [], _ends ?? [], rows, validity);
        }
    }

    private static ValidityBitmap? AllMissing(int rows)
    {
        if (rows == 0) return null;
        var builder = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++) builder.SetNull(i);
        return builder.Build();
    }
}
