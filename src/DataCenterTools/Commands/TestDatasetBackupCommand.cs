using System.Management.Automation;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Verifies a backup repository: every manifest, every chunk present, and with -ReadData every chunk decrypted and hashed.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DatasetBackup")]
[OutputType(typeof(BackupVerification))]
public sealed class TestDatasetBackupCommand : BackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Source")]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    [Parameter]
    public SwitchParameter ReadData { get; set; }

    protected override void EndProcessing()
    {
        var folder = ResolveOutputPath(Destination);
        var repo = OpenRepository(folder, create: false);
        var progress = ProgressFor($"Test-DatasetBackup {folder}", out var complete);
        var started = Elapsed;
        BackupVerification? result = null;
        TryRun(() => result = repo.Verify(ReadData, progress, StopToken), folder);
        complete();
        if (result == null) return;
        foreach (var problem in result.Problems) WriteDataError(problem, problem.File ?? folder);
        WriteVerbose($"Checked {result.Snapshots} snapshot(s) and {result.Chunks} chunk(s){(ReadData ? " (decrypted and hashed)" : " (present)")}: {result.Problems.Count} problem(s), in {(Elapsed - started).TotalSeconds:0.000} s.");
        WriteObject(result);
    }
}
