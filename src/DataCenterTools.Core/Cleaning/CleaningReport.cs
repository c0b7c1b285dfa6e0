namespace DataCenterTools.Core.Cleaning;

/// <summary>What a cleaning step did to a column.</summary>
public enum CleaningAction
{
    Trimmed,
    WhitespaceCollapsed,
    Normalized,
    CaseChanged,
    Converted,
    NotConvertible,
    ColumnDropped,
    OutOfRange,
    Outliers,
    Clipped,
    SetMissing,
    Flagged,
    RowsDropped,
    Filled,
    MissingRowsDropped,
    DuplicatesRemoved,
    /// <summary>A rule could not run on the column (e.g. no spread for outliers); Detail says why.</summary>
    Skipped,
    /// <summary>-Replace or -NullValue changed cells (placeholders to missing, or one value to another).</summary>
    Replaced,
}

/// <summary>One line of a cleaning report: what was done to which column, to how many cells (or rows), and details.</summary>
public sealed record CleaningReportEntry(string Column, CleaningAction Action, int Cells, string Detail)
{
    public override string ToString() => $"{Column}: {Action} {Cells}{(Detail.Length > 0 ? $" ({Detail})" : "")}";
}

/// <summary>What a cleaning run did: the row counts before and after, and per column each change.</summary>
public sealed class CleaningReport(string dataset, int rowsIn, int rowsOut, int columnsIn, int columnsOut, IReadOnlyList<CleaningReportEntry> columns)
{
    public string Dataset { get; } = dataset;
    public int RowsIn { get; } = rowsIn;
    public int RowsOut { get; } = rowsOut;
    public int ColumnsIn { get; } = columnsIn;
    public int ColumnsOut { get; } = columnsOut;
    public IReadOnlyList<CleaningReportEntry> Columns { get; } = columns;

    /// <summary>The entries of one column (case-insensitive).</summary>
    public IEnumerable<CleaningReportEntry> For(string column) =>
        Columns.Where(e => string.Equals(e.Column, column, StringComparison.OrdinalIgnoreCase));

    public override string ToString() =>
        $"{Dataset}: {RowsIn} -> {RowsOut} rows, {ColumnsIn} -> {ColumnsOut} columns" +
        (Columns.Count == 0 ? "; no changes" : "; " + string.Join("; ", Columns));
}
