using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

public class BackupTests
{
    private static byte[] Data(int length, int seed)
    {
        // Text-like data (compressible) with random parts, as a CSV would be.
        var rng = new Random(seed);
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = i % 16 == 15 ? (byte)'\n' : (byte)('0' + rng.Next(10));
        return bytes;
    }

    private static BackupSource Source(string name, byte[] data) => new(name, () => new MemoryStream(data), data.Length);

    private static BackupCredential Key(byte fill) => BackupCredential.FromKey(DataProtectionKey.FromBytes(Enumerable.Repeat(fill, 32).ToArray()));

    [Fact]
    public void Backup_verify_and_restore_round_trip_byte_for_byte_and_the_second_backup_is_incremental()
    {
        using var temp = new TempFolder();
        var repoPath = Path.Combine(temp.Path, "repo");
        var a = Data(5 << 20, 1);
        var b = Data(300_000, 2);
        var repo = BackupRepository.Open(repoPath, Key(7), create: true);
        var first = repo.Backup([Source("a.csv", a), Source("sub/b.csv", b)], "test");
        Assert.True(first.NewChunks >= 3);
        // Change 1% of the bytes in one place: only the chunks around it are new.
        var a2 = (byte[])a.Clone();
        for (var i = 2_000_000; i < 2_000_000 + a.Length / 100; i++) a2[i] = (byte)'9';
        var second = repo.Backup([Source("a.csv", a2), Source("sub/b.csv", b)], "test");
        Assert.InRange(second.NewChunks, 1, 3);
        Assert.True(second.NewBytes < first.NewBytes / 2);

        var reopened = BackupRepository.Open(repoPath, Key(7), create: false);
        Assert.Empty(reopened.Verify(readData: true).Problems);
        var snapshots = BackupRepository.ListSnapshots(repoPath);
        Assert.Equal([first.Id, second.Id], snapshots.Select(s => s.Id));
        var out1 = Path.Combine(temp.Path, "out1");
        reopened.Restore(reopened.Snapshot(first.Id), out1, overwrite: false);
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(out1, "a.csv")));
        Assert.Equal(b, File.ReadAllBytes(Path.Combine(out1, "sub", "b.csv")));
        var out2 = Path.Combine(temp.Path, "out2");
        reopened.Restore(reopened.Snapshot(null), out2, overwrite: false);
        Assert.Equal(a2, File.ReadAllBytes(Path.Combine(out2, "a.csv")));
        var e = Assert.Throws<DataException>(() => reopened.Restore(reopened.Snapshot(null), out2, overwrite: false));
        Assert.Equal("DataCenterTools.FileExists", e.ErrorId);
    }

    [Fact]
    public void Stored_chunk_names_do_not_reveal_the_plaintext_hash()
    {
        using var temp = new TempFolder();
        var data = Data(100_000, 3);
        var repo = BackupRepository.Open(temp.Path, Key(1), create: true);
        repo.Backup([Source("x", data)], null);
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(data));
        var id = Assert.Single(repo.Chunks.StoredIds());
        Assert.NotEqual(plainHash, id);
        Assert.DoesNotContain(plainHash, string.Join("", Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories)));
        // The stored bytes are sealed: the plaintext digits do not appear in them.
        var stored = File.ReadAllBytes(repo.Chunks.PathOf(id));
        Assert.Equal(-1, stored.AsSpan().IndexOf(data.AsSpan(0, 64)));
    }

    [Fact]
    public void A_flipped_byte_in_a_chunk_or_a_manifest_is_reported_by_name()
    {
        using var temp = new TempFolder();
        var repo = BackupRepository.Open(temp.Path, Key(2), create: true);
        var s1 = repo.Backup([Source("a", Data(2 << 20, 4))], null);
        var s2 = repo.Backup([Source("b", Data(1 << 20, 5))], null);
        var chunkId = repo.Chunks.StoredId(s1.Files![0].Chunks[0]);
        Flip(repo.Chunks.PathOf(chunkId));
        Assert.Empty(repo.Verify(readData: false).Problems); // present, so only -ReadData sees the damage
        var problems = repo.Verify(readData: true).Problems;
        var p = Assert.Single(problems);
        Assert.Equal("DataCenterTools.BackupCorrupt", p.ErrorId);
        Assert.Contains(chunkId, p.Message);
        Assert.Contains($"{s1.Id}/a", p.Message);
        var e = Assert.Throws<DataException>(() => repo.Restore(repo.Snapshot(s1.Id), Path.Combine(temp.Path, "out"), false));
        Assert.Equal("DataCenterTools.BackupCorrupt", e.ErrorId);
        Assert.False(File.Exists(Path.Combine(temp.Path, "out", "a"))); // nothing partial
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(temp.Path, "out")));

        var manifest = Directory.EnumerateFiles(Path.Combine(temp.Path, "snapshots")).Single(f => f.Contains(s2.Id));
        Flip(manifest);
        problems = repo.Verify(readData: true).Problems;
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, q => q.Message.Contains($"snapshot {s2.Id}"));
    }

    private static void Flip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void A_wrong_key_or_passphrase_is_BackupKeyMismatch_before_anything_is_read()
    {
        using var temp = new TempFolder();
        BackupRepository.Open(temp.Path, Key(3), create: true).Backup([Source("a", Data(1000, 6))], null);
        var e = Assert.Throws<DataException>(() => BackupRepository.Open(temp.Path, Key(4), create: false));
        Assert.Equal("DataCenterTools.BackupKeyMismatch", e.ErrorId);
        e = Assert.Throws<DataException>(() => BackupRepository.Open(temp.Path, BackupCredential.FromPassphrase(s => DataProtectionKey.FromPassphrase("pw", s)), false));
        Assert.Equal("DataCenterTools.BackupKeyMismatch", e.ErrorId);
        Assert.Contains("key file", e.Message);

        var pwRepo = Path.Combine(temp.Path, "pw");
        BackupCredential Pass(string p) => BackupCredential.FromPassphrase(s => DataProtectionKey.FromPassphrase(p, s));
        BackupRepository.Open(pwRepo, Pass("correct horse"), create: true).Backup([Source("a", Data(1000, 7))], null);
        Assert.Empty(BackupRepository.Open(pwRepo, Pass("correct horse"), create: false).Verify(true).Problems);
        e = Assert.Throws<DataException>(() => BackupRepository.Open(pwRepo, Pass("wrong horse"), create: false));
        Assert.Equal("DataCenterTools.BackupKeyMismatch", e.ErrorId);
    }

    [Fact]
    public void Retention_keeps_the_newest_snapshot_per_day_week_and_month()
    {
        // Hand-worked: snapshots at 02:00 and 14:00 on 1-10 March 2026 (UTC) and on 1 Feb and 1 Jan.
        var snaps = new List<(string, DateTime)>();
        for (var d = 1; d <= 10; d++)
        {
            snaps.Add(($"m{d}a", new DateTime(2026, 3, d, 2, 0, 0, DateTimeKind.Utc)));
            snaps.Add(($"m{d}b", new DateTime(2026, 3, d, 14, 0, 0, DateTimeKind.Utc)));
        }
        snaps.Add(("feb", new DateTime(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc)));
        snaps.Add(("jan", new DateTime(2026, 1, 1, 2, 0, 0, DateTimeKind.Utc)));
        // Daily 3: the 14:00 snapshots of 10, 9 and 8 March.
        Assert.Equal(["m10b", "m8b", "m9b"], new BackupRetention(KeepDaily: 3).Keep(snaps).Order());
        // Weekly 2: ISO weeks 10 (2-8 March: newest m8b) and 11 (9-10 March: m10b).
        Assert.Equal(["m10b", "m8b"], new BackupRetention(KeepWeekly: 2).Keep(snaps).Order());
        // Monthly 6: newest of March, February, January (only three months exist).
        Assert.Equal(["feb", "jan", "m10b"], new BackupRetention(KeepMonthly: 6).Keep(snaps).Order());
        // Rules combine: last 2 plus daily 1 = m10b, m10a.
        Assert.Equal(["m10a", "m10b"], new BackupRetention(KeepLast: 2, KeepDaily: 1).Keep(snaps).Order());
    }

    [Fact]
    public void Forgetting_snapshots_deletes_only_chunks_no_remaining_snapshot_needs()
    {
        using var temp = new TempFolder();
        var repo = BackupRepository.Open(temp.Path, Key(5), create: true);
        var shared = Data(2 << 20, 8);
        var s1 = repo.Backup([Source("shared", shared), Source("only1", Data(1 << 20, 9))], null);
        var s2 = repo.Backup([Source("shared", shared)], null);
        var before = repo.Chunks.StoredIds().Count();
        var (chunks, bytes) = repo.Forget([s1]);
        Assert.Equal(before - s2.Files![0].Chunks.Distinct().Count(), chunks);
        Assert.True(bytes > 0);
        Assert.Equal([s2.Id], BackupRepository.ListSnapshots(temp.Path).Select(s => s.Id));
        Assert.Empty(repo.Verify(readData: true).Problems);
        var output = Path.Combine(temp.Path, "restored");
        repo.Restore(repo.Snapshot(null), output, false);
        Assert.Equal(shared, File.ReadAllBytes(Path.Combine(output, "shared")));
    }
}
