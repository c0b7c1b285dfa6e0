namespace DataCenterTools.Core.Data;

/// <summary>
/// How to write a Dataset to a file. Auto picks the format by extension (.csv, .tsv, .jsonl,
/// .ndjson, .parquet); a further .gz suffix gzip-compresses CSV, TSV and JSON Lines output.
/// </summary>
public sealed record WriteOptions
{
    public DataFormat Format { get; init; } = DataFormat.Auto;
    /// <summary>Field separator for CSV; null means ',' (tab for .tsv or Format Tsv).</summary>
    public char? Delimiter { get; init; }
    /// <summary>Replace an existing file. Without it, writing over a file is refused.</summary>
    public bool Overwrite { get; init; }
    /// <summary>Called on the writing thread with (rows written, total rows), at most every few hundred milliseconds and once at the end.</summary>
    public Action<long, long>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }
    /// <summary>
    /// CSV/TSV: prefix ' to string cells that a spreadsheet would run as a formula (see <see cref="FormulaEscaping"/>).
    /// Null means off; Export-Dataset fills it from Privacy.FormulaEscapingDefault. Numbers are never changed.
    /// </summary>
    public bool? EscapeFormula { get; init; }
    /// <summary>Columns never escaped, even with <see cref="EscapeFormula"/>: ciphertext that must read back byte for byte.</summary>
    public IReadOnlyCollection<string>? FormulaSafeColumns { get; init; }
}
