using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Per-cell encryption to Base64 text, with the column name as associated data (a cell moved to
/// another column does not decrypt). Randomized: AES-256-GCM with a random nonce (AesGcmSealer;
/// equal values give different ciphertexts). Deterministic: AES-256-GCM-SIV with a nonce derived
/// from the key, so equal values in a column give equal ciphertexts (joins and counts still work,
/// at the price of showing which cells are equal). Both detect a wrong key or altered cell.
/// </summary>
public sealed class CellEncryptor
{
    private const int TagBits = 128;
    private readonly byte[] _gcmKey;
    private readonly byte[] _sivKey;
    private readonly byte[] _sivNonce;

    /// <param name="key">The data protection key; the cipher keys are its "aes-gcm" and "aes-gcm-siv" subkeys.</param>
    public CellEncryptor(DataProtectionKey key)
    {
        _gcmKey = key.DeriveSubkey("aes-gcm");
        _sivKey = key.DeriveSubkey("aes-gcm-siv");
        _sivNonce = key.DeriveSubkey("aes-gcm-siv-nonce", 12);
    }

    public string Encrypt(string value, string column, bool deterministic)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        var associated = Encoding.UTF8.GetBytes(column);
        return Convert.ToBase64String(deterministic ? Siv(true, plaintext, associated) : AesGcmSealer.Seal(_gcmKey, plaintext, associated));
    }

    /// <summary>
    /// Decrypts a cell from either mode (randomized first, then deterministic): both authenticate, so a
    /// wrong key or an altered cell fails both and is a DataCenterTools.DecryptionFailed error.
    /// </summary>
    public string Decrypt(string cell, string column)
    {
        byte[] sealedBytes;
        try { sealedBytes = Convert.FromBase64String(cell); }
        catch (FormatException) { throw Failed(column, "a cell is not Base64 text"); }
        var associated = Encoding.UTF8.GetBytes(column);
        if (sealedBytes.Length >= AesGcmSealer.Overhead)
        {
            try { return Encoding.UTF8.GetString(AesGcmSealer.Open(_gcmKey, sealedBytes, associated)); }
            catch (DataException) { }
        }
        try { return Encoding.UTF8.GetString(Siv(false, sealedBytes, associated)); }
        catch (InvalidCipherTextException) { throw Failed(column, "the key is wrong or the cell was altered"); }
    }

    private byte[] Siv(bool encrypt, byte[] input, byte[] associated)
    {
        var cipher = new GcmSivBlockCipher();
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(_sivKey), TagBits, _sivNonce, associated));
        var output = new byte[cipher.GetOutputSize(input.Length)];
        var written = cipher.ProcessBytes(input, 0, input.Length, output, 0);
        written += cipher.DoFinal(output, written);
        return written == output.Length ? output : output[..written];
    }

    private static DataException Failed(string column, string why) =>
        new("DecryptionFailed", DataErrorKind.InvalidData, $"Column '{column}' cannot be decrypted: {why}.",
            "Check that you use the key (or passphrase and {option:KeyName}) the data was protected with, and that the column is not damaged.",
            column: column);
}
