using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace DataCenterTools.Core.Security;

/// <summary>
/// A recipient's public key (X25519 or RSA): wraps a data key so that only the holder of the
/// matching private key can unwrap it. Wrapped keys start with version, algorithm and the
/// recipient's key id, so the wrong private key is told apart at once.
/// </summary>
public sealed class RecipientPublicKey
{
    internal const int X25519KeySize = 32;
    private static readonly SecureRandom Random = new();

    private readonly byte[] _publicKey;

    internal RecipientPublicKey(string algorithm, byte[] publicKey)
    {
        Algorithm = algorithm;
        _publicKey = publicKey;
        KeyId = RecipientKeyFile.ComputeKeyId(algorithm, publicKey);
    }

    /// <summary>Fingerprint of the public key (16 hex digits).</summary>
    public string KeyId { get; }

    /// <summary>"X25519" or "RSA".</summary>
    public string Algorithm { get; }

    /// <summary>The encoded public key: 32 raw bytes for X25519, SubjectPublicKeyInfo DER for RSA.</summary>
    public ReadOnlySpan<byte> Encoded => _publicKey;

    public static RecipientPublicKey Load(string path)
    {
        var full = Path.GetFullPath(path);
        var (algorithm, der) = RecipientKeyFile.Read(full, isPrivate: false);
        if (algorithm == RecipientKeyFile.X25519 ? der.Length != X25519KeySize : !IsRsaPublicKey(der))
            throw RecipientKeyFile.Invalid(full, isPrivate: false);
        return new RecipientPublicKey(algorithm, der);
    }

    public byte[] WrapKey(ReadOnlySpan<byte> dataKey)
    {
        var header = RecipientKeyFile.Header(Algorithm, KeyId);
        return Algorithm == RecipientKeyFile.X25519 ? WrapX25519(header, dataKey) : WrapRsa(header, dataKey);
    }

    // Wrapped = header || ephemeral public key (32) || AES-GCM sealed data key; the header is the associated data.
    private byte[] WrapX25519(byte[] header, ReadOnlySpan<byte> dataKey)
    {
        var generator = new X25519KeyPairGenerator();
        generator.Init(new X25519KeyGenerationParameters(Random));
        var ephemeral = generator.GenerateKeyPair();
        var ephemeralPublic = ((X25519PublicKeyParameters)ephemeral.Public).GetEncoded();
        var kek = DeriveX25519Kek((X25519PrivateKeyParameters)ephemeral.Private,
            new X25519PublicKeyParameters(_publicKey), ephemeralPublic, _publicKey);
        try
        {
            var sealedKey = AesGcmSealer.Seal(kek, dataKey, header);
            return [.. header, .. ephemeralPublic, .. sealedKey];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>ECDH then HKDF-SHA256; the info binds both public keys so a wrapped key cannot be replayed to another recipient.</summary>
    internal static byte[] DeriveX25519Kek(X25519PrivateKeyParameters own, X25519PublicKeyParameters other,
        ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic)
    {
        var agreement = new X25519Agreement();
        agreement.Init(own);
        var shared = new byte[agreement.AgreementSize];
        try
        {
            agreement.CalculateAgreement(other, shared, 0);
        }
        catch (InvalidOperationException)
        {
            // An all-zero shared secret: the other key is a low-order point, never a real key.
            throw RecipientKeyFile.DecryptionFailed("the wrapped key holds an invalid ephemeral key");
        }
        byte[] info = [.. "DataCenterTools recipient wrap v1"u8, .. ephemeralPublic, .. recipientPublic];
        var kek = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, kek, [], info);
        CryptographicOperations.ZeroMemory(shared);
        return kek;
    }

    private byte[] WrapRsa(byte[] header, ReadOnlySpan<byte> dataKey)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_publicKey, out _);
        var encrypted = rsa.Encrypt(dataKey.ToArray(), RSAEncryptionPadding.OaepSHA256);
        return [.. header, .. encrypted];
    }

    private static bool IsRsaPublicKey(byte[] der)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
