@{
    Synopsis    = 'Lists the datasets in the catalog: the latest version of each name by default, filtered by name, tag, owner or sensitivity with wildcards.'
    Description = @(
        'Get-DatasetCatalog returns catalog entries (name, version, location, format, rows, columns, schema, size, SHA-256, sensitivity, tags, owner, description, lineage, who registered it and when), ordered by name and version.'
        'Without -Version or -AllVersions only the latest version of each name is considered, and the filters apply to it. Patterns use wildcards (* and ?) and ignore case; several values for one parameter match any of them; different parameters must all match.'
        'The catalog is catalog.db (SQLite) in $env:DATACENTERTOOLS_HOME unless -ConnectionString or $env:DATACENTERTOOLS_CATALOG names a PostgreSQL server.'
    )
    Parameters  = @{
        Name             = 'Names to list, with wildcards (tele*). Default: every name.'
        Tag              = 'Only entries with a tag matching one of these patterns.'
        Owner            = 'Only entries whose owner matches one of these patterns.'
        Sensitivity      = 'Only entries whose sensitivity level (High, Medium, Low) matches one of these patterns.'
        Version          = 'Only this version of each name.'
        AllVersions      = 'Every version of each name instead of only the latest.'
        ConnectionString = 'The catalog to use: an Npgsql connection string for PostgreSQL (Host=db01;Port=5432;Database=dct;Username=dct) or Data Source=<file> for another SQLite file. Default: $env:DATACENTERTOOLS_CATALOG, else catalog.db in $env:DATACENTERTOOLS_HOME.'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{
            Title   = 'What the catalog holds'
            Code    = 'Get-DatasetCatalog'
            Remarks = 'One row per name (its latest version): Name, Ver, Rows, Cols, Size, Sensitivity, Tags, Registered.'
        }
        @{
            Title   = 'Every version of the telemetry datasets tagged prod'
            Code    = 'Get-DatasetCatalog tele* -Tag prod -AllVersions | Select-Object Name, Version, Sha256, RegisteredBy'
            Remarks = ''
        }
        @{
            Title   = 'Highly sensitive datasets owned by any ops team'
            Code    = 'Get-DatasetCatalog -Sensitivity High -Owner ops*'
            Remarks = ''
        }
    )
    Notes       = 'An unreachable PostgreSQL server is a DataCenterTools.CatalogUnavailable error naming host:port after at most the connection timeout (5 s unless the connection string sets Timeout).'
    Links       = @('Register-Dataset', 'Unregister-Dataset', 'Import-Dataset', 'about_DataCenterTools')
}
