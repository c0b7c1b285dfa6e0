@{
    Synopsis    = 'Scores documents by the Gopher, C4 and FineWeb quality rules: a column per measure, pass/fail and the first failed rule.'
    Description = @(
        'Test-TextQuality applies the published heuristic filters as HuggingFace datatrove implements them, with the papers thresholds as defaults: Gopher (Rae et al. 2021: word count 50-100,000, mean word length 3-10, hash and ellipsis to word ratios 0.1, bullet lines 0.9, ellipsis lines 0.3, alphabetic words 0.8, two stop words, and the repetition table: duplicate lines and paragraphs 0.3, their characters 0.2, top 2/3/4-gram 0.20/0.18/0.16, duplicated 5-10-gram 0.15 down to 0.10), C4 (Raffel et al. 2020: lines ending in terminal punctuation with at least 3 words are kept, at least 5 sentences, no "lorem ipsum", no curly bracket, javascript and cookie lines dropped, an optional bad-words list) and FineWeb (Penedo et al. 2024: line punctuation 0.12, short lines 0.67 at 30 characters, duplicated line characters 0.01, newlines per word 0.3).'
        'Each rule adds a Double column named after it (gopher_word_count, c4_min_sentences, fineweb_short_line_ratio, ...; empty where the rule does not apply), then quality_pass and quality_failed_rule, the first rule the document fails in the published order. With -Filter only passing documents are kept; -Reject writes every dropped document with its reason, so nothing disappears unexplained.'
        'CJK: a document whose letters are mostly Han or Kana is measured by characters: each Han or Kana character is a word (word count, alpha words, n-grams, FineWeb newline ratio), and 。！？ end lines and sentences (Unicode Sentence_Terminal). The mean word length and the English stop-word rules do not apply to CJK documents (their score is empty). Words elsewhere are split at whitespace with punctuation runs as words of their own, close to NLTKs tokenizer; sentences are counted at terminal punctuation (no abbreviation list).'
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
        Rule = 'The rule families: Gopher, C4, FineWeb (default: all three), in the order to apply them.'
        Threshold = 'Threshold overrides by name, e.g. @{ gopher_min_words = 20; fineweb_max_short_line_ratio = 0.8 }. An unknown name is an error that lists the known ones.'
        BadWordsPath = 'A file of bad words, one a line, for C4s bad-words rule (c4_bad_words). None is shipped; without it the rule does not run.'
        Filter = 'With a Dataset: keep only the documents that pass (with -Path, failing documents are always dropped from the output).'
        Reject = 'Where dropped documents go, each with its reject_reason (the failed rule): a JSON Lines file for a Dataset, a folder for -Path.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Many files, four at a time'
            Code    = 'Test-TextQuality -Path ./clean -OutputPath ./good -ThrottleLimit 4'
            Remarks = 'One result per input file, in the order of the files; a damaged file is one error and the others are still written.'
        }
        @{
            Title   = 'Score and keep the good documents'
            Code    = '$ds | Test-TextQuality -Filter -Reject ./rejects.jsonl'
            Remarks = 'Returns the passing documents with a column per measure; rejects.jsonl holds the others with reject_reason.'
        }
        @{
            Title   = 'Only FineWeb, looser short lines, streamed'
            Code    = 'Test-TextQuality -Path ./clean -OutputPath ./good -Rule FineWeb -Threshold @{ fineweb_max_short_line_ratio = 0.8 } -Reject ./bad'
            Remarks = 'One output per input file.'
        }
    )
    Notes       = @('Each rule is one class in src/DataCenterTools.Core/Text/Quality with its help paragraph and a test fixture.')
    Links       = @('Invoke-TextCleaning', 'Get-TextLanguage')
}
