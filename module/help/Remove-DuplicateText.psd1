@{
    Synopsis    = 'Removes exact and near-duplicate documents, keeping one per cluster by -Keep; documents matching a -Reference corpus are removed too.'
    Description = @(
        'Remove-DuplicateText finds duplicates as Find-DuplicateText does and keeps one document per cluster: the first, the longest or the newest (-Keep), or none when the cluster holds a reference document.'
        'Near-duplicates follow datatroves MinHash scheme: the text is normalized (as -Method Exact describes), cut into word 5-grams, each hashed with xxHash3, and signed by 112 permutations h(x) = (a x + b) mod (2^61 - 1) (computed exactly in 128 bits); the signatures 14 bands of 8 values are the LSH buckets. Documents sharing a bucket are candidates; a candidate pair is a duplicate when the signatures agree on at least -Threshold of the permutations (or with -Verify when the exact Jaccard similarity reaches it). Clusters are the connected components of all verified pairs.'
        'Three columns are added: cluster_id (the position of the clusters first document; empty for a document without duplicates), duplicate_of (the id of the kept document; empty for kept documents) and similarity (to the kept document).'
        'Deterministic: hash parameters come from the seed, clusters are connected components and ties go to the first document, so the same input and settings give byte-identical output on any machine and any thread count.'
        'Scale: over -Path, sketches are written to -OutputPath\_dedup (one file per input, reused by a re-run), bucket records are sorted externally in bounded runs, and only candidates sketches are read back; memory holds one sort buffer, one batch and three numbers per document.'
        'Every text cmdlet works on an in-memory Dataset or, with -Path and -OutputPath, as a streaming run over files in bounded memory, resumable per input file, with a progress bar over the input bytes.'
        'With -Path, -ThrottleLimit N (1-64) writes up to N output files at once in the final pass. The first pass (sketching every document) reads one file at a time, because duplicates are decided across all the files together and the first seen must stay first; that pass is not made parallel by file. The results still come out in input order. Default 1.'
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
        Method = 'MinHash (default: near-duplicates) or Exact (the same text after normalization: lowercase, numbers as 0, punctuation as space, whitespace collapsed, accents removed; xxHash128 of that text).'
        Threshold = 'The Jaccard similarity at which two documents are duplicates, in (0, 1]; default 0.8. Another value is DataCenterTools.InvalidThreshold.'
        NGram = 'Shingle size in -Unit tokens (default 5 words, as datatrove).'
        Unit = 'Word (default; a Han or Kana character is a word) or Char shingles.'
        Permutations = 'MinHash permutations (default 112 = 14 bands x 8).'
        Bands = 'LSH bands (default 14). -Permutations must be a multiple of it.'
        Seed = 'The seed of the hash functions (default 1). Every machine with the same seed gives the same result.'
        Verify = 'Check candidate pairs by the exact Jaccard similarity of their shingle sets instead of the MinHash estimate (Datasets only).'
        ShortDocument = 'Documents with fewer tokens than -NGram have no shingle: Exact (default) makes them duplicates only of the same normalized text; Keep never makes them duplicates. They are counted in the summary, never collapsed together.'
        Keep = 'Which document of a cluster is kept: First (default), Longest, or Newest (by -DateColumn). Ties go to the first. A reference document is always the one kept.'
        DateColumn = 'With -Keep Newest: the field that says when each document was written (a date or a number).'
        Reference = 'Corpus files of an existing (old) corpus: new documents that duplicate one of them get its id in duplicate_of; reference documents are not output.'
        ReportVariable = 'A variable (without $) that receives the DuplicateTextSummary: documents, clusters, duplicates, short documents, candidate and verified pairs, time.'
        Reject = 'With -Path: a folder that receives the removed documents of each input file with reject_reason "duplicate of <id>".'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Many files, four at a time'
            Code    = 'Remove-DuplicateText -Path ./good -OutputPath ./dedup -ThrottleLimit 4'
            Remarks = 'One result per input file, in the order of the files; duplicates are still decided across all of them.'
        }
        @{
            Title   = 'Deduplicate a Dataset'
            Code    = '$ds | Remove-DuplicateText -Keep Longest'
            Remarks = 'Keeps the longest document of each cluster.'
        }
        @{
            Title   = 'Deduplicate a crawl on disk'
            Code    = 'Remove-DuplicateText -Path ./good -OutputPath ./dedup -Reject ./dups -Verbose'
            Remarks = 'Streams the files twice (sketch, then write) in bounded memory.'
        }
    )
    Notes       = @('Run Find-DuplicateText first to look at the clusters before removing anything.')
    Links       = @('Find-DuplicateText')
}
