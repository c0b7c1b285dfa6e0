using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
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

    private readonly List<string> _files = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Path") _files.AddRange(ResolveInputPaths(Path, literal: false));
    }

    protected override void EndProcessing()
    {
        var destination = ResolveOutputPath(Destination);
        var temps = new List<string>();
        try
        {
            var sources = ParameterSetName == "Name" ? VersionSources(temps) : FileSources();
            if (sources.Count == 0) return;
            if (!ShouldProcess(destination, $"Back up {sources.Count} file(s), {FormatBytes(sources.Sum(s => s.Length))}")) return;
            var repo = OpenRepository(destination, create: true);
            var progress = ProgressFor($"Backup-Dataset to {destination}", out var complete);
            var started = Elapsed;
            BackupSnapshot? snapshot = null;
            TryRun(() => snapshot = repo.Backup(sources, ParameterSetName == "Name" ? $"version store: {Name}" : string.Join(", ", sources.Select(s => s.Name)), progress), destination);
            complete();
            if (snapshot == null) return;
            WriteVerbose($"Snapshot {snapshot.Id}: {snapshot.FileCount} file(s), {FormatBytes(snapshot.TotalBytes ?? 0)}; {snapshot.NewChunks} new chunk(s), {FormatBytes(snapshot.NewBytes)} written (key {repo.KeyId}) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(snapshot);
        }
        finally { foreach (var t in temps) File.Delete(t); }
    }

    private List<BackupSource> FileSources()
    {
        var sources = new List<BackupSource>();
        foreach (var file in _files.Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(file))
            {
                var parent = System.IO.Path.GetDirectoryName(file.TrimEnd(System.IO.Path.DirectorySeparatorChar)) ?? file;
                foreach (var f in Directory.EnumerateFiles(file, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    sources.Add(Source(System.IO.Path.GetRelativePath(parent, f), f));
            }
            else sources.Add(Source(System.IO.Path.GetFileName(file), file));
        }
        return sources;
    }

    private static BackupSource Source(string name, string path) =>
        new(name.Replace('\\', '/'), () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), new FileInfo(path).Length);

    // Every version of the name, each reassembled (and verified) from the version store as <name>/v<n>.parquet.
    private List<BackupSource> VersionSources(List<string> temps)
    {
        var store = DatasetVersionStore.OpenDefault();
        var sources = new List<BackupSource>();
        TryRun(() =>
        {
            var versions = store.Versions(Name);
            if (versions.Count == 0) store.Info(Name); // throws VersionNameNotFound
            foreach (var v in versions)
            {
                var temp = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dct-backup-{Guid.NewGuid():N}.parquet");
                temps.Add(temp);
                using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                    ContentStoreFile.Restore(store.Chunks, v.File, output, "ChunkCorrupt");
                sources.Add(Source($"{Name}/v{v.Version}.parquet", temp));
            }
        }, Name);
        return sources;
    }
}
