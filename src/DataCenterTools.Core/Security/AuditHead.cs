using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// The anchor of an audit log's head, kept in a separate owner-only file beside it (<c>audit.jsonl.head</c>): how
/// many records the log holds, its length in bytes after the last one and that record's MAC, sealed with the
/// audit key's head subkey. Removing records from the end, emptying the log or replacing the last record no
/// longer leaves a chain that looks whole: it disagrees with the head.
/// </summary>
internal sealed record AuditHead(long Records, long Length, string Mac)
{
    public const string Purpose = "audit-head";
    private const int Version = 1;

    public static string PathFor(string logPath) => logPath + ".head";

    /// <summary>The head, null when the file does not exist; DataCenterTools.AuditLogDamaged when it was altered.</summary>
    public static AuditHead? Read(string logPath, ReadOnlySpan<byte> headKey)
    {
        var path = PathFor(logPath);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("version").GetInt32() == Version)
            {
                var head = new AuditHead(root.GetProperty("records").GetInt64(), root.GetProperty("length").GetInt64(), root.GetProperty("mac").GetString() ?? "");
                var check = root.GetProperty("check").GetString() ?? "";
                if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(head.Check(headKey)), Encoding.ASCII.GetBytes(check))) return head;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException) { }
        throw new DataException("AuditLogDamaged", DataErrorKind.InvalidData,
            $"The head anchor '{path}' of the audit log was altered: its seal does not match.",
            "Keep the log and its head as evidence and compare them with a backup or the system journal (journalctl -t DataCenterTools-audit).", path);
    }

    /// <summary>Replaces the head file atomically (temp file renamed into place), owner-only.</summary>
    public void Write(string logPath, ReadOnlySpan<byte> headKey)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteNumber("records", Records);
            json.WriteNumber("length", Length);
            json.WriteString("mac", Mac);
            json.WriteString("check", Check(headKey));
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        AtomicFile.WriteAllBytes(PathFor(logPath), buffer.ToArray(), overwrite: true, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private string Check(ReadOnlySpan<byte> headKey) => Convert.ToHexStringLower(HMACSHA256.HashData(headKey,
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"head v{Version}\n{Records}\n{Length}\n{Mac}"))));
}
