using System.Collections;
using System.Globalization;
using System.Management.Automation;
using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Cleans Datasets (string rules, type conversion, ranges, outliers, fills, missing rows, duplicates) and reports what changed.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "DataCleaning", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CleaningReport))]
public sealed class InvokeDataCleaningCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    [ValidateSet("Any", "All")]
    public string? DropMissing { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? MaxMissingRatio { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Fill { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? FillByGroup { get; set; }

    [Parameter]
    public SwitchParameter RemoveDuplicates { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Key { get; set; }

    [Parameter]
    public DuplicateKeep Keep { get; set; } = DuplicateKeep.First;

    [Parameter]
    [ValidateSet("IQR", "ZScore", "MAD")]
    public string? Outliers { get; set; }

    [Parameter]
    [ValidateRange(1e-9, double.MaxValue)]
    public double? Threshold { get; set; }

    [Parameter]
    public OutlierAction OutlierAction { get; set; } = OutlierAction.SetMissing;

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Range { get; set; }

    [Parameter]
    public SwitchParameter Trim { get; set; }

    [Parameter]
    public SwitchParameter CollapseWhitespace { get; set; }

    [Parameter]
    public SwitchParameter NormalizeUnicode { get; set; }

    [Parameter]
    [ValidateSet("Lower", "Upper")]
    public string? Case { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? ConvertType { get; set; }

    [Parameter]
    [ValidateSet("Seconds", "Milliseconds")]
    public string? FromUnixTime { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Replace { get; set; }

    [Parameter]
    [AllowEmptyString]
    [ValidateNotNull]
    public string[]? NullValue { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? OutliersByGroup { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportVariable { get; set; }

    private CleaningOptions _options = null!;
    private readonly List<CleaningReport> _reports = [];

    protected override void BeginProcessing()
    {
        try { _options = BuildOptions(); }
        catch (DataException e) { ThrowDataError(e); }
    }

    protected override void ProcessRecord()
    {
        if (Dataset == null) return;
        var progress = new ProgressRecord((int)ProgressActivity.DataCleaning, $"Invoke-DataCleaning {Dataset.Name}", "Cleaning");
        CleaningResult? result = null;
        if (!TryRun(() => result = DataCleaner.Clean(Dataset, _options, step =>
            {
                progress.StatusDescription = step;
                WriteProgress(progress);
            }, WriteWarning), Dataset.Name)) return;
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);

        var report = result!.Report;
        _reports.Add(report);
        var changes = $"{report.RowsIn:N0} -> {report.RowsOut:N0} rows, {report.ColumnsIn} -> {report.ColumnsOut} columns, {report.Columns.Count} changes";
        var description = $"Clean dataset '{Dataset.Name}': {changes}" +
            string.Concat(report.Columns.Select(e => Environment.NewLine + "  " + e));
        if (!ShouldProcess(description, $"Clean dataset '{Dataset.Name}'?", "Invoke-DataCleaning")) return;

        WriteVerbose($"Cleaned '{Dataset.Name}': {changes} in {Elapsed.TotalSeconds:0.000} s.");
        WriteObject(result.Dataset);
        if (PassThru) WriteObject(report);
    }

    protected override void EndProcessing()
    {
        if (ReportVariable != null && _reports.Count > 0)
            SessionState.PSVariable.Set(ReportVariable, _reports.Count == 1 ? _reports[0] : _reports.ToArray());
    }

    private CleaningOptions BuildOptions() => new()
    {
        Columns = Column,
        Trim = Trim,
        CollapseWhitespace = CollapseWhitespace,
        NormalizeUnicode = NormalizeUnicode,
        Case = Case == null ? TextCase.None : Enum.Parse<TextCase>(Case, ignoreCase: true),
        ConvertTypes = Entries(ConvertType, ParseType),
        FromUnixTime = FromUnixTime == null ? UnixTimeUnit.None : Enum.Parse<UnixTimeUnit>(FromUnixTime, ignoreCase: true),
        Replace = Entries(Replace, ParseReplacements),
        NullValues = NullValue,
        OutliersByGroup = OutliersByGroup,
        MaxMissingRatio = MaxMissingRatio,
        Ranges = Entries(Range, ParseRange),
        Outliers = Outliers == null ? OutlierMethod.None : Enum.Parse<OutlierMethod>(Outliers, ignoreCase: true),
        Threshold = Threshold,
        OutlierAction = OutlierAction,
        Fill = Entries(Fill, (column, value) => value == null
            ? throw new DataException("InvalidFillValue", DataErrorKind.InvalidArgument, $"-Fill gives no value for column '{column}'.",
                "Give a strategy (Mean, Median, Mode, Zero, Forward, Backward) or a constant.", column: column)
            : FillSpec.Parse(value)),
        FillByGroup = FillByGroup,
        DropMissing = DropMissing == null ? MissingRowRule.None : Enum.Parse<MissingRowRule>(DropMissing, ignoreCase: true),
        RemoveDuplicates = RemoveDuplicates,
        Key = Key,
        Keep = Keep,
    };

    /// <summary>A hashtable of column name -> setting, as a case-insensitive dictionary of parsed settings.</summary>
    private static Dictionary<string, T> Entries<T>(Hashtable? table, Func<string, object?, T> parse)
    {
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table ?? [])
        {
            var column = entry.Key.ToString()!;
            result[column] = parse(column, entry.Value is PSObject p ? p.BaseObject : entry.Value);
        }
        return result;
    }

    /// <summary>One column's -Replace table: old value (as the cell's text, invariant culture) to new value ($null for missing).</summary>
    private static IReadOnlyDictionary<string, object?> ParseReplacements(string column, object? value)
    {
        if (value is not IDictionary map)
            throw new DataException("InvalidReplace", DataErrorKind.InvalidArgument,
                $"-Replace for column '{column}' must be a hashtable of old value to new value; got '{value}'.",
                "Write it as @{ workclass = @{ '?' = $null } }.", column: column);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
            result[CellParser.Format(entry.Key is PSObject k ? k.BaseObject : entry.Key)] = entry.Value is PSObject v ? v.BaseObject : entry.Value;
        return result;
    }

    private static ColumnType ParseType(string column, object? value)
    {
        var name = value is Type t ? t.Name : value?.ToString();
        return ColumnTypes.TryParse(name, out var type) ? type
            : throw new DataException("UnknownColumnType", DataErrorKind.InvalidArgument,
                $"-ConvertType asks for type '{name}' for column '{column}', which is not a column type.",
                "Use Int64, Double, Boolean, DateTime or String.", column: column);
    }

    private static ValueRange ParseRange(string column, object? value)
    {
        var bounds = (value as IEnumerable ?? Array.Empty<object>()).Cast<object?>()
            .Select(v => v is PSObject p ? p.BaseObject : v).ToList();
        if (value is not string && bounds.Count == 2 && bounds.All(b => b is IConvertible and not string and not bool))
            return new ValueRange(Convert.ToDouble(bounds[0], CultureInfo.InvariantCulture), Convert.ToDouble(bounds[1], CultureInfo.InvariantCulture));
        throw new DataException("InvalidRange", DataErrorKind.InvalidArgument,
            $"-Range for column '{column}' must be two numbers, minimum and maximum; got '{value}'.",
            "Write it as @{ cpu_pct = 0,100 }.", column: column);
    }
}
