using System.Diagnostics;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

/// <summary>Temp files: owner-only, swept after kill -9, no replace under a race, removed on disk full; read-only destinations.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix modes, kill -9 and mounts
public class AtomicFileTests
{
    private static readonly string[] NoTemp = [];

    private static Dataset Text(int rows) =>
        new("big", [new StringColumn("text", Enumerable.Range(0, rows).Select(i => $"row {i} with some text to fill the disk").ToArray())]);

    private static string[] TempFilesIn(string folder) =>
        Directory.GetFiles(folder, ".*", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void The_temp_file_is_owner_only_while_written_and_the_result_gets_the_usual_mode()
    {
        using var temp = new TempFolder();
        var target = temp.File("out.csv");
        using (var file = AtomicFile.Create(target, overwrite: false))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.TempPath));
            Assert.Matches($@"^\.out\.csv\.dct-{Environment.ProcessId}-[0-9a-f]{{12}}\.tmp$", Path.GetFileName(file.TempPath));
            file.Stream.Write("a,b\n"u8);
            file.Commit();
        }
        Assert.Equal(AtomicFile.DefaultNewFileMode, File.GetUnixFileMode(target));
        Assert.Equal(NoTemp, TempFilesIn(temp.Path));
        AtomicFile.WriteAllBytes(temp.File("secret.bin"), [1, 2, 3], overwrite: false, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.File("secret.bin")));
    }

    [Fact]
    public void A_temp_file_left_by_a_process_killed_mid_write_is_removed_by_the_next_write_there_but_a_live_writers_is_not()
    {
        using var temp = new TempFolder();
        using var killed = Process.Start(ChildProcess.StartInfo(null, null, "hold-temp", temp.File("a.csv")))!;
        using var alive = Process.Start(ChildProcess.StartInfo(null, null, "hold-temp", temp.File("b.csv")))!;
        var killedTemp = killed.StandardOutput.ReadLine()!["WRITING ".Length..];
        var aliveTemp = alive.StandardOutput.ReadLine()!["WRITING ".Length..];
        try
        {
            killed.Kill(); // SIGKILL: no finally, no Dispose runs in the child
            killed.WaitForExit();
            Assert.True(File.Exists(killedTemp));
            Assert.Equal(1 << 20, new FileInfo(killedTemp).Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(killedTemp));

            Assert.Equal(1, TempFiles.SweepStaleNow(temp.Path));
            Assert.False(File.Exists(killedTemp));
            Assert.True(File.Exists(aliveTemp)); // its writer still runs and holds it
            Assert.Equal(0, TempFiles.SweepStaleNow(temp.Path));
        }
        finally
        {
            alive.Kill();
            alive.WaitForExit();
        }
        // The next write into the folder (any writer: AtomicFile.Create sweeps first) removes the second one too.
        AtomicFile.WriteAllBytes(temp.File("c.csv"), [1], overwrite: false);
        Assert.Equal(NoTemp, TempFilesIn(temp.Path));
        Assert.False(File.Exists(temp.File("a.csv")));
    }

    [Fact]
    public void A_temp_file_whose_pid_now_belongs_to_a_later_process_is_stale()
    {
        // pid 1 runs, but it started long before this file was last written? No: set the file's time before pid 1 started.
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, ".x.csv.dct-1-0123456789ab.tmp");
        File.WriteAllBytes(path, [1]);
        File.SetLastWriteTimeUtc(path, Process.GetProcessById(1).StartTime.ToUniversalTime() - TimeSpan.FromMinutes(5));
        Assert.Equal(1, TempFiles.SweepStaleNow(temp.Path));
        // Written after pid 1 started: pid 1 may be its writer, so it stays.
        File.WriteAllBytes(path, [1]);
        Assert.Equal(0, TempFiles.SweepStaleNow(temp.Path));
    }

    [Fact]
    public void Of_processes_racing_to_create_one_new_file_exactly_one_succeeds_and_its_content_is_whole()
    {
        using var temp = new TempFolder();
        var target = temp.File("race.txt");
        var go = temp.File("go");
        var racers = Enumerable.Range(0, 4).Select(_ => Process.Start(ChildProcess.StartInfo(null, null, "race", target, go))!).ToArray();
        Thread.Sleep(1500); // let every racer start (dotnet start-up) and wait at the line
        File.WriteAllText(go, "");
        var results = racers.Select(p => { var line = p.StandardOutput.ReadToEnd().Trim(); p.WaitForExit(); p.Dispose(); return line; }).ToArray();
        var winners = results.Where(r => r.StartsWith("OK ", StringComparison.Ordinal)).ToArray();
        Assert.Single(winners);
        Assert.All(results.Except(winners), r => Assert.Equal("DataCenterTools.FileExists", r));
        var lines = File.ReadAllLines(target);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, l => Assert.Equal($"written by {winners[0][3..]}", l));
        Assert.Equal(NoTemp, TempFilesIn(temp.Path));
    }

    [Fact]
    public void A_commit_without_overwrite_never_replaces_a_file_created_meanwhile()
    {
        using var temp = new TempFolder();
        var target = temp.File("x.txt");
        using var first = AtomicFile.Create(target, overwrite: false);
        using var second = AtomicFile.Create(target, overwrite: false);
        first.Stream.Write("first"u8);
        second.Stream.Write("second"u8);
        second.Commit();
        var e = Assert.Throws<DataException>(() => first.Commit());
        Assert.Equal("DataCenterTools.FileExists", e.ErrorId);
        Assert.Equal("second", File.ReadAllText(target));
        Assert.False(File.Exists(first.TempPath));
        // With overwrite the newer write replaces it, atomically.
        using var third = AtomicFile.Create(target, overwrite: true);
        third.Stream.Write("third"u8);
        third.Commit();
        Assert.Equal("third", File.ReadAllText(target));
    }

    [Fact]
    public void Disk_full_is_DiskFull_and_leaves_no_temp_file_for_export_version_store_and_backup()
    {
        using var fs = new SmallFileSystem(64);
        var e = Assert.Throws<DataException>(() => DatasetWriter.Write(Text(20_000), Path.Combine(fs.Path, "x.csv"), new WriteOptions()));
        Assert.Equal("DataCenterTools.DiskFull", e.ErrorId);
        Assert.Equal(NoTemp, fs.Files());

        var json = Assert.Throws<DataException>(() => DatasetWriter.Write(Text(20_000), Path.Combine(fs.Path, "x.jsonl"), new WriteOptions()));
        Assert.Equal("DataCenterTools.DiskFull", json.ErrorId);
        Assert.Equal(NoTemp, fs.Files());

        // Random data does not compress: the version store runs out of space while storing chunks.
        var random = new Random(3);
        var noise = new Dataset("noise", [new StringColumn("hex", Enumerable.Range(0, 4000).Select(_ => Convert.ToHexString(RandomBytes(random, 32))).ToArray())]);
        var store = new DatasetVersionStore(Path.Combine(fs.Path, "versions"));
        var v = Assert.Throws<DataException>(() => store.Save(noise, "noise"));
        Assert.Equal("DataCenterTools.DiskFull", v.ErrorId);
        Assert.DoesNotContain(fs.Files(), f => TempFiles.IsTempName(Path.GetFileName(f)));
        Assert.DoesNotContain(fs.Files(), f => f.StartsWith("versions/names/", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal));

        var repo = BackupRepository.Open(Path.Combine(fs.Path, "backup"), BackupCredential.FromKey(DataProtectionKey.FromBytes(new byte[32])), create: true);
        var bytes = RandomBytes(random, 200_000);
        var b = Assert.Throws<DataException>(() => repo.Backup([new BackupSource("noise.bin", () => new MemoryStream(bytes), bytes.Length)], null));
        Assert.Equal("DataCenterTools.DiskFull", b.ErrorId);
        Assert.DoesNotContain(fs.Files(), f => TempFiles.IsTempName(Path.GetFileName(f)));
        Assert.Empty(BackupRepository.ListSnapshots(Path.Combine(fs.Path, "backup")));
    }

    [Fact]
    public void A_read_only_destination_is_DestinationReadOnly_for_export_version_store_backup_and_restore()
    {
        using var fs = new SmallFileSystem(64, readOnly: true);
        using var temp = new TempFolder();
        Assert.Equal("DataCenterTools.DestinationReadOnly",
            Assert.Throws<DataException>(() => DatasetWriter.Write(Text(10), Path.Combine(fs.Path, "x.csv"), new WriteOptions())).ErrorId);
        Assert.Equal("DataCenterTools.DestinationReadOnly",
            Assert.Throws<DataException>(() => new DatasetVersionStore(Path.Combine(fs.Path, "versions")).Save(Text(10), "t")).ErrorId);
        var key = BackupCredential.FromKey(DataProtectionKey.FromBytes(new byte[32]));
        Assert.Equal("DataCenterTools.DestinationReadOnly",
            Assert.Throws<DataException>(() => BackupRepository.Open(Path.Combine(fs.Path, "backup"), key, create: true)).ErrorId);
        var repo = BackupRepository.Open(Path.Combine(temp.Path, "backup"), key, create: true);
        var snapshot = repo.Backup([new BackupSource("a.csv", () => new MemoryStream("a\n1\n"u8.ToArray()), 4)], null);
        Assert.Equal("DataCenterTools.DestinationReadOnly",
            Assert.Throws<DataException>(() => repo.Restore(repo.Snapshot(snapshot.Id), Path.Combine(fs.Path, "restore"), overwrite: false)).ErrorId);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
