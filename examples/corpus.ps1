<#
.SYNOPSIS
    Prepares a small text corpus for training: clean, filter, language, dedup, redact, count tokens, shard, register.
.DESCRIPTION
    Works on the text shipped in examples/data/text (Dolma CCNet pages, Data-Juicer's English/Chinese demo sets and
    C4 rows; see examples/data/NOTICE.md). The same cmdlets take -Path and -OutputPath to stream a real corpus of
    many GB in bounded memory, resumable per file.
    1. imports the shipped JSON Lines files as one corpus (id, text, source),
    2. cleans the text (NFKC, control and zero-width characters, whitespace, boilerplate lines),
    3. labels the language of each document and keeps English and Chinese,
    4. scores the FineWeb and C4 rules; failing documents go to rejects.jsonl with the rule that failed,
    5. removes exact and near-duplicates (MinHash, threshold 0.7 for these short demo documents),
    6. redacts e-mail addresses, phone numbers and IPs inside the text,
    7. counts o200k_base tokens and shows the length distribution,
    8. writes zstd shards with a manifest and registers the shard set in a temp catalog.
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data/text')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Test-TextQuality -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$work = Join-Path ([System.IO.Path]::GetTempPath()) "dct-corpus-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null
$previousHome = $env:DATACENTERTOOLS_HOME
$env:DATACENTERTOOLS_HOME = Join-Path $work 'home'
try {
    # 1. One corpus from the shipped files: each file's documents with their ids (file:line where they have none).
    $docs = foreach ($file in Get-ChildItem $DataPath -Filter '*.jsonl' | Sort-Object Name) {
        $line = 0
        foreach ($row in Import-Dataset $file.FullName | ConvertFrom-Dataset) {
            $line++
            $id = if ($row.PSObject.Properties['id']) { "$($row.id)" } else { "$($file.BaseName):$line" }
            [pscustomobject]@{ id = $id; text = $row.text; source = $file.BaseName }
        }
    }
    $corpus = $docs | ConvertTo-Dataset
    "Corpus: $($corpus.RowCount) documents from $((Get-ChildItem $DataPath -Filter '*.jsonl').Count) files"

    # 2-3. Clean, then keep English and Chinese.
    $clean = $corpus | Invoke-TextCleaning -Normalization NFKC -RemoveBoilerplate
    $lang = $clean | Get-TextLanguage -Language en, zh -Candidate en, zh, fr, de, es
    $counts = $lang | ConvertFrom-Dataset | Group-Object language | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }
    "Language: kept $($lang.RowCount) of $($clean.RowCount) ($($counts -join ', '))"

    # 4. Quality: FineWeb and C4 rules; the rejects file says why each document was dropped.
    $rejects = Join-Path $work 'rejects.jsonl'
    $good = $lang | Test-TextQuality -Rule FineWeb, C4 -Threshold @{ c4_min_sentences = 1 } -Reject $rejects
    $why = if (Test-Path $rejects) { Import-Dataset $rejects | ConvertFrom-Dataset | Group-Object reject_reason | Sort-Object Count -Descending | ForEach-Object { "$($_.Name)=$($_.Count)" } } else { @() }
    "Quality: kept $($good.RowCount), rejected $($lang.RowCount - $good.RowCount) ($($why -join ', '))"

    # 5. Dedup: the Data-Juicer demo set plants exact and near copies. They are short sentences the quality rules
    #    drop, so this demo deduplicates the language-filtered set to show them (a real corpus: $good).
    $dedup = $lang | Remove-DuplicateText -Threshold 0.7 -NGram 3 -ReportVariable dups
    "Dedup: $($dups.Duplicates) duplicates in $($dups.Clusters) clusters removed, $($dups.ShortDocuments) short documents (compared by exact text only)"

    # 6. Redact personal data inside the text, keep the rest.
    $safe = $dedup | Protect-Dataset -RedactSpans email, phone, ip -TextColumn text
    $redacted = ($safe | ConvertFrom-Dataset | Where-Object text -match '<(EMAIL|PHONE|IP)>').Count
    "Redaction: $redacted documents had spans replaced"

    # 7. Tokens, and their distribution.
    $counted = $safe | Measure-TextToken -Tokenizer o200k_base -ReportVariable tokens
    "Tokens: $($tokens.Tokens) o200k_base tokens in $($tokens.Documents) documents (max $($tokens.MaxTokens))"
    $counted | Get-DataDistribution -Column token_count | Format-Table -AutoSize | Out-String -Width 100

    # 8. Shards and one catalog entry for the set.
    $shards = Join-Path $work 'shards'
    $manifest = $counted | Export-TrainingShard -Path $shards -ShardRows 20
    "Shards: $($manifest.Shards.Count) files, $($manifest.Rows) rows, $($manifest.Tokens) tokens; first $($manifest.Shards[0].File) sha256 $($manifest.Shards[0].Sha256.Substring(0, 12))…"
    $entry = Register-Dataset -Path (Join-Path $shards 'manifest.json') -Name demo-corpus
    "Catalog: $($entry.Name) v$($entry.Version), $($entry.Rows) rows, format $($entry.Format)"
}
finally {
    $env:DATACENTERTOOLS_HOME = $previousHome
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
