using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Saves a Dataset as the next version of a name in the content-addressed version store.</summary>
[Cmdlet(VerbsData.Save, "DatasetVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DatasetVersionInfo))]
public sealed class SaveDatasetVersionCommand : VersionStoreCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter]
    public string? Message { get; set; }

    /// <summary>Who may read the name's versions: users (alice), groups (group:analysts); sets the name's access policy.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Reader { get; set; }

    /// <summary>Who may save and remove versions of the name (and read them).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Writer { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        if (!ShouldProcess($"{Name} in {store.Root}", $"Save {Dataset.RowCount:N0} rows x {Dataset.ColumnCount} columns as a new version")) return;
        var progress = new ProgressRecord((int)ProgressActivity.DatasetVersion, $"Save-DatasetVersion {Name}", "Storing chunks");
        var started = Elapsed;
        DatasetVersionInfo? info = null;
        TryRun(() => info = store.Save(Dataset, Name, Message, (done, total) =>
        {
            progress.PercentComplete = total > 0 ? (int)Math.Min(100, 100 * done / total) : -1;
            progress.StatusDescription = $"{FormatBytes(done)} of {FormatBytes(total)}";
            WriteProgress(progress);
        }, policy: Reader is null && Writer is null ? null : DatasetAccessPolicy.From(Reader, Writer), cancellation: StopToken), Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (info == null) return;
        WriteVerbose($"Saved {Name} v{info.Version}{(store.IsEncrypted ? " (encrypted)" : "")}: {info.File.Chunks.Count} chunks, {info.NewChunks} new ({FormatBytes(info.NewBytes)} written) in {(Elapsed - started).TotalSeconds:0.000} s.");
        WriteObject(info);
    }
}
