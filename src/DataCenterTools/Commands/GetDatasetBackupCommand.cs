using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Lists the snapshots of a backup repository (with the key, also their hosts, files and sizes).</summary>
[Cmdlet(VerbsCommon.Get, "DatasetBackup")]
[OutputType(typeof(BackupSnapshot))]
public sealed class GetDatasetBackupCommand : BackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Source")]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Snapshot { get; set; }

    protected override void EndProcessing()
    {
        var folder = ResolveOutputPath(Destination);
        IReadOnlyList<BackupSnapshot> entries = [];
        if (!TryRun(() => entries = BackupRepository.ListSnapshots(folder), folder)) return;
        if (Snapshot != null)
        {
            entries = entries.Where(s => s.Id.Equals(Snapshot, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (entries.Count == 0)
                WriteDataError(new DataException("SnapshotNotFound", DataErrorKind.ObjectNotFound,
                    $"The backup repository '{folder}' has no snapshot '{Snapshot}'.", "List the snapshots with Get-DatasetBackup."), Snapshot);
        }
        var repo = HasKey ? OpenRepository(folder, create: false) : null;
        foreach (var entry in entries)
        {
            if (repo == null) WriteObject(entry);
            else TryRun(() => WriteObject(repo.ReadManifest(entry)), entry.Id);
        }
    }
}
