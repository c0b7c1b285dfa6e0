using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a Dataset to CSV, TSV, JSON Lines or Parquet through a temp file renamed into place.</summary>
[Cmdlet(VerbsData.Export, "Dataset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(System.IO.FileInfo), typeof(System.IO.DirectoryInfo))]
public sealed class ExportDatasetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    // Output paths are never wildcard-expanded, so -LiteralPath is the same parameter.
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public DataFormat Format { get; set; } = DataFormat.Auto;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Delimiter { get; set; }

    /// <summary>Parquet page compression (Zstd by default); text formats take a .gz extension instead.</summary>
    [Parameter]
    public ParquetCompression? Compression { get; set; }

    /// <summary>Write a Hive-style partitioned Parquet folder (-Path is the folder): one region=.../day=.../part-0.parquet per value combination.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? PartitionBy { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Prefix ' to string cells starting with = + - @, tab or CR; default on for .csv of protected or sensitive data.</summary>
    [Parameter]
    public SwitchParameter EscapeFormula { get; set; }

    protected override void ProcessRecord()
    {
        var target = ResolveOutputPath(Path);

        if (PartitionBy != null)
        {
            ExportPartitioned(target);
            return;
        }
        var exists = File.Exists(target);
        if (exists && !Force)
        {
            WriteDataError(new DataException("FileExists", DataErrorKind.ResourceExists,
                $"The file '{target}' already exists.", "Use -Force to replace it, or choose another path.", target), target);
            return;
        }
        var action = exists ? $"Replace with {Dataset.RowCount:N0} rows x {Dataset.ColumnCount} columns" : $"Write {Dataset.RowCount:N0} rows x {Dataset.ColumnCount} columns";
        if (!ShouldProcess(target, action)) return;

        var progress = new ProgressRecord((int)ProgressActivity.ExportDataset, $"Export-Dataset {System.IO.Path.GetFileName(target)}", "Writing");
        var options = Options(target, progress);
        var started = Elapsed;
        if (TryRun(() => DatasetWriter.Write(Dataset, target, options), target))
        {
            WriteVerbose($"Wrote '{target}': {Dataset.RowCount:N0} rows, {Dataset.ColumnCount} columns in {(Elapsed - started).TotalSeconds:0.000} s.");
            if (PassThru) WriteObject(new FileInfo(target));
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    /// <summary>-PartitionBy: the plan checks every value first (an error before anything is written), then the folder is written atomically.</summary>
    private void ExportPartitioned(string target)
    {
        PartitionPlan? plan = null;
        if (!TryRun(() => { AtomicFolder.EnsureWritable(target, Force); plan = PartitionPlan.Create(Dataset, PartitionBy!); }, target)) return;
        var replace = Directory.Exists(target) ? "Replace with" : "Write";
        if (!ShouldProcess(target, $"{replace} {Dataset.RowCount:N0} rows as {plan!.Partitions.Count:N0} partitions by {string.Join(", ", plan.Columns)}")) return;
        var progress = new ProgressRecord((int)ProgressActivity.ExportDataset, $"Export-Dataset {System.IO.Path.GetFileName(target)}", "Writing partitions");
        var options = Options(target, progress);
        var started = Elapsed;
        if (TryRun(() => PartitionedDatasetWriter.Write(plan, target, options), target))
        {
            WriteVerbose($"Wrote '{target}': {Dataset.RowCount:N0} rows in {plan.Partitions.Count:N0} partitions by {string.Join(", ", plan.Columns)} in {(Elapsed - started).TotalSeconds:0.000} s.");
            if (PassThru) WriteObject(new DirectoryInfo(target));
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    private WriteOptions Options(string target, ProgressRecord progress)
    {
        char? delimiter = null;
        try { delimiter = ImportDatasetCommand.ParseDelimiter(Delimiter); }
        catch (DataException e) { ThrowDataError(e); }
        return new WriteOptions
        {
            Format = Format,
            Delimiter = delimiter,
            Overwrite = Force,
            Compression = Compression,
            Cancellation = StopToken,
            EscapeFormula = MyInvocation.BoundParameters.ContainsKey(nameof(EscapeFormula)) ? EscapeFormula.IsPresent : FormulaEscapingDefault.IsOn(Dataset, target),
            FormulaSafeColumns = FormulaEscapingDefault.ProtectedColumns(Dataset),
            Progress = (done, total) =>
            {
                progress.PercentComplete = total > 0 ? (int)Math.Min(100, 100 * done / total) : -1;
                progress.StatusDescription = $"{done:N0} of {total:N0} rows";
                WriteProgress(progress);
            },
        };
    }
}
