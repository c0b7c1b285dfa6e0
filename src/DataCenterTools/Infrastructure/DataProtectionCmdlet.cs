using System.Management.Automation;
using System.Security;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Infrastructure;

/// <summary>What Protect-Dataset and Unprotect-Dataset share: the key parameters, the FF1 tweak and the audit record.</summary>
public abstract class DataProtectionCmdlet : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>A key file written by New-DataProtectionKey (owner-only).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>A passphrase; the key is derived with Argon2id and a salt fixed by -KeyName.</summary>
    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>Names a passphrase key: the same passphrase and name give the same key (see PassphraseKeySalt).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyName { get; set; }

    /// <summary>The FF1 tweak: a byte array, or a string taken as its UTF-8 bytes.</summary>
    [Parameter]
    public object? Tweak { get; set; }

    /// <summary>The FF1 alphabet (e.g. 0123456789); inferred per column when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Alphabet { get; set; }

    /// <summary>The key from -KeyPath or -Passphrase, or null when neither was given. The caller disposes it.</summary>
    protected DataProtectionKey? ResolveKey(string? keyNameFromLineage = null)
    {
        if (KeyPath != null && Passphrase != null)
            ThrowDataError(new DataException("KeyConflict", DataErrorKind.InvalidArgument,
                "Give -KeyPath or -Passphrase, not both.", "Use the key file, or the passphrase, the data was protected with."));
        if (KeyPath != null) return DataProtectionKey.Load(ResolveOutputPath(KeyPath));
        if (Passphrase == null) return null;
        var started = Elapsed;
        var key = SecurePassphrase.DeriveKey(Passphrase, PassphraseKeySalt.For(EffectiveKeyName(keyNameFromLineage)));
        WriteVerbose($"Derived the passphrase key (key name '{EffectiveKeyName(keyNameFromLineage)}', Argon2id) in {(Elapsed - started).TotalSeconds:0.000} s: key id {key.KeyId}.");
        return key;
    }

    /// <summary>The key name lineage records for a passphrase key; null for a key file.</summary>
    protected string? KeyNameForLineage(string? keyNameFromLineage = null) => Passphrase == null ? null : EffectiveKeyName(keyNameFromLineage);

    private string EffectiveKeyName(string? fromLineage) => KeyName ?? fromLineage ?? PassphraseKeySalt.DefaultKeyName;

    protected byte[] TweakBytes() => Tweak switch
    {
        null => [],
        PSObject { BaseObject: var inner } => ToBytes(inner),
        var other => ToBytes(other),
    };

    private static byte[] ToBytes(object value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        object[] items => items.Select(i => LanguagePrimitives.ConvertTo<byte>(i)).ToArray(),
        _ => throw new DataException("InvalidTweak", DataErrorKind.InvalidArgument,
            $"-Tweak must be a byte array or a string; it is a {value.GetType().Name}.", "Give -Tweak 'orders-2026' or -Tweak ([byte[]](1,2,3))."),
    };

    /// <summary>Appends the operation to the audit log (key id and columns, never the key).</summary>
    protected void Audit(string operation, Dataset dataset, IEnumerable<string> columns, string? keyId)
    {
        var log = new DataAuditLog();
        log.Append(new DataAuditEntry(operation, dataset.Source?.Path ?? dataset.Name, DatasetDigest.Sha256(dataset), columns.Distinct().ToArray(), keyId));
        WriteVerbose($"Audit record appended to {log.Path}.");
    }
}
