using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Removes entries from the catalog (every version of a name, or one); the data files are left alone.</summary>
[Cmdlet(VerbsLifecycle.Unregister, "Dataset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CatalogEntry))]
public sealed class UnregisterDatasetCommand : CatalogCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CatalogNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var catalog = Catalog;
        foreach (var name in Name)
        {
            IReadOnlyList<CatalogEntry> entries = [];
            if (!TryRun(() => entries = catalog.Find(new CatalogQuery { Name = [name], Version = Version, AllVersions = Version == null }), name)) continue;
            if (entries.Count == 0)
            {
                WriteDataError(new DataException("CatalogEntryNotFound", DataErrorKind.ObjectNotFound,
                    $"The catalog at {catalog.Location} has no dataset matching '{name}'{(Version is { } v ? $" version {v}" : "")}.",
                    "List what it holds with Get-DatasetCatalog -AllVersions."), name);
                continue;
            }
            foreach (var entry in entries)
            {
                if (!ShouldProcess($"{entry.Name} version {entry.Version} ({entry.Location})", "Remove from the catalog (the file is kept)")) continue;
                var removed = false;
                if (!TryRun(() => removed = catalog.Unregister(entry.Name, entry.Version), entry.Name)) continue;
                WriteVerbose(removed ? $"Unregistered '{entry.Name}' version {entry.Version} from {catalog.Location}." : $"'{entry.Name}' version {entry.Version} was already gone.");
                if (removed && PassThru) WriteObject(entry);
            }
        }
    }
}
