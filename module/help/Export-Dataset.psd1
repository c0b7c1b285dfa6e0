@{
    Synopsis    = 'Writes a Dataset to a CSV, TSV, JSON Lines or Parquet file, safely.'
    Description = @(
        'Export-Dataset writes a Dataset to -Path in the format given by -Format or by the extension (.csv, .tsv, .jsonl, .ndjson, .parquet; add .gz to compress text formats).'
        'The file is written to a temporary file in the same folder and renamed into place only when complete, so an interrupted export never leaves a half-written file and never harms an existing one. An existing file is replaced only with -Force. -WhatIf shows what would be written.'
        'Parquet files are written with Apache Arrow''s Parquet writer: dictionary-encoded text columns keep their dictionary (low-cardinality text such as host or region stays small), every column carries min/max/null-count statistics, row groups hold 1,048,576 rows and are written as they fill, and pages are compressed with -Compression (zstd by default). DateTime columns whose values are all UTC are written as timestamps with time zone (isAdjustedToUTC), others as wall-clock timestamps.'
        'Values are written so that Import-Dataset reads back the same values and types: numbers in invariant culture with full precision, dates in ISO 8601 (Z for UTC), missing cells empty in CSV and null in JSON Lines.'
        'The temporary file is owner-only (0600) while it is written and is named .<name>.dct-<pid>-<random>.tmp; one left behind by a killed process is removed by the next write into that folder. Without -Force the file is put in place with a move that fails when the name exists, so of two processes exporting to the same new path exactly one succeeds and the other gets DataCenterTools.FileExists. A full disk is DataCenterTools.DiskFull, a read-only file system DataCenterTools.DestinationReadOnly; neither leaves a file behind.'
        'CSV formula injection: a spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a formula (=HYPERLINK(...), =cmd|'' /C calc''!A0). -EscapeFormula prefixes such string cells with a single quote (as OWASP recommends), which spreadsheets show as text. It is on by default for a .csv file whose data went through Protect-Dataset (its lineage says so) or in which Find-SensitiveData''s scanner finds personal data; -EscapeFormula:$false turns it off. Only string columns are escaped: -1.5 in a numeric column is a number and is written as it is. An escaped cell reads back with its quote. Columns Protect-Dataset encrypted or tokenized are never escaped: their Base64 ciphertext may start with + and must reach Unprotect-Dataset unchanged.'
        'With -PartitionBy region,day, -Path is a folder written as Hive-style partitioned Parquet, the layout Spark, Trino, DuckDB (read_parquet(''dir/**/*.parquet'', hive_partitioning = true)) and polars read as one table: one region=<value>/day=<value>/part-0.parquet per combination of values, rows in their original order, the partition columns held only in the folder names. Dates are written yyyy-MM-dd, numbers in invariant culture (a whole Double as 2.0), booleans as true/false and a missing value as __HIVE_DEFAULT_PARTITION__. A value that cannot be one folder name safely (containing / \ = : % or a control character, ., .., the empty string, a date with a time of day) is DataCenterTools.PartitionValueInvalid naming the column and row, before anything is written. The folder is written into a temporary folder beside it (.<name>.dct-<pid>-<random>.tmp) and renamed into place when every file is written, so a failure or Ctrl+C leaves neither a partial folder nor a temporary one; an existing folder is DataCenterTools.FolderExists unless -Force replaces it whole. Import-Dataset <folder> reads it back.'
    )
    Parameters  = @{
        Dataset   = 'The Dataset to write. Accepts Datasets from the pipeline.'
        Path      = 'The output file, relative to the current location. Taken literally (no wildcards), so -LiteralPath is accepted as an alias.'
        Format    = 'Output format. Auto (default) decides from the extension.'
        Delimiter = 'Field separator for CSV output: one character, or "tab". Default comma (tab for .tsv).'
        Compression = 'Parquet only: how pages are compressed. Zstd (default: level 1, about a third smaller than Snappy at about the same speed), Snappy (what Spark writes by default), Gzip (smallest, slowest) or None. Every codec is read by Spark, Trino, DuckDB and polars. For CSV, TSV and JSON Lines use a .gz extension instead; -Compression with them is an error.'
        PartitionBy = 'Columns to partition by: -Path becomes a folder of Hive-style partitioned Parquet (column=value/part-0.parquet). Parquet only.'
        Force     = 'Replace the file if it exists.'
        PassThru  = 'Return the written file as a FileInfo object.'
        EscapeFormula = 'Prefix '' to string cells that start with = + - @, tab or CR (CSV and TSV). Default: on for .csv output of protected or sensitive data, off otherwise; -EscapeFormula:$false turns it off.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Convert CSV to Parquet for Spark, Trino or DuckDB'
            Code    = 'Import-Dataset ./telemetry.csv | Export-Dataset ./telemetry.parquet'
            Remarks = 'Types are kept: Int64, Double, Boolean, DateTime and String columns.'
        }
        @{
            Title   = 'Parquet for a reader that only knows Snappy'
            Code    = 'Import-Dataset ./telemetry.csv | Export-Dataset ./telemetry.parquet -Compression Snappy'
            Remarks = 'Snappy decompresses fastest and is the oldest codec every Parquet reader knows; zstd files are smaller.'
        }
        @{
            Title   = 'Write a partitioned folder for Spark, Trino or DuckDB'
            Code    = '$ds | Export-Dataset ./telemetry -PartitionBy region,day'
            Remarks = 'Writes ./telemetry/region=cn-east/day=2026-11-01/part-0.parquet and so on; Import-Dataset ./telemetry reads it back as one Dataset.'
        }
        @{
            Title   = 'See what would be replaced'
            Code    = '$ds | Export-Dataset ./clean.csv -Force -WhatIf'
            Remarks = 'Prints the action without writing anything.'
        }
        @{
            Title = 'Hand a CSV to people who open it in a spreadsheet'
            Code = '$ds | Export-Dataset ./for-finance.csv -EscapeFormula'
            Remarks = 'A cell =HYPERLINK("http://x") is written as ''=HYPERLINK("http://x"), shown as text, never run.'
        }
    )
    Links       = @('Import-Dataset', 'about_DataCenterTools')
}
