using System.Globalization;
using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>
/// How one partition value is written as a Hive-style folder name (<c>column=value</c>) and read back, the way Spark,
/// Trino, DuckDB and polars write and read them: a missing value is <see cref="DefaultPartition"/>, a date is
/// yyyy-MM-dd, numbers are invariant (a whole Double keeps its ".0" so it reads back as Double), booleans are
/// true/false. A value that cannot be one path segment safely is refused rather than escaped: '/', '\', '=', ':',
/// '%' (readers percent-decode), control characters (NUL included), "." and "..", the empty string (Hive writes it
/// as missing, which would read back wrong), the default-partition name itself, and a segment over 255 bytes.
/// </summary>
public static class HivePartitionValue
{
    /// <summary>The folder name Hive, Spark and DuckDB use for a missing partition value.</summary>
    public const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    private const int MaxSegmentBytes = 255;
    private const string Forbidden = "/\\=:%";

    /// <summary>The text of <paramref name="value"/> in a folder name, or null with <paramref name="problem"/> saying why it cannot be one.</summary>
    public static string? Render(object? value, out string? problem)
    {
        problem = null;
        switch (value)
        {
            case null: return DefaultPartition;
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case double d: return RenderDouble(d);
            case bool b: return b ? "true" : "false";
            case DateTime t when t.TimeOfDay == TimeSpan.Zero: return t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case DateTime:
                problem = "it has a time of day, and a folder name holds dates only (':' cannot be in a path on every system)";
                return null;
            default:
                var text = value.ToString()!;
                problem = TextProblem(text);
                return problem == null ? text : null;
        }
    }

    /// <summary>Why <paramref name="text"/> (a column name or a text value) cannot be one side of a <c>name=value</c> segment; null when it can.</summary>
    public static string? TextProblem(string text)
    {
        if (text.Length == 0) return "it is empty, which Hive readers take as missing";
        if (text is "." or "..") return $"'{text}' is not a folder name";
        if (text == DefaultPartition) return "it is the name Hive readers take as missing";
        foreach (var ch in text)
        {
            if (Forbidden.Contains(ch)) return $"it contains '{ch}', which would split or change the folder name";
            if (char.IsControl(ch)) return $"it contains the control character U+{(int)ch:X4}";
        }
        return null;
    }

    /// <summary>Checks a whole <c>name=value</c> segment's length (most file systems allow 255 bytes).</summary>
    public static string? SegmentProblem(string segment) =>
        Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes ? $"the folder name '{segment[..40]}…' is over {MaxSegmentBytes} bytes" : null;

    private static string RenderDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        // "2" would read back as Int64; Spark writes "2.0" too.
        return double.IsFinite(d) && text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }

    /// <summary>A folder name's value decoded as Hive readers do (%XX escapes, the default partition as missing).</summary>
    public static string? Decode(string text) => text == DefaultPartition ? null : Uri.UnescapeDataString(text);

    /// <summary>
    /// The type the engines would give a partition column with these values (missing ones left out): Int64 when
    /// every value is an integer written canonically ("007" stays text, so nothing is lost), else Double when every
    /// value is a number written as <see cref="Render"/> writes it, else DateTime when every value is yyyy-MM-dd,
    /// else Boolean for true/false, else String. No value at all gives String.
    /// </summary>
    public static ColumnType Infer(IEnumerable<string> values)
    {
        bool ints = true, doubles = true, dates = true, bools = true, any = false;
        foreach (var v in values)
        {
            any = true;
            ints &= TryParse(v, ColumnType.Int64, out _);
            doubles &= TryParse(v, ColumnType.Double, out _) || TryParse(v, ColumnType.Int64, out _);
            dates &= TryParse(v, ColumnType.DateTime, out _);
            bools &= TryParse(v, ColumnType.Boolean, out _);
        }
        if (!any) return ColumnType.String;
        return ints ? ColumnType.Int64 : doubles ? ColumnType.Double : dates ? ColumnType.DateTime : bools ? ColumnType.Boolean : ColumnType.String;
    }

    /// <summary>
    /// Reads a decoded value as <paramref name="type"/>. <paramref name="strict"/> (inference) accepts only what
    /// <see cref="Render"/> would write; otherwise (a type the user chose) any invariant number, date or boolean.
    /// </summary>
    public static bool TryParse(string text, ColumnType type, out object? value, bool strict = true)
    {
        value = null;
        if (!strict) return TryParseLoose(text, type, out value);
        switch (type)
        {
            case ColumnType.Int64:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) || l.ToString(CultureInfo.InvariantCulture) != text) return false;
                value = l;
                return true;
            case ColumnType.Double:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return false;
                value = d;
                return RenderDouble(d) == text || d.ToString("R", CultureInfo.InvariantCulture) == text;
            case ColumnType.DateTime:
                if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return false;
                value = t;
                return true;
            case ColumnType.Boolean:
                if (text is not ("true" or "false")) return false;
                value = text == "true";
                return true;
            default:
                value = text;
                return true;
        }
    }

    private static bool TryParseLoose(string text, ColumnType type, out object? value)
    {
        var invariant = CultureInfo.InvariantCulture;
        bool ok;
        switch (type)
        {
            case ColumnType.Int64: ok = long.TryParse(text, NumberStyles.Integer, invariant, out var l); value = l; return ok;
            case ColumnType.Double: ok = double.TryParse(text, NumberStyles.Float, invariant, out var d); value = d; return ok;
            case ColumnType.DateTime: ok = DateTime.TryParse(text, invariant, DateTimeStyles.None, out var t); value = t; return ok;
            case ColumnType.Boolean: ok = bool.TryParse(text, out var b); value = b; return ok;
            default: value = text; return true;
        }
    }
}
