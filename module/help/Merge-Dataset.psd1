@{
    Synopsis    = 'Appends the rows of several Datasets into one.'
    Description = @(
        'Merge-Dataset collects every Dataset piped in (or given to -Dataset) and returns one Dataset holding their rows one after another, in order. Columns are matched by name (ignoring case) and keep the first Dataset''s order; Int64 and Double meet as Double; any other type clash is DataCenterTools.SchemaMismatch naming the column, both types and both Datasets. A column that some Datasets lack is an error too, unless -AllowMissingColumn fills it with missing cells there.'
        'Use it to put a day''s files back together: Get-ChildItem *.csv | Import-Dataset | Merge-Dataset.'
    )
    Parameters  = @{
        Dataset            = 'The Datasets to append, from the pipeline or as an array. None is modified.'
        AllowMissingColumn = 'Fill columns that a Dataset lacks with missing cells instead of failing.'
        Name               = 'The name of the merged Dataset. Default: the first Dataset''s name.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'One Dataset from a week of daily files'
            Code    = 'Get-ChildItem ./telemetry/2026-11-0*.csv | Import-Dataset | Merge-Dataset -Name week45'
            Remarks = ''
        }
    )
    Links       = @('Join-Dataset', 'Import-Dataset')
}
