namespace DataCenterTools.Core.Data;

/// <summary>
/// Bounds on what one read may take, so that a small hostile file (a gzip bomb, a JSON Lines file
/// adding a key per line, one giant field) stops with a DataCenterTools error long before memory
/// runs out. Each default suits ordinary files; each error says which parameter raises the limit.
/// Streamed reads (ReadChunks, used by -Path on the summarising cmdlets) hold one chunk at a time,
/// so <see cref="MaxCells"/> does not apply to them.
/// </summary>
public sealed record ReadLimits
{
    public const double DefaultMaxDecompressionRatio = 100;
    public const long DefaultDecompressionAllowance = 16L << 20;
    public const int DefaultMaxColumns = 16_384;
    public const long DefaultMaxCells = 500_000_000;
    public const int DefaultMaxFieldLength = 16 << 20;

    public static ReadLimits Default { get; } = new();

    /// <summary>
    /// Decompressed bytes per compressed byte read so far (gzip reaches about 1,000 for repetitive bombs;
    /// CSV and JSON typically compress 3-20 times). Checked once <see cref="DecompressionAllowance"/> bytes
    /// have been decompressed, so small files never trip it.
    /// </summary>
    public double MaxDecompressionRatio { get; init; } = DefaultMaxDecompressionRatio;

    /// <summary>Decompressed bytes any compressed file may produce before the ratio is checked.</summary>
    public long DecompressionAllowance { get; init; } = DefaultDecompressionAllowance;

    /// <summary>Columns in one Dataset (16,384 is also the widest sheet a spreadsheet holds).</summary>
    public int MaxColumns { get; init; } = DefaultMaxColumns;

    /// <summary>Rows times columns in one Dataset read whole (about 4 GB or more of memory at the default).</summary>
    public long MaxCells { get; init; } = DefaultMaxCells;

    /// <summary>
    /// Characters in one field (a CSV cell) or one JSON Lines line. The CSV parser (Sep) holds at most
    /// 16,777,216 characters per row whatever this says.
    /// </summary>
    public int MaxFieldLength { get; init; } = DefaultMaxFieldLength;

    /// <summary>Sep's fixed limit on one row's characters (SepDefaults.RowLengthMax, internal to Sep).</summary>
    public const int CsvRowLengthMax = 1 << 24;

    internal DataException TooManyColumns(string path, long columns, long? line) => new("TooManyColumns", DataErrorKind.InvalidData,
        $"'{path}' has more than {MaxColumns:N0} columns ({columns:N0} so far{(line is { } l ? $", at line {l:N0}" : "")}).",
        $"If the file really is that wide, raise the limit with {{option:MaxColumns}} {Suggest(columns)}; a JSON Lines file whose lines each bring new keys is probably not a table.",
        path, line);

    internal DataException TooManyCells(string path, long rows, long columns, long? line) => new("TooManyCells", DataErrorKind.InvalidData,
        $"'{path}' holds more than {MaxCells:N0} cells ({rows:N0} rows x {columns:N0} columns so far), more than one Dataset may hold at the current limit.",
        $"Raise the limit with {{option:MaxCells}} {Suggest(rows * columns * 4)} if the machine has the memory, read fewer columns with {{option:Column}}, or summarise the file in bounded memory with {{option:Path}} (Get-DataDistribution -Path {System.IO.Path.GetFileName(path)}).",
        path, line);

    internal DataException FieldTooLarge(string path, long length, long? line, string? column, bool parserLimit) => new("FieldTooLarge", DataErrorKind.InvalidData,
        parserLimit
            ? $"Line {line:N0} of '{path}' holds a row longer than {CsvRowLengthMax:N0} characters, the most the CSV parser can hold."
            : $"{(line is { } l ? $"Line {l:N0} of " : "")}'{path}' holds a field of {length:N0} characters{(column != null ? $" in column '{column}'" : "")}, more than the limit of {MaxFieldLength:N0}.",
        parserLimit
            ? "A row this long is usually an unclosed quote (try {option:Quote} None) or not a CSV file; for documents this long, use JSON Lines, where {option:MaxFieldLength} can be raised."
            : $"Raise the limit with {{option:MaxFieldLength}} {Suggest(length)}, or check the file: one field this long is usually an unclosed quote (try {{option:Quote}} None).",
        path, line, column);

    internal DataException DecompressionRatioExceeded(string path, long decompressed, long compressed) => new("DecompressionLimitExceeded", DataErrorKind.InvalidData,
        $"'{path}' expands to more than {MaxDecompressionRatio:N0} times its compressed size ({decompressed:N0} bytes from {compressed:N0} so far): it may be a decompression bomb.",
        $"If the file is trusted, raise the limit with {{option:MaxDecompressionRatio}} {Math.Ceiling(MaxDecompressionRatio * 10):0}, or summarise it in bounded memory with {{option:Path}} (Get-DataDistribution -Path {System.IO.Path.GetFileName(path)}).",
        path);

    private static string Suggest(long needed) => (Math.Max(needed, 1) * 2).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
