using System.Collections;
using System.Diagnostics;
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

    /// <summary>With -Path: how many files are described at once; results keep the input order.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    private DistributionOptions? _options;
    private readonly List<string> _pending = [];

    /// <summary>What one file or Dataset gave: the objects to write and the -Verbose line.</summary>
    private sealed record Description(IList Results, string Verbose);

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
        var files = ResolveInputPaths(Path, literal: false).ToList();
        // Files arriving one per pipeline object are gathered, so that -ThrottleLimit has several to describe at once.
        if (ThrottleLimit > 1) _pending.AddRange(files);
        else DescribeFiles(files);
    }

    protected override void EndProcessing()
    {
        if (_pending.Count > 0) DescribeFiles(_pending);
    }

    private void DescribeFiles(IReadOnlyList<string> files) => ForEachFile(files, ThrottleLimit, "Get-DataDistribution", DescribeFile, (_, description) =>
    {
        WriteVerbose(description.Verbose);
        WriteObject(description.Results, enumerateCollection: true);
    });

    /// <summary>One file's description; runs on a worker thread when -ThrottleLimit is above 1, so it writes nothing itself.</summary>
    private Description DescribeFile(FileWork file, CancellationToken cancel)
    {
        var options = _options! with { Warning = file.Warning };
        var read = new ReadOptions { Warning = file.Warning, Cancellation = cancel, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / ThrottleLimit) };
        // CSV, TSV and JSON Lines stream in chunks (per group and time bucket too); -Numeric and Parquet read the whole file.
        var format = DatasetReader.ResolveFormat(file.File, DataFormat.Auto);
        if (Numeric == null && format is DataFormat.Csv or DataFormat.Tsv or DataFormat.JsonLines)
        {
            try { return DescribeStreaming(file, format, options, read); }
            catch (DataException e) when (e.ErrorId.EndsWith("SummaryMismatch", StringComparison.Ordinal))
            {
                // A column holding numbers in some chunks and text in others is text for the whole file, as Import-Dataset reads it.
                file.Warning($"Column '{e.ColumnName}' of '{file.File}' holds numbers in some lines and text in others; reading the whole file to type it as text.");
            }
        }
        return Compute(DatasetReader.Read(file.File, read), options);
    }

    /// <summary>Reads the file chunk by chunk into mergeable column summaries: memory holds one chunk, not the file.</summary>
    private Description DescribeStreaming(FileWork file, DataFormat format, DistributionOptions options, ReadOptions read)
    {
        var clock = Stopwatch.StartNew();
        var progress = new ProgressRecord((int)ProgressActivity.GetDataDistribution, "Get-DataDistribution", $"Summarising the columns of '{file.File}'");
        // Only the pipeline thread may write progress: files described in parallel count in ForEachFile's bar when done.
        if (file.OnPipelineThread) read = StreamingReadOptions(progress, "read") with { Cancellation = read.Cancellation };
        long rows = 0;
        var stream = new StreamingDistribution(options);
        var jsonLines = format == DataFormat.JsonLines;
        try
        {
            var chunks = jsonLines ? JsonLinesDatasetReader.ReadChunks(file.File, read) : CsvDatasetReader.ReadChunks(file.File, read);
            foreach (var chunk in chunks)
            {
                stream.Add(chunk, columnsFixed: !jsonLines);
                rows += chunk.RowCount;
            }
        }
        finally
        {
            if (file.OnPipelineThread)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
        if (AsSummary)
        {
            var summaries = stream.Summaries();
            return new(summaries.ToList(), $"Summarised {summaries.Count} columns of '{file.File}' ({rows:N0} rows, streamed in chunks) in {clock.Elapsed.TotalMilliseconds:0} ms.");
        }
        var results = stream.Results();
        return new(results.ToList(), $"Described {results.Select(r => r.Column).Distinct(StringComparer.OrdinalIgnoreCase).Count()} columns of '{file.File}' ({rows:N0} rows, streamed in chunks) " +
                                     $"in {results.Count} results in {clock.Elapsed.TotalMilliseconds:0} ms.");
    }

    private Description Compute(Dataset dataset, DistributionOptions options)
    {
        var clock = Stopwatch.StartNew();
        if (AsSummary)
        {
            var summaries = ColumnSummary.Summarize(dataset, Column);
            return new(summaries.ToList(), $"Summarised {summaries.Count} columns of '{dataset.Name}' ({dataset.RowCount:N0} rows) in {clock.Elapsed.TotalMilliseconds:0} ms.");
        }
        var results = DistributionAnalyzer.Analyze(dataset, options);
        return new(results.ToList(), $"Described {results.Select(r => r.Column).Distinct().Count()} columns of '{dataset.Name}' ({dataset.RowCount:N0} rows) " +
                                     $"in {results.Count} results in {clock.Elapsed.TotalMilliseconds:0} ms.");
    }

    private void Describe(Dataset dataset)
    {
        var progress = new ProgressRecord((int)ProgressActivity.GetDataDistribution, "Get-DataDistribution", $"Describing the columns of '{dataset.Name}'");
        WriteProgress(progress);
        TryRun(() =>
        {
            var description = Compute(dataset, _options!);
            WriteVerbose(description.Verbose);
            WriteObject(description.Results, enumerateCollection: true);
        }, dataset.Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}
