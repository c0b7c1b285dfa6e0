using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Management;

/// <summary>A file to back up: its name in the snapshot and how to read it.</summary>
public sealed record BackupSource(string Name, Func<Stream> Open, long Length);

/// <summary>What Test-DatasetBackup found: one BackupCorrupt error per missing or altered manifest or chunk.</summary>
public sealed record BackupVerification(string Repository, int Snapshots, int Chunks, bool ReadData, IReadOnlyList<DataException> Problems)
{
    public bool Passed => Problems.Count == 0;
}

public readonly record struct BackupProgress(string Activity, string Item, long Done, long Total);

/// <summary>
/// An encrypted, deduplicating backup repository in a folder:
/// <c>config.json</c> (format, key kind, Argon2id salt for passphrases, a key check value),
/// <c>chunks/</c> (zstd-compressed, AES-256-GCM-sealed chunks named by a keyed hash of their content),
/// <c>snapshots/&lt;time&gt;-&lt;id&gt;.snapshot</c> (one sealed JSON manifest per snapshot, written last and atomically,
/// so a backup killed midway leaves earlier snapshots intact and its chunks are reused by the next one).
/// </summary>
public sealed class BackupRepository
{
    public const string CorruptErrorId = "BackupCorrupt";
    private const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly BackupKeys _keys;

    private BackupRepository(string folder, BackupKeys keys)
    {
        Folder = folder;
        _keys = keys;
        Chunks = new ContentStore(Path.Combine(folder, "chunks"), keys, CorruptErrorId);
    }

    public string Folder { get; }
    public ContentStore Chunks { get; }
    public string KeyId => _keys.KeyId;
    private static string SnapshotsFolder(string folder) => Path.Combine(folder, "snapshots");

    /// <summary>
    /// Opens the repository in <paramref name="folder"/>, creating it when <paramref name="create"/> and it does not exist.
    /// A wrong key or passphrase is a BackupKeyMismatch error before anything else is read.
    /// </summary>
    public static BackupRepository Open(string folder, BackupCredential credential, bool create)
    {
        folder = Path.GetFullPath(folder);
        var configPath = Path.Combine(folder, "config.json");
        if (!File.Exists(configPath))
        {
            if (!create)
                throw new DataException("BackupNotFound", DataErrorKind.ObjectNotFound,
                    $"'{folder}' is not a backup repository (it has no config.json).", "Check the path; Backup-Dataset creates a repository on its first backup.", folder);
            return Create(folder, configPath, credential);
        }
        var config = StoreConfig.Read(configPath, CorruptErrorId, "backup repository", [FormatVersion], ["passphrase", "keyfile"]);
        var passphraseRepo = config.KeyKind == "passphrase";
        if (passphraseRepo != credential.IsPassphrase)
            throw new DataException("BackupKeyMismatch", DataErrorKind.PermissionDenied,
                $"The backup repository '{folder}' is protected with a {(passphraseRepo ? "passphrase" : "key file")}.",
                passphraseRepo ? "Give its passphrase with {option:Passphrase}." : "Give its key file with {option:KeyPath}.", folder);
        using var key = credential.KeyFor(config.SaltBytes);
        var keys = new BackupKeys(key);
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(keys.CheckValue), Convert.FromHexString(config.KeyCheck!)))
            throw new DataException("BackupKeyMismatch", DataErrorKind.PermissionDenied,
                $"The {(passphraseRepo ? "passphrase" : "key")} does not open the backup repository '{folder}' (key {keys.KeyId}).",
                $"Use the {(passphraseRepo ? "passphrase" : "key file")} the repository was created with.", folder);
        return new BackupRepository(folder, keys);
    }

    private static BackupRepository Create(string folder, string configPath, BackupCredential credential)
    {
        IoFailure.Write(folder, () => Directory.CreateDirectory(folder));
        var salt = credential.IsPassphrase ? DataProtectionKey.NewSalt() : null;
        using var key = credential.KeyFor(salt);
        var keys = new BackupKeys(key);
        var config = new StoreConfig(FormatVersion, credential.IsPassphrase ? "passphrase" : "keyfile",
            salt == null ? null : Convert.ToBase64String(salt), keys.CheckValue);
        IoFailure.Write(folder, () =>
        {
            Directory.CreateDirectory(SnapshotsFolder(folder));
            Directory.CreateDirectory(Path.Combine(folder, "chunks"));
        });
        config.Write(configPath);
        return new BackupRepository(folder, keys);
    }

    /// <summary>The snapshots in <paramref name="folder"/> by id and time, read from their file names (no key needed), oldest first.</summary>
    public static IReadOnlyList<BackupSnapshot> ListSnapshots(string folder)
    {
        folder = Path.GetFullPath(folder);
        if (!File.Exists(Path.Combine(folder, "config.json")))
            throw new DataException("BackupNotFound", DataErrorKind.ObjectNotFound,
                $"'{folder}' is not a backup repository (it has no config.json).", "Check the path.", folder);
        var dir = SnapshotsFolder(folder);
        if (!Directory.Exists(dir)) return [];
        var list = new List<BackupSnapshot>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.snapshot"))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var dash = stem.IndexOf('-');
            if (dash < 0 || !DateTime.TryParseExact(stem[..dash], "yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)) continue;
            list.Add(new BackupSnapshot { Id = stem[(dash + 1)..], TimeUtc = time, Repository = folder });
        }
        return list.OrderBy(s => s.TimeUtc).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
    }

    private string ManifestPath(BackupSnapshot s) =>
        Path.Combine(SnapshotsFolder(Folder), $"{s.TimeUtc.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{s.Id}.snapshot");

    /// <summary>Reads and decrypts one snapshot's manifest; BackupCorrupt when it was altered.</summary>
    public BackupSnapshot ReadManifest(BackupSnapshot entry)
    {
        var path = ManifestPath(entry);
        try
        {
            var json = _keys.OpenManifest(entry.Id, File.ReadAllBytes(path));
            return JsonSerializer.Deserialize<BackupSnapshot>(json, Json)! with { Repository = Folder };
        }
        catch (Exception e) when (e is DataException or JsonException or FileNotFoundException)
        {
            throw new DataException(CorruptErrorId, DataErrorKind.InvalidData,
                $"The manifest of snapshot {entry.Id} ('{Path.GetFileName(path)}') is missing or altered and cannot be read.",
                "Restore from another snapshot; run Test-DatasetBackup -ReadData to check the rest.", path, inner: e);
        }
    }

    /// <summary>The snapshot <paramref name="id"/> (the latest when null), with its manifest read.</summary>
    public BackupSnapshot Snapshot(string? id)
    {
        var all = ListSnapshots(Folder);
        var entry = id == null ? (all.Count == 0 ? null : all[^1]) : all.FirstOrDefault(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        if (entry == null)
            throw new DataException("SnapshotNotFound", DataErrorKind.ObjectNotFound,
                id == null ? $"The backup repository '{Folder}' has no snapshots." : $"The backup repository '{Folder}' has no snapshot '{id}'.",
                "List the snapshots with Get-DatasetBackup.", Folder);
        return ReadManifest(entry);
    }

    /// <summary>Backs up <paramref name="sources"/> as a new snapshot: only chunks the repository lacks are written, the manifest last.</summary>
    public BackupSnapshot Backup(IReadOnlyList<BackupSource> sources, string? description, Action<BackupProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var duplicate = sources.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new DataException("DuplicateBackupName", DataErrorKind.InvalidArgument,
                $"Two inputs would both be stored as '{duplicate.Key}'.", "Back them up in separate snapshots or rename one.");
        using var _ = StoreLock.Acquire(Folder);
        var files = new List<StoredFile>();
        int newChunks = 0;
        long newBytes = 0;
        var total = sources.Sum(s => s.Length);
        long before = 0;
        foreach (var source in sources)
        {
            using var input = source.Open();
            var stored = IoFailure.Write(Chunks.Folder, () => ContentStoreFile.Store(Chunks, source.Name, input,
                progress: done => progress?.Invoke(new BackupProgress("Backing up", source.Name, before + done, total)), cancellation: cancellation));
            files.Add(stored.File);
            newChunks += stored.NewChunks;
            newBytes += stored.BytesWritten;
            before += stored.File.Size;
        }
        var snapshot = new BackupSnapshot
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            TimeUtc = DateTime.UtcNow,
            Host = Environment.MachineName,
            User = Environment.UserName,
            Source = description,
            Files = files,
        };
        var sealedManifest = _keys.SealManifest(snapshot.Id, JsonSerializer.SerializeToUtf8Bytes(snapshot, Json));
        IoFailure.Write(Folder, () => Directory.CreateDirectory(SnapshotsFolder(Folder)));
        AtomicFile.WriteAllBytes(ManifestPath(snapshot), sealedManifest, overwrite: false);
        return snapshot with { NewChunks = newChunks, NewBytes = newBytes + sealedManifest.Length, Repository = Folder };
    }

    /// <summary>
    /// Checks every manifest and that every chunk they need is present; with <paramref name="readData"/> also decrypts
    /// and hashes every chunk. Returns one BackupCorrupt error per missing or altered manifest or chunk.
    /// </summary>
    public BackupVerification Verify(bool readData, Action<BackupProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = new List<DataException>();
        var needed = new Dictionary<string, List<string>>(StringComparer.Ordinal); // chunk hash -> "snapshot/file" that need it
        var snapshots = ListSnapshots(Folder);
        foreach (var entry in snapshots)
        {
            try
            {
                foreach (var file in ReadManifest(entry).Files ?? [])
                    foreach (var hash in file.Chunks)
                    {
                        if (!needed.TryGetValue(hash, out var users)) needed[hash] = users = [];
                        if (users.Count < 3) users.Add($"{entry.Id}/{file.Name}");
                    }
            }
            catch (DataException e) { problems.Add(e); }
        }
        var hashes = needed.Keys.ToArray();
        var failures = new DataException?[hashes.Length];
        // Batches, so progress is reported from the calling thread.
        const int batch = 64;
        for (var start = 0; start < hashes.Length; start += batch)
        {
            var count = Math.Min(batch, hashes.Length - start);
            ContentStoreFile.ForEach(count, j => failures[start + j] = CheckChunk(hashes[start + j], readData), cancellation);
            progress?.Invoke(new BackupProgress("Verifying", "chunks", start + count, hashes.Length));
        }
        for (var i = 0; i < hashes.Length; i++)
            if (failures[i] is { } f)
                problems.Add(new DataException(CorruptErrorId, DataErrorKind.InvalidData, $"{f.Message} Needed by {string.Join(", ", needed[hashes[i]])}.",
                    f.Recommendation, f.File, inner: f));
        return new BackupVerification(Folder, snapshots.Count, hashes.Length, readData, problems);
    }

    private DataException? CheckChunk(string hash, bool readData)
    {
        if (readData)
        {
            try { Chunks.Read(hash); }
            catch (DataException e) { return e; }
            return null;
        }
        var path = Chunks.PathOf(Chunks.StoredId(hash));
        return File.Exists(path) ? null
            : new DataException(CorruptErrorId, DataErrorKind.InvalidData, $"Chunk {Chunks.StoredId(hash)} is missing.",
                "Restore the repository from a copy; the files that need it cannot be restored.", path);
    }

    /// <summary>
    /// Restores every file of <paramref name="snapshot"/> under <paramref name="destination"/>: each is written to a temp
    /// file and its SHA-256 checked; only when all are complete and verified are they renamed into place, so nothing is
    /// ever restored partially. Existing files are refused unless <paramref name="overwrite"/>.
    /// </summary>
    public IReadOnlyList<string> Restore(BackupSnapshot snapshot, string destination, bool overwrite, Action<BackupProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        destination = Path.GetFullPath(destination);
        var files = snapshot.Files ?? ReadManifest(snapshot).Files!;
        var targets = files.Select(f => TargetPath(destination, f.Name)).ToArray();
        foreach (var t in targets)
        {
            RefuseLinksBelow(destination, t);
            AtomicFile.EnsureWritable(t, overwrite);
        }
        var temps = new List<AtomicFile>();
        try
        {
            long before = 0;
            var total = files.Sum(f => f.Size);
            for (var i = 0; i < files.Count; i++)
            {
                IoFailure.Write(targets[i], () => Directory.CreateDirectory(Path.GetDirectoryName(targets[i])!));
                RefuseLinksBelow(destination, targets[i]);
                var file = AtomicFile.Create(targets[i], overwrite);
                temps.Add(file);
                var name = files[i].Name;
                IoFailure.Write(targets[i], () => ContentStoreFile.Restore(Chunks, files[i], file.Stream, CorruptErrorId,
                    done => progress?.Invoke(new BackupProgress("Restoring", name, before + done, total)), cancellation));
                before += files[i].Size;
            }
            // Checked again just before the files go into place: a link planted while the data was written is refused too.
            foreach (var t in targets) RefuseLinksBelow(destination, t);
            foreach (var t in temps) t.Commit();
            return targets;
        }
        finally { foreach (var t in temps) t.Dispose(); }
    }

    /// <summary>
    /// Refuses to restore through a symbolic link anywhere below <paramref name="destination"/>: a folder of the
    /// snapshot that is a link in the destination (dest/sub -> /etc) would put the files outside it, and an existing
    /// file that is a link would be replaced by -Force. The destination itself may be a link: the user named it.
    /// </summary>
    internal static void RefuseLinksBelow(string destination, string target)
    {
        var relative = Path.GetRelativePath(destination, target);
        var current = destination;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(current);
            if (!info.Exists) info = new DirectoryInfo(current);
            if (!info.Exists) return; // nothing further down exists yet, so no link can be there
            if (info.LinkTarget is { } link)
                throw new DataException("DestinationHasSymlink", DataErrorKind.PermissionDenied,
                    $"'{current}' in the restore destination is a symbolic link (to '{link}'); restoring '{relative}' would write through it, so nothing was restored.",
                    "Remove the link, or restore into an empty folder.", current);
        }
    }

    private static string TargetPath(string destination, string name)
    {
        var full = Path.GetFullPath(Path.Combine(destination, name));
        if (!full.StartsWith(destination + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new DataException(CorruptErrorId, DataErrorKind.InvalidData, $"The snapshot names a file outside the destination: '{name}'.",
                "Do not restore this snapshot.");
        return full;
    }

    /// <summary>Deletes the given snapshots' manifests, then every chunk no remaining snapshot needs; returns chunks and bytes freed.</summary>
    public (int Chunks, long Bytes) Forget(IEnumerable<BackupSnapshot> remove)
    {
        using var _ = StoreLock.Acquire(Folder);
        foreach (var s in remove) File.Delete(ManifestPath(s));
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in ListSnapshots(Folder))
            foreach (var file in ReadManifest(entry).Files ?? []) // an unreadable manifest stops the prune: never guess what it needs
                foreach (var hash in file.Chunks) keep.Add(Chunks.StoredId(hash));
        return Chunks.DeleteUnreferenced(keep);
    }
}
