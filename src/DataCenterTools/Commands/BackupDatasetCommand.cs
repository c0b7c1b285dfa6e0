using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Backs up files, or every version of a name in the version store, to an encrypted, deduplicating repository.</summary>
[Cmdlet(VerbsData.Backup, "Dataset", DefaultParameterSetName = "Path", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BackupSnapshot))]
public sealed class BackupDatasetCommand : BackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = "Name")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>With -Name: the key file of an encrypted version store (-KeyPath is the backup repository's).</summary>
    [Parameter(ParameterSetName = "Name")]
    [ValidateNotNullOrEmpty]
    public string? VersionKeyPath { get; set; }

    private readonly List<string> _files = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Path") _files.AddRange(ResolveInputPaths(Path, literal: false));
    }

    protected override void EndProcessing()
    {
        var destination = ResolveOutputPath(Destination);
        var temps = new List<ScratchFile>();
        try
        {
            var sources = ParameterSetName == "Name" ? VersionSources(temps) : BackupSources.FromPaths(_files);
            if (sources.Count == 0) return;
            if (!ShouldProcess(destination, $"Back up {sources.Count} file(s), {FormatBytes(sources.Sum(s => s.Length))}")) return;
            var repo = OpenRepository(destination, create: true);
            var progress = ProgressFor($"Backup-Dataset to {destination}", out var complete);
            var started = Elapsed;
            BackupSnapshot? snapshot = null;
            TryRun(() => snapshot = repo.Backup(sources, ParameterSetName == "Name" ? $"version store: {Name}" : string.Join(", ", sources.Select(s => s.Name)), progress, StopToken), destination);
            complete();
            if (snapshot == null) return;
            WriteVerbose($"Snapshot {snapshot.Id}: {snapshot.FileCount} file(s), {FormatBytes(snapshot.TotalBytes ?? 0)}; {snapshot.NewChunks} new chunk(s), {FormatBytes(snapshot.NewBytes)} written (key {repo.KeyId}) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(snapshot);
        }
        finally { foreach (var t in temps) t.Dispose(); }
    }

    private List<BackupSource> VersionSources(List<ScratchFile> scratches)
    {
        var sources = new List<BackupSource>();
        TryRun(() =>
        {
            using var key = VersionKeyPath is null ? null : DataProtectionKey.Load(ResolveOutputPath(VersionKeyPath));
            sources = BackupSources.FromVersionStore(DatasetVersionStore.OpenDefault(key), Name, scratches);
        }, Name);
        return sources;
    }
}
