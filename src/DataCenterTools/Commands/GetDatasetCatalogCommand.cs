using System.Management.Automation;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Lists catalog entries: the latest version of each name by default, filtered by wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "DatasetCatalog")]
[OutputType(typeof(CatalogEntry))]
public sealed class GetDatasetCatalogCommand : CatalogCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CatalogNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string[]? Tag { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string[]? Owner { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string[]? Sensitivity { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    [Parameter]
    public SwitchParameter AllVersions { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        var query = new CatalogQuery { Name = Name, Tag = Tag, Owner = Owner, Sensitivity = Sensitivity, Version = Version, AllVersions = AllVersions };
        IReadOnlyList<CatalogEntry> entries = [];
        var catalog = Catalog;
        if (!TryRun(() => entries = catalog.Find(query), catalog.Location)) return;
        WriteVerbose($"Found {entries.Count} catalog entries in {catalog.Location} in {(Elapsed - started).TotalMilliseconds:0} ms.");
        WriteObject(entries, enumerateCollection: true);
    }
}
