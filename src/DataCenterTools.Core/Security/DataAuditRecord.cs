using System.Globalization;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>One record of the audit log as written by <see cref="DataAuditLog.Append"/>.</summary>
public sealed record DataAuditRecord(
    long Sequence, DateTime Time, string User, string Host, string Operation, string? Target,
    string? DatasetSha256, IReadOnlyList<string> Columns, string? KeyId, string? Detail = null);

/// <summary>Reads audit log records line by line (the log may be large); checking the chain is <see cref="DataAuditLog.Verify"/>'s job.</summary>
public static class DataAuditReader
{
    public static IEnumerable<DataAuditRecord> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw DataAuditLog.NotFound(full);
        return ReadLines(full);
    }

    private static IEnumerable<DataAuditRecord> ReadLines(string path)
    {
        long lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            DataAuditRecord record;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                record = new DataAuditRecord(
                    root.GetProperty("seq").GetInt64(),
                    DateTime.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    root.GetProperty("user").GetString() ?? "",
                    root.GetProperty("host").GetString() ?? "",
                    root.GetProperty("operation").GetString() ?? "",
                    root.GetProperty("target").GetString(),
                    root.GetProperty("datasetSha256").GetString(),
                    root.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToArray(),
                    root.GetProperty("keyId").GetString(),
                    root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new DataException("AuditLogDamaged", DataErrorKind.InvalidData,
                    $"Line {lineNumber} of the audit log '{path}' is not an audit record.",
                    "Run Test-DataAuditLog on it to see where the log was altered.", path, lineNumber, inner: e);
            }
            yield return record;
        }
    }
}
