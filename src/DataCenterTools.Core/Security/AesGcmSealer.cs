using System.Security.Cryptography;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// AES-256-GCM with a fresh random 12-byte nonce per message: output = nonce || ciphertext || tag.
/// Random nonces are safe for up to about 2^32 messages per key; callers use a subkey per purpose.
/// </summary>
public static class AesGcmSealer
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var output = new byte[plaintext.Length + Overhead];
        Seal(key, plaintext, output, associatedData);
        return output;
    }

    /// <summary>Seals into <paramref name="destination"/> (exactly plaintext length + <see cref="Overhead"/> bytes).</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, Span<byte> destination, ReadOnlySpan<byte> associatedData = default)
    {
        if (destination.Length != plaintext.Length + Overhead)
            throw new ArgumentException("The destination must be the plaintext length plus the overhead.", nameof(destination));
        var nonce = destination[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, destination.Slice(NonceSize, plaintext.Length),
            destination[(NonceSize + plaintext.Length)..], associatedData);
    }

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedMessage, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedMessage.Length < Overhead)
            throw Failed("it is shorter than any sealed message");
        var output = new byte[sealedMessage.Length - Overhead];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedMessage[..NonceSize], sealedMessage.Slice(NonceSize, output.Length),
                sealedMessage[(NonceSize + output.Length)..], output, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(output);
            throw Failed("the key is wrong or the data was altered");
        }
        return output;
    }

    private static DataException Failed(string why) =>
        new("DecryptionFailed", DataErrorKind.InvalidData, $"Decryption failed: {why}.",
            "Check that you use the key (or passphrase) the data was protected with, and that the data is not damaged.");
}
