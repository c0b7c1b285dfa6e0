using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Operations;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Measures what data costs (disk, memory, Parquet, rows, tokens, growth per day) or what a training job needs (FLOPs, bandwidth, checkpoints, wall time).</summary>
// No default set: piped input (a Dataset, a catalog entry, a version, a result) picks its set by type.
[Cmdlet(VerbsDiagnostic.Measure, "DataResource")]
[OutputType(typeof(DataResourceResult), ParameterSetName = [DatasetSet, PathSet, CatalogSet, VersionSet])]
[OutputType(typeof(TrainingResourcePlan), ParameterSetName = [JobSet])]
public sealed class MeasureDataResourceCommand : DataCmdlet
{
    private const string DatasetSet = "Dataset", PathSet = "Path", CatalogSet = "Catalog", VersionSet = "Version", JobSet = "Job";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = PathSet)] public SwitchParameter Recurse { get; set; }
    [Parameter(ParameterSetName = PathSet)] public SwitchParameter Total { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CatalogSet)]
    public CatalogEntry[] CatalogEntry { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = VersionSet)]
    public DatasetVersionInfo[] SavedVersion { get; set; } = [];

    [Parameter(ParameterSetName = DatasetSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? TextColumn { get; set; }

    [Parameter(ParameterSetName = DatasetSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    [ValidateNotNullOrEmpty]
    public string Tokenizer { get; set; } = "o200k_base";

    [Parameter(ParameterSetName = DatasetSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    public SwitchParameter MeasureParquet { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = JobSet)] public double Parameters { get; set; }
    [Parameter(ParameterSetName = JobSet)] public double? Tokens { get; set; }
    [Parameter(ParameterSetName = JobSet)] public double Epochs { get; set; } = 1;
    [Parameter(ParameterSetName = JobSet)] public double? TokensPerSecond { get; set; }
    [Parameter(ParameterSetName = JobSet)] public int? GpuCount { get; set; }
    [Parameter(ParameterSetName = JobSet)] public double? GpuFlops { get; set; }
    [Parameter(ParameterSetName = JobSet)] public double Utilization { get; set; } = TrainingJob.DefaultUtilization;
    [Parameter(ParameterSetName = JobSet)] public double? BytesPerToken { get; set; }
    [Parameter(ParameterSetName = JobSet)] public int CheckpointCount { get; set; } = 1;

    [Parameter(ValueFromPipeline = true, ParameterSetName = JobSet)]
    public DataResourceResult[] Resource { get; set; } = [];

    private DataResourceMeasure? _measure;
    private readonly List<object> _collected = [];
    private readonly List<DataResourceResult> _files = [];

    protected override void BeginProcessing()
    {
        if (ParameterSetName == JobSet) return;
        _measure = new DataResourceMeasure(new DataResourceOptions
        {
            TextColumns = TextColumn, Tokenizer = ResolveTokenizer(Tokenizer), MeasureParquet = MeasureParquet, Warning = WriteWarning, Cancellation = StopToken,
        });
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case DatasetSet: Emit(() => _measure!.MeasureDataset(Dataset), Dataset.Name); break;
            case PathSet: MeasurePaths(); break;
            case CatalogSet: _collected.AddRange(CatalogEntry); break;
            case VersionSet: _collected.AddRange(SavedVersion); break;
            default: _collected.AddRange(Resource); break;
        }
    }

    protected override void EndProcessing()
    {
        switch (ParameterSetName)
        {
            case PathSet when Total && _files.Count > 0: WriteObject(DataResourceMeasure.Total(_files)); break;
            case CatalogSet: MeasureGroups(_collected.Cast<CatalogEntry>().GroupBy(e => e.Name, StringComparer.Ordinal), g => _measure!.MeasureCatalog(g)); break;
            case VersionSet: MeasureGroups(_collected.Cast<DatasetVersionInfo>().GroupBy(v => v.Name, StringComparer.Ordinal), DataResourceMeasure.MeasureVersions); break;
            case JobSet: PlanJob(); break;
        }
    }

    private void MeasurePaths()
    {
        var files = ResolveInputPaths(Path, literal: false)
            .SelectMany(p => Directory.Exists(p) ? DatasetInventory.FindFiles(p, Recurse) : [p]).ToArray();
        _files.AddRange(MeasureEach(files, f => System.IO.Path.GetFileName(f), _measure!.MeasureFile));
    }

    private void MeasureGroups<T>(IEnumerable<IGrouping<string, T>> groups, Func<IReadOnlyList<T>, DataResourceResult> measure) =>
        MeasureEach(groups.ToArray(), g => g.Key, g => measure(g.ToArray()));

    /// <summary>Measures each item with a progress bar over the items; a failing item is one non-terminating error.</summary>
    private List<DataResourceResult> MeasureEach<T>(IReadOnlyList<T> items, Func<T, string> label, Func<T, DataResourceResult> measure)
    {
        var results = new List<DataResourceResult>();
        var progress = new ProgressRecord((int)ProgressActivity.MeasureDataResource, "Measure-DataResource", "Measuring");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            progress.StatusDescription = $"{label(item)} ({i + 1} of {items.Count})";
            progress.PercentComplete = 100 * i / items.Count;
            WriteProgress(progress);
            if (Emit(() => measure(item), item as string ?? label(item)) is { } result) results.Add(result);
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        return results;
    }

    private DataResourceResult? Emit(Func<DataResourceResult> measure, string target)
    {
        var started = Elapsed;
        DataResourceResult? result = null;
        if (!TryRun(() => result = measure(), target)) return null;
        WriteVerbose($"{result!.Name}: {result.Rows:N0} rows, {(result.DiskBytes is { } d ? FormatBytes(d) + " on disk" : "no file")}, measured in {(Elapsed - started).TotalSeconds:0.000} s.");
        WriteObject(result);
        return result;
    }

    private void PlanJob()
    {
        TrainingResourcePlan? plan = null;
        try
        {
            plan = ResourcePlan.Plan(new TrainingJob
            {
                Parameters = Parameters, Tokens = Tokens, Epochs = Epochs, TokensPerSecond = TokensPerSecond, GpuCount = GpuCount, GpuFlops = GpuFlops,
                Utilization = Utilization, BytesPerToken = BytesPerToken, CheckpointCount = CheckpointCount,
            }, _collected.Cast<DataResourceResult>().ToArray());
        }
        catch (DataException e) { ThrowDataError(e); }
        if (plan!.Note != null)
        {
            plan = plan with { Note = Render(plan.Note) };
            WriteWarning(plan.Note);
        }
        WriteObject(plan);
    }
}
