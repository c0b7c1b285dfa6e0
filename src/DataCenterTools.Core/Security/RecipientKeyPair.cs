using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace DataCenterTools.Core.Security;

/// <summary>Creates recipient key pairs: an owner-only private key file and a shareable public key file.</summary>
public static class RecipientKeyPair
{
    public const int MinRsaBits = 2048;
    public const int MaxRsaBits = 16384;

    /// <summary>
    /// Generates a key pair and writes both files atomically; neither is written when either exists
    /// and <paramref name="force"/> is not set. Returns the full paths.
    /// </summary>
    public static (string PrivatePath, string PublicPath) Generate(string algorithm, string privatePath, string publicPath, bool force, int rsaBits = 3072)
    {
        var name = RecipientKeyFile.NormalizeAlgorithm(algorithm);
        if (name == RecipientKeyFile.Rsa && (rsaBits < MinRsaBits || rsaBits > MaxRsaBits || rsaBits % 8 != 0))
            throw new DataException("KeySizeInvalid", DataErrorKind.InvalidArgument,
                $"{rsaBits} bits is not a usable RSA key size.", $"Use a multiple of 8 from {MinRsaBits} to {MaxRsaBits}; 3072 is the default.");
        var fullPrivate = Path.GetFullPath(privatePath);
        var fullPublic = Path.GetFullPath(publicPath);
        if (string.Equals(fullPrivate, fullPublic, StringComparison.Ordinal))
            throw new DataException("KeyPathConflict", DataErrorKind.InvalidArgument,
                "The private and public key files must be different files.", "Give a different {option:PublicKeyPath}.", fullPrivate);
        AtomicFile.EnsureWritable(fullPrivate, force);
        AtomicFile.EnsureWritable(fullPublic, force);

        var (privateKey, publicKey) = name == RecipientKeyFile.X25519 ? NewX25519() : NewRsa(rsaBits);
        var privateText = Encoding.ASCII.GetBytes(RecipientKeyFile.Format(name, isPrivate: true, privateKey));
        try
        {
            using (var file = AtomicFile.Create(fullPrivate, force, UnixFileMode.UserRead | UnixFileMode.UserWrite))
            {
                if (OperatingSystem.IsWindows()) KeyFilePermissions.RestrictToOwner(file.TempPath);
                file.Stream.Write(privateText);
                file.Commit();
            }
            AtomicFile.WriteAllBytes(fullPublic, Encoding.ASCII.GetBytes(RecipientKeyFile.Format(name, isPrivate: false, publicKey)), force);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
            CryptographicOperations.ZeroMemory(privateText);
        }
        return (fullPrivate, fullPublic);
    }

    private static (byte[] Private, byte[] Public) NewX25519()
    {
        var generator = new X25519KeyPairGenerator();
        generator.Init(new X25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return (((X25519PrivateKeyParameters)pair.Private).GetEncoded(), ((X25519PublicKeyParameters)pair.Public).GetEncoded());
    }

    private static (byte[] Private, byte[] Public) NewRsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return (rsa.ExportPkcs8PrivateKey(), rsa.ExportSubjectPublicKeyInfo());
    }
}
