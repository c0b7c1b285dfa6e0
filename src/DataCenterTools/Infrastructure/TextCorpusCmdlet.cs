using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// Shared binding of the text cmdlets: a Dataset from the pipeline (in memory), or -Path corpus files streamed to
/// -OutputPath (bounded memory, resumable per file by the folder's run manifest, progress over bytes).
/// </summary>
public abstract class TextCorpusCmdlet : DataCmdlet
{
    protected const string DatasetSet = "Dataset";
    protected const string PathSet = "Path";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string OutputPath { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? TextColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? IdColumn { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter DocumentPerFile { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    public BadRowAction OnBadRow { get; set; } = BadRowAction.Error;

    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? QuarantinePath { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    public CorpusCompression Compression { get; set; } = CorpusCompression.Zstd;

    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(1, 4096)]
    public int BatchSizeMB { get; set; } = 8;

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>With -Path: how many input files are processed at once; results keep the input order.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    private readonly List<string> _paths = [];


    protected bool IsStreaming => ParameterSetName == PathSet;

    /// <summary>Collects -Path input (resolved through the provider) so a run sees every file at once.</summary>
    protected void CollectPaths()
    {
        if (IsStreaming) _paths.AddRange(ResolveInputPaths(Path, literal: false));
    }

    protected CorpusReadOptions ReadOptions() => new()
    {
        TextColumn = TextColumn,
        IdColumn = IdColumn,
        DocumentPerFile = DocumentPerFile,
        OnBadRow = OnBadRow,
        QuarantinePath = QuarantinePath == null ? null : ResolveOutputPath(QuarantinePath),
        Force = Force,
        Warning = WriteWarning,
        Cancellation = StopToken,
    };

    protected IReadOnlyList<CorpusUnit> PlanUnits() => CorpusFiles.Plan(CorpusFiles.Expand(_paths, DocumentPerFile), DocumentPerFile);

    protected CorpusRunOptions RunOptions(string activity, string? rejectFolder) => new()
    {
        OutputPath = ResolveOutputPath(OutputPath),
        Read = ReadOptions(),
        RejectPath = rejectFolder == null ? null : ResolveOutputPath(rejectFolder),
        Force = Force,
        Compression = Compression,
        BatchBytes = (long)BatchSizeMB << 20,
        MaxParallelUnits = ThrottleLimit,
        Cancellation = StopToken,
        Progress = ProgressReporter(activity),
    };

    protected Action<CorpusRunProgress> ProgressReporter(string activity)
    {
        var record = new ProgressRecord((int)ProgressActivity.TextCorpus, activity, "Reading");
        return p =>
        {
            record.StatusDescription = $"{FormatBytes(p.BytesDone)} of {FormatBytes(p.BytesTotal)}, {p.Documents:N0} documents{(p.CurrentFile.Length > 0 ? ", " + p.CurrentFile : "")}";
            record.PercentComplete = p.BytesTotal > 0 ? (int)Math.Min(100, 100 * p.BytesDone / p.BytesTotal) : -1;
            record.RecordType = p.BytesDone >= p.BytesTotal && p.CurrentFile.Length == 0 ? ProgressRecordType.Completed : ProgressRecordType.Processing;
            WriteProgress(record);
        };
    }

    /// <summary>
    /// Runs a per-document stage: on a Dataset, returns the new Dataset (writing dropped rows to <paramref name="rejectPath"/>
    /// when given); over -Path, streams the files and writes one result per file.
    /// </summary>
    protected void RunStage(Func<IDocumentStage> makeStage, bool drop, string? rejectPath, string activity)
    {
        IDocumentStage? stage = null;
        if (!TryRun(() => stage = makeStage(), null)) return;
        if (!IsStreaming)
        {
            DatasetStageResult? result = null;
            if (!TryRun(() => result = DatasetStages.Apply(Dataset, stage!, TextColumn, IdColumn, drop || rejectPath != null, cancellation: StopToken), Dataset.Name)) return;
            if (rejectPath != null && result!.Rejected != null)
            {
                var target = ResolveOutputPath(rejectPath);
                if (ConfirmOutputFile(target, Force, $"{result.RejectedCount:N0} rejected documents"))
                    TryRun(() => DatasetWriter.Write(result.Rejected, target, new WriteOptions { Overwrite = Force, Format = DataFormat.JsonLines, Cancellation = StopToken }), target);
            }
            WriteVerbose($"{stage!.Operation} on '{Dataset.Name}': {Dataset.RowCount:N0} documents, {result!.RejectedCount:N0} {(drop || rejectPath != null ? "dropped" : "failing")}, in {Elapsed.TotalSeconds:0.000} s.");
            WriteObject(result.Kept);
            return;
        }
        var target2 = ResolveOutputPath(OutputPath);
        if (!ShouldProcess(target2, $"Write the output of {stage!.Operation} for {_paths.Count} input path(s)")) return;
        TryRun(() =>
        {
            // One file that fails is its own error (naming it); the others are still processed and written in order.
            foreach (var outcome in CorpusStreamRun.RunEach(PlanUnits(), stage, RunOptions(activity, rejectPath)))
            {
                if (outcome.Value is not { } file)
                {
                    WriteFileError(outcome.Error!, outcome.Item.Files.Count == 1 ? outcome.Item.Files[0] : outcome.Item.Name);
                    continue;
                }
                WriteVerbose(file.Skipped ? $"{file.Name}: already done (run manifest), skipped." : $"{file.Name}: {file.DocumentsIn:N0} documents, {file.Rejected:N0} dropped, in {file.Elapsed.TotalSeconds:0.000} s.");
                WriteObject(file);
            }
        }, target2);
    }
}
