@{
    Synopsis    = 'Saves a Dataset as the next version of a name in the deduplicating version store.'
    Description = @(
        'Save-DatasetVersion writes the Dataset as Parquet (so Int64, Double, Boolean, DateTime and String columns and their nulls read back exactly), cuts the file into content-defined chunks (FastCDC, about 512 KiB each) and keeps each chunk once, named by its SHA-256 and compressed with zstd, in the version store <DataCenterToolsHome>/versions ($env:DATACENTERTOOLS_HOME, else the user data folder). All names share one store, so a chunk that several versions contain is stored once: saving an unchanged dataset again adds no chunks, and a small change adds only the chunks around it.'
        'Each version has a small manifest (number, time, user, host, message, rows, columns, schema, chunk list and the file SHA-256), written last and atomically: an interrupted save leaves no half version behind. Versions are numbered 1, 2, 3... per name.'
        'Returns the version''s information; NewChunks and NewBytes say what this save added to the store.'
        'Encryption at rest: the first save into an empty store with -KeyPath creates an encrypted store (store format 2, docs/store-format.md): chunks, manifests and access policies are sealed with AES-256-GCM under subkeys of that key, and chunks are named by a keyed hash. From then on every version command needs the key. A store that already holds plain versions stays plain.'
        'Access policy: -Reader and -Writer take users (alice or user:alice) and groups (group:analysts), checked against the operating-system account the command runs as. The policy belongs to the name; only a writer may save a version or change it. Get-DatasetVersion and Compare-DatasetVersion need read access, Remove-DatasetVersion write access. A denial is DataCenterTools.AccessDenied and a record in the audit log.'
    )
    Parameters  = @{
        Dataset = 'The Dataset to save. Accepts Datasets from the pipeline.'
        Name    = 'The name to save under: letters, digits, ".", "_" and "-". Invalid names fail with DataCenterTools.InvalidVersionName.'
        Message = 'A note kept with the version (what changed, why).'
        KeyPath = 'The key file of an encrypted version store (New-DataProtectionKey). Default: $env:DATACENTERTOOLS_VERSION_KEY. Needed for every command on an encrypted store; refused for a plain one.'
        Reader = 'Who may read the names versions: user names and group:NAME. Sets the names access policy; default: keep it (a new name is open).'
        Writer = 'Who may save and remove versions of the name and change its policy (writers may also read).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{ Title = 'Keep a version of cleaned telemetry'; Code = 'Import-Dataset ./telemetry.csv | Invoke-DataCleaning | Save-DatasetVersion -Name telemetry -Message ''nightly clean'''; Remarks = 'Returns Name, Version, time, rows and how many new chunks were stored.' }
        @{
            Title = 'An encrypted store that only the ops group reads'
            Code = '$ds | Save-DatasetVersion -Name gpu -KeyPath ~/.dct/versions.key -Reader group:ops -Writer alice'
            Remarks = 'The chunks on disk are encrypted; Get-DatasetVersion -Name gpu -KeyPath ~/.dct/versions.key reads it back for members of ops.'
        }
    )
    Notes       = @('DateTime columns that mix UTC and unspecified values read back as unspecified (Parquet keeps one UTC flag per column).')
    Links       = @('Get-DatasetVersion', 'Compare-DatasetVersion', 'Remove-DatasetVersion', 'Backup-Dataset', 'about_DataCenterTools')
}
