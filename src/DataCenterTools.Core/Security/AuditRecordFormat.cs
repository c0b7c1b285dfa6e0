using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DataCenterTools.Core.Security;

/// <summary>What one audit log line says about its place in the chain, once its MAC has been checked.</summary>
internal readonly record struct AuditLineCheck(bool WellFormed, bool MacValid, long Sequence, string? Previous, string? Mac, bool Unkeyed);

/// <summary>
/// The bytes of one audit record: a JSON object on one line whose last member is
/// <c>"mac":"&lt;64 hex&gt;"</c>, the HMAC-SHA256 (under the audit key's chain subkey) of every byte of the line
/// before <c>,"mac":</c>. The previous record's MAC is one of those bytes (<c>"prev"</c>), so each record seals its
/// predecessor: changing, inserting or re-chaining records needs the key.
/// </summary>
internal static class AuditRecordFormat
{
    public const string ChainPurpose = "audit-chain";
    private static readonly byte[] MacMarker = Encoding.ASCII.GetBytes(",\"mac\":\"");
    // ,"mac":" + 64 hex digits + "}
    private static readonly int SuffixLength = MacMarker.Length + 64 + 2;

    public static byte[] Format(DataAuditEntry entry, long sequence, string previousMac, ReadOnlySpan<byte> chainKey)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", sequence);
            json.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("user", Environment.UserName);
            json.WriteString("host", Environment.MachineName);
            json.WriteString("operation", entry.Operation);
            json.WriteString("target", entry.Target);
            json.WriteString("datasetSha256", entry.DatasetSha256);
            json.WriteStartArray("columns");
            foreach (var column in entry.Columns) json.WriteStringValue(column);
            json.WriteEndArray();
            json.WriteString("keyId", entry.KeyId);
            if (entry.Detail != null) json.WriteString("detail", entry.Detail);
            json.WriteString("prev", previousMac);
            json.WriteEndObject();
        }
        // The object is closed above only to let the writer validate it; the MAC goes in before the brace.
        var sealedPart = buffer.GetBuffer().AsSpan(0, (int)buffer.Length - 1);
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(chainKey, sealedPart));
        var line = new byte[sealedPart.Length + SuffixLength + 1];
        sealedPart.CopyTo(line);
        var at = sealedPart.Length;
        MacMarker.CopyTo(line, at);
        Encoding.ASCII.GetBytes(mac, line.AsSpan(at + MacMarker.Length));
        line[^3] = (byte)'"';
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>The MAC of a line <see cref="Format"/> wrote (with its line end).</summary>
    public static string MacOf(byte[] line) => Encoding.ASCII.GetString(line, line.Length - 67, 64);

    /// <summary>Parses a line (without its line end) and checks its MAC.</summary>
    public static AuditLineCheck Check(ReadOnlySpan<byte> line, ReadOnlySpan<byte> chainKey)
    {
        long sequence;
        string? previous, mac;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (reader.BytesConsumed != line.Length) return default;
            var root = doc.RootElement;
            sequence = root.GetProperty("seq").GetInt64();
            previous = root.GetProperty("prev").GetString();
            if (!root.TryGetProperty("mac", out _)) return new(true, false, sequence, previous, null, Unkeyed: true);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return default;
        }
        // The MAC is read from its fixed place at the end of the line, so a second "mac" member elsewhere changes nothing.
        if (line.Length <= SuffixLength || !line[^SuffixLength..].StartsWith(MacMarker) || line[^2] != (byte)'"' || line[^1] != (byte)'}')
            return new(true, false, sequence, previous, null, Unkeyed: false);
        mac = Encoding.ASCII.GetString(line[^66..^2]);
        return new(true, MacMatches(line[..^SuffixLength], mac, chainKey), sequence, previous, mac, Unkeyed: false);
    }

    private static bool MacMatches(ReadOnlySpan<byte> sealedPart, string mac, ReadOnlySpan<byte> chainKey)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(chainKey, sealedPart, expected);
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(mac, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32) return false;
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
