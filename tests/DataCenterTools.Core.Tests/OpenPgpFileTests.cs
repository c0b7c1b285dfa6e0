using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class OpenPgpFileTests
{
    private static string WriteRandom(TempFolder folder, string name, int length)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(length));
        return path;
    }

    // Every file in the folder, temp files included: a failed decryption leaves none behind.
    private static string[] FileNames(TempFolder folder) =>
        Directory.GetFiles(folder.Path).Select(f => Path.GetFileName(f)!).Order().ToArray();

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 1)]
    [InlineData(true, 300_000)]
    [InlineData(false, 1_000_003)]
    public void Passphrase_round_trip_is_byte_for_byte(bool armor, int length)
    {
        using var folder = new TempFolder();
        var source = WriteRandom(folder, "data.bin", length);
        var protectedResult = OpenPgpFile.EncryptWithPassphrase(source, folder.File("data.gpg"), "s3cret pass", armor, force: false);
        var back = OpenPgpFile.DecryptWithPassphrase(folder.File("data.gpg"), folder.File("back.bin"), "s3cret pass", force: false);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(folder.File("back.bin")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source))), protectedResult.PlaintextSha256);
        Assert.Equal(protectedResult.PlaintextSha256, back.PlaintextSha256);
        Assert.Equal(length, back.PlaintextBytes);
        Assert.Equal("passphrase", back.KeyId);
        if (armor) Assert.StartsWith("-----BEGIN PGP MESSAGE-----", File.ReadAllText(folder.File("data.gpg")));
    }

    [Fact]
    public void Wrong_passphrase_fails_and_leaves_no_output()
    {
        using var folder = new TempFolder();
        var source = WriteRandom(folder, "data.bin", 5000);
        OpenPgpFile.EncryptWithPassphrase(source, folder.File("data.gpg"), "right", armor: false, force: false);
        var error = Assert.Throws<DataException>(() =>
            OpenPgpFile.DecryptWithPassphrase(folder.File("data.gpg"), folder.File("back.bin"), "wrong", force: false));
        Assert.Equal("DataCenterTools.DecryptionFailed", error.ErrorId);
        Assert.Equal(["data.bin", "data.gpg"], FileNames(folder));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    public void Damaged_file_fails_its_integrity_check_and_leaves_no_output(string damage)
    {
        using var folder = new TempFolder();
        var source = WriteRandom(folder, "data.bin", 200_000);
        OpenPgpFile.EncryptWithPassphrase(source, folder.File("data.gpg"), "pass", armor: false, force: false);
        var bytes = File.ReadAllBytes(folder.File("data.gpg"));
        if (damage == "flip") bytes[bytes.Length / 2] ^= 0x01;
        else bytes = bytes[..(bytes.Length - 100)];
        File.WriteAllBytes(folder.File("data.gpg"), bytes);
        var error = Assert.Throws<DataException>(() =>
            OpenPgpFile.DecryptWithPassphrase(folder.File("data.gpg"), folder.File("back.bin"), "pass", force: false));
        Assert.Equal("DataCenterTools.IntegrityCheckFailed", error.ErrorId);
        Assert.Equal(["data.bin", "data.gpg"], FileNames(folder));
    }

    [Fact]
    public void Existing_output_is_kept_without_force()
    {
        using var folder = new TempFolder();
        var source = WriteRandom(folder, "data.bin", 10);
        var existing = folder.File("data.gpg", "keep");
        Assert.Equal("DataCenterTools.FileExists", Assert.Throws<DataException>(() =>
            OpenPgpFile.EncryptWithPassphrase(source, existing, "pass", armor: false, force: false)).ErrorId);
        Assert.Equal("keep", File.ReadAllText(existing));
    }

    [Fact]
    public void A_file_that_is_not_openpgp_is_named_as_such()
    {
        using var folder = new TempFolder();
        var notPgp = folder.File("plain.csv", "a,b\n1,2\n");
        Assert.Equal("DataCenterTools.NotOpenPgpEncrypted", Assert.Throws<DataException>(() =>
            OpenPgpFile.DecryptWithPassphrase(notPgp, folder.File("out.csv"), "pass", force: false)).ErrorId);
    }
}
