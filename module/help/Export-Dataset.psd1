@{
    Synopsis    = 'Writes a Dataset to a CSV, TSV, JSON Lines or Parquet file, safely.'
    Description = @(
        'Export-Dataset writes a Dataset to -Path in the format given by -Format or by the extension (.csv, .tsv, .jsonl, .ndjson, .parquet; add .gz to compress text formats).'
        'The file is written to a temporary file in the same folder and renamed into place only when complete, so an interrupted export never leaves a half-written file and never harms an existing one. An existing file is replaced only with -Force. -WhatIf shows what would be written.'
        'Parquet files are written with Apache Arrow''s Parquet writer: dictionary-encoded text columns keep their dictionary (low-cardinality text such as host or region stays small), every column carries min/max/null-count statistics, row groups hold 1,048,576 rows and are written as they fill, and pages are compressed with -Compression (zstd by default). DateTime columns whose values are all UTC are written as timestamps with time zone (isAdjustedToUTC), others as wall-clock timestamps.'
        'Values are written so that Import-Dataset reads back the same values and types: numbers in invariant culture with full precision, dates in ISO 8601 (Z for UTC), missing cells empty in CSV and null in JSON Lines.'
    )
    Parameters  = @{
        Dataset   = 'The Dataset to write. Accepts Datasets from the pipeline.'
        Path      = 'The output file, relative to the current location. Taken literally (no wildcards), so -LiteralPath is accepted as an alias.'
        Format    = 'Output format. Auto (default) decides from the extension.'
        Delimiter = 'Field separator for CSV output: one character, or "tab". Default comma (tab for .tsv).'
        Compression = 'Parquet only: how pages are compressed. Zstd (default: level 1, about a third smaller than Snappy at about the same speed), Snappy (what Spark writes by default), Gzip (smallest, slowest) or None. Every codec is read by Spark, Trino, DuckDB and polars. For CSV, TSV and JSON Lines use a .gz extension instead; -Compression with them is an error.'
        Force     = 'Replace the file if it exists.'
        PassThru  = 'Return the written file as a FileInfo object.'
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
            Title   = 'See what would be replaced'
            Code    = '$ds | Export-Dataset ./clean.csv -Force -WhatIf'
            Remarks = 'Prints the action without writing anything.'
        }
    )
    Links       = @('Import-Dataset', 'about_DataCenterTools')
}
