using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a corpus as training shards (part-00000.jsonl.zst …) with a manifest.json of rows, bytes, SHA-256, tokens and lineage.</summary>
[Cmdlet(VerbsData.Export, "TrainingShard", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ShardManifest))]
public sealed class ExportTrainingShardCommand : DataCmdlet
{
    private const string DatasetSet = "Dataset";
    private const string PathSet = "Path";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] InputPath { get; set; } = [];

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter] [ValidateRange(1024L, long.MaxValue)] public long ShardSize { get; set; } = 256L << 20;
    [Parameter] [ValidateRange(0L, long.MaxValue)] public long ShardRows { get; set; }
    [Parameter] [ValidateSet("JsonLines", "Parquet")] public string Format { get; set; } = "JsonLines";
    [Parameter] public CorpusCompression Compression { get; set; } = CorpusCompression.Zstd;
    [Parameter] [ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string? TextColumn { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }

    private TrainingShardWriter? _writer;
    private readonly List<string> _inputs = [];
    private long _rows;
    private bool _failed;


    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet) { _inputs.AddRange(ResolveInputPaths(InputPath, literal: false)); return; }
        if (!Open()) return;
        if (!TryRun(() => _writer!.Write(Dataset, TextColumn), Dataset.Name)) Abandon();
        _rows += Dataset.RowCount;
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == PathSet && _inputs.Count > 0 && Open())
            if (!TryRun(() =>
                {
                    foreach (var file in CorpusFiles.Expand(_inputs, false))
                    {
                        _writer!.AddSource(file, []);
                        foreach (var doc in CorpusFileReader.Read(file, new CorpusReadOptions { TextColumn = TextColumn, Cancellation = StopToken, Warning = WriteWarning })) { _writer.Add(doc); _rows++; }
                    }
                }, Path)) Abandon();
        if (_writer == null) return;
        TryRun(() =>
        {
            var manifest = _writer.Complete();
            WriteVerbose($"Wrote {manifest.Shards.Count:N0} shards ({manifest.Rows:N0} rows, {FormatBytes(manifest.Bytes)}{(manifest.Tokens is { } t ? $", {t:N0} tokens" : "")}) to '{ResolveOutputPath(Path)}' in {Elapsed.TotalSeconds:0.000} s.");
            WriteObject(manifest);
        }, Path);
    }

    private bool Open()
    {
        if (_failed) return false;
        if (_writer != null) return true;
        var target = ResolveOutputPath(Path);
        if (!ShouldProcess(target, $"Write training shards and {ShardManifest.FileName}")) return false;
        var progress = new ProgressRecord((int)ProgressActivity.ExportTrainingShard, "Export-TrainingShard", "Writing");
        return TryRun(() => _writer = new TrainingShardWriter(new ShardOptions
        {
            OutputPath = target, ShardBytes = ShardSize, ShardRows = ShardRows, Format = Enum.Parse<DataFormat>(Format), Compression = Compression, Force = Force,
            Cancellation = StopToken,
            Progress = rows => { progress.StatusDescription = $"{rows:N0} rows"; WriteProgress(progress); },
        }), target);
    }

    private void Abandon()
    {
        _writer?.Abandon();
        _writer = null;
        _failed = true; // the folder holds a whole shard set or none: later input is not written either
    }
}
