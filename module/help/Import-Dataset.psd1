@{
    Synopsis    = 'Reads CSV, TSV, JSON Lines or Parquet files (optionally gzip-compressed) into typed, columnar Datasets.'
    Description = @(
        'Import-Dataset reads each file into one Dataset: a typed, immutable, columnar table that the other DataCenterTools cmdlets take from the pipeline. Unlike Import-Csv it does not make one object per row, so it is many times faster and uses a fraction of the memory.'
        'Column types are inferred from the values: Int64 when every value is an integer, Double when every value is a number, Boolean for true/false (any case), DateTime for ISO 8601 dates and times, otherwise String. Cells equal to a null marker (by default empty, NA, N/A, NULL, null) are missing. Use -Schema to fix a type; a cell that cannot be read as that type is an error naming its line and column.'
        'Inference never destroys data. An Int64 column that later holds 2.1 becomes Double; one that later holds text becomes String, with a warning naming the first line that forced it. Codes with a leading zero or a plus sign (00501, +14155550100) stay String, and so does a column holding a whole number too large for Int64 (with a warning), so no zero or digit is lost; -Schema reads such columns as numbers if that is what you want. NaN, inf and Infinity are Double values; -NonFinite Missing reads them as missing and says how many.'
        'CSV follows RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF and LF line ends both work; blank lines are skipped. The delimiter is detected among comma, semicolon, tab and pipe (and a single space when a file has none of them) unless -Delimiter is given, which may be several characters (", " or ";\t") or a control character ("\u0001"). Text right after a closing quote ("1"x) is a DataCenterTools.CsvQuoteInvalid error. A quote that takes in line breaks and delimiters, as in files whose quotes are part of the text, is reported in a warning naming the line where it opened and how many lines it spans: read such files with -Quote None. Text is UTF-8 unless a byte-order mark or -Encoding says otherwise; bytes that are not valid in the encoding are replaced with U+FFFD and a warning names the first line. GB18030 and GBK read Chinese files from older systems.'
        'Every read that yields fewer rows than the file has lines (header and blank lines aside) says so: -Verbose prints the count, and the Dataset''s ImportReport holds the lines read, rows, blank lines, bad rows, rows whose quoted fields span several lines and the warnings of the read.'
        'Limits keep a small hostile file from exhausting memory; each stops the read with an error that names the parameter raising it: -MaxDecompressionRatio (default 100: a .gz may expand to 100 times the compressed bytes read so far, checked after the first 16 MiB; DataCenterTools.DecompressionLimitExceeded), -MaxColumns (default 16,384; DataCenterTools.TooManyColumns), -MaxCells (rows x columns in one Dataset, default 500,000,000; DataCenterTools.TooManyCells) and -MaxFieldLength (characters in one CSV field or one JSON Lines line, default 16,777,216; DataCenterTools.FieldTooLarge; a CSV row can never exceed 16,777,216 characters, the CSV parser''s own limit). To summarise a file larger than memory, give it to Get-DataDistribution -Path, which reads it in chunks.'
        'A .gz file must end with its gzip end marker and size check: a file cut short (a copy that did not finish) is DataCenterTools.CompressedFileTruncated, naming the file and the bytes read, and nothing is returned. A damaged one is DataCenterTools.GzipInvalid.'
        'Bad input never loses data: a row with the wrong number of fields stops the import with a DataCenterTools.CsvRaggedRow error naming the file and line, unless -OnBadRow Skip drops such rows (with a warning) or -OnBadRow Quarantine copies each bad row verbatim into -QuarantinePath. The input file is never modified.'
        'Each Dataset records where it came from (path, format, size, SHA-256) in Source and how it was read in Lineage.'
        'With -CatalogName the file comes from the dataset catalog (see Register-Dataset): the latest version of that name, or -Version. Its SHA-256 is checked against the one recorded at registration before anything is loaded; a changed file stops with DataCenterTools.CatalogHashMismatch naming the file and both hashes, and an unknown name or version with DataCenterTools.CatalogEntryNotFound.'
        'With -CatalogName the entry''s access policy applies (see Register-Dataset -Reader): a caller who may not read it gets DataCenterTools.AccessDenied, and the denial is written to the audit log.'
        'A folder is read as one Dataset: a Hive-style partitioned folder (region=cn-east/day=2026-11-01/part-0.parquet, as Export-Dataset -PartitionBy, Spark, DuckDB and polars write it) or a plain folder of files with the same columns. Files are read in the order of their sorted relative paths; names starting with . or _ (such as _SUCCESS) are skipped. The partition columns come after the files'' columns, typed from the folder values as the engines do: Int64 when every value is an integer written plainly (007 stays String), Double for numbers, DateTime for yyyy-MM-dd, Boolean for true/false, else String; __HIVE_DEFAULT_PARTITION__ is missing and %XX escapes are decoded. -Schema @{ day = ''String'' } keeps a partition column as its folder text. Files whose columns differ widen Int64 to Double as Merge-Dataset does; any other clash is DataCenterTools.SchemaMismatch naming the file and the column, and a file outside the partition layout is DataCenterTools.PartitionLayoutInvalid.'
        '-ThrottleLimit N (1-64) reads up to N files at once. The Datasets still come out in input order, at most N read ahead of the one being written; a bad file (missing, unreadable, malformed) is a non-terminating error naming the file (TargetObject is its path) and the rest are read. Files arriving one per pipeline object are gathered and read when the input ends; one progress bar counts the files and bytes done. The default is 1, not the number of cores, because the readers already parse one large file on all cores: files one after another use the machine well and keep the per-file progress and each result written as soon as its file is done. More at once pays off for many small or gzip-compressed files (a .gz inflates on one core); each file then parses with its share of the cores.'
    )
    Parameters  = @{
        ThrottleLimit  = 'How many files are read at once (1-64, default 1: one after another as they arrive). Output keeps the input order; progress counts files and bytes done.'
        Path           = 'Files to read. Wildcards are allowed and paths are relative to the current location. Accepts strings and file objects from the pipeline (Get-ChildItem *.csv | Import-Dataset).'
        LiteralPath    = 'Files to read, taken exactly as written (no wildcard expansion). Get-ChildItem output binds here through its PSPath property.'
        Format         = 'File format. Auto (default) decides from the extension (.csv, .tsv, .jsonl, .ndjson, .parquet, with or without .gz) and then from the content.'
        Delimiter      = 'Field separator for CSV: one or more characters (", " for UCI Adult, ";`t"), "tab", "space", or an escape such as "\u0001" (Hive). When omitted it is detected among , ; tab and |, then a single space.'
        Header         = 'Column names for a delimited file, one per field. With -NoHeader they name the columns of a headerless file; without it they replace the file''s header row. A count that does not match the fields is DataCenterTools.HeaderMismatch.'
        Quote          = 'The quote character: " (default, RFC 4180) or None, which reads quotes as text like any other character. Use None for files such as the UCI sentiment sentences, whose quotes are part of the text.'
        TrimSpace      = 'Skip spaces around fields, as after the ", " separators of UCI Adult (39, State-gov, ...). -NullValue is matched after trimming, so -NullValue ''?'' finds " ?".'
        NonFinite      = 'NaN and infinite numbers: Keep (default) reads them as Double values; Missing reads them as missing and warns with the count per column.'
        MaxDecompressionRatio = 'How many bytes a compressed file may expand to per compressed byte read so far, once 16 MiB have been decompressed. Default 100 (CSV and JSON usually compress 3 to 20 times; a decompression bomb reaches about 1,000). Raise it for trusted, very repetitive files.'
        MaxColumns     = 'The most columns one Dataset may have. Default 16,384 (the widest sheet a spreadsheet holds). A JSON Lines file whose lines each bring new keys stops here instead of growing without end.'
        MaxCells       = 'The most cells (rows x columns) one Dataset may hold. Default 500,000,000, about 4 GB or more of memory. Raise it on a machine with the memory, read fewer columns with -Column, or summarise the file with Get-DataDistribution -Path.'
        MaxFieldLength = 'The most characters in one CSV field or one JSON Lines line. Default 16,777,216. A CSV row is held whole by the parser and cannot exceed 16,777,216 characters whatever this says.'
        Encoding       = 'Text encoding when the file has no byte-order mark. Default UTF8.'
        NoHeader       = 'The first line is data, not column names. Columns are named Column1, Column2, ...'
        Column         = 'Read only these columns, in this order. Other columns are skipped while reading, which saves time and memory.'
        Schema         = 'A hashtable of column name to type (Int64, Double, Boolean, DateTime, String) that overrides inference, e.g. @{ rack = ''String''; power_w = ''Double'' }.'
        NullValue      = 'The cell texts that mean a missing value. Default: empty, NA, N/A, NULL, null (NaN is a number; see -NonFinite). Pass @() to treat every cell as a value. Matched after trimming with -TrimSpace.'
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
            Title   = 'Read many files four at a time'
            Code    = 'Import-Dataset ./logs/*.csv.gz -ThrottleLimit 4'
            Remarks = 'One Dataset per file, in the order of the files; a damaged file is one error and the others are still read.'
        }
        @{
            Title   = 'Import a CSV file'
            Code    = 'Import-Dataset ./telemetry.csv'
            Remarks = 'Returns one Dataset with inferred column types. Show its columns with (Import-Dataset ./telemetry.csv).Schema.'
        }
        @{
            Title   = 'Import a partitioned Parquet folder'
            Code    = 'Import-Dataset ./telemetry -Schema @{ region = ''String'' }'
            Remarks = 'One Dataset of every part-0.parquet under ./telemetry, with region (kept as text) and day restored from the folder names.'
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
            Title   = 'Read UCI Adult: no header, ", " separators, ? for missing'
            Code    = 'Import-Dataset ./adult.data -NoHeader -Header age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,income -TrimSpace -NullValue ''?'''
            Remarks = 'All 32,561 rows, strings without their leading space, and ? cells missing (1,836 in workclass). -Delimiter '', '' instead of -TrimSpace does the same.'
        }
        @{
            Title   = 'Read a file whose quotes are text'
            Code    = 'Import-Dataset ./imdb_labelled.txt -NoHeader -Header sentence,label -Delimiter tab -Quote None -Verbose'
            Remarks = 'All 1,000 sentences. Without -Quote None a quote opened on line 19 swallows the next line and the import warns, naming that line; -Verbose and $ds.ImportReport.Summary say how many rows came from how many lines.'
        }
        @{
            Title   = 'Check that every line became a row'
            Code    = '$ds = Import-Dataset ./export.csv; $ds.ImportReport | Format-List Path, LinesRead, Rows, BlankLines, BadRows, MultiLineRows, Complete, Summary'
            Remarks = 'Complete is True when every line that is not the header or blank became a row.'
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
    Notes       = 'Errors have ErrorIds starting with DataCenterTools. (for example DataCenterTools.CsvRaggedRow, DataCenterTools.CsvUnterminatedQuote, DataCenterTools.EmptyFile, DataCenterTools.BinaryFile, DataCenterTools.JsonLinesInvalid, DataCenterTools.SchemaTypeMismatch, DataCenterTools.CsvQuoteInvalid, DataCenterTools.HeaderMismatch, DataCenterTools.CompressedFileTruncated, DataCenterTools.GzipInvalid, DataCenterTools.DecompressionLimitExceeded, DataCenterTools.TooManyColumns, DataCenterTools.TooManyCells, DataCenterTools.FieldTooLarge, DataCenterTools.FileNotFound, DataCenterTools.CatalogEntryNotFound, DataCenterTools.CatalogHashMismatch, DataCenterTools.CatalogUnavailable).'
    Links       = @('Export-Dataset', 'ConvertTo-Dataset', 'ConvertFrom-Dataset', 'about_DataCenterTools')
}
