using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>Which rows DropMissing removes: a row missing any, or all, of the selected columns.</summary>
public enum MissingRowRule { None, Any, All }

public enum OutlierMethod { None, IQR, ZScore, MAD }

/// <summary>What happens to an outlier or an out-of-range value.</summary>
public enum OutlierAction { SetMissing, Drop, Clip, Flag }

public enum TextCase { None, Lower, Upper }

public enum FillMethod { Mean, Median, Mode, Zero, Constant, Forward, Backward }

/// <summary>How one column's missing cells are filled: a method, or a constant value.</summary>
public sealed record FillSpec(FillMethod Method, object? Value = null)
{
    /// <summary>
    /// A strategy name (Mean, Median, Mode, Zero, Forward, Backward; also ffill/bfill) when the text is
    /// one, else a constant: names win, so a constant text equal to a strategy name cannot be given.
    /// </summary>
    public static FillSpec Parse(object value)
    {
        if (value is string text)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "mean": return new(FillMethod.Mean);
                case "median": return new(FillMethod.Median);
                case "mode": return new(FillMethod.Mode);
                case "zero": return new(FillMethod.Zero);
                case "forward": case "ffill": return new(FillMethod.Forward);
                case "backward": case "bfill": return new(FillMethod.Backward);
            }
        }
        return new(FillMethod.Constant, value);
    }

    public override string ToString() => Method == FillMethod.Constant ? $"'{Value}'" : Method.ToString();
}

/// <summary>The inclusive range of valid values of a numeric column.</summary>
public readonly record struct ValueRange(double Min, double Max)
{
    public override string ToString() => $"{CellParser.FormatDouble(Min)}..{CellParser.FormatDouble(Max)}";
}

/// <summary>
/// What Invoke-DataCleaning does. Column names are matched case-insensitively, like the schema.
/// <see cref="Columns"/> selects the columns the column-wide rules look at (string rules, outliers,
/// DropMissing, MaxMissingRatio); null means all columns.
/// </summary>
public sealed class CleaningOptions
{
    public IReadOnlyList<string>? Columns { get; init; }

    public bool Trim { get; init; }
    public bool CollapseWhitespace { get; init; }
    public bool NormalizeUnicode { get; init; }
    public TextCase Case { get; init; }

    /// <summary>
    /// Per column, cell values (as text: "?", "-999") and what replaces them: null for missing, else a value of the
    /// column's type. Applied after the string rules and before ConvertType, so placeholders never block a conversion.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Replace { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, object?>>();

    /// <summary>Cell values that mean missing in the selected columns (-Column, default all), matched on the cell's text.</summary>
    public IReadOnlyList<string>? NullValues { get; init; }

    public IReadOnlyDictionary<string, ColumnType> ConvertTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>How ConvertType turns numbers into DateTime: as Unix seconds or milliseconds (UTC); None leaves only ISO text.</summary>
    public UnixTimeUnit FromUnixTime { get; init; }

    /// <summary>Drop columns whose share of missing cells is greater than this (0..1).</summary>
    public double? MaxMissingRatio { get; init; }

    public IReadOnlyDictionary<string, ValueRange> Ranges { get; init; } = new Dictionary<string, ValueRange>();
    public OutlierMethod Outliers { get; init; }

    /// <summary>The outlier threshold; null takes the method's default (IQR 1.5, ZScore 3, MAD 3.5).</summary>
    public double? Threshold { get; init; }

    public OutlierAction OutlierAction { get; init; } = OutlierAction.SetMissing;

    /// <summary>Outlier bounds computed within each group (rows with equal values in these columns) instead of the whole column.</summary>
    public IReadOnlyList<string>? OutliersByGroup { get; init; }

    public IReadOnlyDictionary<string, FillSpec> Fill { get; init; } = new Dictionary<string, FillSpec>();

    /// <summary>Fill from the row's group (rows with equal values in these columns) instead of the whole column.</summary>
    public IReadOnlyList<string>? FillByGroup { get; init; }

    public MissingRowRule DropMissing { get; init; }

    public bool RemoveDuplicates { get; init; }

    /// <summary>The columns that make two rows duplicates; null means all columns.</summary>
    public IReadOnlyList<string>? Key { get; init; }

    public DuplicateKeep Keep { get; init; }

    public static double DefaultThreshold(OutlierMethod method) => method switch
    {
        OutlierMethod.IQR => 1.5,
        OutlierMethod.ZScore => 3.0,
        OutlierMethod.MAD => 3.5,
        _ => 0,
    };

    public double EffectiveThreshold => Threshold ?? DefaultThreshold(Outliers);

    /// <summary>The options that are set, as text, for the lineage entry.</summary>
    public Dictionary<string, string> Describe()
    {
        var d = new Dictionary<string, string>();
        if (Columns != null) d["Column"] = string.Join(",", Columns);
        if (Trim) d["Trim"] = "true";
        if (CollapseWhitespace) d["CollapseWhitespace"] = "true";
        if (NormalizeUnicode) d["NormalizeUnicode"] = "NFC";
        if (Case != TextCase.None) d["Case"] = Case.ToString();
        if (Replace.Count > 0)
            d["Replace"] = Join(Replace.Select(p => $"{p.Key}: " + string.Join(", ", p.Value.Select(r => $"'{r.Key}'->{(r.Value == null ? "missing" : $"'{r.Value}'")}"))));
        if (NullValues != null) d["NullValue"] = string.Join(",", NullValues.Select(v => $"'{v}'"));
        if (ConvertTypes.Count > 0) d["ConvertType"] = Join(ConvertTypes.Select(p => $"{p.Key}={p.Value}"));
        if (FromUnixTime != UnixTimeUnit.None) d["FromUnixTime"] = FromUnixTime.ToString();
        if (MaxMissingRatio is { } r) d["MaxMissingRatio"] = CellParser.FormatDouble(r);
        if (Ranges.Count > 0) d["Range"] = Join(Ranges.Select(p => $"{p.Key}={p.Value}"));
        if (Outliers != OutlierMethod.None)
        {
            d["Outliers"] = Outliers.ToString();
            d["Threshold"] = CellParser.FormatDouble(EffectiveThreshold);
            if (OutliersByGroup != null) d["OutliersByGroup"] = string.Join(",", OutliersByGroup);
        }
        if (Outliers != OutlierMethod.None || Ranges.Count > 0) d["OutlierAction"] = OutlierAction.ToString();
        if (Fill.Count > 0) d["Fill"] = Join(Fill.Select(p => $"{p.Key}={p.Value}"));
        if (FillByGroup != null) d["FillByGroup"] = string.Join(",", FillByGroup);
        if (DropMissing != MissingRowRule.None) d["DropMissing"] = DropMissing.ToString();
        if (RemoveDuplicates)
        {
            d["RemoveDuplicates"] = Key == null ? "all columns" : string.Join(",", Key);
            d["Keep"] = Keep.ToString();
        }
        return d;
    }

    private static string Join(IEnumerable<string> parts) => string.Join("; ", parts);
}
