using System.Text.Json;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Management;

/// <summary>A column of a stored version's schema.</summary>
public sealed record VersionColumn(string Name, ColumnType Type);

/// <summary>One saved version of a named dataset (its manifest).</summary>
public sealed record DatasetVersionInfo
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required DateTime TimeUtc { get; init; }
    public required string User { get; init; }
    public required string Host { get; init; }
    public string? Message { get; init; }
    public required string DatasetName { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public required IReadOnlyList<VersionColumn> Schema { get; init; }
    public required StoredFile File { get; init; }

    /// <summary>Chunks and bytes this save added to the store (0 when every chunk was already there); not kept in the manifest.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public int NewChunks { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public long NewBytes { get; init; }

    public override string ToString() => $"{Name} v{Version}";
}

/// <summary>
/// Versions of named datasets in one content-addressed store shared by all names: each version is
/// the dataset written as Parquet (types round-trip exactly), cut into content-defined chunks kept
/// once in <c>chunks/</c>, plus a small JSON manifest <c>names/&lt;name&gt;/&lt;version&gt;.json</c>.
/// An unchanged dataset saved again adds no chunks; a changed one adds only the chunks that changed.
/// </summary>
public sealed partial class DatasetVersionStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public DatasetVersionStore(string root)
    {
        Root = Path.GetFullPath(root);
        Chunks = new ContentStore(Path.Combine(Root, "chunks"));
    }

    /// <summary>The store every name shares: <c>&lt;DataCenterToolsHome&gt;/versions</c>.</summary>
    public static DatasetVersionStore OpenDefault() => new(Path.Combine(Security.DataCenterToolsHome.Ensure(), "versions"));

    public string Root { get; }
    public ContentStore Chunks { get; }
    private string NamesFolder => Path.Combine(Root, "names");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ValidName();

    public static void ValidateName(string name)
    {
        if (!ValidName().IsMatch(name ?? ""))
            throw new DataException("InvalidVersionName", DataErrorKind.InvalidArgument,
                $"'{name}' is not a valid dataset name for the version store.",
                "Use letters, digits, '.', '_' and '-' (starting with a letter or digit), at most 128 characters.");
    }

    /// <summary>Saves <paramref name="dataset"/> as the next version of <paramref name="name"/>.</summary>
    public DatasetVersionInfo Save(Dataset dataset, string name, string? message = null, Action<long, long>? progress = null,
        CancellationToken cancellation = default)
    {
        ValidateName(name);
        using var _ = StoreLock.Acquire(Root);
        var temp = TempFile();
        try
        {
            ParquetDatasetWriter.Write(dataset, temp, new WriteOptions { Overwrite = true, Cancellation = cancellation });
            var size = new FileInfo(temp).Length;
            StoreResult stored;
            using (var input = File.OpenRead(temp))
                stored = ContentStoreFile.Store(Chunks, name + ".parquet", input, progress: done => progress?.Invoke(done, size), cancellation: cancellation);
            var info = new DatasetVersionInfo
            {
                Name = name,
                Version = LatestNumber(name) + 1,
                TimeUtc = DateTime.UtcNow,
                User = Environment.UserName,
                Host = Environment.MachineName,
                Message = message,
                DatasetName = dataset.Name,
                Rows = dataset.RowCount,
                Columns = dataset.ColumnCount,
                Schema = dataset.Schema.Select(c => new VersionColumn(c.Name, c.Type)).ToArray(),
                File = stored.File,
                NewChunks = stored.NewChunks,
                NewBytes = stored.BytesWritten,
            };
            var folder = Path.Combine(NamesFolder, name);
            Directory.CreateDirectory(folder);
            // The manifest is written last: until it exists the version does not, whatever happens before.
            AtomicFile.WriteAllBytes(ManifestPath(name, info.Version), JsonSerializer.SerializeToUtf8Bytes(info, Json), overwrite: false);
            return info;
        }
        finally { File.Delete(temp); }
    }

    /// <summary>The names in the store.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.Exists(NamesFolder)
            ? Directory.EnumerateDirectories(NamesFolder).Select(d => Path.GetFileName(d)).Where(n => Versions(n).Count > 0).Order(StringComparer.OrdinalIgnoreCase).ToArray()
            : [];

    /// <summary>Every version of <paramref name="name"/>, oldest first (empty when the name has none).</summary>
    public IReadOnlyList<DatasetVersionInfo> Versions(string name)
    {
        ValidateName(name);
        var folder = Path.Combine(NamesFolder, name);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.json")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : 0)
            .Where(n => n > 0).Order().Select(n => Info(name, n)).ToArray();
    }

    /// <summary>The manifest of version <paramref name="version"/> (the latest when null).</summary>
    public DatasetVersionInfo Info(string name, int? version = null)
    {
        ValidateName(name);
        var number = version ?? LatestNumber(name);
        var path = ManifestPath(name, number);
        if (number == 0 || !File.Exists(path))
        {
            if (LatestNumber(name) == 0)
                throw new DataException("VersionNameNotFound", DataErrorKind.ObjectNotFound,
                    $"The version store has no dataset named '{name}'.", "List the names with Get-DatasetVersion -List, or save one with Save-DatasetVersion.");
            throw new DataException("VersionNotFound", DataErrorKind.ObjectNotFound,
                $"'{name}' has no version {number}.", $"List its versions with Get-DatasetVersion -Name {name} -List.");
        }
        try { return JsonSerializer.Deserialize<DatasetVersionInfo>(File.ReadAllBytes(path), Json)!; }
        catch (JsonException e)
        {
            throw new DataException("ChunkCorrupt", DataErrorKind.InvalidData, $"The manifest of {name} v{number} is not valid JSON: {e.Message}",
                "Restore the version store from a backup.", path, inner: e);
        }
    }

    /// <summary>Reads a version back, checking every chunk's hash and the file's SHA-256.</summary>
    public Dataset Load(string name, int? version = null, Action<long, long>? progress = null, CancellationToken cancellation = default)
    {
        var info = Info(name, version);
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
        var temp = TempFile();
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                ContentStoreFile.Restore(Chunks, info.File, output, "ChunkCorrupt", done => progress?.Invoke(done, info.File.Size), cancellation);
            var dataset = ParquetDatasetReader.Read(temp, new ReadOptions { Name = info.DatasetName, Cancellation = cancellation });
            return new Dataset(info.DatasetName, dataset.Columns, source: null,
                [new LineageEntry("Get-DatasetVersion", new Dictionary<string, string> { ["Name"] = name, ["Version"] = info.Version.ToString(), ["Sha256"] = info.File.Sha256 })]);
        }
        finally { File.Delete(temp); }
    }

    /// <summary>The versions of <paramref name="name"/> older than its <paramref name="keep"/> newest.</summary>
    public IReadOnlyList<DatasetVersionInfo> VersionsBeyond(string name, int keep)
    {
        var all = Versions(name);
        return all.Take(Math.Max(0, all.Count - keep)).ToArray();
    }

    /// <summary>Deletes the given versions, then every chunk no remaining version of any name needs.</summary>
    public (int Chunks, long Bytes) Remove(IEnumerable<DatasetVersionInfo> versions)
    {
        using var _ = StoreLock.Acquire(Root);
        foreach (var v in versions) File.Delete(ManifestPath(v.Name, v.Version));
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Names())
            foreach (var v in Versions(name))
                foreach (var hash in v.File.Chunks) keep.Add(Chunks.StoredId(hash));
        return Chunks.DeleteUnreferenced(keep);
    }

    private int LatestNumber(string name)
    {
        var folder = Path.Combine(NamesFolder, name);
        if (!Directory.Exists(folder)) return 0;
        return Directory.EnumerateFiles(folder, "*.json")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : 0).DefaultIfEmpty(0).Max();
    }

    private string ManifestPath(string name, int version) => Path.Combine(NamesFolder, name, $"{version}.json");

    private string TempFile()
    {
        var dir = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, Guid.NewGuid().ToString("N") + ".parquet");
    }
}
