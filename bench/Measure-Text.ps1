<#
.SYNOPSIS
    The Text suite: near-duplicate detection, quality rules, token counting and language identification against their
    Python peers, side by side in one run; writes a "Text" section into bench/RESULTS.md.
.DESCRIPTION
    1. Builds bench/work/text-corpus (text_corpus.py: the real documents of ../shared/data/text replicated with planted
       near-duplicates, ~1.1 GB in 100 MB JSON Lines shards) when it is missing or was made with other settings.
    2. MinHash: Find-DuplicateText -Path over the whole corpus in a fresh pwsh under /usr/bin/time (peak RSS; CPU seconds
       of the command); then both tools on the first shard (100 MB), interleaved -Repeat times: Remove-DuplicateText
       -Path (sketch, cluster, write) and minhash_python.py (datatrove's algorithm on numpy: sketch, bucket, union-find;
       writes nothing). Throughput per core is MB per CPU-second. ground_truth.py then computes exact Jaccard on the
       5-word shingle sets of every pair within sampled families of the whole-corpus run, for recall and precision.
    3. Quality: Test-TextQuality -Path (Gopher, C4, FineWeb) and quality_python.py on the first shard.
    4. Tokens: Measure-TextToken -Tokenizer cl100k_base -Path and tokens_python.py (tiktoken's algorithm in Python with
       the same cl100k_base ranks, taken from the module's data package) on the first 20 MB; counts compared.
    5. Language: Lingua Low and High accuracy on 100 sentences of each of the 75 languages of
       ../shared/data/text/langid_lingua_rs, in this process: accuracy and sentences per second.
.PARAMETER TargetBytes
    Size of the generated corpus (default 1.1e9 bytes).
.PARAMETER Part
    The parts to run (default all four). -Part Quality,Tokens re-measures only those two and replaces only their
    subsection of the Text section in RESULTS.md (the MinHash and language results stay as they are).
.PARAMETER Sample
    A JSON Lines file (id, text) that the quality and token parts measure instead of the corpus's first shard and its
    first 20 MB: for a quick re-run on a loaded machine; the corpus is then not built unless MinHash runs.
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    ./build.sh bench -Suite Text
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [ValidateRange(1, 100)] [int] $Repeat = 1,
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),
    [double] $TargetBytes = 1.1e9,
    [ValidateSet('MinHash', 'Quality', 'Tokens', 'Language')] [string[]] $Part = @('MinHash', 'Quality', 'Tokens', 'Language'),
    [string] $Sample,
    [string] $SharedText = (Join-Path $PSScriptRoot '../../shared/data/text')
)

. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
Import-Module $ModuleManifest
if (-not (Test-Path $SharedText)) { $SharedText = '/work/shared/data/text' }

# Peers: Debian's numpy, xxhash (datatrove's shingle hash) and regex (the cl100k pre-tokenizer); /usr/bin/time.
foreach ($pkg in @(@('time', '/usr/bin/time'), @('python3-numpy', 'numpy'), @('python3-xxhash', 'xxhash'), @('python3-regex', 'regex'))) {
    $present = if ($pkg[1].StartsWith('/')) { Test-Path $pkg[1] } else { & $python -c "import $($pkg[1])" 2>$null; $LASTEXITCODE -eq 0 }
    if (-not $present) {
        Write-Host "Installing $($pkg[0]) with apt-get"
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get install -y $pkg[0] | Out-Null
        if ($LASTEXITCODE -ne 0) { & apt-get update | Out-Null; & apt-get install -y $pkg[0] | Out-Null }
    }
}

$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }

# Runs a command under /usr/bin/time -f %M; returns the last JSON line it printed plus peak_mb.
function Invoke-Timed([string[]] $Command) {
    $rss = Join-Path $work 'text-rss.txt'
    $out = & /usr/bin/time -f '%M' -o $rss @Command
    if ($LASTEXITCODE -ne 0) { throw "'$($Command -join ' ')' failed with exit code $LASTEXITCODE." }
    $result = ($out | Select-Object -Last 1) | ConvertFrom-Json
    $result | Add-Member peak_mb ([double](Get-Content $rss | Select-Object -Last 1) / 1024)
    $result
}
# Each run starts from an empty output folder: a run manifest there would make the run skip finished files.
function Invoke-Ours([string] $Command, [string] $Output) {
    Remove-Item -Recurse -Force $Output -ErrorAction SilentlyContinue
    Invoke-Timed (@($pwsh) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'text_child.ps1'), $ModuleManifest, $Command))
}

$all = @('MinHash', 'Quality', 'Tokens', 'Language' | Where-Object { $_ -notin $Part }).Count -eq 0
if (-not $all -and (Compare-Object @($Part | Sort-Object -Unique) @('Quality', 'Tokens'))) { throw "-Part takes all four parts or Quality,Tokens (the rows of one table)." }
$loadBefore = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3

# The bytes of a file, through a symbolic link to its target (a link's own Length is 0, which made a linked sample 0 MB).
function Get-FileLength([IO.FileInfo] $File) {
    $target = $File.ResolveLinkTarget($true)
    if ($target) { $target.Length } else { $File.Length }
}

# ---------------------------------------------------------------- corpus
$corpus = Join-Path $work 'text-corpus'
if ('MinHash' -in $Part -or -not $Sample) {
$stamp = Join-Path $work 'text-corpus.json'
$settings = "target=$TargetBytes;generator=$((Get-FileHash (Join-Path $PSScriptRoot 'text_corpus.py')).Hash)"
if (-not (Test-Path $stamp) -or (Get-Content $stamp -Raw | ConvertFrom-Json).settings -ne $settings) {
    Write-Host "Building the corpus in $corpus"
    Remove-Item -Recurse -Force $corpus -ErrorAction SilentlyContinue
    $info = & $python (Join-Path $PSScriptRoot 'text_corpus.py') $SharedText $corpus $TargetBytes | ConvertFrom-Json
    [pscustomobject]@{ settings = $settings; info = $info } | ConvertTo-Json | Set-Content $stamp
}
$corpusInfo = (Get-Content $stamp -Raw | ConvertFrom-Json).info
$shards = @(Get-ChildItem $corpus -Filter 'part-*.jsonl' | Sort-Object Name)
$first = $shards[0].FullName
$firstMB = (Get-FileLength $shards[0]) / 1MB
$totalMB = ($shards | ForEach-Object { Get-FileLength $_ } | Measure-Object -Sum).Sum / 1MB
}
if ($Sample) { $first = (Resolve-Path -LiteralPath $Sample).ProviderPath; $firstMB = (Get-FileLength (Get-Item -LiteralPath $first)) / 1MB }

# ---------------------------------------------------------------- MinHash
if ('MinHash' -in $Part) {
Write-Host 'MinHash: whole corpus (Find-DuplicateText -Path)'
$found = Join-Path $work 'text-found'
$full = Invoke-Ours "Find-DuplicateText -Path '$corpus' -OutputPath '$found' -Compression None -Force" $found
$oursSub = @(); $pySub = @()
for ($round = 1; $round -le $Repeat; $round++) {
    Write-Host "MinHash round $round of ${Repeat}: first shard"
    $oursSub += Invoke-Ours "Remove-DuplicateText -Path '$first' -OutputPath '$(Join-Path $work 'text-dedup')' -Compression None -Force" (Join-Path $work 'text-dedup')
    $pySub += Invoke-Timed @($python, (Join-Path $PSScriptRoot 'minhash_python.py'), $first)
}
Write-Host 'Ground truth: exact Jaccard within sampled families'
$truth = & $python (Join-Path $PSScriptRoot 'ground_truth.py') 0.8 337 @((Get-ChildItem $found -Filter '*.jsonl' | Sort-Object Name).FullName) | ConvertFrom-Json
$oursRate = $firstMB / (Get-Median $oursSub.cpu_seconds); $pyRate = $firstMB / (Get-Median $pySub.cpu_seconds)
$fullRate = $totalMB / $full.cpu_seconds
$mhRatio = $oursRate / $pyRate
}

# ---------------------------------------------------------------- quality
$qOurs = @(); $qPy = @()
for ($round = 1; $round -le $Repeat; $round++) {
    Write-Host "Quality round $round of $Repeat"
    $qOurs += Invoke-Ours "Test-TextQuality -Path '$first' -OutputPath '$(Join-Path $work 'text-quality')' -Compression None -Force" (Join-Path $work 'text-quality')
    $qPy += Invoke-Timed @($python, (Join-Path $PSScriptRoot 'quality_python.py'), $first)
}
$qRatio = ($firstMB / (Get-Median $qOurs.cpu_seconds)) / ($firstMB / (Get-Median $qPy.cpu_seconds))

# ---------------------------------------------------------------- tokens
$slice = if ($Sample) { $first } else { Join-Path $work 'text-slice-20mb.jsonl' }
if (-not (Test-Path $slice)) {
    $reader = [IO.StreamReader]::new($first); $writer = [IO.StreamWriter]::new($slice, $false, [Text.UTF8Encoding]::new($false)); $n = 0
    try { while ($n -lt 20MB -and ($line = $reader.ReadLine()) -ne $null) { $writer.Write($line + "`n"); $n += [Text.Encoding]::UTF8.GetByteCount($line) + 1 } }
    finally { $reader.Dispose(); $writer.Dispose() }
}
$sliceMB = (Get-FileLength (Get-Item -LiteralPath $slice)) / 1MB
$ranks = Join-Path $work 'cl100k_base.tiktoken'
if (-not (Test-Path $ranks)) {
    $asm = [Reflection.Assembly]::LoadFrom((Join-Path (Split-Path $ModuleManifest) 'Microsoft.ML.Tokenizers.Data.Cl100kBase.dll'))
    $stream = [IO.Compression.DeflateStream]::new($asm.GetManifestResourceStream('cl100k_base.tiktoken.deflate'), [IO.Compression.CompressionMode]::Decompress)
    $file = [IO.File]::Create($ranks); try { $stream.CopyTo($file) } finally { $file.Dispose(); $stream.Dispose() }
}
$tOurs = @(); $tPy = @()
$tokenOut = Join-Path $work 'text-tokens'
for ($round = 1; $round -le $Repeat; $round++) {
    Write-Host "Tokens round $round of $Repeat"
    $tOurs += Invoke-Ours "Measure-TextToken -Path '$slice' -Tokenizer cl100k_base -OutputPath '$tokenOut' -Compression None -Force" $tokenOut
    $tPy += Invoke-Timed @($python, (Join-Path $PSScriptRoot 'tokens_python.py'), $ranks, $slice)
}
$ourFirst = Get-Content (Join-Path $tokenOut (Split-Path -Leaf $slice)) -TotalCount 20 | ForEach-Object { ($_ | ConvertFrom-Json).token_count }
$sameCounts = (@($ourFirst) -join ',') -eq (@($tPy[0].first) -join ',')
$tRatio = ($sliceMB / (Get-Median $tOurs.cpu_seconds)) / ($sliceMB / (Get-Median $tPy.cpu_seconds))

# ---------------------------------------------------------------- language
if ('Language' -in $Part) {
Write-Host 'Language: Lingua Low and High on the lingua-rs test sentences'
$texts = [Collections.Generic.List[string]]::new(); $labels = [Collections.Generic.List[string]]::new()
foreach ($dir in Get-ChildItem (Join-Path $SharedText 'langid_lingua_rs') -Directory | Sort-Object Name) {
    foreach ($s in Get-Content (Join-Path $dir.FullName 'sentences.txt') -TotalCount 100 -Encoding utf8) { $texts.Add($s); $labels.Add($dir.Name) }
}
$major = 'en', 'zh', 'de', 'fr', 'es', 'it', 'pt', 'ru', 'ja', 'ar'
$lang = foreach ($mode in 'Low', 'High') {
    $stage = [DataCenterTools.Core.Text.Language.LanguageStage]::new($mode, $null, 0.0, $null)
    $warm = $stage.Process([string[]]@($texts[0]), [string[]]@('w'), [DataCenterTools.Core.Text.Corpus.StageBatch]::new(0, 0), [Threading.CancellationToken]::None)
    $ids = [string[]](0..($texts.Count - 1))
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $r = $stage.Process($texts.ToArray(), $ids, [DataCenterTools.Core.Text.Corpus.StageBatch]::new(0, 0), [Threading.CancellationToken]::None)
    $sec = $clock.Elapsed.TotalSeconds
    $field = $r.Fields[0]; $got = foreach ($i in 0..($texts.Count - 1)) { $field[$i] }
    $ok = 0; $okMajor = 0; $nMajor = 0
    for ($i = 0; $i -lt $texts.Count; $i++) {
        if ($got[$i] -eq $labels[$i]) { $ok++ }
        if ($labels[$i] -in $major) { $nMajor++; if ($got[$i] -eq $labels[$i]) { $okMajor++ } }
    }
    [pscustomobject]@{ Mode = $mode; Accuracy = $ok / $texts.Count; Major = $okMajor / $nMajor; PerSecond = $texts.Count / $sec; Seconds = $sec }
}

$low = $lang | Where-Object Mode -eq 'Low'; $high = $lang | Where-Object Mode -eq 'High'
}

# ---------------------------------------------------------------- report
$load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3
$qualityInput = if ($Sample) { "``$(Split-Path -Leaf $first)`` ($(& $f $firstMB 'N1') MB, given by -Sample) for both quality and tokens" } else { 'the first shard for quality, its first 20 MB for tokens' }
$qualityTokens = @(
    '### Quality rules (Gopher, C4, FineWeb) and token counting'
    ''
    '| Run | MB | Wall s | CPU s | MB/s per core | Ratio per core |'
    '|---|---:|---:|---:|---:|---:|'
    "| Test-TextQuality -Path (all three families) | $(& $f $firstMB 'N0') | $(& $f (Get-Median $qOurs.seconds) '0.0') | $(& $f (Get-Median $qOurs.cpu_seconds) '0.0') | $(& $f ($firstMB / (Get-Median $qOurs.cpu_seconds)) '0.0') | $(& $f $qRatio '0.0')x |"
    "| quality_python.py (the same rules in Python) | $(& $f $firstMB 'N0') | $(& $f (Get-Median $qPy.seconds) '0.0') | $(& $f (Get-Median $qPy.cpu_seconds) '0.0') | $(& $f ($firstMB / (Get-Median $qPy.cpu_seconds)) '0.0') | – |"
    "| Measure-TextToken -Tokenizer cl100k_base -Path | $(& $f $sliceMB 'N0') | $(& $f (Get-Median $tOurs.seconds) '0.0') | $(& $f (Get-Median $tOurs.cpu_seconds) '0.0') | $(& $f ($sliceMB / (Get-Median $tOurs.cpu_seconds)) '0.0') | $(& $f $tRatio '0.0')x |"
    "| tokens_python.py (tiktoken's BPE in Python, same ranks) | $(& $f $sliceMB 'N0') | $(& $f (Get-Median $tPy.seconds) '0.0') | $(& $f (Get-Median $tPy.cpu_seconds) '0.0') | $(& $f ($sliceMB / (Get-Median $tPy.cpu_seconds)) '0.0') | – |"
    ''
    "- Target ""quality filters at least 5x the same rules in Python per core"": $(Format-Met ($qRatio -ge 5)) ($(& $f $qRatio '0.0')x). Documents passing: ours and Python's are counted by slightly different word splitters (NLTK-like in both)."
    "- Target ""token counting at least 5x Python per core"": $(Format-Met ($tRatio -ge 5)) ($(& $f $tRatio '0.0')x). Counts of the first 20 documents equal: $(Format-Met $sameCounts). (OpenAI's tiktoken, in Rust, is not on Debian and PyPI is not reachable, so the peer is its algorithm in Python.)"
    ''
    "Measured on $qualityInput, $Repeat round(s), medians; load average (1/5/15 min) $($loadBefore -join ' ') before, $($load -join ' ') after ($(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC)."
    ''
)
if (-not $all) {
    $existing = Get-Content -Raw $ResultsPath
    $pattern = '(?s)### Quality rules \(Gopher, C4, FineWeb\) and token counting\n.*?(?=### Language identification)'
    if ($existing -notmatch $pattern) { throw "$ResultsPath has no Text section with a quality and tokens subsection to replace; run all parts once." }
    [regex]::Replace($existing, $pattern, { param($m) ($qualityTokens -join "`n") + "`n" }) | Set-Content -LiteralPath $ResultsPath -Encoding utf8NoBOM -NoNewline
    $qualityTokens | Out-Host
    Write-Host "`nWrote the quality and tokens part of the Text section of $ResultsPath"
    return
}
$section = @(
    '<!-- text:begin -->'
    '## Text'
    ''
    'Generated by `bench/Measure-Text.ps1` (`./build.sh bench -Suite Text`).'
    ''
    "Corpus: ``bench/work/text-corpus``, $(& $f $totalMB 'N0') MB in $($shards.Count) JSON Lines shards, built by ``bench/text_corpus.py`` from the $($corpusInfo.base_documents.ToString('N0', $inv)) distinct real documents of ../shared/data/text ($(& $f ($corpusInfo.base_bytes / 1MB) 'N1') MB: Dolma, DCLM, Data-Juicer, ChineseWebText samples and 20 Newsgroups) written $($corpusInfo.rounds) times: round 0 as is, later rounds with planted near-duplicates (each word replaced with probability 0, 0.01, 0.02, 0.04, 0.08 or 0.2, by round and document; seeded). Throughput per core is MB of input per CPU-second of the command (summed over threads), measured inside each process; peak memory is the process's maximum RSS (/usr/bin/time)."
    ''
    '### MinHash near-duplicates (5-word shingles, 112 permutations, 14 bands, threshold 0.8)'
    ''
    '| Run | MB | Wall s | CPU s | MB/s per core | Peak MB | Duplicates |'
    '|---|---:|---:|---:|---:|---:|---:|'
    "| Find-DuplicateText -Path, whole corpus (sketch, external bucket sort, cluster, write all) | $(& $f $totalMB 'N0') | $(& $f $full.seconds '0.0') | $(& $f $full.cpu_seconds '0.0') | $(& $f $fullRate '0.0') | $(& $f $full.peak_mb '0') | – |"
    "| Remove-DuplicateText -Path, first shard | $(& $f $firstMB 'N0') | $(& $f (Get-Median $oursSub.seconds) '0.0') | $(& $f (Get-Median $oursSub.cpu_seconds) '0.0') | $(& $f $oursRate '0.0') | $(& $f (Get-Median $oursSub.peak_mb) '0') | – |"
    "| datatrove's algorithm in Python/numpy (minhash_python.py), first shard | $(& $f $firstMB 'N0') | $(& $f (Get-Median $pySub.seconds) '0.0') | $(& $f (Get-Median $pySub.cpu_seconds) '0.0') | $(& $f $pyRate '0.0') | $(& $f (Get-Median $pySub.peak_mb) '0') | $($pySub[0].duplicates.ToString('N0', $inv)) |"
    ''
    "Ground truth (``bench/ground_truth.py``): exact Jaccard of the 5-word shingle sets of every pair of documents within $($truth.documents.ToString('N0', $inv)) documents of the sampled families (every 337th base document, all its copies in the whole-corpus run): $($truth.pairs.ToString('N0', $inv)) pairs, $($truth.pairs_above.ToString('N0', $inv)) at J >= 0.8, $($truth.true_duplicates.ToString('N0', $inv)) documents with such a partner ($($truth.cross_family) found across families). A document counts as found when Find-DuplicateText put it in a cluster: precision $(& $f $truth.precision '0.000') ($($truth.fp) false), recall $(& $f $truth.recall '0.000') ($($truth.fn) missed)."
    ''
    "- Target ""at least 5x the Python implementation's throughput per core"": $(Format-Met ($mhRatio -ge 5)) ($(& $f $mhRatio '0.0')x; ours reads the corpus twice and writes the deduplicated output, Python reads once and writes nothing; Python links every band collision without verification, so it reports more duplicates)."
    "- Target ""recall >= 0.95 and precision >= 0.95 at 0.8"": $(Format-Met ($truth.recall -ge 0.95 -and $truth.precision -ge 0.95))."
    "- Target ""peak memory under 1 GB for the whole corpus"": $(Format-Met ($full.peak_mb -lt 1024)) ($(& $f $full.peak_mb '0') MB)."
    ''
    $qualityTokens
    '### Language identification (Lingua 2.0.0, 75 languages, 100 lingua-rs test sentences each)'
    ''
    '| Mode | Accuracy (all) | Accuracy (en zh de fr es it pt ru ja ar) | Sentences/s | Seconds |'
    '|---|---:|---:|---:|---:|'
    ($lang | ForEach-Object { "| $($_.Mode) | $(& $f $_.Accuracy '0.000') | $(& $f $_.Major '0.000') | $(& $f $_.PerSecond 'N0') | $(& $f $_.Seconds '0.0') |" })
    ''
    "Get-TextLanguage's default is -Accuracy Low: $(& $f ($low.PerSecond / $high.PerSecond) '0.0')x faster than High at $(& $f (100 * ($high.Accuracy - $low.Accuracy)) '0.0') points less accuracy over all languages ($(& $f (100 * ($high.Major - $low.Major)) '0.0') on the major ones). These are single sentences (the hard case for Low); documents are longer."
    ''
    "Load average (1/5/15 min) at the end: $($load -join ' '). Machine: $([Environment]::ProcessorCount) logical CPUs, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), $((& $python --version 2>&1))."
    '<!-- text:end -->'
)
Write-ResultsSection -Name text -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Text section of $ResultsPath"
