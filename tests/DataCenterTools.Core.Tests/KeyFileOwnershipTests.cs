using System.Diagnostics;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Key files are trusted as ssh trusts them: owned by the current user, owner-only, and in folders nobody else can
/// write (a sticky folder such as /tmp is fine: others cannot replace entries in it). Unix only.
/// </summary>
public class KeyFileOwnershipTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupAll = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
    private const UnixFileMode OtherAll = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
    private const string OtherUser = "dctkeyowner";

    private static string SaveKey(string folder, out string keyId)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "k.key");
        using var key = DataProtectionKey.Generate();
        key.Save(path, force: false);
        keyId = key.KeyId;
        return path;
    }

    private static DataException Refused(string path) => Assert.Throws<DataException>(() => DataProtectionKey.Load(path));

    [Fact]
    public void A_folder_others_can_write_is_refused_and_a_sticky_one_is_not()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        var open = Path.Combine(temp.Path, "shared");
        var path = SaveKey(open, out _);
        File.SetUnixFileMode(open, OwnerOnlyFolder | UnixFileMode.GroupWrite | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | OtherAll);
        var error = Refused(path);
        Assert.Equal("DataCenterTools.KeyFolderInsecure", error.ErrorId);
        Assert.Contains($"'{open}' is not protected", error.Message);
        Assert.Contains("0777", error.Message);
        Assert.Contains("chmod go-w", error.Recommendation);

        File.SetUnixFileMode(open, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);
        Assert.Equal("DataCenterTools.KeyFolderInsecure", Refused(path).ErrorId);

        // Sticky, like /tmp: others may create files there but not replace ours.
        File.SetUnixFileMode(open, OwnerOnlyFolder | OtherAll | GroupAll | UnixFileMode.StickyBit);
        using var loaded = DataProtectionKey.Load(path);
        Assert.Equal(32, loaded.Material.Length);
    }

    [Fact]
    public void A_link_in_an_open_folder_or_to_a_file_in_one_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        var safe = SaveKey(Path.Combine(temp.Path, "safe"), out var keyId);
        var open = Path.Combine(temp.Path, "open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, OwnerOnlyFolder | OtherAll | GroupAll);
        var link = Path.Combine(open, "k.key");
        File.CreateSymbolicLink(link, safe);
        Assert.Equal("DataCenterTools.KeyFolderInsecure", Refused(link).ErrorId);

        var inOpen = SaveKey(Path.Combine(open, "sub"), out _);
        var safeLink = Path.Combine(temp.Path, "safe", "points-into-open.key");
        File.CreateSymbolicLink(safeLink, inOpen);
        var error = Refused(safeLink);
        Assert.Equal("DataCenterTools.KeyFolderInsecure", error.ErrorId);
        Assert.Contains($"'{open}'", error.Message);

        var goodLink = Path.Combine(temp.Path, "safe", "alias.key");
        File.CreateSymbolicLink(goodLink, safe);
        using var loaded = DataProtectionKey.Load(goodLink);
        Assert.Equal(keyId, loaded.KeyId);
    }

    [Fact]
    public void A_key_file_or_folder_of_another_user_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        if (Environment.UserName != "root")
        {
            // Without root no file can be given away; a root-owned file shows the same check from the other side.
            var error = Refused("/etc/passwd");
            Assert.Equal("DataCenterTools.KeyFileNotOwned", error.ErrorId);
            Assert.Contains("belongs to root", error.Message);
            return;
        }
        if (Run("id", "-u", OtherUser) != 0) Assert.Equal(0, Run("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", OtherUser));
        using var temp = new TempFolder();
        var path = SaveKey(Path.Combine(temp.Path, "keys"), out _);
        Assert.Equal(0, Run("chown", OtherUser, path));
        var notOwned = Refused(path);
        Assert.Equal("DataCenterTools.KeyFileNotOwned", notOwned.ErrorId);
        Assert.Contains($"belongs to {OtherUser}, not to you (root)", notOwned.Message);
        Assert.Contains("chown root", notOwned.Recommendation);

        Assert.Equal(0, Run("chown", "root", path));
        Assert.Equal(0, Run("chown", OtherUser, Path.GetDirectoryName(path)!));
        var folder = Refused(path);
        Assert.Equal("DataCenterTools.KeyFolderInsecure", folder.ErrorId);
        Assert.Contains($"belongs to {OtherUser}", folder.Message);
    }

    private static int Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
