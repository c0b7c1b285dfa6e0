using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// A string column's cells as a text writer puts them in the file. The distinct values of each dictionary-encoded run
/// (host, region, status: a few hundred values over a million rows) are encoded once, so writing such a cell is a copy
/// of its bytes; other cells come as their characters, for the writer to encode. Missing cells are the caller's to
/// test (<see cref="Column.IsNull"/>) before asking.
/// </summary>
internal sealed class EncodedStringCells
{
    private readonly int[] _starts;            // the first row of each run, and the row count at the end
    private readonly StringColumn[] _columns;  // the single-storage column each run reads
    private readonly int[] _offsets;           // the row of that column that holds the run's first row
    private readonly byte[][]?[] _encoded;     // each run's dictionary entries encoded, or null

    /// <param name="encode">The bytes of one value as the writer puts it (escaped, quoted); called once per distinct value.</param>
    public EncodedStringCells(StringColumn column, Func<string, byte[]> encode)
    {
        var runs = column.Runs(0, column.Length).ToArray();
        _starts = new int[runs.Length + 1];
        _columns = new StringColumn[runs.Length];
        _offsets = new int[runs.Length];
        _encoded = new byte[][]?[runs.Length];
        var tables = new Dictionary<IReadOnlyList<string>, byte[][]>(ReferenceEqualityComparer.Instance);
        var row = 0;
        for (var r = 0; r < runs.Length; r++)
        {
            var (part, start, count) = runs[r];
            _starts[r] = row;
            _columns[r] = part;
            _offsets[r] = start;
            // A dictionary larger than the run (a few rows taken from a big column) is cheaper to encode cell by cell.
            if (part.Dictionary is { } dictionary && dictionary.Count <= count)
            {
                if (!tables.TryGetValue(dictionary, out var table)) tables[dictionary] = table = dictionary.Select(encode).ToArray();
                _encoded[r] = table;
            }
            row += count;
        }
        _starts[runs.Length] = row;
    }

    /// <summary>
    /// The cell's encoded bytes (true), or its characters for the caller to encode (false). <paramref name="run"/> is the
    /// caller's cursor: start it at 0; asking for rows in ascending order keeps the lookup constant-time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetEncoded(int row, ref int run, out ReadOnlySpan<byte> encoded, out ReadOnlySpan<char> text)
    {
        if (row < _starts[run]) run = 0;
        while (row >= _starts[run + 1]) run++;
        var at = _offsets[run] + row - _starts[run];
        if (_encoded[run] is { } table)
        {
            encoded = table[_columns[run].Codes[at]];
            text = default;
            return true;
        }
        encoded = default;
        text = _columns[run].GetSpan(at);
        return false;
    }
}
