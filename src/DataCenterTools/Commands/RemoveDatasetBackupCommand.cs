using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Prunes snapshots by a retention policy (as restic forget), then deletes the chunks no remaining snapshot needs.</summary>
[Cmdlet(VerbsCommon.Remove, "DatasetBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BackupSnapshot))]
public sealed class RemoveDatasetBackupCommand : BackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    [Parameter] [ValidateRange(0, int.MaxValue)] public int KeepLast { get; set; }
    [Parameter] [ValidateRange(0, int.MaxValue)] public int KeepDaily { get; set; }
    [Parameter] [ValidateRange(0, int.MaxValue)] public int KeepWeekly { get; set; }
    [Parameter] [ValidateRange(0, int.MaxValue)] public int KeepMonthly { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var policy = new BackupRetention(KeepLast, KeepDaily, KeepWeekly, KeepMonthly);
        if (policy.IsEmpty)
            ThrowDataError(new DataException("NoRetentionPolicy", DataErrorKind.InvalidArgument,
                "No -KeepLast, -KeepDaily, -KeepWeekly or -KeepMonthly was given, so every snapshot would be removed.",
                "Give at least one -Keep* count."));
        var folder = ResolveOutputPath(Destination);
        var repo = OpenRepository(folder, create: false);
        IReadOnlyList<BackupSnapshot> all = [];
        if (!TryRun(() => all = BackupRepository.ListSnapshots(folder), folder)) return;
        var keep = policy.Keep(all.Select(s => (s.Id, s.TimeUtc)));
        var remove = all.Where(s => !keep.Contains(s.Id))
            .Where(s => ShouldProcess($"snapshot {s.Id} ({s.TimeUtc:u}) in {folder}", "Remove backup snapshot")).ToArray();
        WriteVerbose($"Policy keeps {keep.Count} of {all.Count} snapshot(s).");
        if (remove.Length == 0) return;
        var started = Elapsed;
        if (!TryRun(() =>
            {
                var (chunks, bytes) = repo.Forget(remove);
                WriteVerbose($"Removed {remove.Length} snapshot(s) and {chunks} chunk(s) no remaining snapshot needs ({FormatBytes(bytes)} freed) in {(Elapsed - started).TotalSeconds:0.000} s.");
            }, folder)) return;
        if (PassThru) WriteObject(remove, enumerateCollection: true);
    }
}
