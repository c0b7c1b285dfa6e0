@{
    Synopsis    = 'Counts tokens per document (token_count) with a named, pinned tokenizer; totals go to -ReportVariable.'
    Description = @(
        'Measure-TextToken adds token_count (Int64) to every document, counted with Microsoft.ML.Tokenizers 2.0.1 and its offline data packages: o200k_base (GPT-4o, the default), cl100k_base (GPT-4) and gpt2, or a SentencePiece tokenizer.model file (Llama 2, Mistral), pinned by its SHA-256. The tokenizers name and pin are in the lineage (and in Export-TrainingShards manifest). Hugging Face tokenizer.json files are refused (DataCenterTools.TokenizerNotSupported): this library version cannot load them.'
        'The distribution of document lengths in tokens comes from Get-DataDistribution -Column token_count on the result.'
        'Every text cmdlet works on an in-memory Dataset or, with -Path and -OutputPath, as a streaming run over files in bounded memory, resumable per input file, with a progress bar over the input bytes.'
        'With -Path, -ThrottleLimit N (1-64) processes up to N input files at once, each with its share of the cores for its batches. The per-file results still come out in input order and the run manifest records each file as it is written; a bad file (missing, unreadable, malformed) is a non-terminating error naming it and the other files are processed. The default is 1 because one file already keeps every core busy with its batches; more at once pays off for many small or gzip-compressed files (a .gz inflates on one core).'
    )
    Parameters  = @{
        ThrottleLimit = 'With -Path: how many input files are processed at once (1-64, default 1). Results keep the input order.'
        Dataset        = 'The corpus as a Dataset (Import-Dataset of JSON Lines, .gz, .zst or Parquet). Accepts Datasets from the pipeline; the result is a new Dataset.'
        Path           = 'Corpus files to stream instead of a Dataset: JSON Lines (plain, .gz, .zst), Parquet, folders (every corpus file under them, sorted) and wildcards. Each input file becomes one output file in -OutputPath.'
        OutputPath     = 'With -Path: the folder that receives one <name>.jsonl.zst per input file, written through a temp file and renamed into place, and _run-manifest.json, which lets a re-run with the same settings skip finished files.'
        TextColumn     = 'The field that holds the text. Default: text, else content. A missing field is DataCenterTools.TextColumnNotFound, which lists the nearest names.'
        IdColumn       = 'The field that holds the document id. Default: id when present, else a stable id made of the file name and the line number (part-0001.jsonl:17).'
        DocumentPerFile = 'With -Path: every file is one plain UTF-8 document (its path is the id), and all of them go to one output, documents.jsonl.zst.'
        OnBadRow       = 'What a bad line does (not JSON, not an object, not valid UTF-8, no text field, over 64 MiB): Error (default) stops with its line number, Skip counts it and warns, Quarantine copies it verbatim to -QuarantinePath.'
        QuarantinePath = 'With -OnBadRow Quarantine and -Path: the folder that receives <name>.bad.txt with each input file''s bad lines.'
        Compression    = 'With -Path: Zstd (default, .jsonl.zst), Gzip (.jsonl.gz) or None (.jsonl) for the output files.'
        BatchSizeMB    = 'With -Path: documents are processed in batches of about this many megabytes of text (default 8): the bound on memory whatever the corpus size.'
        Force          = 'Replace existing output files and start over when -OutputPath holds a run with other settings.'
        Tokenizer = 'o200k_base (default), cl100k_base, gpt2, or the path of a SentencePiece .model file. An unknown name is DataCenterTools.UnknownTokenizer; a file that does not parse, DataCenterTools.TokenizerInvalid.'
        Column = 'The name of the added column (default token_count).'
        ReportVariable = 'A variable (without $) that receives the TokenCountSummary: tokenizer, pin, documents, tokens, min, max, mean.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Many files, four at a time'
            Code    = 'Measure-TextToken -Path ./clean -OutputPath ./counted -ThrottleLimit 2'
            Remarks = 'One result per input file, in the order of the files; a damaged file is one error and the others are still written.'
        }
        @{
            Title   = 'Count and look at the distribution'
            Code    = '$ds | Measure-TextToken -Tokenizer cl100k_base -ReportVariable t | Get-DataDistribution -Column token_count; $t'
            Remarks = 'Counts GPT-4 tokens, shows the length distribution, then the totals.'
        }
    )
    Notes       = @('Counts include no special tokens.')
    Links       = @('Export-TrainingShard', 'Get-DataDistribution')
}
