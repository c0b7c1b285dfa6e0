using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Saves a Dataset as the next version of a name in the content-addressed version store.</summary>
[Cmdlet(VerbsData.Save, "DatasetVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DatasetVersionInfo))]
public sealed class SaveDatasetVersionCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter]
    public string? Message { get; set; }

    protected override void ProcessRecord()
    {
        var store = DatasetVersionStore.OpenDefault();
        if (!ShouldProcess($"{Name} in {store.Root}", $"Save {Dataset.RowCount:N0} rows x {Dataset.ColumnCount} columns as a new version")) return;
        var progress = new ProgressRecord(4, $"Save-DatasetVersion {Name}", "Storing chunks");
        var started = Elapsed;
        DatasetVersionInfo? info = null;
        TryRun(() => info = store.Save(Dataset, Name, Message, (done, total) =>
        {
            progress.PercentComplete = total > 0 ? (int)Math.Min(100, 100 * done / total) : -1;
            progress.StatusDescription = $"{FormatBytes(done)} of {FormatBytes(total)}";
            WriteProgress(progress);
        }), Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (info == null) return;
        WriteVerbose($"Saved {Name} v{info.Version}: {info.File.Chunks.Count} chunks, {info.NewChunks} new ({FormatBytes(info.NewBytes)} written) in {(Elapsed - started).TotalSeconds:0.000} s.");
        WriteObject(info);
    }
}
