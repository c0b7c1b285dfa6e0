using System.Management.Automation;
using System.Security;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Infrastructure;

/// <summary>Shared by the backup cmdlets: the key (-KeyPath or -Passphrase), opening the repository, progress.</summary>
public abstract class BackupCmdlet : DataCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    [Parameter]
    public SecureString? Passphrase { get; set; }

    protected bool HasKey => KeyPath != null || Passphrase != null;

    /// <summary>The credential from -KeyPath or -Passphrase (exactly one).</summary>
    protected BackupCredential Credential()
    {
        if ((KeyPath == null) == (Passphrase == null))
            ThrowDataError(new DataException("BackupKeyRequired", DataErrorKind.InvalidArgument,
                "Give the backup repository's key with either -KeyPath <key file> or -Passphrase <SecureString>, not both.",
                "Create a key file with New-DataProtectionKey, or read a passphrase with Read-Host -AsSecureString."));
        if (Passphrase != null)
        {
            var passphrase = Passphrase;
            return BackupCredential.FromPassphrase(salt => SecurePassphrase.DeriveKey(passphrase, salt));
        }
        var path = ResolveOutputPath(KeyPath!);
        try { return BackupCredential.FromKey(DataProtectionKey.Load(path)); }
        catch (DataException e) { ThrowDataError(e, path); throw; }
    }

    /// <summary>Opens the repository at <paramref name="folder"/> (terminating error when it cannot be).</summary>
    protected BackupRepository OpenRepository(string folder, bool create)
    {
        var credential = Credential();
        try { return BackupRepository.Open(folder, credential, create); }
        catch (DataException e) { ThrowDataError(e, folder); throw; }
    }

    /// <summary>A progress callback for the core that shows Write-Progress (call only from the pipeline thread).</summary>
    protected Action<BackupProgress> ProgressFor(string activity, out Action complete)
    {
        var record = new ProgressRecord((int)ProgressActivity.BackupStore, activity, "Starting");
        var last = DateTime.MinValue;
        complete = () =>
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        };
        return p =>
        {
            if ((DateTime.UtcNow - last).TotalMilliseconds < 200 && p.Done < p.Total) return;
            last = DateTime.UtcNow;
            record.Activity = $"{activity}: {p.Activity}";
            record.StatusDescription = p.Activity == "Verifying" ? $"{p.Done:N0} of {p.Total:N0} chunks" : $"{p.Item}: {FormatBytes(p.Done)} of {FormatBytes(p.Total)}";
            record.PercentComplete = p.Total > 0 ? (int)Math.Min(100, 100 * p.Done / p.Total) : -1;
            WriteProgress(record);
        };
    }
}
