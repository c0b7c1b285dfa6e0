using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;

namespace DataCenterTools.Infrastructure;

/// <summary>The catalog cmdlets' shared -ConnectionString and how they open the catalog it names.</summary>
public abstract class CatalogCmdlet : DataCmdlet
{
    /// <summary>PostgreSQL ("Host=...") or SQLite ("Data Source=...") catalog; default $env:DATACENTERTOOLS_CATALOG, else catalog.db in the module's home.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionString { get; set; }

    private DatasetCatalog? _catalog;

    /// <summary>The catalog, opened once per command; a connection string that cannot be used stops the command.</summary>
    protected DatasetCatalog Catalog => _catalog ??= OpenCatalog();

    private DatasetCatalog OpenCatalog()
    {
        try { return DatasetCatalog.Open(ConnectionString); }
        catch (DataException e) { ThrowDataError(e); throw; }
    }
}
