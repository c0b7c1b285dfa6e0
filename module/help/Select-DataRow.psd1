@{
    Synopsis    = 'Keeps rows of a Dataset: by a condition, distinct, a random sample, sorted, or by position.'
    Description = @(
        'Select-DataRow is the Dataset''s Where-Object, Sort-Object and Select-Object -First in one typed, column-at-a-time verb: it returns a new Dataset (same columns, chosen rows) and records the step in the lineage. Piping a Dataset into Where-Object or Select-Object -First does not do this: a Dataset is one object, not rows.'
        'The steps run in SQL''s order, whichever parameters are given: -Filter (WHERE), -Distinct, -Sample/-Fraction, -OrderBy (ORDER BY), -Skip (OFFSET), then -First or -Last (LIMIT). An empty result is a Dataset with 0 rows and the same schema, not an error.'
        '-Filter takes an expression (Get-Help about_DataCenterTools, section Expressions): column names, numbers, ''text'', dates, = != < <= > >=, and or not, + - * / %, in (...), like ''gpu-%'', is null, between, functions such as hour(t) or lower(s), and PowerShell''s -eq -gt -like -match -and -or -not as well. Rows where the condition is missing (a comparison with a missing cell) are not kept, as in SQL. Names, types and functions are checked before any row is read: a mistake is DataCenterTools.ExpressionInvalid pointing at the position, an unknown column DataCenterTools.ColumnNotFound with the nearest names.'
        '-OrderBy sorts by one or more columns (stable; missing values last in either direction); write ''cpu_pct desc'' for one descending key, or -Descending for all. -Sample draws that many rows without replacement (-Fraction a share), in their original order; the same -Seed gives the same rows on every machine, and without -Seed the seed drawn is recorded in the lineage.'
    )
    Parameters  = @{
        Dataset    = 'The Dataset to select from. Accepts Datasets from the pipeline; one result per Dataset. It is not modified.'
        Filter     = 'An expression that is true for the rows to keep, e.g. "cpu_pct > 50 and region = ''cn-east''" or "status -in ''warn'',''crit''". Alias: -Where.'
        OrderBy    = 'Columns to sort by, most significant first; a key may end in " desc" or " asc". Alias: -Sort.'
        Descending = 'Sort every -OrderBy key that does not say otherwise from largest to smallest.'
        First      = 'Keep only the first N rows (after filtering, sampling, sorting and -Skip).'
        Last       = 'Keep only the last N rows. Cannot be combined with -First.'
        Skip       = 'Leave out the first N rows (before -First or -Last).'
        Sample     = 'A uniform random sample of N rows without replacement, in original order.'
        Fraction   = 'A uniform random sample of this share of the rows (0 to 1), rounded to the nearest row.'
        Seed       = 'The seed of -Sample or -Fraction: the same seed selects the same rows everywhere.'
        Distinct   = 'Keep only the first row of each distinct key: the values of -Column, or of every column.'
        Column     = 'With -Distinct: the columns whose values must differ (wildcards allowed).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Keep the busy rows of one region'
            Code    = 'Import-Dataset ./telemetry.csv | Select-DataRow -Filter "cpu_pct > 50 and region = ''cn-east''"'
            Remarks = 'Rows where cpu_pct is missing are not kept.'
        }
        @{
            Title   = 'The ten hottest readings of day 1'
            Code    = '$t | Select-DataRow -Filter "day(timestamp) = 1" -OrderBy ''temp_c desc'' -First 10'
            Remarks = 'Filter, then sort, then take the first ten: the equivalent of Where-Object | Sort-Object | Select-Object -First 10.'
        }
        @{
            Title   = 'A reproducible 1% sample, and each host once'
            Code    = '$sample = $t | Select-DataRow -Fraction 0.01 -Seed 42
$hosts  = $t | Select-DataRow -Distinct -Column host'
            Remarks = 'The same seed gives the same rows on every machine.'
        }
    )
    Links       = @('Select-DataColumn', 'Add-DataColumn', 'Group-Dataset', 'about_DataCenterTools')
}
