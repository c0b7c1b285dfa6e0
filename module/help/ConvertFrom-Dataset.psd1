@{
    Synopsis    = 'Emits the rows of a Dataset as PSCustomObjects with typed values.'
    Description = @(
        'ConvertFrom-Dataset turns rows back into objects for Format-Table, Where-Object, Export-Csv or any other cmdlet. Each property holds a typed value (Int64, Double, Boolean, DateTime or String) or $null for a missing cell.'
        'Use -First to look at the start of a large Dataset without emitting every row, and -Column to pick columns.'
    )
    Parameters  = @{
        Dataset = 'The Dataset whose rows to emit. Accepts Datasets from the pipeline.'
        First   = 'Emit at most this many rows.'
        Column  = 'Emit only these columns, in this order.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Look at the first rows'
            Code    = 'Import-Dataset ./telemetry.csv | ConvertFrom-Dataset -First 5 | Format-Table'
            Remarks = 'Shows five rows with typed values.'
        }
        @{
            Title   = 'Filter with Where-Object'
            Code    = '$ds | ConvertFrom-Dataset -Column host, cpu_pct | Where-Object cpu_pct -gt 90'
            Remarks = 'Missing cells are $null, so comparisons behave as PowerShell users expect.'
        }
    )
    Links       = @('ConvertTo-Dataset', 'Import-Dataset')
}
