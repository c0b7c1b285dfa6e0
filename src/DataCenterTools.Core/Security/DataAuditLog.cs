using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>What one audited operation did. Time, user, host and the chain hash are added by the log.</summary>
public sealed record DataAuditEntry(
    string Operation, string? Target, string? DatasetSha256, IReadOnlyList<string> Columns, string? KeyId);

/// <summary>The result of checking an audit log's hash chain.</summary>
public sealed record DataAuditVerification(
    string Path, bool Valid, long RecordCount, long? FirstInvalidLine, string? Reason);

/// <summary>
/// An append-only JSON Lines audit log. Each record carries the SHA-256 of the previous record's
/// line, so altering or removing a record breaks the chain at the next one, which
/// <see cref="Verify"/> names. Appends take an exclusive lock on the file, so concurrent
/// processes interleave whole records. Key material never reaches it: only key ids.
/// </summary>
public sealed class DataAuditLog
{
    public const string DefaultFileName = "audit.jsonl";
    public static readonly string GenesisHash = new('0', 64);
    private const int TailProbeBytes = 64 * 1024;
    private static readonly object AppendGate = new();

    public DataAuditLog(string? path = null)
    {
        Path = path is null
            ? System.IO.Path.Combine(DataCenterToolsHome.Ensure(), DefaultFileName)
            : System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public void Append(DataAuditEntry entry)
    {
        // The file lock (fcntl) is held per process, so threads of one process (ForEach-Object -Parallel,
        // runspaces) would not exclude each other through it: they also take this in-process gate.
        lock (AppendGate)
        {
            using var stream = OpenLocked();
            var (previousHash, previousSequence) = ReadLastRecord(stream);
            var line = FormatRecord(entry, previousSequence + 1, previousHash);
            stream.Seek(0, SeekOrigin.End);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Checks every record: well-formed JSON, sequence numbers in order, each previous-hash matching.</summary>
    public static DataAuditVerification Verify(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw NotFound(full);
        var bytes = File.ReadAllBytes(full);
        var expectedPrevious = GenesisHash;
        long lineNumber = 0, start = 0;
        while (start < bytes.Length)
        {
            lineNumber++;
            var end = Array.IndexOf(bytes, (byte)'\n', (int)start);
            if (end < 0)
                return new(full, false, lineNumber - 1, lineNumber, "the last record is incomplete (no line end): the log was truncated or a write was cut off");
            var line = bytes.AsSpan((int)start, (int)(end - start));
            string? previous; long sequence;
            try
            {
                using var doc = JsonDocument.Parse(bytes.AsMemory((int)start, (int)(end - start)));
                previous = doc.RootElement.GetProperty("prev").GetString();
                sequence = doc.RootElement.GetProperty("seq").GetInt64();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return new(full, false, lineNumber - 1, lineNumber, "the record is not a well-formed audit record: it was altered");
            }
            if (sequence != lineNumber)
                return new(full, false, lineNumber - 1, lineNumber,
                    $"the record has sequence number {sequence} where {lineNumber} was expected: a record before it was removed or reordered");
            if (!string.Equals(previous, expectedPrevious, StringComparison.Ordinal))
                return new(full, false, lineNumber - 1, lineNumber,
                    lineNumber == 1
                        ? "the first record does not start the chain: records before it were removed"
                        : $"its previous-record hash does not match record {lineNumber - 1}: record {lineNumber - 1} was altered");
            expectedPrevious = HashLine(line);
            start = end + 1;
        }
        return new(full, true, lineNumber, null, null);
    }

    internal static DataException NotFound(string fullPath) =>
        new("AuditLogNotFound", DataErrorKind.ObjectNotFound, $"The audit log '{fullPath}' does not exist.",
            "Check the path; the default log is audit.jsonl in the DataCenterTools home folder.", fullPath);

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

    private (string Hash, long Sequence) ReadLastRecord(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0) return (GenesisHash, 0);
        var probe = (int)Math.Min(length, TailProbeBytes);
        while (true)
        {
            var buffer = new byte[probe];
            stream.Seek(length - probe, SeekOrigin.Begin);
            stream.ReadExactly(buffer);
            if (buffer[^1] != (byte)'\n')
                throw new DataException("AuditLogDamaged", DataErrorKind.InvalidData,
                    $"The audit log '{Path}' ends in an incomplete record, so the chain cannot be continued.",
                    "Run Test-DataAuditLog on it, keep the damaged log as evidence, and start a new log.", Path);
            var lastStart = Array.LastIndexOf(buffer, (byte)'\n', buffer.Length - 2) + 1;
            if (lastStart == 0 && probe < length) { probe = (int)Math.Min(length, (long)probe * 4); continue; }
            var line = buffer.AsSpan(lastStart, buffer.Length - 1 - lastStart);
            long sequence;
            try
            {
                using var doc = JsonDocument.Parse(buffer.AsMemory(lastStart, line.Length));
                sequence = doc.RootElement.GetProperty("seq").GetInt64();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DataException("AuditLogDamaged", DataErrorKind.InvalidData,
                    $"The last record of the audit log '{Path}' is not a well-formed audit record.",
                    "Run Test-DataAuditLog on it, keep the damaged log as evidence, and start a new log.", Path);
            }
            return (HashLine(line), sequence);
        }
    }

    private static byte[] FormatRecord(DataAuditEntry entry, long sequence, string previousHash)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", sequence);
            json.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("user", Environment.UserName);
            json.WriteString("host", Environment.MachineName);
            json.WriteString("operation", entry.Operation);
            json.WriteString("target", entry.Target);
            json.WriteString("datasetSha256", entry.DatasetSha256);
            json.WriteStartArray("columns");
            foreach (var column in entry.Columns) json.WriteStringValue(column);
            json.WriteEndArray();
            json.WriteString("keyId", entry.KeyId);
            json.WriteString("prev", previousHash);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static string HashLine(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));
}
