namespace DataCenterTools.Core.Data;

/// <summary>
/// The line of its source file each row of a dataset began on, kept as the few places where the distance between
/// row and line changes (a blank line, a skipped bad row, a quoted field over several lines): a file read cleanly
/// costs one entry, not one per row. Set by the delimited-text readers; transforms do not carry it, since their rows
/// are no longer the file's.
/// </summary>
public sealed class SourceLines
{
    private readonly int[] _rows;
    private readonly long[] _offsets;

    private SourceLines(int[] rows, long[] offsets)
    {
        _rows = rows;
        _offsets = offsets;
    }

    /// <summary>The 1-based line of the file row <paramref name="row"/> (0-based) began on.</summary>
    public long LineOf(int row)
    {
        var i = Array.BinarySearch(_rows, row);
        if (i < 0) i = ~i - 1;
        return row + _offsets[Math.Max(0, i)];
    }

    /// <summary>The map of rows whose lines are <paramref name="lines"/>, one per row in order.</summary>
    public static SourceLines? Of(IEnumerable<int> lines)
    {
        var builder = new Builder();
        var row = 0;
        foreach (var line in lines) builder.Add(row++, line);
        return builder.Build();
    }

    /// <summary>Collects rows in order with their lines; keeps an entry only where line minus row changes.</summary>
    public sealed class Builder
    {
        private readonly List<int> _rows = [];
        private readonly List<long> _offsets = [];

        public void Add(int row, long line)
        {
            var offset = line - row;
            if (_offsets.Count > 0 && _offsets[^1] == offset) return;
            _rows.Add(row);
            _offsets.Add(offset);
        }

        public SourceLines? Build() => _rows.Count == 0 ? null : new SourceLines(_rows.ToArray(), _offsets.ToArray());
    }
}
