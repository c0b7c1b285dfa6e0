@{
    Synopsis    = 'Identifies the language of each document (ISO 639-1 code and confidence) with Lingua; -Language keeps only the languages given.'
    Description = @(
        'Get-TextLanguage adds language (an ISO 639-1 code such as en, zh, de; "unknown" when Lingua cannot place the text) and language_confidence (0..1) to every document, using SearchPioneer.Lingua 2.0.0 offline with the language models the module ships.'
        'Accuracy Low (the default) loads only Linguas trigram models: on the lingua-rs test sentences it was as accurate as High within a few points for sentences and several times faster (bench/RESULTS.md, section TextLanguage, has the figures); High uses every n-gram model and helps most on texts under about 120 characters. -Candidate restricts the languages Lingua chooses among, which is faster and more accurate when you know them.'
        'With -Language, documents in other languages or below -MinConfidence are dropped (to -Reject with the reason "language xx (0.42)").'
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
        Language = 'Keep only documents in these languages (ISO 639-1 codes or English names: en, zh, German).'
        MinConfidence = 'With -Language: also drop documents whose confidence is below this (0..1).'
        Accuracy = 'Low (default: trigrams only, faster) or High (all models, better on short texts).'
        Candidate = 'The languages to choose among (default: all 75 Lingua knows).'
        Reject = 'Where dropped documents go, with their reject_reason: a JSON Lines file for a Dataset, a folder for -Path.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Many files, four at a time'
            Code    = 'Get-TextLanguage -Path ./clean -OutputPath ./english -Language en -ThrottleLimit 4'
            Remarks = 'One result per input file, in the order of the files; a damaged file is one error and the others are still written.'
        }
        @{
            Title   = 'Keep English and Chinese'
            Code    = '$ds | Get-TextLanguage -Language en,zh -MinConfidence 0.5 -Reject ./other-languages.jsonl'
            Remarks = 'Adds language and language_confidence and keeps English and Chinese documents.'
        }
    )
    Notes       = @('Lingua is the .NET port of lingua-rs (Apache-2.0).')
    Links       = @('Test-TextQuality')
}
