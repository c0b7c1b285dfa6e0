@{
    Synopsis    = 'Writes a Dataset to a CSV, TSV, JSON Lines or Parquet file, safely.'
    Description = @(
        'Export-Dataset writes a Dataset to -Path in the format given by -Format or by the extension (.csv, .tsv, .jsonl, .ndjson, .parquet; add .gz to compress text formats).'
        'The file is written to a temporary file in the same folder and renamed into place only when complete, so an interrupted export never leaves a half-written file and never harms an existing one. An existing file is replaced only with -Force. -WhatIf shows what would be written.'
        'Values are written so that Import-Dataset reads back the same values and types: numbers in invariant culture with full precision, dates in ISO 8601 (Z for UTC), missing cells empty in CSV and null in JSON Lines.'
        'The temporary file is owner-only (0600) while it is written and is named .<name>.dct-<pid>-<random>.tmp; one left behind by a killed process is removed by the next write into that folder. Without -Force the file is put in place with a move that fails when the name exists, so of two processes exporting to the same new path exactly one succeeds and the other gets DataCenterTools.FileExists. A full disk is DataCenterTools.DiskFull, a read-only file system DataCenterTools.DestinationReadOnly; neither leaves a file behind.'
        'CSV formula injection: a spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a formula (=HYPERLINK(...), =cmd|'' /C calc''!A0). -EscapeFormula prefixes such string cells with a single quote (as OWASP recommends), which spreadsheets show as text. It is on by default for a .csv file whose data went through Protect-Dataset (its lineage says so) or in which Find-SensitiveData''s scanner finds personal data; -EscapeFormula:$false turns it off. Only string columns are escaped: -1.5 in a numeric column is a number and is written as it is. An escaped cell reads back with its quote. Columns Protect-Dataset encrypted or tokenized are never escaped: their Base64 ciphertext may start with + and must reach Unprotect-Dataset unchanged.'
    )
    Parameters  = @{
        Dataset   = 'The Dataset to write. Accepts Datasets from the pipeline.'
        Path      = 'The output file, relative to the current location. Taken literally (no wildcards), so -LiteralPath is accepted as an alias.'
        Format    = 'Output format. Auto (default) decides from the extension.'
        Delimiter = 'Field separator for CSV output: one character, or "tab". Default comma (tab for .tsv).'
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
