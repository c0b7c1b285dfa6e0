using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Infrastructure;

/// <summary>Shared by the version-store cmdlets: -KeyPath for an encrypted store, and opening the store.</summary>
public abstract class VersionStoreCmdlet : DataCmdlet
{
    /// <summary>The environment variable naming the version store's key file when -KeyPath is not given.</summary>
    public const string KeyVariable = "DATACENTERTOOLS_VERSION_KEY";

    /// <summary>The key file of an encrypted version store (New-DataProtectionKey); default $env:DATACENTERTOOLS_VERSION_KEY.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>The version store in the module's home folder, opened with the key when one is given; a store that cannot be opened stops the command.</summary>
    protected DatasetVersionStore OpenStore()
    {
        var keyPath = KeyPath ?? NullIfBlank(Environment.GetEnvironmentVariable(KeyVariable));
        try
        {
            using var key = keyPath is null ? null : DataProtectionKey.Load(ResolveOutputPath(keyPath));
            return DatasetVersionStore.OpenDefault(key);
        }
        catch (DataException e) { ThrowDataError(e, keyPath); throw; }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
