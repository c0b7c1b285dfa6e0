using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Management;

/// <summary>A column of a stored version's schema.</summary>
public sealed record VersionColumn(string Name, ColumnType Type);

/// <summary>
/// Versions of named datasets in one content-addressed store shared by all names: each version is
/// the dataset written as Parquet (types round-trip exactly), cut into content-defined chunks kept
/// once in <c>chunks/</c>, plus a small JSON manifest <c>names/&lt;name&gt;/&lt;version&gt;.json</c>.
/// An unchanged dataset saved again adds no chunks; a changed one adds only the chunks that changed.
/// Store format 2 (docs/store-format.md) adds <c>config.json</c>: a store created with a key file keeps its
/// chunks, manifests and access policies encrypted (AES-256-GCM) and names its chunks by a keyed hash, as a
/// backup repository does. A store without config.json is format 1 (plain) and is read as it is.
/// Each name may carry an access policy (<c>names/&lt;name&gt;/access.json</c>): reading a version needs
/// read access, saving or removing versions needs write access; a denial is an audit record.
/// </summary>
public sealed partial class DatasetVersionStore
{
    public const int FormatVersion = 2;
    private const string Purpose = "versions";
    private const string AccessFileName = "access.json";
    private const string CorruptErrorId = "VersionManifestCorrupt";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly BackupKeys? _keys;

    /// <summary>Opens the store in <paramref name="root"/> (plain, or encrypted with <paramref name="key"/>; see <see cref="Open"/>).</summary>
    public DatasetVersionStore(string root, DataProtectionKey? key = null)
    {
        Root = Path.GetFullPath(root);
        var configPath = Path.Combine(Root, StoreConfig.FileName);
        if (File.Exists(configPath))
        {
            var config = StoreConfig.Read(configPath, CorruptErrorId, "version store", [FormatVersion], ["none", "keyfile"]);
            if (config.IsEncrypted && key is null)
                throw new DataException("VersionStoreKeyRequired", DataErrorKind.PermissionDenied,
                    $"The version store '{Root}' is encrypted.", "Give its key file with {option:KeyPath} (or set $env:DATACENTERTOOLS_VERSION_KEY to its path).", Root);
            if (!config.IsEncrypted && key is not null) throw NotEncrypted();
            if (key is not null)
            {
                _keys = new BackupKeys(key, Purpose);
                if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(_keys.CheckValue), Convert.FromHexString(config.KeyCheck!)))
                    throw new DataException("VersionStoreKeyMismatch", DataErrorKind.PermissionDenied,
                        $"The key {_keys.KeyId} does not open the version store '{Root}'.", "Use the key file the store was created with.", Root);
            }
        }
        else if (key is not null)
        {
            // A new store is created encrypted; one that already holds plain versions (format 1) cannot become so in place.
            if (Directory.Exists(NamesFolder) && Directory.EnumerateFileSystemEntries(NamesFolder).Any()) throw NotEncrypted();
            _keys = new BackupKeys(key, Purpose);
        }
        Chunks = new ContentStore(Path.Combine(Root, "chunks"), _keys);
    }

    /// <summary>The store every name shares: <c>&lt;DataCenterToolsHome&gt;/versions</c>.</summary>
    public static DatasetVersionStore OpenDefault(DataProtectionKey? key = null) =>
        new(Path.Combine(IoFailure.Write(DataCenterToolsHome.Path, DataCenterToolsHome.Ensure), "versions"), key);

    public string Root { get; }
    public ContentStore Chunks { get; }
    public bool IsEncrypted => _keys is not null;
    private string NamesFolder => Path.Combine(Root, "names");

    private DataException NotEncrypted() =>
        new("VersionStoreNotEncrypted", DataErrorKind.InvalidArgument,
            $"The version store '{Root}' already holds versions that are not encrypted, so a key cannot be used with it.",
            "Leave out {option:KeyPath} for this store, or point $env:DATACENTERTOOLS_HOME at a new folder to start an encrypted store there.", Root);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ValidName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    public static void ValidateName(string name)
    {
        if (!ValidName().IsMatch(name ?? ""))
            throw new DataException("InvalidVersionName", DataErrorKind.InvalidArgument,
                $"'{name}' is not a valid dataset name for the version store.",
                "Use letters, digits, '.', '_' and '-' (starting with a letter or digit), at most 128 characters.");
    }

    /// <summary>
    /// Saves <paramref name="dataset"/> as the next version of <paramref name="name"/>. Needs write access to the
    /// name; <paramref name="policy"/>, when given, becomes the name's access policy.
    /// </summary>
    public DatasetVersionInfo Save(Dataset dataset, string name, string? message = null, Action<long, long>? progress = null,
        DatasetAccessPolicy? policy = null, CancellationToken cancellation = default)
    {
        ValidateName(name);
        using var _ = StoreLock.Acquire(Root);
        DatasetAccessGate.Demand(Policy(name), DatasetAccess.Write, "Save-DatasetVersion", Target(name));
        EnsureConfig();
        using var scratch = ScratchFile.Create(ScratchFolder, name + ".parquet");
        DatasetWriter.Write(dataset, scratch.Path, new WriteOptions { Format = DataFormat.Parquet, Overwrite = true, Cancellation = cancellation });
        var size = new FileInfo(scratch.Path).Length;
        StoreResult stored;
        using (var input = File.OpenRead(scratch.Path))
            stored = IoFailure.Write(Chunks.Folder, () => ContentStoreFile.Store(Chunks, name + ".parquet", input, progress: done => progress?.Invoke(done, size), cancellation: cancellation));
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
        IoFailure.Write(folder, () => Directory.CreateDirectory(folder));
        if (policy is not null) WritePolicy(name, policy);
        // The manifest is written last: until it exists the version does not, whatever happens before.
        AtomicFile.WriteAllBytes(ManifestPath(name, info.Version), Seal($"{name}/{info.Version}", JsonSerializer.SerializeToUtf8Bytes(info, Json)), overwrite: false);
        return info;
    }

    /// <summary>The access policy of <paramref name="name"/> (open when it has none).</summary>
    public DatasetAccessPolicy Policy(string name)
    {
        ValidateName(name);
        var path = Path.Combine(NamesFolder, name, AccessFileName);
        if (!File.Exists(path)) return DatasetAccessPolicy.Open;
        try
        {
            var policy = JsonSerializer.Deserialize<DatasetAccessPolicy>(Open($"{name}/access", File.ReadAllBytes(path), path), Json)
                ?? throw new JsonException("empty");
            return DatasetAccessPolicy.From(policy.Readers, policy.Writers); // re-parsed: an altered entry is an error, not a grant
        }
        catch (Exception e) when (e is JsonException or DataException { ErrorId: "DataCenterTools.AccessPrincipalInvalid" })
        {
            throw new DataException(CorruptErrorId, DataErrorKind.InvalidData, $"The access policy of '{name}' is damaged: {e.Message}",
                "Restore the version store from a backup, or have a writer set the policy again.", path, inner: e);
        }
    }

    /// <summary>Sets the access policy of an existing name (needs write access under the current policy).</summary>
    public void SetPolicy(string name, DatasetAccessPolicy policy)
    {
        using var _ = StoreLock.Acquire(Root);
        Info(name);
        DatasetAccessGate.Demand(Policy(name), DatasetAccess.Write, "Save-DatasetVersion", Target(name));
        WritePolicy(name, policy);
    }

    private void WritePolicy(string name, DatasetAccessPolicy policy) =>
        AtomicFile.WriteAllBytes(Path.Combine(NamesFolder, name, AccessFileName), Seal($"{name}/access", JsonSerializer.SerializeToUtf8Bytes(policy, Json)), overwrite: true);

    /// <summary>The names in the store.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.Exists(NamesFolder)
            ? Directory.EnumerateDirectories(NamesFolder).Select(d => Path.GetFileName(d)).Where(n => ValidName().IsMatch(n) && LatestNumber(n) > 0)
                .Order(StringComparer.OrdinalIgnoreCase).ToArray()
            : [];

    /// <summary>The names the current user may read (a listing skips the others without recording a denial).</summary>
    public IReadOnlyList<string> ReadableNames()
    {
        var identity = OsIdentity.Current();
        return Names().Where(n => Policy(n).AllowsOs(identity, DatasetAccess.Read)).ToArray();
    }

    /// <summary>Every version of <paramref name="name"/>, oldest first (empty when the name has none).</summary>
    public IReadOnlyList<DatasetVersionInfo> Versions(string name)
    {
        ValidateName(name);
        var folder = Path.Combine(NamesFolder, name);
        if (!Directory.Exists(folder)) return [];
        return VersionNumbers(name).Order().Select(n => Info(name, n)).ToArray();
    }

    /// <summary>The manifest of version <paramref name="version"/> (the latest when null), checked: VersionManifestCorrupt when it was altered.</summary>
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
        DatasetVersionInfo? info;
        try { info = JsonSerializer.Deserialize<DatasetVersionInfo>(Open($"{name}/{number}", File.ReadAllBytes(path), path), Json); }
        catch (JsonException e) { throw ManifestCorrupt(name, number, path, $"it is not a valid manifest ({e.Message})", e); }
        return Checked(info, name, number, path);
    }

    // Everything a load relies on, checked before any chunk is read: a manifest edited by hand or cut short is an
    // error naming it, never a NullReferenceException or a FormatException from deep inside.
    private static DatasetVersionInfo Checked(DatasetVersionInfo? info, string name, int number, string path)
    {
        string? problem = info switch
        {
            null => "it is empty (null)",
            { Name: var n } when n != name => $"it names '{n}', not '{name}'",
            { Version: var v } when v != number => $"it says version {v}, but its file is version {number}",
            { File: null } => "it lists no file",
            { Schema: null } => "it has no schema",
            { File.Chunks: null } or { File.Sha256: null } => "its file has no chunk list or SHA-256",
            { File: var f } when !Sha256Hex().IsMatch(f.Sha256) || f.Chunks.Any(c => c is null || !Sha256Hex().IsMatch(c)) => "a SHA-256 in it is not 64 lower-case hexadecimal digits",
            { File.Size: < 0 } or { Rows: < 0 } or { Columns: < 0 } => "a size or count in it is negative",
            _ => null,
        };
        return problem is null ? info! : throw ManifestCorrupt(name, number, path, problem);
    }

    private static DataException ManifestCorrupt(string name, int number, string path, string why, Exception? inner = null) =>
        new(CorruptErrorId, DataErrorKind.InvalidData, $"The manifest of {name} v{number} fails its check: {why}.",
            "Restore the version store from a backup (Restore-Dataset), or remove this version.", path, inner: inner);

    /// <summary>Reads a version back, checking every chunk's hash and the file's SHA-256. Needs read access to the name.</summary>
    public Dataset Load(string name, int? version = null, Action<long, long>? progress = null, CancellationToken cancellation = default)
    {
        var info = Info(name, version);
        using var scratch = Reassemble(info, progress, cancellation);
        var dataset = ParquetDatasetReader.Read(scratch.Path, new ReadOptions { Name = info.DatasetName, Cancellation = cancellation });
        return new Dataset(info.DatasetName, dataset.Columns, source: null,
            [new LineageEntry("Get-DatasetVersion", new Dictionary<string, string> { ["Name"] = name, ["Version"] = info.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Sha256"] = info.File.Sha256 })]);
    }

    /// <summary>
    /// The Parquet file of a version, reassembled and verified into an owner-only scratch file in the store
    /// (the caller disposes it, which deletes it). Needs read access to the name.
    /// </summary>
    public ScratchFile Reassemble(DatasetVersionInfo info, Action<long, long>? progress = null, CancellationToken cancellation = default)
    {
        DatasetAccessGate.Demand(Policy(info.Name), DatasetAccess.Read, "Get-DatasetVersion", Target(info.Name) + $" v{info.Version}");
        var scratch = ScratchFile.Create(ScratchFolder, info.Name + ".parquet");
        try
        {
            using (var output = scratch.OpenWrite())
                IoFailure.Write(scratch.Path, () => ContentStoreFile.Restore(Chunks, info.File, output, "ChunkCorrupt", done => progress?.Invoke(done, info.File.Size), cancellation));
            return scratch;
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    /// <summary>The versions of <paramref name="name"/> older than its <paramref name="keep"/> newest.</summary>
    public IReadOnlyList<DatasetVersionInfo> VersionsBeyond(string name, int keep)
    {
        var all = Versions(name);
        return all.Take(Math.Max(0, all.Count - keep)).ToArray();
    }

    /// <summary>Deletes the given versions (write access to each name), then every chunk no remaining version of any name needs.</summary>
    public (int Chunks, long Bytes) Remove(IEnumerable<DatasetVersionInfo> versions)
    {
        using var _ = StoreLock.Acquire(Root);
        var list = versions.ToArray();
        foreach (var name in list.Select(v => v.Name).Distinct(StringComparer.Ordinal))
            DatasetAccessGate.Demand(Policy(name), DatasetAccess.Write, "Remove-DatasetVersion", Target(name));
        foreach (var v in list) IoFailure.Write(ManifestPath(v.Name, v.Version), () => File.Delete(ManifestPath(v.Name, v.Version)));
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Names())
            foreach (var v in Versions(name))
                foreach (var hash in v.File.Chunks) keep.Add(Chunks.StoredId(hash));
        return IoFailure.Write(Chunks.Folder, () => Chunks.DeleteUnreferenced(keep));
    }

    private static string Target(string name) => $"version store name '{name}'";

    // A store gets its config.json (format 2) on its first save; a format 1 store gets one too, saying it is plain.
    private void EnsureConfig()
    {
        var path = Path.Combine(Root, StoreConfig.FileName);
        if (File.Exists(path)) return;
        var config = new StoreConfig(FormatVersion, _keys is null ? "none" : "keyfile", null, _keys?.CheckValue);
        try { config.Write(path); }
        catch (DataException e) when (e.ErrorId == "DataCenterTools.FileExists") { } // another process wrote it first
    }

    private byte[] Seal(string id, byte[] json) => _keys is null ? json : _keys.SealManifest(id, json);

    private byte[] Open(string id, byte[] stored, string path)
    {
        if (_keys is null) return stored;
        try { return _keys.OpenManifest(id, stored); }
        catch (DataException e)
        {
            throw new DataException(CorruptErrorId, DataErrorKind.InvalidData, $"'{path}' fails its authentication: it was altered, moved, or written with another key.",
                "Restore the version store from a backup.", path, inner: e);
        }
    }

    private IEnumerable<int> VersionNumbers(string name)
    {
        var folder = Path.Combine(NamesFolder, name);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.json")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0);
    }

    private int LatestNumber(string name) => VersionNumbers(name).DefaultIfEmpty(0).Max();

    private string ManifestPath(string name, int version) => Path.Combine(NamesFolder, name, $"{version}.json");

    private string ScratchFolder => Path.Combine(Root, "tmp");
}
