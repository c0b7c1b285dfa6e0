@{
    Synopsis    = 'Writes a corpus as training shards (part-00000.jsonl.zst ...) with a manifest.json of rows, bytes, SHA-256, tokens and lineage.'
    Description = @(
        'Export-TrainingShard writes the Datasets from the pipeline, or the corpus files of -InputPath, into the folder -Path as shards named part-00000.jsonl.zst (or .jsonl.gz, .jsonl, .parquet), each written to a temp file and renamed into place. A new shard starts when the current one reaches -ShardSize bytes as written (compressed) or -ShardRows rows. Parquet shards are cut by rows (-ShardRows, or -ShardSize estimated from the Datasets size).'
        'Then manifest.json lists each shard with its rows, bytes, SHA-256 and token count (the sum of token_count when Measure-TextToken ran), the totals, the tokenizer, the columns and the lineage of the whole run. If anything fails, the shards of this run are removed: the folder holds a whole shard set or none. A folder that already holds shards needs -Force. Register-Dataset -Path <folder>/manifest.json records the shard set as one catalog entry.'
    )
    Parameters  = @{
        Dataset = 'The corpus to write. Accepts Datasets from the pipeline; several Datasets go into one shard set.'
        InputPath = 'Corpus files to stream into shards instead of a Dataset (JSON Lines shards only).'
        Path = 'The folder to write the shards and manifest.json into (created if missing).'
        ShardSize = 'Bytes per shard as written (default 256MB); PowerShells 256MB, 1GB suffixes work.'
        ShardRows = 'Rows per shard; when given, shards are cut by rows instead of size.'
        Format = 'JsonLines (default) or Parquet.'
        Compression = 'For JSON Lines: Zstd (default), Gzip or None.'
        TextColumn = 'The text field (default text, else content).'
        Force = 'Replace an existing shard set in -Path.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Shard a cleaned corpus'
            Code    = '$ds | Measure-TextToken | Export-TrainingShard -Path ./shards -ShardSize 256MB | Format-List Rows, Tokens, Shards'
            Remarks = 'Writes part-00000.jsonl.zst ... and manifest.json with token counts.'
        }
        @{
            Title   = 'Register the shard set'
            Code    = 'Register-Dataset -Path ./shards/manifest.json -Name corpus-v1'
            Remarks = 'One catalog entry whose SHA-256 (of the manifest) pins every shards.'
        }
    )
    Notes       = @()
    Links       = @('Measure-TextToken', 'Register-Dataset')
}
