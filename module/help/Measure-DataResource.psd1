@{
    Synopsis    = 'Measures what data costs (disk, memory, Parquet, rows, tokens, growth per day) or what a training job needs (FLOPs, read bandwidth, checkpoint storage, wall time).'
    Description = @(
        'On data, Measure-DataResource returns one DataResourceResult per Dataset (pipeline), per file (-Path: files, folders, wildcards), per catalog name (Get-DatasetCatalog output) or per version-store name (Get-DatasetVersion -List output): Rows, Columns, DiskBytes (the file on disk; a Dataset''s source file), MemoryBytes (Dataset.EstimatedBytes: the typed column arrays at 8 bytes a Double, Int64 or DateTime cell and 1 a Boolean, the validity bitmaps, and the string characters, offsets or dictionary codes), ParquetBytes (only with -MeasureParquet), Tokens in the text columns, BytesPerToken, and growth per day. The table shows sizes as people read them (1.2 GB, 1024-based); the properties hold the exact numbers. Files and catalog entries are read whole into memory to measure them.'
        'Tokens are counted with the text pipeline''s tokenizer (Measure-TextToken: Microsoft.ML.Tokenizers, o200k_base by default) over -TextColumn, else over the column named text or content when the data has one; without a text column Tokens is empty. BytesPerToken = DiskBytes / Tokens (else ParquetBytes, else MemoryBytes, over Tokens).'
        'Growth per day is a least-squares line through the data''s history, slope = sum((t - mean t)(y - mean y)) / sum((t - mean t)^2) with t in days, for bytes (GrowthBytesPerDay) and rows (GrowthRowsPerDay); GrowthSource says what it was fitted on: "catalog versions (N)" (each version''s registered size and rows at its registration time; pipe Get-DatasetCatalog -AllVersions), "version store (N)" (each saved version''s stored file size and rows at its save time; pipe Get-DatasetVersion -List), or "file times (N files)" with -Path -Total (the running total of the files'' bytes and rows, each file counted at its last write time). With fewer than two points in time there is no growth, and Note says so; a history under one day still gives the fitted rate, and Note says it is extrapolated from so many minutes.'
        'For a training job (-Parameters N with -Tokens, or with measured data piped in) it returns one TrainingResourcePlan. Every figure and its source: Compute C = 6 N D FLOPs with D = Tokens x Epochs (2ND forward, 4ND backward; Kaplan et al. 2020, "Scaling Laws for Neural Language Models", section 2.1; GPT-3 175B on 300B tokens gives 3.14e23, as in Brown et al. 2020, Table D.1). Throughput from GPUs: tokens/s = GpuCount x GpuFlops x Utilization / (6 N). Wall time = C / (GpuCount x GpuFlops x Utilization), or D / TokensPerSecond when the throughput is given. Read bandwidth = tokens/s x bytes/token. Checkpoint = 16 N bytes for a full checkpoint with mixed-precision Adam state (2 bf16 weights + 2 gradients + 4 fp32 master weights + 4 momentum + 4 variance; Rajbhandari et al. 2020, "ZeRO", section 3.1), 2 N bytes for bf16 weights only; storage = 16 N x CheckpointCount. GpuHours = wall seconds x GpuCount / 3600.'
        'Without -TokensPerSecond or GPU figures the plan still gives compute and storage; throughput, bandwidth and wall time are empty, the Note says what they need, and a warning says it too.'
        'Errors: DataCenterTools.ResourcePlanInvalidNumber (a zero, negative or infinite number, or -Utilization over 1), ResourcePlanIncomplete (-GpuCount without -GpuFlops or the reverse), ResourcePlanConflict (both -TokensPerSecond and GPU figures), ResourcePlanNoTokens (no -Tokens and no counted tokens in the piped data), and per file FileNotFound, TextColumnNotFound, UnknownTokenizer and the readers'' errors (non-terminating: the other files go on).'
    )
    Parameters  = @{
        Dataset         = 'A Dataset to measure. Accepts Datasets from the pipeline.'
        Path            = 'Data files (CSV, TSV, JSON Lines, Parquet, optionally .gz) or folders of them to measure; wildcards allowed. Accepts Get-ChildItem output.'
        Recurse         = 'With a folder in -Path: also measure the data files in its subfolders.'
        Total           = 'With -Path: after the files, one more result (Kind Total) with their sums and the growth fitted on the files'' last write times.'
        CatalogEntry    = 'Catalog entries (Get-DatasetCatalog, -AllVersions for growth). One result per name: its latest version''s file measured, growth over its versions.'
        SavedVersion    = 'Version-store entries (Get-DatasetVersion -List). One result per name: the latest version''s rows and stored size, growth over its versions; nothing is loaded (pipe Get-DatasetVersion''s Dataset for memory and tokens).'
        TextColumn      = 'The text columns to count tokens in. Default: text, else content, where the data has one. A missing column is DataCenterTools.TextColumnNotFound.'
        Tokenizer       = 'The tokenizer, as for Measure-TextToken: o200k_base (default), cl100k_base, gpt2, or a SentencePiece .model file.'
        MeasureParquet  = 'Also write the data as Parquet (the module''s writer, zstd) to a temp file in the system temp folder to measure ParquetBytes; the file is removed. Costs a full write per input.'
        Parameters      = 'The training job''s model size N in parameters, e.g. 7e9. Selects the training-plan form.'
        Tokens          = 'Training tokens per epoch, e.g. 2e12. Default: the tokens counted in the Measure-DataResource results piped in.'
        Epochs          = 'Passes over the data (default 1; fractions allowed). D = Tokens x Epochs.'
        TokensPerSecond = 'The measured training throughput in tokens per second; wall time = D / TokensPerSecond. Not with -GpuCount/-GpuFlops.'
        GpuCount        = 'The number of GPUs; with -GpuFlops, tokens/s = GpuCount x GpuFlops x Utilization / (6 N).'
        GpuFlops        = 'Peak FLOP/s of one GPU at the training precision, e.g. 989e12 for an NVIDIA H100 SXM at dense BF16.'
        Utilization     = 'Model FLOPs utilization (MFU): the share of peak FLOP/s the training really achieves, a fraction in (0, 1]. Default 0.4, about what well-tuned large dense training reaches (PaLM reported 46% MFU).'
        BytesPerToken   = 'Bytes read per training token. Default: measured from the piped data (their bytes over their tokens), else 4 (about 4 UTF-8 characters of English text per GPT-style BPE token; also int32 token ids). Use 2 for pre-tokenized uint16 ids.'
        CheckpointCount = 'How many full checkpoints are kept (default 1); storage = 16 N bytes each.'
        Resource        = 'Measure-DataResource results of the training corpus (from the pipeline): their tokens become -Tokens and their bytes per token -BytesPerToken unless those are given.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset', 'System.String (paths)', 'DataCenterTools.Core.Management.CatalogEntry', 'DataCenterTools.Core.Management.DatasetVersionInfo', 'DataCenterTools.Core.Operations.DataResourceResult')
    Outputs     = @('DataCenterTools.Core.Operations.DataResourceResult', 'DataCenterTools.Core.Operations.TrainingResourcePlan')
    Examples    = @(
        @{
            Title   = 'What a folder of data costs, and how fast it grows'
            Code    = 'Measure-DataResource -Path /data/telemetry/*.csv -Total -MeasureParquet'
            Remarks = 'One row per file (rows, disk, memory, Parquet), then the total with growth per day fitted on the files'' last write times.'
        }
        @{
            Title   = 'Growth of a catalogued dataset'
            Code    = 'Get-DatasetCatalog -Name telemetry -AllVersions | Measure-DataResource'
            Remarks = 'The latest version''s file measured; GrowthBytesPerDay and GrowthRowsPerDay fitted over every registered version.'
        }
        @{
            Title   = 'A 7B model on 2T tokens on 1024 H100s'
            Code    = 'Measure-DataResource -Parameters 7e9 -Tokens 2e12 -GpuCount 1024 -GpuFlops 989e12 -Utilization 0.4 -CheckpointCount 3'
            Remarks = 'Flops 8.40e22 (6 N D), about 2.4 days of wall time, 112 GB (104.31 GiB, shown as GB) per full checkpoint.'
        }
        @{
            Title   = 'A plan from the measured corpus'
            Code    = 'Measure-DataResource -Path corpus/*.jsonl | Measure-DataResource -Parameters 1.3e9 -Epochs 2 -TokensPerSecond 4e5'
            Remarks = 'The counted tokens are the tokens per epoch, and the corpus'' own bytes per token give the read bandwidth.'
        }
    )
    Notes       = @(
        '6 N D counts the dense matrix multiplies of a decoder-only transformer and leaves out attention over the context (2 x layers x context x width per token, small next to N for most models) and any activation recomputation (add about a third for full recomputation).'
        'Sizes in the table are 1024-based (KB, MB, GB, TB); DiskBytes, MemoryBytes, ParquetBytes, CheckpointBytes and the other *Bytes properties hold exact byte counts.'
    )
    Links       = @('Measure-TextToken', 'Get-DatasetInventory', 'Get-DatasetCatalog', 'Get-DatasetVersion')
}
