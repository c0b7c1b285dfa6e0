@{
    Synopsis    = 'Reads CSV, TSV, JSON Lines or Parquet files (optionally gzip-compressed) into typed, columnar Datasets.'
    Description = @(
        'Import-Dataset reads each file into one Dataset: a typed, immutable, columnar table that the other DataCenterTools cmdlets take from the pipeline. Unlike Import-Csv it does not make one object per row, so it is many times faster and uses a fraction of the memory.'
        'Column types are inferred from the values: Int64 when every value is an integer, Double when every value is a number, Boolean for true/false (any case), DateTime for ISO 8601 dates and times, otherwise String. Cells equal to a null marker (by default empty, NA, N/A, NULL, null, NaN, nan) are missing. Use -Schema to fix a type; a cell that cannot be read as that type is an error naming its line and column.'
        'CSV follows RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF and LF line ends both work; blank lines are skipped. The delimiter is detected among comma, semicolon, tab and pipe unless -Delimiter is given. Text is UTF-8 unless a byte-order mark or -Encoding says otherwise; GB18030 and GBK read Chinese files from older systems.'
        'Bad input never loses data: a row with the wrong number of fields stops the import with a DataCenterTools.CsvRaggedRow error naming the file and line, unless -OnBadRow Skip drops such rows (with a warning) or -OnBadRow Quarantine copies each bad row verbatim into -QuarantinePath. The input file is never modified.'
        'Each Dataset records where it came from (path, format, size, SHA-256) in Source and how it was read in Lineage.'
        'With -CatalogName the file comes from the dataset catalog (see Register-Dataset): the latest version of that name, or -Version. Its SHA-256 is checked against the one recorded at registration before anything is loaded; a changed file stops with DataCenterTools.CatalogHashMismatch naming the file and both hashes, and an unknown name or version with DataCenterTools.CatalogEntryNotFound.'
        'With -CatalogName the entry''s access policy applies (see Register-Dataset -Reader): a caller who may not read it gets DataCenterTools.AccessDenied, and the denial is written to the audit log.'
    )
    Parameters  = @{
        Path           = 'Files to read. Wildcards are allowed and paths are relative to the current location. Accepts strings and file objects from the pipeline (Get-ChildItem *.csv | Import-Dataset).'
        LiteralPath    = 'Files to read, taken exactly as written (no wildcard expansion). Get-ChildItem output binds here through its PSPath property.'
        Format         = 'File format. Auto (default) decides from the extension (.csv, .tsv, .jsonl, .ndjson, .parquet, with or without .gz) and then from the content.'
        Delimiter      = 'Field separator for CSV: one character, or "tab". When omitted it is detected among , ; tab and |.'
        Encoding       = 'Text encoding when the file has no byte-order mark. Default UTF8.'
        NoHeader       = 'The first line is data, not column names. Columns are named Column1, Column2, ...'
        Column         = 'Read only these columns, in this order. Other columns are skipped while reading, which saves time and memory.'
        Schema         = 'A hashtable of column name to type (Int64, Double, Boolean, DateTime, String) that overrides inference, e.g. @{ rack = ''String''; power_w = ''Double'' }.'
        NullValue      = 'The cell texts that mean a missing value. Default: empty, NA, N/A, NULL, null, NaN, nan. Pass @() to treat every cell as a value.'
        OnBadRow       = 'What to do with a malformed row (wrong number of fields, invalid JSON line): Error (default) stops with an error; Skip drops it and warns; Quarantine writes it verbatim to -QuarantinePath.'
        QuarantinePath = 'The file that receives bad rows when -OnBadRow is Quarantine. Written atomically when the import finishes.'
        Force          = 'Replace an existing -QuarantinePath file.'
        DocumentPerFile = 'Read every file (folders expanded, sorted by path) as one plain UTF-8 document: the result is one Dataset with columns id (the path) and text. A file that is not valid UTF-8 is DataCenterTools.InvalidUtf8.'
        CatalogName    = 'Read the file that this catalog name points to (its latest version unless -Version is given), after verifying its SHA-256.'
        Version        = 'With -CatalogName: the catalog version to read.'
        ConnectionString = 'With -CatalogName: the catalog to use, an Npgsql connection string for PostgreSQL or Data Source=<file> for SQLite. Default: $env:DATACENTERTOOLS_CATALOG, else catalog.db in $env:DATACENTERTOOLS_HOME.'
    }
    Inputs      = @('System.String', 'System.IO.FileInfo')
    Examples    = @(
        @{
            Title   = 'Import a CSV file'
            Code    = 'Import-Dataset ./telemetry.csv'
            Remarks = 'Returns one Dataset with inferred column types. Show its columns with (Import-Dataset ./telemetry.csv).Schema.'
        }
        @{
            Title   = 'Import every CSV in a folder, compressed or not'
            Code    = 'Get-ChildItem ./logs -Filter *.csv* | Import-Dataset -Verbose'
            Remarks = 'One Dataset per file; -Verbose reports rows, columns and time taken.'
        }
        @{
            Title   = 'Read a semicolon file from a Chinese system, fixing two column types'
            Code    = 'Import-Dataset ./机房.csv -Encoding GB18030 -Delimiter '';'' -Schema @{ rack = ''String''; power_w = ''Double'' }'
            Remarks = 'Cells that are not valid numbers in power_w stop the import with DataCenterTools.SchemaTypeMismatch and the line number.'
        }
        @{
            Title   = 'Keep going past bad rows without losing them'
            Code    = 'Import-Dataset ./export.csv -OnBadRow Quarantine -QuarantinePath ./export.bad.csv'
            Remarks = 'Rows with the wrong number of fields are copied verbatim to export.bad.csv; the rest is imported.'
        }
        @{
            Title   = 'Open version 3 of a catalogued dataset'
            Code    = 'Import-Dataset -CatalogName telemetry -Version 3'
            Remarks = 'Fails with DataCenterTools.CatalogHashMismatch, loading nothing, if the file changed since it was registered.'
        }
    )
    Notes       = 'Errors have ErrorIds starting with DataCenterTools. (for example DataCenterTools.CsvRaggedRow, DataCenterTools.CsvUnterminatedQuote, DataCenterTools.EmptyFile, DataCenterTools.BinaryFile, DataCenterTools.JsonLinesInvalid, DataCenterTools.SchemaTypeMismatch, DataCenterTools.FileNotFound, DataCenterTools.CatalogEntryNotFound, DataCenterTools.CatalogHashMismatch, DataCenterTools.CatalogUnavailable).'
    Links       = @('Export-Dataset', 'ConvertTo-Dataset', 'ConvertFrom-Dataset', 'about_DataCenterTools')
}
