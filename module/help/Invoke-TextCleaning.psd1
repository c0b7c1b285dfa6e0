@{
    Synopsis    = 'Cleans the text of a corpus: Unicode normalization, control and zero-width characters, whitespace, HTML to text, mojibake repair and boilerplate lines.'
    Description = @(
        'Invoke-TextCleaning returns the corpus with each documents text cleaned, and a cleaning_changes column naming the steps that changed it (html, mojibake, nfc, nfkc, control, boilerplate, whitespace). The steps run in that order.'
        'HTML to text uses AngleSharps HTML5 parser (the tree a browser builds): script, style, head and form controls are dropped, block elements end lines. Mojibake repair undoes UTF-8 read as Windows-1252 ("cafÃ©" becomes "café") only where the bytes decode as UTF-8 again, so real Portuguese or French text is never touched. Control characters other than newline and tab, and zero-width characters (U+200B, U+2060, U+FEFF, soft hyphen) are removed; the zero-width joiner and non-joiner stay, since emoji and Persian and Indic words need them.'
        'Boilerplate rules remove whole short lines (at most 200 characters): cookie banners, copyright and "All rights reserved" lines, privacy and terms links, newsletter and social prompts, navigation stubs; -BoilerplatePattern adds your own regular expressions.'
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
        Normalization = 'NFC (default), NFKC (also folds compatibility characters such as ligatures and full-width forms) or None.'
        Html = 'None (default), Auto (convert documents that look like HTML) or Always.'
        RepairMojibake = 'Repair UTF-8 text that was decoded as Windows-1252 or Latin-1, where that is safe (see the description).'
        RemoveBoilerplate = 'Remove boilerplate lines by the built-in rules.'
        BoilerplatePattern = 'More boilerplate line patterns (.NET regular expressions, case-insensitive); a short line that matches is removed.'
        KeepControlCharacters = 'Do not remove control and zero-width characters.'
        KeepWhitespace = 'Do not collapse spaces, trim lines and limit blank lines.'
        MinLength = 'Drop documents shorter than this many characters after cleaning (0, the default, keeps all).'
        Reject = 'Where dropped documents go, each with its reject_reason: a JSON Lines file for a Dataset, a folder for -Path.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Many files, four at a time'
            Code    = 'Invoke-TextCleaning -Path ./raw/*.jsonl.gz -OutputPath ./clean -ThrottleLimit 4'
            Remarks = 'One result per input file, in the order of the files; a damaged file is one error and the others are still written.'
        }
        @{
            Title   = 'Clean web pages'
            Code    = 'Import-Dataset ./crawl.jsonl.zst | Invoke-TextCleaning -Html Auto -RepairMojibake -RemoveBoilerplate'
            Remarks = 'Converts HTML documents to text, repairs mojibake and removes cookie banners and copyright lines.'
        }
        @{
            Title   = 'Stream a crawl'
            Code    = 'Invoke-TextCleaning -Path ./raw/*.jsonl.gz -OutputPath ./clean -Normalization NFKC -MinLength 200 -Reject ./clean-rejects'
            Remarks = 'Writes one cleaned file per input; a re-run skips the files already done.'
        }
    )
    Notes       = @('The input is never modified.')
    Links       = @('Test-TextQuality', 'Find-DuplicateText', 'about_DataCenterTools')
}
