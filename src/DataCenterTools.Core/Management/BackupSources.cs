using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Management;

/// <summary>What Backup-Dataset backs up: files and folders by path, or every version of a name in the version store.</summary>
public static class BackupSources
{
    /// <summary>Each file as its name; each folder as every file below it, named relative to the folder's parent.</summary>
    public static List<BackupSource> FromPaths(IEnumerable<string> paths)
    {
        var sources = new List<BackupSource>();
        foreach (var file in paths.Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(file))
            {
                var parent = Path.GetDirectoryName(file.TrimEnd(Path.DirectorySeparatorChar)) ?? file;
                foreach (var f in Directory.EnumerateFiles(file, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    sources.Add(FromFile(Path.GetRelativePath(parent, f), f));
            }
            else sources.Add(FromFile(Path.GetFileName(file), file));
        }
        return sources;
    }

    /// <summary>
    /// Every version of <paramref name="name"/> as <c>&lt;name&gt;/v&lt;n&gt;.parquet</c>, each reassembled and verified into an
    /// owner-only scratch file in the store, added to <paramref name="scratches"/> for the caller to dispose (which deletes them).
    /// </summary>
    public static List<BackupSource> FromVersionStore(DatasetVersionStore store, string name, List<ScratchFile> scratches)
    {
        var versions = store.Versions(name);
        if (versions.Count == 0) store.Info(name); // throws VersionNameNotFound
        var sources = new List<BackupSource>();
        foreach (var v in versions)
        {
            var scratch = store.Reassemble(v);
            scratches.Add(scratch);
            sources.Add(FromFile($"{name}/v{v.Version}.parquet", scratch.Path));
        }
        return sources;
    }

    private static BackupSource FromFile(string name, string path) =>
        new(name.Replace('\\', '/'), () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), new FileInfo(path).Length);
}
