@{
    Synopsis    = 'Records a dataset file in the catalog as the next version of a name: rows, schema, size, SHA-256, tags, owner, lineage, who and when.'
    Description = @(
        'Register-Dataset adds one entry to the dataset catalog for each file given with -Path, or for each Dataset from the pipeline that was read from a file (Import-Dataset). The catalog assigns the version: 1 for a new name, then 2, 3 and so on; a number is never reused, even after Unregister-Dataset.'
        'The entry records the full path, format, row and column counts, the schema (column names and types), the size, the SHA-256 of the file, tags, owner, description, the lineage, user@host and the UTC time. Import-Dataset -CatalogName later checks the file against that SHA-256 before loading it.'
        'A Dataset that was changed after it was read (cleaned, scaled, split...) or built in memory is not what its file holds: register it by saving it with Export-Dataset first and passing that file with -Path. A Dataset whose file changed after it was read is refused with DataCenterTools.CatalogSourceChanged.'
        'The catalog is catalog.db (SQLite) in $env:DATACENTERTOOLS_HOME unless -ConnectionString or $env:DATACENTERTOOLS_CATALOG names a PostgreSQL server ("Host=...") shared by several hosts. Concurrent registrations from several processes or hosts get distinct versions.'
        'Sensitivity comes from the scanner behind Find-SensitiveData (a sample of up to 10,000 rows per column): the highest level found (High, Medium, Low; None when nothing is found) and the kinds of data (Email, Phone, IPv4, CreditCard...). Get-DatasetCatalog -Sensitivity High finds the datasets that need protecting.'
        'Access policy: -Reader and -Writer take users (alice or user:alice) and groups (group:analysts), checked against the operating-system account the command runs as, and on a PostgreSQL catalog PostgreSQL roles (role:dct_readers), checked by the server with row-level security. The policy belongs to the name: registering a version with -Reader or -Writer sets it for every version; without them a new version keeps the policy it had. Writers may read. Only a writer may register a new version, change the policy or unregister; Import-Dataset -CatalogName needs read access. A denial is DataCenterTools.AccessDenied and a record in the audit log. See about_DataCenterTools (Access control) for what this protects against and what it cannot.'
    )
    Parameters  = @{
        Dataset          = 'A Dataset read from a file by Import-Dataset, from the pipeline. Its file is registered.'
        Path             = 'Data files to read and register (CSV, TSV, JSON Lines, Parquet, optionally .gz). Wildcards are allowed; Get-ChildItem and Export-Dataset -PassThru output binds here.'
        Name             = 'The catalog name to register under. Default: the dataset''s name (the file name without extension). Wildcard characters (* ? ` [ ]) are not allowed.'
        Tag              = 'Tags to attach, e.g. -Tag prod,gpu. Get-DatasetCatalog -Tag finds entries by them.'
        Owner            = 'Who is responsible for the dataset (a team or a person).'
        Description      = 'Free text describing the dataset.'
        ConnectionString = 'The catalog to use: an Npgsql connection string for PostgreSQL (Host=db01;Port=5432;Database=dct;Username=dct) or Data Source=<file> for another SQLite file. Default: $env:DATACENTERTOOLS_CATALOG, else catalog.db in $env:DATACENTERTOOLS_HOME.'
        Reader = 'Who may read the name (Import-Dataset -CatalogName, Get-DatasetCatalog): user names, group:NAME, role:NAME (PostgreSQL catalog only). Sets the names policy; default: keep it (a new name is open).'
        Writer = 'Who may register and unregister versions of the name and change its policy (writers may also read). Same forms as -Reader.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset', 'System.String', 'System.IO.FileInfo')
    Examples    = @(
        @{
            Title   = 'Register a file with tags and an owner'
            Code    = 'Register-Dataset -Path ./telemetry.csv -Name telemetry -Tag prod,gpu -Owner ops -Description ''rack power, 5-minute samples'''
            Remarks = 'Returns the new entry; the first registration of a name is version 1.'
        }
        @{
            Title   = 'Register a cleaned dataset'
            Code    = 'Import-Dataset ./raw.csv | Invoke-DataCleaning | Export-Dataset ./clean.parquet -PassThru | Register-Dataset -Name telemetry-clean'
            Remarks = 'The cleaned data is saved first, so the catalog points to a file that holds exactly it.'
        }
        @{
            Title   = 'Register into a catalog shared by every host'
            Code    = '$env:DATACENTERTOOLS_CATALOG = ''Host=db01;Port=5432;Database=dct;Username=dct''; Get-ChildItem /data/*.parquet | Register-Dataset -Tag nightly'
            Remarks = 'Every host that sets the same connection string registers into one catalog.'
        }
        @{
            Title = 'Only the ml-team group reads it, only alice changes it'
            Code = 'Register-Dataset ./gpu.parquet -Name gpu -Reader group:ml-team -Writer alice'
            Remarks = 'bob, not in ml-team, gets DataCenterTools.AccessDenied from Import-Dataset -CatalogName gpu, and the denial is audited.'
        }
    )
    Notes       = 'Errors: DataCenterTools.CatalogDatasetNotSaved (no file, or the Dataset was changed after reading), DataCenterTools.CatalogSourceChanged, DataCenterTools.CatalogNameInvalid, DataCenterTools.CatalogUnavailable (the SQLite file cannot be opened or the PostgreSQL server does not answer within 5 s), DataCenterTools.CatalogConnectionStringInvalid.'
    Links       = @('Get-DatasetCatalog', 'Unregister-Dataset', 'Import-Dataset', 'Export-Dataset', 'about_DataCenterTools')
}
