@{
    Synopsis    = 'Saves a Dataset as the next version of a name in the deduplicating version store.'
    Description = @(
        'Save-DatasetVersion writes the Dataset as Parquet (so Int64, Double, Boolean, DateTime and String columns and their nulls read back exactly), cuts the file into content-defined chunks (FastCDC, about 512 KiB each) and keeps each chunk once, named by its SHA-256 and compressed with zstd, in the version store <DataCenterToolsHome>/versions ($env:DATACENTERTOOLS_HOME, else the user data folder). All names share one store, so a chunk that several versions contain is stored once: saving an unchanged dataset again adds no chunks, and a small change adds only the chunks around it.'
        'Each version has a small manifest (number, time, user, host, message, rows, columns, schema, chunk list and the file SHA-256), written last and atomically: an interrupted save leaves no half version behind. Versions are numbered 1, 2, 3... per name.'
        'Returns the version''s information; NewChunks and NewBytes say what this save added to the store.'
    )
    Parameters  = @{
        Dataset = 'The Dataset to save. Accepts Datasets from the pipeline.'
        Name    = 'The name to save under: letters, digits, ".", "_" and "-". Invalid names fail with DataCenterTools.InvalidVersionName.'
        Message = 'A note kept with the version (what changed, why).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{ Title = 'Keep a version of cleaned telemetry'; Code = 'Import-Dataset ./telemetry.csv | Invoke-DataCleaning | Save-DatasetVersion -Name telemetry -Message ''nightly clean'''; Remarks = 'Returns Name, Version, time, rows and how many new chunks were stored.' }
    )
    Notes       = @('DateTime columns that mix UTC and unspecified values read back as unspecified (Parquet keeps one UTC flag per column).')
    Links       = @('Get-DatasetVersion', 'Compare-DatasetVersion', 'Remove-DatasetVersion', 'Backup-Dataset', 'about_DataCenterTools')
}
