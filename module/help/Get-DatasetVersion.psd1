@{
    Synopsis    = 'Reads a saved version back as a Dataset, or lists versions.'
    Description = @(
        'Get-DatasetVersion -Name reads the latest version (or -Version n) from the version store and returns it as a Dataset. Every chunk is checked against its SHA-256 and the reassembled file against the SHA-256 in the manifest; a missing or altered chunk stops the read with DataCenterTools.ChunkCorrupt naming the chunk, so damaged data is never returned silently.'
        'With -List it returns the versions'' information (number, time, user, rows, columns, message) instead, for one name, names matching a wildcard, or every name.'
        'An unknown name is DataCenterTools.VersionNameNotFound; an unknown version number DataCenterTools.VersionNotFound.'
    )
    Parameters  = @{
        Name    = 'The saved name. With -List, wildcards are allowed and the default is every name.'
        Version = 'The version number to read; default the latest.'
        List    = 'List versions instead of reading one.'
        KeyPath = 'The key file of an encrypted version store (New-DataProtectionKey). Default: $env:DATACENTERTOOLS_VERSION_KEY. Needed for every command on an encrypted store; refused for a plain one.'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{ Title = 'Read the latest version'; Code = '$ds = Get-DatasetVersion -Name telemetry'; Remarks = 'Returns the Dataset; its lineage records the name, version and SHA-256.' }
        @{ Title = 'List the versions'; Code = 'Get-DatasetVersion -List -Name telemetry'; Remarks = 'One row per version: number, time, rows, columns, user, message.' }
    )
    Links       = @('Save-DatasetVersion', 'Compare-DatasetVersion', 'Remove-DatasetVersion')
}
