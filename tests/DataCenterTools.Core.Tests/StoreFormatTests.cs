using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

/// <summary>The backup/version store format (docs/store-format.md): checked configs and manifests, format 1 still read, encryption, symlinks.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix modes and symlinks
public class StoreFormatTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "fixtures", "store-format-1");

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static BackupCredential FixtureKey(TempFolder temp)
    {
        var key = temp.File("backup.key");
        File.Copy(Path.Combine(Fixture, "backup.key"), key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite); // git does not keep 0600
        return BackupCredential.FromKey(DataProtectionKey.Load(key));
    }

    [Fact]
    public void A_backup_repository_written_by_store_format_1_restores_byte_for_byte()
    {
        using var temp = new TempFolder();
        CopyFolder(Path.Combine(Fixture, "backup"), temp.File("repo"));
        var repo = BackupRepository.Open(temp.File("repo"), FixtureKey(temp), create: false);
        Assert.Empty(repo.Verify(readData: true).Problems);
        var snapshot = repo.Snapshot(null);
        Assert.Equal(["hosts.csv"], snapshot.Files!.Select(f => f.Name));
        repo.Restore(snapshot, temp.File("out"), overwrite: false);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Fixture, "hosts.csv")), File.ReadAllBytes(Path.Combine(temp.File("out"), "hosts.csv")));
    }

    [Fact]
    public void A_version_store_written_by_store_format_1_reads_back_and_takes_new_versions()
    {
        using var temp = new TempFolder();
        CopyFolder(Path.Combine(Fixture, "versions"), temp.File("versions"));
        var store = new DatasetVersionStore(temp.File("versions"));
        Assert.False(store.IsEncrypted);
        Assert.Equal([1, 2], store.Versions("hosts").Select(v => v.Version));
        var v1 = store.Load("hosts", 1);
        Assert.Equal(["host", "gpu_util", "mem_gb", "healthy"], v1.Schema.Select(c => c.Name));
        Assert.Equal([ColumnType.String, ColumnType.Double, ColumnType.Int64, ColumnType.Boolean], v1.Schema.Select(c => c.Type));
        Assert.Equal(["node-01", "node-02", "node-03"], Enumerable.Range(0, 3).Select(r => v1[0].GetValue(r)));
        Assert.Equal([0.5, 0.75, -1.5], Enumerable.Range(0, 3).Select(r => v1[1].GetValue(r)));
        Assert.Equal(4, store.Load("hosts").RowCount); // v2 added node-04
        store.Save(v1, "hosts", "third");
        Assert.Equal(3, store.Info("hosts").Version);
        Assert.Contains("\"Format\":2", File.ReadAllText(Path.Combine(temp.File("versions"), "config.json")));
    }

    [Theory]
    [InlineData("{\"Format\":1,\"KeyKind\":\"keyfile\",\"Salt\":null,\"KeyCheck\":\"zz\"}", "DataCenterTools.BackupCorrupt", "KeyCheck")] // was FormatException
    [InlineData("null", "DataCenterTools.BackupCorrupt", "no settings")] // was NullReferenceException
    [InlineData("{}", "DataCenterTools.StoreFormatUnsupported", "format 0")] // was ArgumentNullException
    [InlineData("{\"Format\":1,\"KeyKind\":\"keyfile\",\"Salt\":null}", "DataCenterTools.BackupCorrupt", "KeyCheck")]
    [InlineData("{\"Format\":1,\"KeyKind\":\"passphrase\",\"Salt\":\"@@\",\"KeyCheck\":\"466da2708e3736a8e262e51750521b117b2f2a1821a84f52a8e5ea76a130b65b\"}", "DataCenterTools.BackupCorrupt", "Salt")]
    [InlineData("{\"Format\":1,\"KeyKind\":\"rot13\",\"Salt\":null,\"KeyCheck\":\"466da2708e3736a8e262e51750521b117b2f2a1821a84f52a8e5ea76a130b65b\"}", "DataCenterTools.BackupCorrupt", "KeyKind")]
    [InlineData("{\"Format\":1", "DataCenterTools.BackupCorrupt", "not valid JSON")]
    [InlineData("{\"Format\":99,\"KeyKind\":\"keyfile\",\"Salt\":null,\"KeyCheck\":\"466da2708e3736a8e262e51750521b117b2f2a1821a84f52a8e5ea76a130b65b\"}", "DataCenterTools.StoreFormatUnsupported", "format 99")] // was accepted
    public void A_damaged_or_unknown_backup_config_is_a_DataCenterTools_error(string config, string errorId, string says)
    {
        using var temp = new TempFolder();
        CopyFolder(Path.Combine(Fixture, "backup"), temp.File("repo"));
        File.WriteAllText(Path.Combine(temp.File("repo"), "config.json"), config);
        var e = Assert.Throws<DataException>(() => BackupRepository.Open(temp.File("repo"), FixtureKey(temp), create: false));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(says, e.Message);
        Assert.Equal(Path.Combine(temp.File("repo"), "config.json"), e.File);
        Assert.NotNull(e.Recommendation);
    }

    [Theory]
    [InlineData("null", "empty")] // was NullReferenceException
    [InlineData("{\"Name\":\"hosts\",\"Version\":1}", "missing required properties")]
    [InlineData("garbage", "not a valid manifest")]
    [InlineData("CHUNK", "hexadecimal")] // was FormatException
    [InlineData("VERSION", "says version 7")]
    public void A_version_manifest_that_fails_its_check_is_VersionManifestCorrupt_for_load_and_list(string manifest, string says)
    {
        using var temp = new TempFolder();
        CopyFolder(Path.Combine(Fixture, "versions"), temp.File("versions"));
        var path = Path.Combine(temp.File("versions"), "names", "hosts", "1.json");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, manifest switch
        {
            "CHUNK" => text.Replace("\"1b468b1e924597db7fc2dd1f8ecc113de4ef3e1161c2668b2b60a75f2cb7e4c1\"\n    ]", "\"zz\"\n    ]"),
            "VERSION" => text.Replace("\"Version\": 1,", "\"Version\": 7,"),
            _ => manifest,
        });
        var store = new DatasetVersionStore(temp.File("versions"));
        var load = Assert.Throws<DataException>(() => store.Load("hosts", 1));
        Assert.Equal("DataCenterTools.VersionManifestCorrupt", load.ErrorId);
        Assert.Contains(says, load.Message);
        Assert.Equal(path, load.File);
        Assert.Equal("DataCenterTools.VersionManifestCorrupt", Assert.Throws<DataException>(() => store.Versions("hosts")).ErrorId);
        Assert.Equal(4, store.Load("hosts", 2).RowCount); // the other version is untouched
    }

    [Fact]
    public void An_unknown_version_store_format_is_refused()
    {
        using var temp = new TempFolder();
        CopyFolder(Path.Combine(Fixture, "versions"), temp.File("versions"));
        File.WriteAllText(Path.Combine(temp.File("versions"), "config.json"), "{\"Format\":3,\"KeyKind\":\"none\",\"Salt\":null,\"KeyCheck\":null}");
        var e = Assert.Throws<DataException>(() => new DatasetVersionStore(temp.File("versions")));
        Assert.Equal("DataCenterTools.StoreFormatUnsupported", e.ErrorId);
        Assert.Contains("format 3", e.Message);
    }

    [Fact]
    public void An_encrypted_version_store_keeps_no_plaintext_on_disk_and_needs_its_key()
    {
        using var temp = new TempFolder();
        var root = temp.File("versions");
        var ds = new Dataset("hosts", [new StringColumn("host", ["node-secret-01", "node-secret-02"]), new Int64Column("gpus", [8, 4])]);
        using (var key = DataProtectionKey.FromBytes(Enumerable.Repeat((byte)5, 32).ToArray()))
        {
            var store = new DatasetVersionStore(root, key);
            Assert.True(store.IsEncrypted);
            store.Save(ds, "hosts", "secret message", policy: DatasetAccessPolicy.From(["user:" + Environment.UserName], null));
        }
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            var bytes = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain("node-secret", bytes);
            Assert.DoesNotContain("secret message", bytes);
            Assert.DoesNotContain("gpus", bytes);
            Assert.DoesNotContain("user:", bytes);
        }
        Assert.Contains("\"KeyKind\":\"keyfile\"", File.ReadAllText(Path.Combine(root, "config.json")));
        Assert.Equal("DataCenterTools.VersionStoreKeyRequired", Assert.Throws<DataException>(() => new DatasetVersionStore(root)).ErrorId);
        using (var wrong = DataProtectionKey.FromBytes(Enumerable.Repeat((byte)6, 32).ToArray()))
            Assert.Equal("DataCenterTools.VersionStoreKeyMismatch", Assert.Throws<DataException>(() => new DatasetVersionStore(root, wrong)).ErrorId);
        using (var key = DataProtectionKey.FromBytes(Enumerable.Repeat((byte)5, 32).ToArray()))
        {
            var loaded = new DatasetVersionStore(root, key).Load("hosts");
            Assert.Equal(["node-secret-01", "node-secret-02"], Enumerable.Range(0, 2).Select(r => loaded[0].GetValue(r)));
            Assert.Equal([8L, 4L], Enumerable.Range(0, 2).Select(r => loaded[1].GetValue(r)));
        }
        // A plain store that holds versions cannot be opened with a key (it would look encrypted and is not).
        CopyFolder(Path.Combine(Fixture, "versions"), temp.File("plain"));
        using var any = DataProtectionKey.FromBytes(new byte[32]);
        Assert.Equal("DataCenterTools.VersionStoreNotEncrypted", Assert.Throws<DataException>(() => new DatasetVersionStore(temp.File("plain"), any)).ErrorId);
    }

    [Fact]
    public void Restore_refuses_to_write_through_a_symlink_under_the_destination()
    {
        using var temp = new TempFolder();
        var repo = BackupRepository.Open(temp.File("repo"), BackupCredential.FromKey(DataProtectionKey.FromBytes(new byte[32])), create: true);
        var data = "a,b\n1,2\n"u8.ToArray();
        var snapshot = repo.Backup([new BackupSource("top.csv", () => new MemoryStream(data), data.Length), new BackupSource("sub2/file.csv", () => new MemoryStream(data), data.Length)], null);
        var outside = Directory.CreateDirectory(temp.File("outside")).FullName;
        var destination = Directory.CreateDirectory(temp.File("dest")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(destination, "sub2"), outside);
        var e = Assert.Throws<DataException>(() => repo.Restore(repo.Snapshot(snapshot.Id), destination, overwrite: true));
        Assert.Equal("DataCenterTools.DestinationHasSymlink", e.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal(["sub2"], Directory.GetFileSystemEntries(destination).Select(Path.GetFileName)); // nothing restored, not even top.csv

        // A file that is a link is refused too, even with -Force (it would be replaced, or written through).
        Directory.Delete(Path.Combine(destination, "sub2"));
        File.CreateSymbolicLink(Path.Combine(destination, "top.csv"), Path.Combine(outside, "victim"));
        Assert.Equal("DataCenterTools.DestinationHasSymlink", Assert.Throws<DataException>(() => repo.Restore(repo.Snapshot(snapshot.Id), destination, overwrite: true)).ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }
}
