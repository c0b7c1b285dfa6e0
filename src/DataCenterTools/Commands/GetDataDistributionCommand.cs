using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Describes the distribution of each column of a Dataset (or of data files), optionally per group and time bucket.</summary>
[Cmdlet(VerbsCommon.Get, "DataDistribution", DefaultParameterSetName = DatasetSet)]
[OutputType(typeof(ColumnDistribution), typeof(ColumnSummary))]
public sealed class GetDataDistributionCommand : DataCmdlet
{
    private const string DatasetSet = "Dataset";
    private const string PathSet = "Path";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[]? Quantile { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Bins { get; set; } = 20;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; } = 10;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? GroupBy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? TimeColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Interval { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Numeric { get; set; }

    [Parameter]
    public SwitchParameter AsSummary { get; set; }

    private DistributionOptions? _options;

    protected override void BeginProcessing()
    {
        try
        {
            if (Interval != null && TimeColumn == null)
                throw new DataException("IntervalWithoutTimeColumn", DataErrorKind.InvalidArgument,
                    "-Interval sets the width of the time buckets, which needs -TimeColumn.", "Add -TimeColumn <a DateTime column>.");
            if (AsSummary && (GroupBy != null || TimeColumn != null))
                throw new DataException("SummaryNotGrouped", DataErrorKind.InvalidArgument,
                    "-AsSummary summarises whole columns; it does not combine with -GroupBy or -TimeColumn.",
                    "Filter each group into its own Dataset first, or leave out -AsSummary.");
            _options = new DistributionOptions
            {
                Columns = Column,
                Quantiles = ParseQuantiles(Quantile) ?? DistributionOptions.DefaultQuantiles,
                Bins = Bins,
                Top = Top,
                GroupBy = GroupBy,
                TimeColumn = TimeColumn,
                Interval = Interval == null ? null : TimeInterval.Parse(Interval),
                Numeric = Numeric,
                Warning = WriteWarning,
            };
        }
        catch (DataException e) { ThrowDataError(e); }
    }

    /// <summary>Quantiles as fractions; when any value is above 1 all are read as percentages (1, 5, 25, ...).</summary>
    internal static double[]? ParseQuantiles(double[]? values)
    {
        if (values == null) return null;
        var percent = values.Any(v => v > 1);
        var result = values.Select(v => percent ? v / 100 : v).ToArray();
        if (result.Any(q => !(q >= 0 && q <= 1)))
            throw new DataException("InvalidQuantile", DataErrorKind.InvalidArgument,
                $"-Quantile {string.Join(",", values)} is outside 0-1 (or 0-100 as percentages).", "Use for example -Quantile 0.1,0.5,0.9 or -Quantile 10,50,90.");
        return result;
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DatasetSet)
        {
            Describe(Dataset);
            return;
        }
        foreach (var file in ResolveInputPaths(Path, literal: false))
        {
            // CSV, TSV and JSON Lines stream in chunks (per group and time bucket too); -Numeric and Parquet read the whole file.
            DataFormat format = DataFormat.Auto;
            if (!TryRun(() => format = DatasetReader.ResolveFormat(file, DataFormat.Auto), file)) continue;
            if (Numeric == null && format is DataFormat.Csv or DataFormat.Tsv or DataFormat.JsonLines)
            {
                TryRun(() => DescribeStreaming(file, format), file);
                continue;
            }
            Dataset? dataset = null;
            if (TryRun(() => dataset = DatasetReader.Read(file, new ReadOptions { Warning = WriteWarning, Cancellation = StopToken }), file)) Describe(dataset!);
        }
    }

    /// <summary>Reads the file chunk by chunk into mergeable column summaries: memory holds one chunk, not the file.</summary>
    private void DescribeStreaming(string file, DataFormat format)
    {
        var started = Elapsed;
        var progress = new ProgressRecord((int)ProgressActivity.GetDataDistribution, "Get-DataDistribution", $"Summarising the columns of '{file}'");
        long rows = 0;
        var options = StreamingReadOptions(progress, "read", p => rows = p.Rows);
        var stream = new StreamingDistribution(_options!);
        var jsonLines = format == DataFormat.JsonLines;
        try
        {
            var chunks = jsonLines ? JsonLinesDatasetReader.ReadChunks(file, options) : CsvDatasetReader.ReadChunks(file, options);
            foreach (var chunk in chunks) stream.Add(chunk, columnsFixed: !jsonLines);
        }
        catch (DataException e) when (e.ErrorId.EndsWith("SummaryMismatch", StringComparison.Ordinal))
        {
            // A column holding numbers in some chunks and text in others is text for the whole file, as Import-Dataset reads it.
            WriteWarning($"Column '{e.ColumnName}' of '{file}' holds numbers in some lines and text in others; reading the whole file to type it as text.");
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            Describe(DatasetReader.Read(file, new ReadOptions { Warning = WriteWarning, Cancellation = StopToken }));
            return;
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (AsSummary)
        {
            var summaries = stream.Summaries();
            WriteVerbose($"Summarised {summaries.Count} columns of '{file}' ({rows:N0} rows, streamed in chunks) in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(summaries, enumerateCollection: true);
            return;
        }
        var results = stream.Results();
        WriteVerbose($"Described {results.Select(r => r.Column).Distinct(StringComparer.OrdinalIgnoreCase).Count()} columns of '{file}' ({rows:N0} rows, streamed in chunks) " +
                     $"in {results.Count} results in {(Elapsed - started).TotalMilliseconds:0} ms.");
        WriteObject(results, enumerateCollection: true);
    }

    private void Describe(Dataset dataset)
    {
        var started = Elapsed;
        var progress = new ProgressRecord((int)ProgressActivity.GetDataDistribution, "Get-DataDistribution", $"Describing the columns of '{dataset.Name}'");
        WriteProgress(progress);
        TryRun(() =>
        {
            if (AsSummary)
            {
                var summaries = ColumnSummary.Summarize(dataset, Column);
                WriteVerbose($"Summarised {summaries.Count} columns of '{dataset.Name}' ({dataset.RowCount:N0} rows) in {(Elapsed - started).TotalMilliseconds:0} ms.");
                WriteObject(summaries, enumerateCollection: true);
                return;
            }
            var results = DistributionAnalyzer.Analyze(dataset, _options!);
            WriteVerbose($"Described {results.Select(r => r.Column).Distinct().Count()} columns of '{dataset.Name}' ({dataset.RowCount:N0} rows) " +
                         $"in {results.Count} results in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(results, enumerateCollection: true);
        }, dataset.Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}
