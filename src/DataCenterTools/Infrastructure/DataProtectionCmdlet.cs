using System.Management.Automation;
using System.Security;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Infrastructure;

/// <summary>What Protect-Dataset and Unprotect-Dataset share: the key parameters, the FF1 tweak and the credential they become.</summary>
public abstract class DataProtectionCmdlet : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>A key file written by New-DataProtectionKey (owner-only).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>A passphrase; the key is derived with Argon2id and the random salt registered for -KeyName.</summary>
    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>Names a passphrase key: its salt is chosen on first use and kept in the host's passphrase key file.</summary>
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

    protected bool HasKey => KeyPath != null || Passphrase != null;

    /// <summary>The credential from -KeyPath or -Passphrase (and <paramref name="recipient"/>); the caller disposes it.</summary>
    protected ProtectionCredential Credential(RecipientPrivateKey? recipient = null)
    {
        var keyFile = KeyPath == null ? null : DataProtectionKey.Load(ResolveOutputPath(KeyPath));
        var passphrase = Passphrase;
        Func<byte[], DataProtectionKey>? derive = passphrase == null ? null : salt => SecurePassphrase.DeriveKey(passphrase, salt);
        try
        {
            return ProtectionCredential.Create(keyFile, derive, KeyName, recipient, log: WriteVerbose);
        }
        catch (DataException)
        {
            keyFile?.Dispose();
            throw;
        }
    }

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

    /// <summary>Writes a core step's messages: notes to -Verbose, warnings as warnings.</summary>
    protected void Report(IEnumerable<string> notes, IEnumerable<string> warnings)
    {
        foreach (var note in notes) WriteVerbose(note);
        foreach (var warning in warnings) WriteWarning(warning);
    }

    /// <summary>Reports a core failure: each problem of several, or the one.</summary>
    protected void WriteProtectionError(DataException e)
    {
        if (e is Core.Privacy.DataProblemsException many)
            foreach (var problem in many.Problems) WriteDataError(problem, problem.ColumnName);
        else WriteDataError(e, e.ColumnName ?? e.File ?? (object)Dataset.Name);
    }
}
