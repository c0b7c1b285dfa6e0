using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Management;

/// <summary>Where a backup repository's key comes from: a key file, or a passphrase stretched with the repository's Argon2id salt.</summary>
public sealed class BackupCredential
{
    private readonly DataProtectionKey? _key;
    private readonly Func<byte[], DataProtectionKey>? _derive;

    private BackupCredential(DataProtectionKey? key, Func<byte[], DataProtectionKey>? derive)
    {
        _key = key;
        _derive = derive;
    }

    public static BackupCredential FromKey(DataProtectionKey key) => new(key, null);

    /// <summary>A passphrase; <paramref name="derive"/> turns it into a key with the repository's salt (Argon2id).</summary>
    public static BackupCredential FromPassphrase(Func<byte[], DataProtectionKey> derive) => new(null, derive);

    public bool IsPassphrase => _derive != null;

    internal DataProtectionKey KeyFor(byte[]? salt) => _key ?? _derive!(salt!);
}

/// <summary>
/// The subkeys an encrypted store uses, each derived for one purpose from the user's key: <c>backup-*</c> for a
/// backup repository, <c>versions-*</c> for an encrypted version store (so one key file can serve both and a
/// chunk of one never opens in the other).
/// </summary>
internal sealed class BackupKeys : IChunkCodec
{
    private readonly byte[] _chunk, _id, _manifest;

    public BackupKeys(DataProtectionKey key, string purpose = "backup")
    {
        _chunk = key.DeriveSubkey($"{purpose}-chunk");
        _id = key.DeriveSubkey($"{purpose}-id");
        _manifest = key.DeriveSubkey($"{purpose}-manifest");
        var checkMessage = Encoding.ASCII.GetBytes(purpose == "backup" ? "DataCenterTools backup repository key check" : $"DataCenterTools {purpose} store key check");
        CheckValue = Convert.ToHexStringLower(HMACSHA256.HashData(key.DeriveSubkey($"{purpose}-key-check"), checkMessage));
        KeyId = key.KeyId;
    }

    /// <summary>A value stored in the repository's config that tells whether a key is the right one, without revealing it.</summary>
    public string CheckValue { get; }
    public string KeyId { get; }

    // Chunk files are named by a keyed hash of the plaintext hash, so the repository does not reveal
    // which known content (a public dataset, say) it holds.
    public string StoredId(ReadOnlySpan<byte> plaintextHash) => Convert.ToHexStringLower(HMACSHA256.HashData(_id, plaintextHash));

    // The id is the associated data: a chunk moved to another name fails authentication.
    public byte[] Encode(string storedId, byte[] compressed) => AesGcmSealer.Seal(_chunk, compressed, Encoding.ASCII.GetBytes(storedId));

    public byte[]? Decode(string storedId, byte[] stored)
    {
        try { return AesGcmSealer.Open(_chunk, stored, Encoding.ASCII.GetBytes(storedId)); }
        catch (DataException) { return null; }
    }

    public byte[] SealManifest(string snapshotId, byte[] json) => AesGcmSealer.Seal(_manifest, json, Encoding.ASCII.GetBytes(snapshotId));

    public byte[] OpenManifest(string snapshotId, byte[] stored) => AesGcmSealer.Open(_manifest, stored, Encoding.ASCII.GetBytes(snapshotId));
}
