using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The four tamperings of issue 13 and the torn append, done the way an attacker or a crash would do them, to a
/// log whose key lives in a separate home folder (the attacker can write the log but does not hold the key).
/// </summary>
public class AuditLogTamperingTests
{
    private static DataAuditEntry Entry(string column) =>
        new("Protect-Dataset", "/data/telemetry.csv", new string('a', 64), [column], "0123456789abcdef");

    private static (TempFolder Folder, DataAuditLog Log) NewLog(int records)
    {
        var folder = new TempFolder();
        var log = new DataAuditLog(folder.File("audit.jsonl"), folder.File("audit.key"));
        for (var i = 0; i < records; i++) log.Append(Entry("c" + i));
        return (folder, log);
    }

    private static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Test-DataAuditLog's verdict on a tampered log: not valid, broken at <paramref name="line"/>, for <paramref name="reason"/>.</summary>
    internal static DataAuditVerification AssertBrokenAt(DataAuditLog log, long? line, string reason)
    {
        var result = DataAuditLog.Verify(log.Path, log.KeyPath);
        Assert.False(result.Valid);
        Assert.Equal(line, result.FirstInvalidLine);
        Assert.Contains(reason, result.Reason);
        return result;
    }

    [Fact]
    public void Deleting_the_last_record_is_detected_and_appends_are_refused()
    {
        var (folder, log) = NewLog(3);
        using var _ = folder;
        WriteLines(log.Path, File.ReadAllLines(log.Path)[..2]);
        Assert.Equal(2, AssertBrokenAt(log, 3, "record 3 was removed").RecordCount);
        var refused = Assert.Throws<DataException>(() => log.Append(Entry("later")));
        Assert.Equal("DataCenterTools.AuditLogDamaged", refused.ErrorId);
        Assert.Contains("Test-DataAuditLog", refused.Recommendation);
    }

    [Fact]
    public void A_forged_record_chained_to_the_real_last_one_is_detected()
    {
        var (folder, log) = NewLog(2);
        using var _ = folder;
        var lines = File.ReadAllLines(log.Path);
        var last = JsonNode.Parse(lines[^1])!.AsObject();
        // The forger links to the last record as the chain asks; without the key the MAC can only be guessed.
        var forged = JsonNode.Parse(lines[^1])!.AsObject();
        forged["seq"] = 3;
        forged["operation"] = "Unprotect-Dataset";
        forged["prev"] = last["mac"]!.GetValue<string>();
        forged["mac"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(forged.ToJsonString())));
        WriteLines(log.Path, [.. lines, forged.ToJsonString()]);
        AssertBrokenAt(log, 3, "record 3 was altered or forged");
    }

    [Fact]
    public void A_rewritten_chain_is_detected_at_the_first_rewritten_record()
    {
        var (folder, log) = NewLog(4);
        using var _ = folder;
        // Record 2 is edited and every record from it on is re-chained, as far as it can be without the key.
        var lines = File.ReadAllLines(log.Path);
        var previous = JsonNode.Parse(lines[0])!["mac"]!.GetValue<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            var record = JsonNode.Parse(lines[i])!.AsObject();
            if (i == 1) record["columns"] = new JsonArray("cX");
            record["prev"] = previous;
            record.Remove("mac");
            var mac = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.ToJsonString())));
            record["mac"] = mac;
            lines[i] = record.ToJsonString();
            previous = mac;
        }
        WriteLines(log.Path, lines);
        AssertBrokenAt(log, 2, "record 2 was altered or forged");
    }

    [Fact]
    public void An_emptied_log_is_detected_and_not_restarted()
    {
        var (folder, log) = NewLog(2);
        using var _ = folder;
        File.WriteAllBytes(log.Path, []);
        var result = DataAuditLog.Verify(log.Path, log.KeyPath);
        Assert.False(result.Valid);
        Assert.Equal(0, result.RecordCount);
        Assert.Contains("emptied", result.Reason);
        Assert.Equal("DataCenterTools.AuditLogDamaged", Assert.Throws<DataException>(() => log.Append(Entry("later"))).ErrorId);
        // Deleting the log is no way around it either: its head still says two records were written.
        File.Delete(log.Path);
        Assert.False(DataAuditLog.Verify(log.Path, log.KeyPath).Valid);
        Assert.Equal("DataCenterTools.AuditLogDamaged", Assert.Throws<DataException>(() => log.Append(Entry("later"))).ErrorId);
    }

    [Fact]
    public void A_torn_append_is_rolled_back_by_the_next_append_and_recorded()
    {
        var (folder, log) = NewLog(2);
        using var _ = folder;
        // A crash (or disk full) in the middle of writing record 3 leaves its first 187 bytes, no line end.
        var intact = File.ReadAllBytes(log.Path);
        var torn = Encoding.UTF8.GetBytes(File.ReadAllLines(log.Path)[^1].Replace("\"seq\":2", "\"seq\":3"))[..187];
        File.WriteAllBytes(log.Path, [.. intact, .. torn]);
        log.Append(Entry("after"));
        var result = DataAuditLog.Verify(log.Path, log.KeyPath);
        Assert.True(result.Valid, result.Reason);
        var records = DataAuditReader.Read(log.Path).ToList();
        Assert.Equal(4, records.Count);
        Assert.Equal(DataAuditLog.RepairOperation, records[2].Operation);
        Assert.Contains("187 bytes", records[2].Detail);
        Assert.Equal(["after"], records[3].Columns);
        Assert.Equal(intact, File.ReadAllBytes(log.Path)[..intact.Length]);
    }

    [Fact]
    public void Without_the_key_nothing_can_be_verified_and_no_new_key_is_made_for_an_existing_log()
    {
        var (folder, log) = NewLog(2);
        using var _ = folder;
        File.Delete(log.KeyPath);
        Assert.Equal("DataCenterTools.AuditKeyNotFound", Assert.Throws<DataException>(() => DataAuditLog.Verify(log.Path, log.KeyPath)).ErrorId);
        Assert.Equal("DataCenterTools.AuditKeyNotFound", Assert.Throws<DataException>(() => log.Append(Entry("later"))).ErrorId);
        Assert.False(File.Exists(log.KeyPath));
    }
}
