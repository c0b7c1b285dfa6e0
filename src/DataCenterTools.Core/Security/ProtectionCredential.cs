using System.Diagnostics;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// The key material a user gave for protecting or restoring data: a key file's key, a passphrase (as a function
/// that derives a key from a salt, so the passphrase itself never reaches the core) with its key name, and a
/// recipient private key. Passphrase keys are looked up by key name and salt in the <see cref="PassphraseKeyRing"/>
/// and derived once per (name, salt). Disposing zeroes every key it holds.
/// </summary>
public sealed class ProtectionCredential : IDisposable
{
    private readonly Func<byte[], DataProtectionKey>? _derive;
    private readonly Dictionary<string, DataProtectionKey> _derived = new(StringComparer.Ordinal);
    private readonly Action<string>? _log;

    private ProtectionCredential(DataProtectionKey? keyFileKey, Func<byte[], DataProtectionKey>? derive, string? keyName,
        RecipientPrivateKey? recipient, string? ringPath, Action<string>? log)
    {
        KeyFileKey = keyFileKey;
        _derive = derive;
        KeyName = keyName;
        Recipient = recipient;
        RingPath = ringPath;
        _log = log;
    }

    /// <param name="keyFileKey">The key from -KeyPath.</param>
    /// <param name="derivePassphraseKey">From -Passphrase: derives the key for a salt (Argon2id).</param>
    /// <param name="keyName">-KeyName; null lets the data's record (or "default") decide.</param>
    /// <param name="log">Told what was derived and how long it took (for -Verbose); never a secret.</param>
    public static ProtectionCredential Create(DataProtectionKey? keyFileKey, Func<byte[], DataProtectionKey>? derivePassphraseKey, string? keyName,
        RecipientPrivateKey? recipient = null, string? ringPath = null, Action<string>? log = null)
    {
        if (keyFileKey != null && derivePassphraseKey != null)
            throw new DataException("KeyConflict", DataErrorKind.InvalidArgument,
                "Give {option:KeyPath} or {option:Passphrase}, not both.", "Use the key file, or the passphrase, the data was protected with.");
        return new ProtectionCredential(keyFileKey, derivePassphraseKey, keyName, recipient, ringPath, log);
    }

    public DataProtectionKey? KeyFileKey { get; }
    public string? KeyName { get; }
    public RecipientPrivateKey? Recipient { get; }
    public string? RingPath { get; }
    public bool HasPassphrase => _derive != null;
    public bool HasKey => KeyFileKey != null || _derive != null;

    /// <summary>The key to protect with: the key file's, or the passphrase key of <see cref="KeyName"/> (registered on first use); null without either.</summary>
    public DataProtectionKey? ForProtect()
    {
        if (KeyFileKey != null || _derive == null) return KeyFileKey;
        var name = KeyName ?? PassphraseKeyRing.DefaultKeyName;
        return Derived(name + "\n", () => PassphraseKeyRing.ForProtect(name, _derive, RingPath));
    }

    /// <summary>
    /// The key to restore a column protected with a passphrase key of <paramref name="recordedKeyName"/> and
    /// <paramref name="recordedSalt"/> (from lineage or an envelope; either may be unknown); the key file's key when one was given.
    /// </summary>
    public DataProtectionKey? ForRestore(string? recordedKeyName, string? recordedSalt)
    {
        if (KeyFileKey != null || _derive == null) return KeyFileKey;
        var name = KeyName ?? recordedKeyName ?? PassphraseKeyRing.DefaultKeyName;
        var salt = recordedSalt is null ? null : Convert.FromBase64String(recordedSalt);
        return Derived(name + "\n" + recordedSalt, () => PassphraseKeyRing.ForUnprotect(name, salt, _derive, RingPath));
    }

    private DataProtectionKey Derived(string cacheKey, Func<DataProtectionKey> derive)
    {
        if (_derived.TryGetValue(cacheKey, out var key)) return key;
        var watch = Stopwatch.StartNew();
        key = derive();
        _derived[cacheKey] = key;
        _log?.Invoke($"Derived the passphrase key (key name '{key.Passphrase?.KeyName}', Argon2id {DataProtectionKey.Argon2MemoryKiB / 1024} MiB, " +
                     $"{DataProtectionKey.Argon2Iterations} passes) in {watch.Elapsed.TotalSeconds:0.000} s: key id {key.KeyId}" +
                     (key.Passphrase?.Checked == true ? ", passphrase checked against this host's record of the key name." : ", passphrase not checked (this host has no record of that key name and salt)."));
        return key;
    }

    public void Dispose()
    {
        foreach (var key in _derived.Values) key.Dispose();
        _derived.Clear();
        KeyFileKey?.Dispose();
        Recipient?.Dispose();
    }
}
