@{
    Synopsis    = 'Adds a column computed from the other columns with an expression.'
    Description = @(
        'Add-DataColumn evaluates -Expression for every row, a whole column at a time over the typed arrays (no script block per row), and returns a new Dataset with the result as the last column, named -Name. With -Force an existing column of that name is replaced where it stands; without it, an existing name is DataCenterTools.ColumnExists. The step (name, expression, type) is recorded in the lineage.'
        'The expression language is the one of Select-DataRow -Filter (Get-Help about_DataCenterTools, section Expressions): arithmetic, comparisons, case when ... then ... else ... end, and functions such as hour(t), day_of_week(t), date_trunc(''1h'', t), from_unixtime(s), round(x, 1), lower(s), regex_extract(s, ''pattern'', 1), coalesce(x, 0) and cast(x as Double). The result type follows from the expression (Int64 + Int64 is Int64, / is always Double). Missing cells propagate; division by zero and values outside a function''s domain (sqrt of a negative) give missing cells and a warning with the count; a cast that fails on some cells warns with the count and the first value, and one that fails on every cell is DataCenterTools.ConversionFailed.'
    )
    Parameters  = @{
        Dataset    = 'The Dataset to extend. Accepts Datasets from the pipeline. It is not modified.'
        Name       = 'The name of the new column.'
        Expression = 'What to compute, e.g. ''hour(timestamp)'', ''power_w / 1000'' or "case when temp_c > 70 then ''hot'' else ''ok'' end".'
        Force      = 'Replace an existing column of that name (it keeps its position).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'An hour-of-day column'
            Code    = '$t | Add-DataColumn -Name hour -Expression ''hour(timestamp)'''
            Remarks = 'Int64, 0 to 23 (times are read as UTC).'
        }
        @{
            Title   = 'Unix seconds to a timestamp, replacing the column'
            Code    = '$vm | Add-DataColumn ts ''from_unixtime([Timestamp [ms]])'' | Select-DataColumn -Exclude ''Timestamp `[ms`]'''
            Remarks = 'Bitbrains traces hold unix seconds in a column named "Timestamp [ms]": brackets quote such names.'
        }
    )
    Links       = @('Select-DataRow', 'Group-Dataset', 'about_DataCenterTools')
}
