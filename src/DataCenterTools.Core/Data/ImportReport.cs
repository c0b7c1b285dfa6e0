using System.Globalization;

namespace DataCenterTools.Core.Data;

/// <summary>
/// How a file was read: the lines it has, the rows they gave, and where the difference went (header,
/// blank lines, bad rows, quoted fields spanning several lines), with the warnings written during the
/// read. <see cref="Summary"/> says so in a sentence when the rows do not account for every line.
/// Set by the text readers on the Dataset they return; transforms do not carry it.
/// </summary>
public sealed record ImportReport
{
    public required string Path { get; init; }
    public required string Format { get; init; }
    /// <summary>Physical lines in the (decompressed) file, counting the header, blank lines and bad rows.</summary>
    public long LinesRead { get; init; }
    public long Rows { get; init; }
    public int HeaderLines { get; init; }
    public long BlankLines { get; init; }
    /// <summary>Rows or lines skipped or quarantined by -OnBadRow.</summary>
    public long BadRows { get; init; }
    /// <summary>Rows whose quoted fields span more than one line, and the extra lines they took up.</summary>
    public long MultiLineRows { get; init; }
    public long LinesInsideFields { get; init; }
    /// <summary>
    /// The warnings of the read as written, options named <c>{option:Name}</c> (<see cref="OptionNames"/>), for a
    /// caller that renders them as its own parameters (the cmdlets write <c>-Quote</c>).
    /// </summary>
    public IReadOnlyList<string> WarningTemplates { get; init; } = [];

    /// <summary>The warnings of the read, each option by its core name (<c>Quote</c>): what a C# program or a look at
    /// <c>$ds.ImportReport</c> shows.</summary>
    public IReadOnlyList<string> Warnings => WarningTemplates.Select(OptionNames.ForCode).ToList();

    /// <summary>Lines that are neither a row, the header, blank nor a counted bad row (0 for a file read completely).</summary>
    public long UnaccountedLines => LinesRead - HeaderLines - BlankLines - BadRows - Rows - LinesInsideFields;

    /// <summary>True when every line that is not header or blank became a row.</summary>
    public bool Complete => Rows == LinesRead - HeaderLines - BlankLines;

    public string Summary
    {
        get
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"'{System.IO.Path.GetFileName(Path)}': {Rows:N0} rows from {LinesRead:N0} lines");
            if (Complete) return text + ".";
            var parts = new List<string>();
            if (HeaderLines > 0) parts.Add("1 header");
            if (BlankLines > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{BlankLines:N0} blank"));
            if (BadRows > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{BadRows:N0} bad rows skipped"));
            if (MultiLineRows > 0)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{MultiLineRows:N0} rows with quoted fields spanning {LinesInsideFields + MultiLineRows:N0} lines"));
            return text + " (" + string.Join(", ", parts) + "): fewer rows than lines.";
        }
    }

    public override string ToString() => Summary;
}
