@{
    Synopsis    = 'Removes entries from the dataset catalog: every version of a name, or one version. The data files are kept.'
    Description = @(
        'Unregister-Dataset deletes catalog entries. With -Name alone every version of the matching names is removed; with -Version only that version. Entries piped from Get-DatasetCatalog are removed one by one (their Name and Version bind by property name).'
        'It asks for confirmation for each entry (ConfirmImpact High); -Confirm:$false skips the question and -WhatIf lists what would be removed. The files the entries point to are never touched, and version numbers are never reused by later registrations.'
    )
    Parameters  = @{
        Name             = 'The names to remove, with wildcards. Binds from the Name property of piped catalog entries.'
        Version          = 'Remove only this version. Binds from the Version property of piped catalog entries.'
        PassThru         = 'Output each removed entry.'
        ConnectionString = 'The catalog to use: an Npgsql connection string for PostgreSQL (Host=db01;Port=5432;Database=dct;Username=dct) or Data Source=<file> for another SQLite file. Default: $env:DATACENTERTOOLS_CATALOG, else catalog.db in $env:DATACENTERTOOLS_HOME.'
    }
    Inputs      = @('DataCenterTools.Core.Management.CatalogEntry', 'System.String')
    Examples    = @(
        @{
            Title   = 'See what would be removed'
            Code    = 'Unregister-Dataset telemetry -WhatIf'
            Remarks = 'One line per version of telemetry; nothing is removed.'
        }
        @{
            Title   = 'Remove all but the latest version, without questions'
            Code    = 'Get-DatasetCatalog telemetry -AllVersions | Select-Object -SkipLast 1 | Unregister-Dataset -Confirm:$false'
            Remarks = ''
        }
    )
    Notes       = 'A name with no matching entry is a DataCenterTools.CatalogEntryNotFound error; the other names are still processed.'
    Links       = @('Register-Dataset', 'Get-DatasetCatalog', 'about_DataCenterTools')
}
