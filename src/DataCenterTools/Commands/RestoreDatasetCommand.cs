using System.Management.Automation;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Restores a snapshot's files into a folder, all verified before any is put in place.</summary>
[Cmdlet(VerbsData.Restore, "Dataset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class RestoreDatasetCommand : BackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Source { get; set; } = "";

    /// <summary>Default: the latest snapshot.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? Snapshot { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var source = ResolveOutputPath(Source);
        var destination = ResolveOutputPath(Destination);
        var repo = OpenRepository(source, create: false);
        BackupSnapshot? snapshot = null;
        if (!TryRun(() => snapshot = repo.Snapshot(Snapshot), Snapshot ?? source)) return;
        var files = snapshot!.Files ?? [];
        if (!ShouldProcess(destination, $"Restore snapshot {snapshot.Id} ({snapshot.TimeUtc:u}): {files.Count} file(s), {FormatBytes(snapshot.TotalBytes ?? 0)}")) return;
        var progress = ProgressFor($"Restore-Dataset {snapshot.Id}", out var complete);
        var started = Elapsed;
        IReadOnlyList<string> written = [];
        var ok = TryRun(() =>
        {
            Directory.CreateDirectory(destination);
            written = repo.Restore(snapshot, destination, Force, progress, StopToken);
        }, destination);
        complete();
        if (!ok) return;
        WriteVerbose($"Restored snapshot {snapshot.Id}: {written.Count} file(s), {FormatBytes(snapshot.TotalBytes ?? 0)}, every SHA-256 verified, in {(Elapsed - started).TotalSeconds:0.000} s.");
        foreach (var f in written) WriteObject(new FileInfo(f));
    }
}
