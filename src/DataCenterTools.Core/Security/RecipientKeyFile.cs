using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// The shared pieces of recipient keys: the PEM-like file format, algorithm names, key ids and
/// the header every wrapped data key starts with (version, algorithm, recipient key id).
/// </summary>
internal static class RecipientKeyFile
{
    public const string X25519 = "X25519";
    public const string Rsa = "RSA";
    public const byte WrapVersion = 1;
    public const int KeyIdBytes = 8;
    public const int HeaderLength = 2 + KeyIdBytes;
    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("DataCenterTools recipient key id v1");

    /// <summary>The canonical spelling of <paramref name="algorithm"/>, or DataCenterTools.KeyAlgorithmUnknown.</summary>
    public static string NormalizeAlgorithm(string algorithm) =>
        algorithm.Trim().ToUpperInvariant() switch
        {
            "X25519" => X25519,
            "RSA" => Rsa,
            _ => throw new DataException("KeyAlgorithmUnknown", DataErrorKind.InvalidArgument,
                $"'{algorithm}' is not a recipient key algorithm.", "Use X25519 (small, fast) or RSA."),
        };

    public static byte AlgorithmCode(string algorithm) => algorithm == X25519 ? (byte)1 : (byte)2;

    /// <summary>Fingerprint of a public key: SHA-256 over a label, the algorithm and the key bytes (first 8 bytes, hex).</summary>
    public static string ComputeKeyId(string algorithm, ReadOnlySpan<byte> publicKey)
    {
        var input = new byte[KeyIdLabel.Length + algorithm.Length + 1 + publicKey.Length];
        KeyIdLabel.CopyTo(input, 0);
        Encoding.ASCII.GetBytes(algorithm, input.AsSpan(KeyIdLabel.Length));
        publicKey.CopyTo(input.AsSpan(KeyIdLabel.Length + algorithm.Length + 1));
        return Convert.ToHexStringLower(SHA256.HashData(input), 0, KeyIdBytes);
    }

    public static byte[] Header(string algorithm, string keyId)
    {
        var header = new byte[HeaderLength];
        header[0] = WrapVersion;
        header[1] = AlgorithmCode(algorithm);
        Convert.FromHexString(keyId).CopyTo(header, 2);
        return header;
    }

    /// <summary>Checks that a wrapped key was made for this key, before any expensive or secret work.</summary>
    public static void EnsureWrappedFor(ReadOnlySpan<byte> wrapped, string algorithm, string keyId)
    {
        if (wrapped.Length < HeaderLength || wrapped[0] != WrapVersion)
            throw DecryptionFailed("the wrapped key is not in a format this version knows");
        var expected = Header(algorithm, keyId);
        if (!wrapped[..HeaderLength].SequenceEqual(expected))
            throw DecryptionFailed($"the data key was wrapped for recipient key {Convert.ToHexStringLower(wrapped.Slice(2, KeyIdBytes))}, not for this key ({keyId})");
    }

    public static DataException DecryptionFailed(string why) =>
        new("DecryptionFailed", DataErrorKind.InvalidData, $"Decryption failed: {why}.",
            "Use the private key of a recipient the data was protected for.");

    public static string Label(string algorithm, bool isPrivate) =>
        $"DATACENTERTOOLS {algorithm} {(isPrivate ? "PRIVATE" : "PUBLIC")} KEY";

    public static string Format(string algorithm, bool isPrivate, ReadOnlySpan<byte> der)
    {
        var label = Label(algorithm, isPrivate);
        var text = new StringBuilder();
        text.Append("-----BEGIN ").Append(label).Append("-----\n");
        text.Append(Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n"));
        text.Append("\n-----END ").Append(label).Append("-----\n");
        return text.ToString();
    }

    /// <summary>Reads a recipient key file: returns its algorithm and the decoded key bytes.</summary>
    public static (string Algorithm, byte[] Der) Read(string fullPath, bool isPrivate)
    {
        if (!File.Exists(fullPath))
            throw new DataException("KeyFileNotFound", DataErrorKind.ObjectNotFound,
                $"The key file '{fullPath}' does not exist.",
                "Check the path, or create a key pair with New-DataProtectionKey -KeyPair -Path <file>.", fullPath);
        if (isPrivate) KeyFilePermissions.EnsureOwnerOnly(fullPath);
        string text;
        try { text = File.ReadAllText(fullPath, Encoding.UTF8); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException("KeyFileUnreadable", DataErrorKind.ReadError,
                $"The key file '{fullPath}' cannot be read: {e.Message}", "Check the file's permissions.", fullPath);
        }
        foreach (var algorithm in new[] { X25519, Rsa })
        {
            var begin = $"-----BEGIN {Label(algorithm, isPrivate)}-----";
            var end = $"-----END {Label(algorithm, isPrivate)}-----";
            var start = text.IndexOf(begin, StringComparison.Ordinal);
            if (start < 0) continue;
            var stop = text.IndexOf(end, start, StringComparison.Ordinal);
            if (stop < 0) break;
            var body = text[(start + begin.Length)..stop];
            try { return (algorithm, Convert.FromBase64String(body)); }
            catch (FormatException) { break; }
        }
        var kind = isPrivate ? "private" : "public";
        throw new DataException("KeyFileInvalid", DataErrorKind.InvalidData,
            $"'{fullPath}' is not a DataCenterTools recipient {kind} key file.",
            isPrivate
                ? "Give the private key file New-DataProtectionKey -KeyPair wrote (not the .pub file)."
                : "Give the public key file (.pub) New-DataProtectionKey -KeyPair wrote.", fullPath);
    }

    public static DataException Invalid(string fullPath, bool isPrivate) =>
        new("KeyFileInvalid", DataErrorKind.InvalidData,
            $"The {(isPrivate ? "private" : "public")} key in '{fullPath}' is damaged.",
            "Restore the key file from its backup.", fullPath);
}
