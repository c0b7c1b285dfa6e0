using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// The result of checking an audit log: its records, their keyed chain and the head anchor.
/// <paramref name="AnchoredRecords"/> is the record count the head file holds; <paramref name="LastMac"/> the MAC of
/// the last record (compare both with the system journal); <paramref name="Note"/> explains a valid log that needs
/// attention (an interrupted append the next append completes).
/// </summary>
public sealed record DataAuditVerification(
    string Path, bool Valid, long RecordCount, long? FirstInvalidLine, string? Reason,
    long AnchoredRecords = 0, string? LastMac = null, string? Note = null);

/// <summary>
/// An append-only, tamper-evident JSON Lines audit log. Each record carries the MAC of the record before it and
/// its own HMAC-SHA256 under a subkey of the host audit key (<c>audit.key</c> in the DataCenterTools home, owner-only,
/// created on first use), so a record cannot be altered, forged or re-chained without that key. The head (record
/// count, length and last MAC) is anchored in a separate owner-only file (<c>audit.jsonl.head</c>), so removing
/// records from the end or emptying the log is seen too, and copied to the system journal (<see cref="AuditJournal"/>).
/// Appends check the log's tail against its head and refuse a damaged log; a record is written whole or not at all
/// (a failed write is truncated back, a write cut off by a crash is removed by the next append, which records it).
/// Appends take an exclusive lock on the file, so concurrent processes interleave whole records.
/// Key material never reaches it: only key ids.
/// What it cannot stop: whoever can read the audit key (its owner, root) can rewrite the log and its head
/// consistently; only the journal copy, kept by root, then disagrees.
/// </summary>
public sealed class DataAuditLog
{
    public const string DefaultFileName = "audit.jsonl";
    public const string KeyFileName = "audit.key";
    /// <summary>The operation of the record an append writes when it removes an incomplete record.</summary>
    public const string RepairOperation = "Repair-DataAuditLog";
    /// <summary>The "prev" of the first record.</summary>
    public static readonly string GenesisHash = new('0', 64);
    // Bytes after the head that an append will look at; more than that was not written by an interrupted append.
    private const int MaxUnanchoredBytes = 1 << 20;
    private static readonly object AppendGate = new();

    /// <param name="path">The log; the default is audit.jsonl in the DataCenterTools home.</param>
    /// <param name="keyPath">The host audit key file; the default is audit.key in the DataCenterTools home.</param>
    public DataAuditLog(string? path = null, string? keyPath = null)
    {
        Path = path is null
            ? System.IO.Path.Combine(DataCenterToolsHome.Ensure(), DefaultFileName)
            : System.IO.Path.GetFullPath(path);
        KeyPath = keyPath is null ? DefaultKeyPath : System.IO.Path.GetFullPath(keyPath);
    }

    public string Path { get; }

    public string KeyPath { get; }

    public string HeadPath => AuditHead.PathFor(Path);

    /// <summary>Where each new head is copied (a syslog datagram socket), or null for none.</summary>
    public string? JournalSocket { get; init; } = AuditJournal.SocketPath();

    /// <summary>The host audit key: audit.key in the DataCenterTools home.</summary>
    public static string DefaultKeyPath => System.IO.Path.Combine(DataCenterToolsHome.Path, KeyFileName);

    /// <summary>
    /// Appends one record. DataCenterTools.AuditLogDamaged when the log does not agree with its head (nothing is
    /// written); DataCenterTools.AuditLogUnavailable when it cannot be written (the log is left as it was).
    /// </summary>
    public void Append(DataAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // The file lock (fcntl) is held per process, so threads of one process (ForEach-Object -Parallel,
        // runspaces) would not exclude each other through it: they also take this in-process gate.
        lock (AppendGate)
        {
            if (!File.Exists(Path) && File.Exists(HeadPath)) throw Damaged("was deleted: its head anchor still records its records");
            using var stream = OpenLocked();
            var newLog = stream.Length == 0 && !File.Exists(HeadPath);
            using var keys = AuditKeys.Load(KeyPath, Path, create: newLog);
            if (!newLog && !File.Exists(HeadPath))
                throw Damaged($"has records but no head anchor ('{HeadPath}'): it was written by an earlier version without a keyed chain, or its head was deleted");
            var head = AuditHead.Read(Path, keys.Head) ?? new AuditHead(0, 0, GenesisHash);
            var tail = AuditTail.Read(stream, head, keys.Chain, MaxUnanchoredBytes, Damaged);

            var records = new List<byte[]>();
            var (sequence, previous) = (tail.Records, tail.LastMac);
            void Add(DataAuditEntry e)
            {
                var line = AuditRecordFormat.Format(e, ++sequence, previous, keys.Chain);
                previous = AuditRecordFormat.MacOf(line);
                records.Add(line);
            }
            if (tail.TornBytes > 0)
                Add(new DataAuditEntry(RepairOperation, Path, null, [], null,
                    $"removed {tail.TornBytes} bytes of an incomplete record after record {tail.Records} (a write cut off by a crash or a full disk)"));
            Add(entry);
            var bytes = records.SelectMany(r => r).ToArray();

            try
            {
                if (tail.TornBytes > 0) stream.SetLength(tail.CleanLength);
                stream.Seek(tail.CleanLength, SeekOrigin.Begin);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException e)
            {
                throw RollBack(stream, tail.CleanLength, e);
            }
            try
            {
                new AuditHead(sequence, tail.CleanLength + bytes.Length, previous).Write(Path, keys.Head);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataException)
            {
                // Without its head the record would look like an interrupted append: take it back, all or nothing.
                throw RollBack(stream, tail.CleanLength, e);
            }
            AuditJournal.Send(JournalSocket, AuditJournal.Message(Path, sequence, previous));
        }
    }

    /// <summary>
    /// Checks every record (well-formed, numbered in order, linked to the one before, its MAC) and the log against
    /// its head. A tampered log is a result with Valid false, not an error; a missing log or key is an error.
    /// </summary>
    public static DataAuditVerification Verify(string path, string? keyPath = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var headPath = AuditHead.PathFor(full);
        var logExists = File.Exists(full);
        if (!logExists && !File.Exists(headPath)) throw NotFound(full);
        if (logExists && !File.Exists(headPath) && new FileInfo(full).Length == 0) return new(full, true, 0, null, null);
        using var keys = AuditKeys.Load(keyPath is null ? DefaultKeyPath : System.IO.Path.GetFullPath(keyPath), full, create: false);
        AuditHead? head;
        try { head = AuditHead.Read(full, keys.Head); }
        catch (DataException e) { return new(full, false, 0, null, e.Message.TrimEnd('.')); }
        if (!logExists) return new(full, false, 0, 1, $"the log was deleted: its head records {head!.Records:N0} record(s)", head.Records);
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return AuditVerifier.Verify(full, stream, head, keys.Chain);
    }

    internal static DataException NotFound(string fullPath) =>
        new("AuditLogNotFound", DataErrorKind.ObjectNotFound, $"The audit log '{fullPath}' does not exist.",
            "Check the path; the default log is audit.jsonl in the DataCenterTools home folder.", fullPath);

    private DataException Damaged(string what) =>
        new("AuditLogDamaged", DataErrorKind.InvalidData,
            $"The audit log '{Path}' {what}, so no record was appended and the operation was not done.",
            "Run Test-DataAuditLog to see where; keep the log and its head as evidence (compare with journalctl -t DataCenterTools-audit), " +
            "then move both aside: a new log starts with the next operation.", Path);

    private DataException RollBack(FileStream stream, long length, Exception cause)
    {
        try
        {
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) { }
        return new DataException("AuditLogUnavailable", DataErrorKind.WriteError,
            $"The audit log '{Path}' cannot be written ({cause.Message}); it was left as it was and the operation was not done.",
            "Free disk space or fix the folder's permissions, then run the command again.", Path, inner: cause);
    }

    private FileStream OpenLocked()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read,
                    // Unbuffered: a failed write must fail here, not again when the stream is flushed or disposed.
                    BufferSize = 0,
                };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                var stream = new FileStream(Path, options);
                // FileShare only binds .NET processes on Unix; an advisory lock on the whole file covers the rest.
                if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS()) stream.Lock(0, long.MaxValue);
                return stream;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(5, 25));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataException("AuditLogUnavailable", DataErrorKind.WriteError,
                    $"The audit log '{Path}' cannot be written: {e.Message}",
                    "Check the folder's permissions and that no process holds the log open; the operation was not audited.", Path, inner: e);
            }
        }
    }
}

/// <summary>The two subkeys of the host audit key: one seals records, one seals the head.</summary>
internal sealed class AuditKeys : IDisposable
{
    private AuditKeys(DataProtectionKey key)
    {
        Chain = key.DeriveSubkey(AuditRecordFormat.ChainPurpose);
        Head = key.DeriveSubkey(AuditHead.Purpose);
    }

    public byte[] Chain { get; }
    public byte[] Head { get; }

    /// <summary>Loads the key; creates it (owner-only) only for a new log, never beside records it did not seal.</summary>
    public static AuditKeys Load(string keyPath, string logPath, bool create)
    {
        if (!File.Exists(keyPath))
        {
            if (!create)
                throw new DataException("AuditKeyNotFound", DataErrorKind.ObjectNotFound,
                    $"The audit key '{keyPath}' does not exist, so the records of '{logPath}' cannot be checked or continued (a new key would hide that they were sealed with another).",
                    "Restore audit.key from your backup of the DataCenterTools home; or keep the log and its head as evidence and move them aside, and a new log and key start.", keyPath);
            var folder = System.IO.Path.GetDirectoryName(keyPath)!;
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using var fresh = DataProtectionKey.Generate();
            try { fresh.Save(keyPath, force: false); }
            catch (DataException e) when (e.ErrorId == "DataCenterTools.FileExists") { }   // another process made it first: use theirs
        }
        using var key = DataProtectionKey.Load(keyPath);
        return new AuditKeys(key);
    }

    public void Dispose()
    {
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(Chain);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(Head);
    }
}
