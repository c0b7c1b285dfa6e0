@{
    Synopsis    = 'Cleans Datasets: string rules, type conversion, ranges, outliers, missing values and duplicates, with a report of every change.'
    Description = @(
        'Invoke-DataCleaning takes Datasets from the pipeline and returns, for each, a new cleaned Dataset. The input Dataset is never modified; columns that no rule changes are shared with it. A CleaningReport says what was done: RowsIn, RowsOut, ColumnsIn, ColumnsOut and Columns, a list of entries (Column, Action, Cells, Detail), one per change, e.g. cpu_pct Filled 12 "Median 62.7". -PassThru writes the report after the dataset, -ReportVariable stores it in a variable, and the new dataset''s lineage gets one "Invoke-DataCleaning" entry with the parameters and the changes as text.'
        'The steps always run in this order: 1. string rules on String columns (-Trim, -CollapseWhitespace, -NormalizeUnicode, -Case, applied in that order to each cell); then -Replace and -NullValue; 2. -ConvertType; 3. -MaxMissingRatio drops columns; 4. -Range; 5. -Outliers; 6. -Fill; 7. -DropMissing drops rows; 8. -RemoveDuplicates. Text is cleaned before conversion so that " 42 " converts; out-of-range values and outliers set missing are then filled by -Fill; rows are removed last.'
        '-Column selects the columns the column-wide rules look at: the string rules (String columns), -Outliers (Int64 and Double columns), -MaxMissingRatio and -DropMissing. Without -Column they look at all columns. -ConvertType, -Range and -Fill name their own columns.'
        'Statistics are computed the way pandas computes them: quantiles (the median, Q1 and Q3) by linear interpolation between the closest ranks; the standard deviation of -Outliers ZScore is the sample standard deviation (ddof = 1). IQR: outside [Q1 - k*IQR, Q3 + k*IQR]. ZScore: |x - mean| / sd > k. MAD (Iglewicz and Hoaglin): 0.6745 * |x - median| / MAD > k, with MAD = median(|x - median|). A value exactly on a bound is kept. A column whose spread is 0 (sd or MAD) is skipped and the report says so.'
        'Missing values: -Fill takes a hashtable of column = strategy: Mean, Median (numeric columns only; rounded half to even in Int64 columns), Mode (the most frequent value; on a tie, the smallest value: numbers by value, text ordinally, false before true), Zero (numeric), Forward or Backward (the previous or next present value; a leading or trailing gap stays missing), or any other value as a constant (converted to the column''s type; a constant that does not fit is an error). With -FillByGroup each row is filled from the rows with the same values in the group columns (missing is a group value of its own); a group without present values stays missing.'
        'Errors: a column name that the dataset does not have (DataCenterTools.ColumnNotFound), a strategy that does not fit the column type such as Median of a String column or a -Range on a text column (DataCenterTools.StrategyNotApplicable), a constant that is not of the column''s type (DataCenterTools.InvalidFillValue), a bad range (DataCenterTools.InvalidRange) or type name (DataCenterTools.UnknownColumnType) produce an error record that names the column; the dataset is not cleaned and the input stays as it was. Other datasets in the pipeline are still cleaned.'
        '-WhatIf runs the cleaning in memory and prints the report of what would change (rows, columns and every entry), without producing a dataset; -ReportVariable still receives the report.'
    )
    Parameters  = @{
        Dataset            = 'The Dataset to clean. Accepts Datasets from the pipeline.'
        Column             = 'The columns that -Trim, -CollapseWhitespace, -NormalizeUnicode, -Case, -Outliers, -MaxMissingRatio and -DropMissing look at. Default: all columns.'
        DropMissing        = 'Any: drop rows missing a value in any of the -Column columns. All: drop rows missing every one of them. Runs after -Fill.'
        MaxMissingRatio    = 'Drop the -Column columns whose share of missing cells (after -ConvertType) is greater than this fraction, e.g. 0.3.'
        Fill               = 'A hashtable of column = strategy: Mean, Median, Mode, Zero, Forward, Backward, or a constant value, e.g. @{ cpu_pct = ''Median''; status = ''Mode''; region = ''unknown'' }.'
        FillByGroup        = 'Compute each -Fill from the rows of the same group (equal values in these columns), e.g. the median per host, instead of the whole column.'
        RemoveDuplicates   = 'Remove duplicate rows: rows equal in every column, or in the -Key columns. Missing equals missing.'
        Key                = 'With -RemoveDuplicates: the columns that make two rows duplicates. Default: all columns.'
        Keep               = 'With -RemoveDuplicates: keep the First (default) or the Last row of each set of duplicates. The kept rows stay in their original order.'
        Outliers           = 'Find outliers in the numeric -Column columns: IQR, ZScore or MAD (see the description). What happens to them is set by -OutlierAction.'
        Threshold          = 'The outlier threshold k. Defaults: 1.5 for IQR, 3 for ZScore, 3.5 for MAD.'
        OutlierAction      = 'What happens to outliers and out-of-range values: SetMissing (default; -Fill can then fill them), Drop (the row), Clip (set to the nearest bound; rounded inward in Int64 columns) or Flag (add a Boolean column <name>_outlier, true for the flagged rows, after the column).'
        Range              = 'A hashtable of numeric column = minimum, maximum, e.g. @{ cpu_pct = 0,100; temp_c = -20,90 }. Values outside are handled by -OutlierAction.'
        Trim               = 'Remove leading and trailing white space from String cells.'
        CollapseWhitespace = 'Replace each run of white space inside String cells (spaces, tabs, new lines) by one space.'
        NormalizeUnicode   = 'Normalize String cells to Unicode NFC, so that "e" followed by a combining accent and the precomposed "é" are the same text.'
        Case               = 'Lower or Upper: change the case of String cells (invariant culture).'
        ConvertType        = 'A hashtable of column = type (Int64, Double, Boolean, DateTime, String), e.g. @{ power_w = ''Double'' }. Cells that cannot be converted become missing, are counted in the report (NotConvertible) and in a warning with the count and examples, never a wrong value; null markers (empty, NA, N/A, NULL, null) become missing without counting. When no value of a column converts, that is a DataCenterTools.ConversionFailed error instead of a column of missing values.'
        FromUnixTime       = 'With -ConvertType col = ''DateTime'': read numbers (or numeric text) as Unix time in Seconds or Milliseconds since 1970-01-01, giving UTC DateTime values. Without it only ISO 8601 text converts to DateTime.'
        Replace            = 'A hashtable of column = @{ old value = new value }: cells whose text equals an old value get the new value, $null for missing, e.g. @{ workclass = @{ ''?'' = $null }; temp = @{ -999 = $null } }. Runs after the string rules and before -ConvertType, so placeholders never block a conversion.'
        NullValue          = 'Cell values that mean missing in the -Column columns (default all), matched on the cell''s text, e.g. -NullValue ''?'',''-''. The report counts them per value (Replaced).'
        OutliersByGroup    = 'With -Outliers: compute the bounds within each group of rows with equal values in these columns (each host against its own history) instead of over the whole column. A group whose values define no bounds is left as it is; the report says how many.'
        PassThru           = 'Also write the CleaningReport to the pipeline, after the cleaned dataset.'
        ReportVariable     = 'The name of a variable (without $) that receives the CleaningReport (an array of reports when several datasets were cleaned).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Turn placeholders into missing, then convert'
            Code    = '$adult | Invoke-DataCleaning -Replace @{ workclass = @{ ''?'' = $null } } -NullValue ''?'' -ConvertType @{ age = ''Int64'' } -PassThru'
            Remarks = 'The ? cells are missing before age is converted, so they are not conversion failures.'
        }
        @{
            Title   = 'Unix timestamps to DateTime, and outliers per host'
            Code    = '$ds | Invoke-DataCleaning -ConvertType @{ ts = ''DateTime'' } -FromUnixTime Milliseconds -Outliers IQR -OutliersByGroup host'
            Remarks = 'ts in milliseconds becomes UTC DateTime; each host''s cpu values are judged against that host''s own quartiles.'
        }
        @{
            Title   = 'Fill gaps per host and drop impossible readings'
            Code    = 'Import-Dataset ./telemetry.csv | Invoke-DataCleaning -Range @{ cpu_pct = 0,100; temp_c = -20,90 } -Fill @{ cpu_pct = ''Median''; status = ''Mode'' } -FillByGroup host -ReportVariable r; $r.Columns'
            Remarks = 'Out-of-range readings are set missing, then every missing cpu_pct is filled with the median of its host. $r.Columns lists each change.'
        }
        @{
            Title   = 'See what would change'
            Code    = '$ds | Invoke-DataCleaning -Outliers IQR -OutlierAction Drop -RemoveDuplicates -WhatIf'
            Remarks = 'Prints the report and produces no dataset.'
        }
        @{
            Title   = 'Tidy text and types from a hand-made sheet'
            Code    = '$ds | Invoke-DataCleaning -Trim -CollapseWhitespace -NormalizeUnicode -Case Lower -ConvertType @{ power_w = ''Double'' } -PassThru'
            Remarks = 'Writes the cleaned dataset and then the report; the report counts the power_w cells that were not numbers.'
        }
    )
    Notes       = @('Cleaning works column by column on the typed arrays: it creates no object per row. Mode ties go to the smallest value. Converting Int64 to Double is exact up to 2^53.')
    Links       = @('Import-Dataset', 'Export-Dataset', 'about_DataCenterTools')
}
