@{
    Synopsis    = 'Finds training documents that contain 13-grams of evaluation items (exact matching, the GPT-3 method); -Remove Drop or Cut cleans them.'
    Description = @(
        'Test-TextContamination reads the evaluation items (-Benchmark: JSON Lines or Parquet, text field by -BenchmarkTextColumn, id by id or file:line) and marks each training document with contaminated, contamination_items (the ids of the items it overlaps) and contamination_ngrams. Tokens are lowercased runs of letters and digits (a Han or Kana character is one token); an item shorter than -NGram tokens is matched by its whole token sequence, so short questions are not skipped.'
        'Matching is exact: the n-grams themselves are the keys, so there are no hash or Bloom-filter false positives. -Remove Drop drops contaminated documents; Cut removes the matched spans from the text and keeps the rest. -ReportVariable receives one ContaminationItem per evaluation item (ItemId, Documents, DocumentIds).'
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
        Benchmark = 'The evaluation files (JSON Lines, .gz, .zst, Parquet; wildcards and folders).'
        BenchmarkTextColumn = 'The text field of the evaluation items (default text, else content).'
        NGram = 'The n-gram length in tokens (default 13, as GPT-3).'
        Remove = 'Report (default: mark only), Drop (remove contaminated documents) or Cut (remove the matched spans).'
        Reject = 'With -Remove Drop: where dropped documents go, a JSON Lines file for a Dataset, a folder for -Path.'
        ReportVariable = 'A variable (without $) that receives the per-item report, contaminated items first.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Many files, four at a time'
            Code    = 'Test-TextContamination -Path ./clean -OutputPath ./decontaminated -Benchmark ./eval/*.jsonl -ThrottleLimit 4'
            Remarks = 'One result per input file, in the order of the files; a damaged file is one error and the others are still written.'
        }
        @{
            Title   = 'Decontaminate against a benchmark'
            Code    = '$ds | Test-TextContamination -Benchmark ./eval/*.jsonl -Remove Cut -ReportVariable items; $items | Where-Object Documents -gt 0'
            Remarks = 'Cuts every 13-gram overlap out of the training text and lists which items were found where.'
        }
    )
    Notes       = @()
    Links       = @('Remove-DuplicateText')
}
