@{
    Synopsis    = 'Lists the data files under folders with format, size, rows, columns, last write time and owner, or totals per group.'
    Description = @(
        'Get-DatasetInventory finds the CSV, TSV, JSON Lines (.jsonl, .ndjson) and Parquet files (each optionally .gz) in the -Path folders (and below them with -Recurse), or takes data files named directly, and returns one DatasetFileInfo each: Path, Name, Directory, Format, Compressed, Length, RowCount, RowCountIsApproximate, ColumnCount, LastWriteTime and Owner.'
        'No file is loaded. For text formats the rows are counted from newlines in one pass (gzip decompressed on the fly): the newline count (plus one for a last line without one) less the header for CSV and TSV, the non-empty lines for JSON Lines. When a CSV or TSV file holds a double quote, a quoted field might span lines, so RowCountIsApproximate is true and the table shows ~ before the count. Columns come from the header line (delimiters inside quotes ignored) or the first JSON object. Parquet files are read from their footer metadata only (rows and top-level columns).'
        'Owner is the file''s owner as the FileSystem provider reports it (the User property on Linux and macOS); it is empty where the provider gives none (Windows).'
        'With -GroupBy Format, Directory or Owner the files are totalled instead: one DatasetInventoryGroup per group with Files, Length (bytes), RowCount and the files in Group.'
        'Errors (non-terminating, one per path or file): DataCenterTools.FileNotFound, InventoryUnreadable (a damaged gzip or Parquet file), ParquetInvalid (a gzip-compressed Parquet file).'
    )
    Parameters  = @{
        Path    = 'Folders or data files to list (wildcards allowed; default the current folder). Accepts Get-ChildItem output.'
        Recurse = 'Also list the data files in every subfolder.'
        GroupBy = 'Return totals per Format, Directory or Owner instead of one row per file.'
    }
    Inputs      = @('System.String (paths)')
    Examples    = @(
        @{
            Title   = 'What data is on this host'
            Code    = 'Get-DatasetInventory -Path /data -Recurse'
            Remarks = 'One row per data file, grouped by folder.'
        }
        @{
            Title   = 'Totals per format'
            Code    = 'Get-DatasetInventory -Path /data -Recurse -GroupBy Format'
            Remarks = 'Files, bytes and rows per format (Csv, Parquet, Csv (gz), ...).'
        }
    )
    Notes       = @(
        'Row counts of text files are newline counts: fast, and exact unless quoted fields hold newlines.'
    )
    Links       = @('Get-DataDistribution', 'Import-Dataset')
}
