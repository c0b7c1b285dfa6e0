using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace DataCenterTools.Core.Security;

/// <summary>Where a passphrase key came from: its key name, its Argon2id salt (Base64, not secret) and whether the passphrase was checked.</summary>
public sealed record PassphraseOrigin(string? KeyName, string Salt, bool Checked);

/// <summary>
/// A 256-bit data protection key: random (kept in an owner-only key file) or derived from a
/// passphrase with Argon2id. Callers never use the raw key directly for an algorithm: each use
/// takes its own HKDF subkey, so an HMAC pseudonym can never be turned into an encryption key.
/// The key never appears in ToString, errors or lineage; <see cref="KeyId"/> is the safe handle.
/// The id of a random key is a fingerprint of the key (256 random bits cannot be guessed from it); the id of a
/// passphrase key is a fingerprint of its random salt only, so it says nothing about the passphrase and cannot
/// be used to test guesses offline.
/// </summary>
public sealed class DataProtectionKey : IDisposable
{
    public const int KeyLength = 32;
    public const int SaltLength = 16;
    // Argon2id settings: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option, one lane). Above the OWASP
    // Password Storage Cheat Sheet's minimum (19 MiB with 2 passes, or 46 MiB with 1): memory x passes is 5x that.
    // 0.8 s per derivation on the shared 2-core build machine under load 25, 1.56x the reference C argon2 (bench: PassphraseKeys).
    public const int Argon2MemoryKiB = 64 * 1024;
    public const int Argon2Iterations = 3;
    public const int Argon2Parallelism = 1;

    private const string FilePrefix = "dct-key-v1:";
    private const string FileComment =
        "# DataCenterTools data protection key. Anyone holding this file can read the data it protects: keep it owner-only and back it up separately.";
    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("DataCenterTools key id v1");
    private static readonly byte[] SaltKeyIdLabel = Encoding.ASCII.GetBytes("DataCenterTools passphrase key id v1");

    private readonly byte[] _material;
    private bool _disposed;

    private DataProtectionKey(byte[] material, string? keyId = null)
    {
        if (material.Length != KeyLength)
            throw new ArgumentException($"A data protection key is {KeyLength} bytes.", nameof(material));
        _material = material;
        KeyId = keyId ?? Fingerprint(KeyIdLabel, material);
    }

    /// <summary>A short public fingerprint (16 hex digits): safe to log and keep in lineage; never a passphrase verifier.</summary>
    public string KeyId { get; }

    /// <summary>For a key derived from a passphrase: its key name and salt; null for a random key.</summary>
    public PassphraseOrigin? Passphrase { get; internal set; }

    /// <summary>The raw key. Never print, log or store it anywhere but a key file.</summary>
    public ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _material;
        }
    }

    public static DataProtectionKey Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Wraps existing key bytes (copied), e.g. a column key unwrapped for a recipient.</summary>
    public static DataProtectionKey FromBytes(ReadOnlySpan<byte> material) => new(material.ToArray());

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);

    /// <summary>Derives a key from a passphrase with Argon2id; the salt is not secret and is stored beside the data.</summary>
    public static DataProtectionKey FromPassphrase(ReadOnlySpan<char> passphrase, ReadOnlySpan<byte> salt)
    {
        if (passphrase.IsEmpty)
            throw new DataException("PassphraseEmpty", DataErrorKind.InvalidArgument,
                "The passphrase is empty.", "Give a non-empty passphrase (Read-Host -AsSecureString).");
        if (salt.Length < 8)
            throw new ArgumentException("An Argon2id salt is at least 8 bytes.", nameof(salt));
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithIterations(Argon2Iterations)
            .WithMemoryAsKB(Argon2MemoryKiB)
            .WithParallelism(Argon2Parallelism)
            .WithSalt(salt.ToArray())
            .Build();
        var generator = new Argon2BytesGenerator();
        generator.Init(parameters);
        var utf8 = new byte[Encoding.UTF8.GetByteCount(passphrase)];
        try
        {
            Encoding.UTF8.GetBytes(passphrase, utf8);
            var output = new byte[KeyLength];
            generator.GenerateBytes(utf8, output);
            return new DataProtectionKey(output, SaltKeyId(salt)) { Passphrase = new PassphraseOrigin(null, Convert.ToBase64String(salt), false) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
            parameters.Clear();
        }
    }

    /// <summary>An independent subkey for one purpose (HKDF-SHA256 with the purpose as info).</summary>
    public byte[] DeriveSubkey(string purpose, int length = KeyLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var subkey = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Material, subkey,
            Encoding.ASCII.GetBytes("DataCenterTools subkey v1"), Encoding.UTF8.GetBytes(purpose));
        return subkey;
    }

    /// <summary>Reads a key file, refusing one that others can read (as ssh refuses a private key).</summary>
    public static DataProtectionKey Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DataException("KeyFileNotFound", DataErrorKind.ObjectNotFound,
                $"The key file '{full}' does not exist.",
                "Check the path, or create a key with New-DataProtectionKey -Path <file>.", full);
        KeyFilePermissions.EnsureOwnerOnly(full);
        string text;
        try { text = File.ReadAllText(full, Encoding.UTF8); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException("KeyFileUnreadable", DataErrorKind.ReadError,
                $"The key file '{full}' cannot be read: {e.Message}", "Check that you own the file.", full);
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith(FilePrefix, StringComparison.Ordinal)) continue;
            var buffer = new byte[KeyLength + 3];
            if (Convert.TryFromBase64String(line[FilePrefix.Length..], buffer, out var written) && written == KeyLength)
            {
                var key = new DataProtectionKey(buffer[..KeyLength]);
                CryptographicOperations.ZeroMemory(buffer);
                return key;
            }
            CryptographicOperations.ZeroMemory(buffer);
            break;
        }
        throw new DataException("KeyFileInvalid", DataErrorKind.InvalidData,
            $"'{full}' is not a DataCenterTools key file.",
            "Give the file New-DataProtectionKey wrote; an OpenPGP or SSH key is not a data protection key.", full);
    }

    /// <summary>Writes the key to an owner-only file, atomically; refuses an existing file unless <paramref name="force"/>.</summary>
    public void Save(string path, bool force)
    {
        var full = Path.GetFullPath(path);
        var content = Encoding.UTF8.GetBytes($"{FileComment}\n{FilePrefix}{Convert.ToBase64String(Material)}\n");
        try
        {
            using var file = AtomicFile.Create(full, force, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (OperatingSystem.IsWindows()) KeyFilePermissions.RestrictToOwner(file.TempPath);
            file.Stream.Write(content);
            file.Commit();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    public override string ToString() => $"DataProtectionKey {KeyId}";

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_material);
        _disposed = true;
    }

    /// <summary>The key id of every key derived from a passphrase with this salt, whatever the passphrase.</summary>
    public static string SaltKeyId(ReadOnlySpan<byte> salt) => Fingerprint(SaltKeyIdLabel, salt);

    private static string Fingerprint(byte[] label, ReadOnlySpan<byte> value)
    {
        var input = new byte[label.Length + value.Length];
        label.CopyTo(input, 0);
        value.CopyTo(input.AsSpan(label.Length));
        var hash = SHA256.HashData(input);
        CryptographicOperations.ZeroMemory(input);
        return Convert.ToHexStringLower(hash, 0, 8);
    }
}
