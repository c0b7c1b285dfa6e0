using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace DataCenterTools.Core.Security;

/// <summary>
/// A recipient's private key, read from an owner-only key file. Unwraps data keys that were
/// wrapped for its public key; anything else is DataCenterTools.DecryptionFailed.
/// </summary>
public sealed class RecipientPrivateKey : IDisposable
{
    private readonly byte[] _privateKey;   // 32 raw bytes (X25519) or PKCS#8 DER (RSA)
    private readonly byte[] _publicKey;
    private bool _disposed;

    private RecipientPrivateKey(string algorithm, byte[] privateKey, byte[] publicKey)
    {
        Algorithm = algorithm;
        _privateKey = privateKey;
        _publicKey = publicKey;
        KeyId = RecipientKeyFile.ComputeKeyId(algorithm, publicKey);
    }

    /// <summary>The key id of the matching public key.</summary>
    public string KeyId { get; }

    public string Algorithm { get; }

    public static RecipientPrivateKey Load(string path)
    {
        var full = Path.GetFullPath(path);
        var (algorithm, der) = RecipientKeyFile.Read(full, isPrivate: true);
        try
        {
            return FromEncoded(algorithm, der);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            CryptographicOperations.ZeroMemory(der);
            throw RecipientKeyFile.Invalid(full, isPrivate: true);
        }
    }

    internal static RecipientPrivateKey FromEncoded(string algorithm, byte[] privateKey)
    {
        if (algorithm == RecipientKeyFile.X25519)
        {
            if (privateKey.Length != RecipientPublicKey.X25519KeySize)
                throw new ArgumentException("An X25519 private key is 32 bytes.", nameof(privateKey));
            var publicKey = new X25519PrivateKeyParameters(privateKey).GeneratePublicKey().GetEncoded();
            return new RecipientPrivateKey(algorithm, privateKey, publicKey);
        }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(privateKey, out _);
        return new RecipientPrivateKey(algorithm, privateKey, rsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The matching public key.</summary>
    public RecipientPublicKey PublicKey => new(Algorithm, _publicKey);

    public byte[] UnwrapKey(ReadOnlySpan<byte> wrapped)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RecipientKeyFile.EnsureWrappedFor(wrapped, Algorithm, KeyId);
        var header = wrapped[..RecipientKeyFile.HeaderLength];
        var body = wrapped[RecipientKeyFile.HeaderLength..];
        return Algorithm == RecipientKeyFile.X25519 ? UnwrapX25519(header, body) : UnwrapRsa(body);
    }

    private byte[] UnwrapX25519(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        const int ephemeralSize = RecipientPublicKey.X25519KeySize;
        if (body.Length < ephemeralSize + AesGcmSealer.Overhead)
            throw RecipientKeyFile.DecryptionFailed("the wrapped key is truncated");
        var ephemeralPublic = body[..ephemeralSize];
        var kek = RecipientPublicKey.DeriveX25519Kek(new X25519PrivateKeyParameters(_privateKey),
            new X25519PublicKeyParameters(ephemeralPublic), ephemeralPublic, _publicKey);
        try
        {
            return AesGcmSealer.Open(kek, body[ephemeralSize..], header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    private byte[] UnwrapRsa(ReadOnlySpan<byte> body)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_privateKey, out _);
        try
        {
            return rsa.Decrypt(body.ToArray(), RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            throw RecipientKeyFile.DecryptionFailed("the wrapped key was altered");
        }
    }

    public override string ToString() => $"RecipientPrivateKey {Algorithm} {KeyId}";

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_privateKey);
        _disposed = true;
    }
}
