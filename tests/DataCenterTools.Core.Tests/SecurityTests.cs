using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class DataProtectionKeyTests
{
    [Fact]
    public void Argon2id_matches_the_reference_implementation()
    {
        // Expected from the reference C implementation (Debian's argon2 CLI):
        // echo -n "correct horse" | argon2 saltsaltsaltsalt -id -t 3 -k 65536 -p 1 -l 32 -r
        using var key = DataProtectionKey.FromPassphrase("correct horse", Encoding.ASCII.GetBytes("saltsaltsaltsalt"));
        Assert.Equal("332541e4192860aa42935c10c48d64793839c579a782b7c5baeff2d7c197d1f4", Convert.ToHexStringLower(key.Material));
    }

    [Fact]
    public void Saved_key_is_owner_only_and_loads_back()
    {
        using var folder = new TempFolder();
        var path = folder.File("k.key");
        using var key = DataProtectionKey.Generate();
        key.Save(path, force: false);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var loaded = DataProtectionKey.Load(path);
        Assert.Equal(key.KeyId, loaded.KeyId);
        Assert.True(key.Material.SequenceEqual(loaded.Material));
        Assert.DoesNotContain(Convert.ToBase64String(key.Material), key.ToString());
        Assert.DoesNotContain(Convert.ToHexString(key.Material).ToLowerInvariant(), key.KeyId);
    }

    [Fact]
    public void Existing_key_file_is_not_overwritten_without_force()
    {
        using var folder = new TempFolder();
        var path = folder.File("k.key");
        using var first = DataProtectionKey.Generate();
        first.Save(path, force: false);
        using var second = DataProtectionKey.Generate();
        var error = Assert.Throws<DataException>(() => second.Save(path, force: false));
        Assert.Equal("DataCenterTools.FileExists", error.ErrorId);
        using var loaded = DataProtectionKey.Load(path);
        Assert.Equal(first.KeyId, loaded.KeyId);
    }

    [Fact]
    public void Key_file_readable_by_others_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var path = folder.File("k.key");
        using var key = DataProtectionKey.Generate();
        key.Save(path, force: false);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var error = Assert.Throws<DataException>(() => DataProtectionKey.Load(path));
        Assert.Equal("DataCenterTools.KeyFileInsecure", error.ErrorId);
        Assert.Contains("0644", error.Message);
        Assert.Contains("chmod 600", error.Recommendation);
    }

    [Fact]
    public void Missing_and_malformed_key_files_are_clear_errors()
    {
        using var folder = new TempFolder();
        Assert.Equal("DataCenterTools.KeyFileNotFound",
            Assert.Throws<DataException>(() => DataProtectionKey.Load(folder.File("none.key"))).ErrorId);
        var bad = folder.File("bad.key", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(bad, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("DataCenterTools.KeyFileInvalid",
            Assert.Throws<DataException>(() => DataProtectionKey.Load(bad)).ErrorId);
    }

    [Fact]
    public void Subkeys_differ_per_purpose_and_follow_rfc5869()
    {
        var material = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var key = DataProtectionKey.FromBytes(material);
        var hmac = key.DeriveSubkey("hmac");
        var aes = key.DeriveSubkey("aes-gcm");
        Assert.NotEqual(hmac, aes);
        Assert.Equal(hmac, key.DeriveSubkey("hmac"));
        // HKDF by hand (RFC 5869): PRK = HMAC(salt, IKM); OKM = HMAC(PRK, info || 0x01) for 32 bytes.
        var prk = HMACSHA256.HashData(Encoding.ASCII.GetBytes("DataCenterTools subkey v1"), material);
        var okm = HMACSHA256.HashData(prk, Encoding.UTF8.GetBytes("hmac\u0001"));
        Assert.Equal(okm, hmac);
    }
}

public class AesGcmSealerTests
{
    [Fact]
    public void Round_trips_and_uses_a_fresh_nonce()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var plain = Encoding.UTF8.GetBytes("rack 12, host gpu-0042");
        var a = AesGcmSealer.Seal(key, plain, "cell"u8);
        var b = AesGcmSealer.Seal(key, plain, "cell"u8);
        Assert.Equal(plain.Length + AesGcmSealer.Overhead, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(plain, AesGcmSealer.Open(key, a, "cell"u8));
    }

    [Fact]
    public void Wrong_key_tampering_and_wrong_context_fail()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var sealedMessage = AesGcmSealer.Seal(key, "secret"u8);
        Assert.Equal("DataCenterTools.DecryptionFailed",
            Assert.Throws<DataException>(() => AesGcmSealer.Open(RandomNumberGenerator.GetBytes(32), sealedMessage)).ErrorId);
        var tampered = (byte[])sealedMessage.Clone();
        tampered[AesGcmSealer.NonceSize] ^= 1;
        Assert.Throws<DataException>(() => AesGcmSealer.Open(key, tampered));
        Assert.Throws<DataException>(() => AesGcmSealer.Open(key, sealedMessage, "other"u8));
        Assert.Throws<DataException>(() => AesGcmSealer.Open(key, sealedMessage.AsSpan(0, 10)));
    }
}

public class DataAuditLogTests
{
    private static DataAuditEntry Entry(string operation, string column) =>
        new(operation, "/data/telemetry.csv", new string('a', 64), [column], "0123456789abcdef");

    [Fact]
    public void Records_chain_and_verify()
    {
        using var folder = new TempFolder();
        var log = new DataAuditLog(folder.File("audit.jsonl"), folder.File("audit.key"));
        log.Append(Entry("Protect-Dataset", "email"));
        log.Append(Entry("Unprotect-Dataset", "email"));
        log.Append(Entry("Protect-DataFile", "*"));
        var lines = File.ReadAllLines(log.Path);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"prev\":\"" + DataAuditLog.GenesisHash + "\"", lines[0]);
        // Each record's "prev" is the MAC that ends the record before it: HMAC-SHA256 under the audit key's chain subkey.
        var firstMac = lines[0][^66..^2];
        using (var key = DataProtectionKey.Load(log.KeyPath))
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key.DeriveSubkey("audit-chain"), Encoding.UTF8.GetBytes(lines[0][..^74]))), firstMac);
        Assert.Contains("\"prev\":\"" + firstMac + "\"", lines[1]);
        Assert.Contains("\"seq\":3", lines[2]);
        var result = DataAuditLog.Verify(log.Path, log.KeyPath);
        Assert.True(result.Valid);
        Assert.Equal(3, result.RecordCount);
        Assert.Equal(3, result.AnchoredRecords);
        Assert.Equal(lines[2][^66..^2], result.LastMac);
    }

    [Fact]
    public void Altered_record_is_named()
    {
        using var folder = new TempFolder();
        var log = new DataAuditLog(folder.File("audit.jsonl"), folder.File("audit.key"));
        for (var i = 0; i < 4; i++) log.Append(Entry("Protect-Dataset", "c" + i));
        var lines = File.ReadAllLines(log.Path);
        lines[1] = lines[1].Replace("\"c1\"", "\"cX\"");
        File.WriteAllText(log.Path, string.Join("\n", lines) + "\n");
        AuditLogTamperingTests.AssertBrokenAt(log, 2, "record 2 was altered or forged");
    }

    [Fact]
    public void Removed_record_is_named()
    {
        using var folder = new TempFolder();
        var log = new DataAuditLog(folder.File("audit.jsonl"), folder.File("audit.key"));
        for (var i = 0; i < 4; i++) log.Append(Entry("Protect-Dataset", "c" + i));
        var lines = File.ReadAllLines(log.Path).ToList();
        lines.RemoveAt(2);
        File.WriteAllText(log.Path, string.Join("\n", lines) + "\n");
        AuditLogTamperingTests.AssertBrokenAt(log, 3, "removed");
    }

    [Fact]
    public void Truncated_log_is_reported_and_not_appended_to()
    {
        using var folder = new TempFolder();
        var log = new DataAuditLog(folder.File("audit.jsonl"), folder.File("audit.key"));
        log.Append(Entry("Protect-Dataset", "a"));
        log.Append(Entry("Protect-Dataset", "b"));
        var bytes = File.ReadAllBytes(log.Path);
        File.WriteAllBytes(log.Path, bytes[..^10]);
        var result = DataAuditLog.Verify(log.Path, log.KeyPath);
        Assert.False(result.Valid);
        Assert.Equal(2, result.FirstInvalidLine);
        Assert.Equal("DataCenterTools.AuditLogDamaged",
            Assert.Throws<DataException>(() => log.Append(Entry("Protect-Dataset", "c"))).ErrorId);
    }

    [Fact]
    public void Concurrent_writers_keep_one_chain()
    {
        using var folder = new TempFolder();
        var path = folder.File("audit.jsonl");
        Parallel.For(0, 4, worker =>
        {
            var log = new DataAuditLog(path, folder.File("audit.key"));
            for (var i = 0; i < 25; i++) log.Append(Entry("Protect-Dataset", $"w{worker}-{i}"));
        });
        var result = DataAuditLog.Verify(path, folder.File("audit.key"));
        Assert.True(result.Valid, result.Reason);
        Assert.Equal(100, result.RecordCount);
    }
}
