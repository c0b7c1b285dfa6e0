using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// The generalization levels of one quasi-identifier, from 0 (the values as they are) to
/// <see cref="MaxLevel"/> (a single value for every row):
/// numbers: ranges 5, 10, 20, 40, ... wide; dates: month, year, "*"; IP addresses: /24, /16, /8, "*"
/// (IPv6 /48, /32, /16); codes (text whose values all have the same length, such as postcodes): the last 1, 2, 3...
/// characters replaced by '*' (the length is the same for every value, so it tells nothing); other text and Booleans:
/// "*" (one character, whatever the value's length: a masked Female must not be told from a masked Male by its
/// length); with a <see cref="HierarchyTable"/>, its levels.
/// Missing cells stay missing at every level.
/// </summary>
internal sealed class GeneralizationHierarchy
{
    private enum Shape { Number, Date, Ip, Code, Category, Boolean, Table }

    private static readonly (int V4, int V6)[] IpLevels = [(32, 128), (24, 48), (16, 32), (8, 16)];
    private readonly Column _column;
    private readonly Shape _shape;
    private readonly HierarchyTable? _table;
    private readonly Dictionary<int, (int[] Codes, int Cardinality)> _codes = [];

    public GeneralizationHierarchy(Column column, HierarchyTable? table = null)
    {
        _column = column;
        _table = table;
        _shape = table != null ? Shape.Table : column switch
        {
            Int64Column or DoubleColumn => Shape.Number,
            DateTimeColumn => Shape.Date,
            BooleanColumn => Shape.Boolean,
            _ => IsIpColumn(column) ? Shape.Ip : CodeLength(column) > 1 ? Shape.Code : Shape.Category,
        };
        MaxLevel = _shape switch
        {
            Shape.Number => NumberMaxLevel(),
            Shape.Date => 3,
            Shape.Ip => IpLevels.Length,
            Shape.Table => table!.MaxLevel,
            Shape.Code => CodeLength(column),
            _ => 1,
        };
        if (table != null) CheckCovered(table);
    }

    public string Name => _column.Name;

    public int MaxLevel { get; }

    public string Describe(int level) => level == 0 ? "as is" : _shape switch
    {
        Shape.Number => $"ranges {Width(level):0.###} wide",
        Shape.Date => level switch { 1 => "month", 2 => "year", _ => "suppressed (*)" },
        Shape.Ip => level < IpLevels.Length ? $"/{IpLevels[level].V4} (IPv6 /{IpLevels[level].V6})" : "suppressed (*)",
        Shape.Table => $"level {level}/{MaxLevel} of {System.IO.Path.GetFileName(_table!.Path)}",
        Shape.Code => $"last {level} character{(level == 1 ? "" : "s")} masked",
        _ => "suppressed (*)",
    };

    /// <summary>Each row's value at <paramref name="level"/> as a small integer (missing cells share one code).</summary>
    public (int[] Codes, int Cardinality) Codes(int level)
    {
        if (_codes.TryGetValue(level, out var cached)) return cached;
        var ids = new Dictionary<string, int>();
        var codes = new int[_column.Length];
        for (var row = 0; row < codes.Length; row++)
        {
            var value = ValueAt(row, level) ?? "\0missing";
            if (!ids.TryGetValue(value, out var id)) ids.Add(value, id = ids.Count);
            codes[row] = id;
        }
        return _codes[level] = (codes, ids.Count);
    }

    /// <summary>The column at <paramref name="level"/>: the original at 0, text otherwise.</summary>
    public Column ColumnAt(int level) => level == 0 ? _column : ColumnCells.MapRows(_column, row => ValueAt(row, level)!);

    private string? ValueAt(int row, int level)
    {
        if (_column.IsNull(row)) return null;
        if (level == 0) return ColumnCells.Text(_column, row);
        switch (_shape)
        {
            case Shape.Number:
                return Generalizer.NumberRange(Generalizer.NumberAt(_column, row), Width(level), _column is Int64Column);
            case Shape.Date:
                var date = ((DateTimeColumn)_column)[row];
                return level switch { 1 => Generalizer.Date(date, DatePrecision.Month), 2 => Generalizer.Date(date, DatePrecision.Year), _ => "*" };
            case Shape.Ip:
                if (level >= IpLevels.Length) return "*";
                return Generalizer.IpPrefix(ColumnCells.Text(_column, row)!, IpLevels[level].V4, IpLevels[level].V6);
            case Shape.Table:
                return _table!.Generalize(ColumnCells.Text(_column, row)!, level);
            case Shape.Code:
                var code = ColumnCells.Text(_column, row)!;
                return string.Concat(code.AsSpan(0, code.Length - level), new string('*', level));
            default:
                return "*";
        }
    }

    // Every value of the column must have a place in the hierarchy, or its rows could not be generalized.
    private void CheckCovered(HierarchyTable table)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        long rows = 0;
        for (var row = 0; row < _column.Length; row++)
        {
            if (ColumnCells.Text(_column, row) is not { } text || table.Contains(text)) continue;
            rows++;
            if (missing.Count < 5) missing.Add(text);
        }
        if (rows > 0)
            throw new DataException("HierarchyValueMissing", DataErrorKind.InvalidData,
                $"Column '{_column.Name}' has {rows:N0} cell(s) whose value is not in the hierarchy '{table.Path}': {string.Join(", ", missing.Select(m => $"'{m}'"))}{(rows > missing.Count ? ", ..." : "")}.",
                "Add a row for each of those values to the hierarchy file (the value, then its group at each level).", table.Path, column: _column.Name);
    }

    private static double Width(int level) => 5 * Math.Pow(2, level - 1);

    // The first level at which every value falls in one range.
    private int NumberMaxLevel()
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var row = 0; row < _column.Length; row++)
        {
            if (_column.IsNull(row)) continue;
            var v = Generalizer.NumberAt(_column, row);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) return 1;
        var level = 1;
        while (level < 64 && Math.Floor(min / Width(level)) != Math.Floor(max / Width(level))) level++;
        return level;
    }

    // The common length of the column's values when they all have one (postcodes, codes), else 0.
    private static int CodeLength(Column column)
    {
        var length = -1;
        var (other, _) = ColumnCells.FindCells(column, text => (length < 0 ? length = text.Length : length) != text.Length, keep: 0);
        return other == 0 && length > 0 ? length : 0;
    }

    private static bool IsIpColumn(Column column)
    {
        var (notIp, _) = ColumnCells.FindCells(column, text => Generalizer.IpPrefix(text, 32, 128) is null, keep: 0);
        return notIp == 0 && column.NullCount < column.Length;
    }
}
