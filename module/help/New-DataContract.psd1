@{
    Synopsis    = 'Drafts a data contract from a good dataset: per column type, nullability, range, allowed values or pattern; row count, key and freshness.'
    Description = @(
        'New-DataContract looks at a dataset you take as good and drafts the rules a later delivery of the same data must meet, for people to review and edit. Without -Path it returns the contract as an object (edit it, then pass it to Test-DataContract or save it); with -Path it writes plain JSON (schema version 1, see about_DataContract and DataContract.v1.schema.json in the module folder) to a temp file in the same folder and renames it into place, never over an existing file without -Force.'
        'The draft holds, per column: its type; nullable false when no cell is missing; for Int64 and Double columns min and max, the observed bounds widened by -RangeMargin times the observed span (the value itself when all values are equal), rounded outward to three significant digits of the span, never below 0 when no value was negative, whole for Int64; for String columns allowedValues when the values are few (at most 20 distinct, each seen at least twice on average), else a pattern when every value fits one identifier shape (runs of digits, lower- and upper-case letters and single punctuation characters, e.g. vm-001, vm-017 give ^[a-z]{2}-[0-9]{3}$). For the dataset: the row count widened by -RangeMargin, the key (-KeyColumn, which must be unique in this data), and freshness (-TimestampColumn): the age of its newest value now, widened by the margin and rounded up to the hour.'
        'Errors: DataCenterTools.ColumnNotFound (a -KeyColumn or -TimestampColumn the dataset lacks), DataContractKeyNotUnique (the key repeats in the good data: the draft would fail at once), NotATimestampColumn, FileExists (use -Force), PathIsDirectory, DirectoryNotFound.'
    )
    Parameters  = @{
        Dataset         = 'The good data to draft the contract from. Accepts a Dataset from the pipeline.'
        Path            = 'Where to write the contract as JSON. Without it the contract object is returned.'
        Force           = 'Replace an existing file at -Path.'
        KeyColumn       = 'The column, or columns together, that identify a row: the contract''s uniqueness rule. They must be unique in -Dataset.'
        TimestampColumn = 'A DateTime column that dates the rows: the contract''s freshness rule allows the age of its newest value at drafting time, widened by -RangeMargin.'
        RangeMargin     = 'How far bounds (column ranges, row count, freshness age) are widened beyond what the data shows, as a fraction of the observed span: 0.1 (default) is 10%; 0 keeps the observed bounds.'
        PassThru        = 'With -Path, also return the written file (FileInfo).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Draft a contract from a good day of telemetry, review it, then gate the nightly run'
            Code    = '$good = Import-Dataset ./telemetry_sample.csv
New-DataContract -Dataset $good -Path ./telemetry.contract.json -TimestampColumn timestamp -KeyColumn host, timestamp
code ./telemetry.contract.json   # review: tighten cpu_pct to 0..100, add allowed regions
Test-DataContract -Path ./incoming/*.csv -Contract ./telemetry.contract.json -ErrorOnViolation'
            Remarks = 'The JSON is meant to be read and edited: the draft says what the good data looked like, people say what it must look like.'
        }
        @{
            Title   = 'Edit the contract as an object'
            Code    = '$c = New-DataContract -Dataset $good
($c.Columns | Where-Object Name -eq cpu_pct).Max = 100
$good | Test-DataContract -Contract $c'
            Remarks = 'Rules are plain properties: Type, Nullable, Min, Max, AllowedValues, Pattern per column; MinRows, MaxRows, Key, FreshnessColumn, MaxAge on the contract.'
        }
    )
    Links       = @('Test-DataContract', 'about_DataContract', 'Get-DataDistribution')
}
