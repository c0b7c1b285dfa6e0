namespace DataCenterTools.Core.Privacy;

/// <summary>What Find-SensitiveData scans and what it reports.</summary>
public sealed class SensitiveScanOptions
{
    /// <summary>The rows scanned per column when <see cref="ScanAllRows"/> is off: spread evenly over the dataset.</summary>
    public const int DefaultSampleRows = 10_000;

    /// <summary>Only these columns (default: every column).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>How many rows to scan, spread evenly from the first to the last; all rows when the dataset has fewer.</summary>
    public int SampleRows { get; init; } = DefaultSampleRows;

    /// <summary>Scan every row instead of a sample.</summary>
    public bool ScanAllRows { get; init; }

    /// <summary>Columns whose best confidence is below this are not reported.</summary>
    public double MinimumConfidence { get; init; } = 0.5;
}

/// <summary>One kind of sensitive value found in a column.</summary>
public sealed class SensitiveKindMatch
{
    public SensitiveDataKind Kind { get; init; }

    /// <summary>Scanned non-null cells holding at least one value of this kind.</summary>
    public long MatchCount { get; init; }

    /// <summary><see cref="MatchCount"/> over the scanned non-null cells.</summary>
    public double MatchShare { get; init; }

    /// <summary>0..1: the evidence (check digits, shape), the share of cells and what the column name says.</summary>
    public double Confidence { get; init; }

    public override string ToString() => $"{Kind} {MatchShare:P0} ({Confidence:0.00})";
}

/// <summary>A column that holds sensitive data, with the kind found most surely first.</summary>
public sealed class SensitiveColumnFinding
{
    public string Dataset { get; init; } = "";
    public string Column { get; init; } = "";

    /// <summary>The most confident kind.</summary>
    public SensitiveDataKind Kind { get; init; }

    /// <summary>For a <see cref="SensitiveDataKind.QuasiIdentifier"/>: which one (age, sex, race, nationality, postcode).</summary>
    public string? Attribute { get; init; }

    /// <summary>Every kind found in the column, most confident first.</summary>
    public IReadOnlyList<SensitiveKindMatch> Kinds { get; init; } = [];

    /// <summary>The share of scanned non-null cells that hold the primary kind.</summary>
    public double MatchShare { get; init; }

    /// <summary>0..1 for the primary kind.</summary>
    public double Confidence { get; init; }

    /// <summary>High (0.8 and up), Medium (0.5 and up) or Low.</summary>
    public string Level { get; init; } = "";

    /// <summary>Up to two values of the primary kind, masked: never the raw values.</summary>
    public IReadOnlyList<string> Samples { get; init; } = [];

    /// <summary>True when the values were found inside longer text (a note or message column) rather than as whole cells.</summary>
    public bool FreeText { get; init; }

    /// <summary>The rows scanned (a sample unless every row was asked for).</summary>
    public long RowsScanned { get; init; }

    /// <summary>The non-null cells among them.</summary>
    public long CellsScanned { get; init; }

    public static string LevelOf(double confidence) => confidence >= 0.8 ? "High" : confidence >= 0.5 ? "Medium" : "Low";

    public override string ToString() => $"{Column}: {Kind}{(Attribute is null ? "" : $" ({Attribute})")} {MatchShare:P0} ({Level})";
}
