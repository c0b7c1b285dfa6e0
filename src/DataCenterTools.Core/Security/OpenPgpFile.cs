using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace DataCenterTools.Core.Security;

/// <summary>What one protect/unprotect of a file did. Sha256 is always of the plaintext, so both sides match.</summary>
public sealed record OpenPgpFileResult(string Source, string Destination, long PlaintextBytes, string PlaintextSha256, string KeyId);

/// <summary>Bytes done so far of a total, for progress reports.</summary>
public delegate void ByteProgress(long done, long total);

/// <summary>
/// OpenPGP (RFC 4880) encrypted files that gpg reads and writes: AES-256, integrity-protected
/// (SEIPD with MDC), to a passphrase (iterated and salted S2K with SHA-256) or to an OpenPGP
/// public key. Everything streams through fixed buffers, so file size does not matter. Outputs go
/// to a temp file renamed into place only when the work (for decryption, the integrity check at
/// the end of the stream) succeeded, so no partial or unverified output is ever left.
/// </summary>
public static class OpenPgpFile
{
    public const string PassphraseKeyId = "passphrase";
    private const int BufferSize = 1 << 16;
    private static readonly SecureRandom Random = new();
    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static OpenPgpFileResult EncryptWithPassphrase(string source, string destination, ReadOnlySpan<char> passphrase,
        bool armor, bool force, ByteProgress? progress = null, CancellationToken cancel = default)
    {
        EnsureNotEmpty(passphrase);
        var chars = PinnedCopy(passphrase);
        try
        {
            return Encrypt(source, destination, generator => generator.AddMethod(chars, HashAlgorithmTag.Sha256),
                PassphraseKeyId, armor, force, progress, cancel);
        }
        finally { Array.Clear(chars); }
    }

    public static OpenPgpFileResult EncryptForRecipient(string source, string destination, string publicKeyPath,
        bool armor, bool force, ByteProgress? progress = null, CancellationToken cancel = default)
    {
        var key = ReadEncryptionKey(Path.GetFullPath(publicKeyPath));
        return Encrypt(source, destination, generator => generator.AddMethod(key), FormatKeyId(key.KeyId),
            armor, force, progress, cancel);
    }

    public static OpenPgpFileResult DecryptWithPassphrase(string source, string destination, ReadOnlySpan<char> passphrase,
        bool force, ByteProgress? progress = null, CancellationToken cancel = default)
    {
        EnsureNotEmpty(passphrase);
        var chars = PinnedCopy(passphrase);
        try
        {
            return Decrypt(source, destination, force, progress, cancel: cancel, choose: encrypted =>
            {
                var pbe = encrypted.GetEncryptedDataObjects().OfType<PgpPbeEncryptedData>().FirstOrDefault()
                    ?? throw Failed("DecryptionFailed", "Decryption failed: the file is encrypted to a public key, not to a passphrase.",
                        "Use {option:SecretKey} with the recipient's secret key.", source);
                return (pbe, () => pbe.GetDataStream(chars), PassphraseKeyId);
            });
        }
        finally { Array.Clear(chars); }
    }

    public static OpenPgpFileResult DecryptWithSecretKey(string source, string destination, string secretKeyPath,
        ReadOnlySpan<char> secretKeyPassphrase, bool force, ByteProgress? progress = null, CancellationToken cancel = default)
    {
        var keyPath = Path.GetFullPath(secretKeyPath);
        var secretKeys = ReadSecretKeys(keyPath);
        var chars = PinnedCopy(secretKeyPassphrase);
        try
        {
            return Decrypt(source, destination, force, progress, cancel: cancel, choose: encrypted =>
            {
                var candidates = encrypted.GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>().ToList();
                foreach (var candidate in candidates)
                {
                    var secret = secretKeys.GetSecretKey(candidate.KeyId);
                    if (secret is null) continue;
                    PgpPrivateKey privateKey;
                    try { privateKey = secret.ExtractPrivateKey(chars); }
                    catch (PgpException)
                    {
                        throw Failed("DecryptionFailed", $"Decryption failed: the passphrase of secret key {FormatKeyId(secret.KeyId)} is wrong.",
                            "Give the secret key's passphrase with {option:SecretKeyPassphrase}.", keyPath);
                    }
                    return (candidate, () => candidate.GetDataStream(privateKey), FormatKeyId(candidate.KeyId));
                }
                var recipients = candidates.Count == 0 ? "a passphrase" : string.Join(", ", candidates.Select(c => FormatKeyId(c.KeyId)));
                throw Failed("DecryptionFailed", $"Decryption failed: the file is not encrypted to any key in '{keyPath}' (it is for {recipients}).",
                    "Use the secret key of one of the recipients, or {option:Passphrase} for a passphrase-encrypted file.", source);
            });
        }
        finally { Array.Clear(chars); }
    }

    // ---- encryption ----

    private static OpenPgpFileResult Encrypt(string source, string destination, Action<PgpEncryptedDataGenerator> addMethod,
        string keyId, bool armor, bool force, ByteProgress? progress, CancellationToken cancel)
    {
        var (sourcePath, input) = OpenSource(source);
        using (input)
        {
            var total = input.Length;
            var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var output = AtomicFile.Create(destination, force);
            var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, withIntegrityPacket: true, Random);
            addMethod(generator);
            var sink = new KeepOpenStream(output.Stream);
            var armored = armor ? new ArmoredOutputStream(sink) : null;
            using (var encrypted = generator.Open(armored ?? (Stream)sink, new byte[BufferSize]))
            using (var literal = new PgpLiteralDataGenerator().Open(encrypted, PgpLiteralData.Binary,
                       Path.GetFileName(sourcePath), File.GetLastWriteTimeUtc(sourcePath), new byte[BufferSize]))
            {
                Copy(input, literal, sha, total, progress, cancel);
            }
            armored?.Dispose();
            output.Commit();
            return new OpenPgpFileResult(sourcePath, output.Path, total, Convert.ToHexStringLower(sha.GetHashAndReset()), keyId);
        }
    }

    /// <summary>The encryption key of an exported OpenPGP public key (ASCII-armored or binary): a valid subkey first, else the primary key.</summary>
    private static PgpPublicKey ReadEncryptionKey(string path)
    {
        PgpPublicKeyRingBundle bundle;
        try
        {
            using var stream = OpenKeyFile(path);
            bundle = new PgpPublicKeyRingBundle(PgpUtilities.GetDecoderStream(stream));
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException)
        {
            throw Failed("KeyFileInvalid", $"'{path}' is not an OpenPGP public key.", "Export one with: gpg --export --armor <user id> > key.asc", path, e);
        }
        var keys = bundle.GetKeyRings().SelectMany(ring => ring.GetPublicKeys())
            .Where(key => key.IsEncryptionKey && !key.HasRevocation() && !IsExpired(key))
            .OrderBy(key => key.IsMasterKey)
            .ToList();
        return keys.FirstOrDefault()
            ?? throw Failed("KeyFileInvalid", $"'{path}' holds no usable (unexpired, unrevoked) encryption key.",
                "Export the recipient's key with its encryption subkey: gpg --export --armor <user id>.", path);
    }

    private static bool IsExpired(PgpPublicKey key)
    {
        var seconds = key.GetValidSeconds();
        return seconds > 0 && key.CreationTime.AddSeconds(seconds) < DateTime.UtcNow;
    }

    private static PgpSecretKeyRingBundle ReadSecretKeys(string path)
    {
        using var stream = OpenKeyFile(path);
        KeyFilePermissions.EnsureOwnerOnly(path);
        try
        {
            return new PgpSecretKeyRingBundle(PgpUtilities.GetDecoderStream(stream));
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException)
        {
            throw Failed("KeyFileInvalid", $"'{path}' is not an OpenPGP secret key.",
                "Export one with: gpg --export-secret-keys --armor <user id> > secret.asc (then chmod 600 it).", path, e);
        }
    }

    private static FileStream OpenKeyFile(string path)
    {
        if (!File.Exists(path))
            throw Failed("KeyFileNotFound", $"The key file '{path}' does not exist.", "Check the path.", path);
        return File.OpenRead(path);
    }

    // ---- decryption ----

    private delegate (PgpEncryptedData Data, Func<Stream> Open, string KeyId) DecryptionChoice(PgpEncryptedDataList encrypted);

    private static OpenPgpFileResult Decrypt(string source, string destination, bool force, ByteProgress? progress,
        DecryptionChoice choose, CancellationToken cancel)
    {
        var (sourcePath, input) = OpenSource(source);
        using (input)
        {
            var total = input.Length;
            var encrypted = ReadEncryptedDataList(sourcePath, input);
            var (data, open, keyId) = choose(encrypted);
            if (!data.IsIntegrityProtected())
                throw Failed("IntegrityProtectionMissing", $"'{sourcePath}' is encrypted without integrity protection (no MDC), so tampering could not be detected; it is refused.",
                    "Ask the sender to re-encrypt with a current OpenPGP tool (gpg 2.2 adds integrity protection by default).", sourcePath);
            Stream clear;
            try { clear = open(); }
            catch (Exception e) when (e is PgpException or IOException or InvalidOperationException or ArgumentException)
            {
                throw Failed("DecryptionFailed", "Decryption failed: the passphrase or key is wrong.", "Check the passphrase or use the right secret key.", sourcePath, e);
            }
            var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var output = AtomicFile.Create(destination, force, OwnerOnly);
            long written;
            try
            {
                using (clear)
                {
                    var literal = FindLiteralData(clear);
                    using var content = literal.GetDataStream();
                    written = Copy(content, output.Stream, sha, total, progress, cancel, positionOf: input);
                    // The MDC is only known once the whole stream has been read: Verify reads it and compares.
                    if (!data.Verify())
                        throw Tampered(sourcePath, "the integrity check (MDC) does not match", null);
                }
            }
            catch (Exception e) when (e is PgpException or IOException or InvalidDataException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
            {
                throw Tampered(sourcePath, "the data is damaged or truncated", e);
            }
            output.Commit();
            return new OpenPgpFileResult(sourcePath, output.Path, written, Convert.ToHexStringLower(sha.GetHashAndReset()), keyId);
        }
    }

    private static PgpEncryptedDataList ReadEncryptedDataList(string path, Stream input)
    {
        try
        {
            var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(input));
            var next = factory.NextPgpObject();
            while (next is PgpMarker) next = factory.NextPgpObject();
            if (next is PgpEncryptedDataList list) return list;
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException)
        {
            throw NotEncrypted(path, e);
        }
        throw NotEncrypted(path, null);
    }

    /// <summary>The literal data inside the decrypted stream, through any compression layer gpg added.</summary>
    private static PgpLiteralData FindLiteralData(Stream clear)
    {
        var factory = new PgpObjectFactory(clear);
        var next = factory.NextPgpObject();
        while (true)
        {
            switch (next)
            {
                case PgpCompressedData compressed:
                    factory = new PgpObjectFactory(compressed.GetDataStream());
                    next = factory.NextPgpObject();
                    continue;
                case PgpOnePassSignatureList or PgpSignatureList or PgpMarker:
                    next = factory.NextPgpObject();
                    continue;
                case PgpLiteralData literal:
                    return literal;
                default:
                    throw new PgpException("no literal data in the encrypted message");
            }
        }
    }

    // ---- shared ----

    private static long Copy(Stream from, Stream to, IncrementalHash sha, long total, ByteProgress? progress,
        CancellationToken cancel, Stream? positionOf = null)
    {
        var buffer = new byte[BufferSize];
        long done = 0, reported = 0;
        int read;
        while ((read = from.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            sha.AppendData(buffer, 0, read);
            to.Write(buffer, 0, read);
            done += read;
            if (progress is not null && done - reported >= 4 << 20)
            {
                reported = done;
                progress(positionOf?.Position ?? done, total);
            }
        }
        progress?.Invoke(total, total);
        return done;
    }

    private static (string Path, FileStream Stream) OpenSource(string source)
    {
        var full = Path.GetFullPath(source);
        if (!File.Exists(full))
            throw Failed("FileNotFound", $"The file '{full}' does not exist.", "Check the path.", full);
        return (full, new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize));
    }

    private static char[] PinnedCopy(ReadOnlySpan<char> chars)
    {
        var copy = GC.AllocateArray<char>(chars.Length, pinned: true);
        chars.CopyTo(copy);
        return copy;
    }

    private static void EnsureNotEmpty(ReadOnlySpan<char> passphrase)
    {
        if (passphrase.IsEmpty)
            throw new DataException("PassphraseEmpty", DataErrorKind.InvalidArgument,
                "The passphrase is empty.", "Give a non-empty passphrase (Read-Host -AsSecureString).");
    }

    public static string FormatKeyId(long keyId) => keyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    private static DataException NotEncrypted(string path, Exception? inner) =>
        new("NotOpenPgpEncrypted", DataErrorKind.InvalidData, $"'{path}' is not an OpenPGP encrypted file.",
            "Give a file written by Protect-DataFile or gpg --encrypt/--symmetric.", path, inner: inner);

    private static DataException Tampered(string path, string why, Exception? inner) =>
        new("IntegrityCheckFailed", DataErrorKind.InvalidData,
            $"'{path}' failed its integrity check: {why}. It was altered or cut short; nothing was written.",
            "Get an intact copy of the file; do not trust its content.", path, inner: inner);

    private static DataException Failed(string id, string message, string what, string path, Exception? inner = null) =>
        new(id, id.EndsWith("NotFound", StringComparison.Ordinal) ? DataErrorKind.ObjectNotFound : DataErrorKind.InvalidData,
            message, what, path, inner: inner);

    /// <summary>Lets BouncyCastle's streams close their layers without closing the file, which AtomicFile commits.</summary>
    private sealed class KeepOpenStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override void WriteByte(byte value) => inner.WriteByte(value);
    }
}
