using System.Security.Cryptography;
using System.Text;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// The Argon2id salt for a passphrase key used on datasets, derived from a key name
/// (SHA-256 of a label and the name, first 16 bytes). A fixed salt per name is what lets the same
/// passphrase give the same Hash tokens in every dataset, and lets Unprotect-Dataset rebuild the key
/// from a re-imported CSV that carries no salt. The trade-off: anyone can precompute Argon2id guesses
/// for a given name, which a random stored salt would prevent, so give passphrase keys a name of your
/// own (-KeyName) and a long passphrase, or use a key file.
/// </summary>
public static class PassphraseKeySalt
{
    public const string DefaultKeyName = "default";

    public static byte[] For(string keyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("DataCenterTools dataset passphrase salt v1\n" + keyName));
        return hash[..Security.DataProtectionKey.SaltLength];
    }
}
