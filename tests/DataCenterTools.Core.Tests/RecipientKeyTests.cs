using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class RecipientKeyTests
{
    [Theory]
    [InlineData("X25519")]
    [InlineData("RSA")]
    public void Wrapped_data_key_unwraps_with_the_matching_private_key(string algorithm)
    {
        using var folder = new TempFolder();
        var (privatePath, publicPath) = RecipientKeyPair.Generate(algorithm, folder.File("role.key"), folder.File("role.key.pub"), force: false, rsaBits: 2048);
        var publicKey = RecipientPublicKey.Load(publicPath);
        using var privateKey = RecipientPrivateKey.Load(privatePath);
        Assert.Equal(algorithm, publicKey.Algorithm);
        Assert.Equal(publicKey.KeyId, privateKey.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", publicKey.KeyId);

        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = publicKey.WrapKey(dataKey);
        Assert.Equal(dataKey, privateKey.UnwrapKey(wrapped));
        // Each wrap is fresh (ephemeral key / OAEP randomness), yet both unwrap to the same key.
        var again = publicKey.WrapKey(dataKey);
        Assert.NotEqual(wrapped, again);
        Assert.Equal(dataKey, privateKey.UnwrapKey(again));
    }

    [Theory]
    [InlineData("X25519")]
    [InlineData("RSA")]
    public void Another_private_key_is_refused(string algorithm)
    {
        using var folder = new TempFolder();
        var (_, publicPath) = RecipientKeyPair.Generate(algorithm, folder.File("a.key"), folder.File("a.pub"), force: false, rsaBits: 2048);
        var (otherPrivate, _) = RecipientKeyPair.Generate(algorithm, folder.File("b.key"), folder.File("b.pub"), force: false, rsaBits: 2048);
        var wrapped = RecipientPublicKey.Load(publicPath).WrapKey(RandomNumberGenerator.GetBytes(32));
        using var other = RecipientPrivateKey.Load(otherPrivate);
        var error = Assert.Throws<DataException>(() => other.UnwrapKey(wrapped));
        Assert.Equal("DataCenterTools.DecryptionFailed", error.ErrorId);
        Assert.Contains(other.KeyId, error.Message);
    }

    [Theory]
    [InlineData("X25519")]
    [InlineData("RSA")]
    public void Altered_wrapped_key_fails_decryption(string algorithm)
    {
        using var folder = new TempFolder();
        var (privatePath, publicPath) = RecipientKeyPair.Generate(algorithm, folder.File("a.key"), folder.File("a.pub"), force: false, rsaBits: 2048);
        var wrapped = RecipientPublicKey.Load(publicPath).WrapKey(RandomNumberGenerator.GetBytes(32));
        wrapped[^3] ^= 0x40;
        using var privateKey = RecipientPrivateKey.Load(privatePath);
        Assert.Equal("DataCenterTools.DecryptionFailed", Assert.Throws<DataException>(() => privateKey.UnwrapKey(wrapped)).ErrorId);
    }

    [Fact]
    public void Private_key_file_is_owner_only_and_a_readable_one_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var (privatePath, publicPath) = RecipientKeyPair.Generate("x25519", folder.File("a.key"), folder.File("a.pub"), force: false);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        Assert.Contains("BEGIN DATACENTERTOOLS X25519 PUBLIC KEY", File.ReadAllText(publicPath));
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var error = Assert.Throws<DataException>(() => RecipientPrivateKey.Load(privatePath));
        Assert.Equal("DataCenterTools.KeyFileInsecure", error.ErrorId);
        Assert.Contains("0644", error.Message);
    }

    [Fact]
    public void Existing_files_are_kept_without_force_and_replaced_with_it()
    {
        using var folder = new TempFolder();
        var publicPath = folder.File("a.pub", "keep me");
        var error = Assert.Throws<DataException>(() => RecipientKeyPair.Generate("X25519", folder.File("a.key"), publicPath, force: false));
        Assert.Equal("DataCenterTools.FileExists", error.ErrorId);
        Assert.False(File.Exists(folder.File("a.key")));   // nothing half-written
        Assert.Equal("keep me", File.ReadAllText(publicPath));
        RecipientKeyPair.Generate("X25519", folder.File("a.key"), publicPath, force: true);
        Assert.Equal(RecipientPublicKey.Load(publicPath).KeyId, RecipientPrivateKey.Load(folder.File("a.key")).KeyId);
    }

    [Fact]
    public void Public_key_file_given_as_private_key_is_invalid_and_unknown_algorithm_refused()
    {
        using var folder = new TempFolder();
        var (_, publicPath) = RecipientKeyPair.Generate("X25519", folder.File("a.key"), folder.File("a.pub"), force: false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(publicPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("DataCenterTools.KeyFileInvalid", Assert.Throws<DataException>(() => RecipientPrivateKey.Load(publicPath)).ErrorId);
        Assert.Equal("DataCenterTools.KeyAlgorithmUnknown",
            Assert.Throws<DataException>(() => RecipientKeyPair.Generate("DSA", folder.File("b.key"), folder.File("b.pub"), false)).ErrorId);
    }
}
