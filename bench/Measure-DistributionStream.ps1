<#
.SYNOPSIS
    Profiles a generated ~5 GB CSV with Get-DataDistribution -Path (streamed) in a fresh pwsh under /usr/bin/time
    and writes its peak memory into the "Distribution streaming" section of bench/RESULTS.md.
.DESCRIPTION
    1. Generates bench/work/telemetry.csv with New-TelemetryCsv.ps1 when it is missing (1,000,000 rows).
    2. Writes bench/work/stream.csv: the header of telemetry.csv and its body repeated until the file reaches
       -TargetGB (a plain byte copy, so it takes as long as the disk needs, not a generator).
    3. Runs 'Get-DataDistribution -Path stream.csv' (every column) in a fresh pwsh under '/usr/bin/time -f %M %e':
       peak RSS of the whole process (the runtime, the module and the profile) and wall seconds. The child
       reports the rows it counted and the figures of one column, checked against the generated block (the
       count is the block's times the repeats; the mean is the block's mean, as the data is repeated).
    4. The same for JSON Lines (moved here from tests/pester/StreamingDistribution.Tests.ps1, since memory is never
       asserted in tests): bench/work/telemetry.jsonl (telemetry.csv exported once with Export-Dataset) repeated to
       -JsonTargetGB as bench/work/stream.jsonl, profiled in a fresh pwsh under /usr/bin/time; the figures are checked
       against the block's in the same way.
    5. Replaces the Distribution streaming section of RESULTS.md (between its markers) and prints it, then deletes
       stream.csv and stream.jsonl unless -Keep.
.PARAMETER TargetGB
    The size of the generated CSV file in GB (10^9 bytes); default 5.
.PARAMETER JsonTargetGB
    The size of the generated JSON Lines file in GB; default 1 (JSON Lines is read more slowly than CSV).
.PARAMETER Keep
    Keep bench/work/stream.csv after the run (5 GB of disk).
.NOTES
    -ModuleManifest, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite DistributionStream
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(0.01, 100)]
    [double] $TargetGB = 5,

    [ValidateRange(0.01, 100)]
    [double] $JsonTargetGB = 1,

    [switch] $Keep,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

# Sets strict mode and $inv, $python and $work for the suite scripts.
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
$timeExe = '/usr/bin/time'
if (-not (Test-Path $timeExe)) { throw "$timeExe is missing: install the Debian package 'time'." }
$targetMB = 512

# ---------------------------------------------------------------- data
$block = Join-Path $work 'telemetry.csv'
if (-not (Test-Path $block)) { $null = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Path $block }
# A file of the block's header and its body repeated until it reaches $TargetBytes (a plain byte copy, so it takes
# as long as the disk needs, not a generator). For JSON Lines the "header" is empty: every line is a record.
function New-RepeatedFile([string] $Block, [string] $Path, [double] $TargetBytes, [switch] $NoHeader) {
    $bytes = [IO.File]::ReadAllBytes($Block)
    $headerEnd = if ($NoHeader) { 0 } else { [Array]::IndexOf($bytes, [byte]10) + 1 }
    $body = $bytes.Length - $headerEnd
    $repeats = [int][math]::Ceiling(($TargetBytes - $headerEnd) / $body)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $file = [IO.File]::Create($Path)
    try {
        $file.Write($bytes, 0, $headerEnd)
        for ($i = 0; $i -lt $repeats; $i++) { $file.Write($bytes, $headerEnd, $body) }
    }
    finally { $file.Dispose() }
    $size = (Get-Item -LiteralPath $Path).Length
    Write-Host ("Wrote {0} ({1:N0} bytes, {2} x the body of {3}) in {4:0.0} s" -f $Path, $size, $repeats, [IO.Path]::GetFileName($Block), $clock.Elapsed.TotalSeconds)
    [pscustomobject]@{ Repeats = $repeats; Size = $size }
}

$stream = Join-Path $work 'stream.csv'
$csvFile = New-RepeatedFile -Block $block -Path $stream -TargetBytes ($TargetGB * 1e9)
$repeats = $csvFile.Repeats
$size = $csvFile.Size

# The block's own figures, to check the streamed result against (read in memory: 136 MB).
Import-Module $ModuleManifest
$blockFigures = Get-DataDistribution -Path $block -Column cpu_pct
$jsonBlock = Join-Path $work 'telemetry.jsonl'
if (-not (Test-Path $jsonBlock) -or (Get-Item $jsonBlock).LastWriteTimeUtc -lt (Get-Item $block).LastWriteTimeUtc) {
    Import-Dataset -LiteralPath $block | Export-Dataset -Path $jsonBlock -Force
}
$jsonBlockFigures = Get-DataDistribution -Path $jsonBlock -Column cpu_pct
[GC]::Collect()

# ---------------------------------------------------------------- streamed profile in a fresh process
$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$child = @'
param($manifest, $path)
$ProgressPreference = 'SilentlyContinue'
Import-Module $manifest
$clock = [Diagnostics.Stopwatch]::StartNew()
$result = Get-DataDistribution -Path $path
$cpu = $result | Where-Object Column -eq 'cpu_pct'
[pscustomobject]@{
    seconds = $clock.Elapsed.TotalSeconds; columns = $result.Count; count = $cpu.Count; missing = $cpu.Missing; mean = $cpu.Mean
    estimated = ($result | ForEach-Object EstimatedFields | Sort-Object -Unique) -join ','
} | ConvertTo-Json -Compress
'@
$childScript = Join-Path $work 'stream-child.ps1'
Set-Content -LiteralPath $childScript -Value $child
$rssFile = Join-Path $work 'stream-time.out'
# Peak RSS (MB), wall seconds and the child's own figures of one streamed profile.
function Invoke-StreamedProfile([string] $Path) {
    $output = & $timeExe -f '%M %e' -o $rssFile -- @pwsh -NoProfile -NonInteractive -File $childScript $ModuleManifest $Path
    if ($LASTEXITCODE -ne 0) { throw "The streamed profile of $Path failed with exit code ${LASTEXITCODE}: $output" }
    $rssKB, $wall = (Get-Content -LiteralPath $rssFile | Select-Object -Last 1) -split ' '
    [pscustomobject]@{ RssMB = [double]$rssKB / 1024; Wall = $wall; Run = ($output | Select-Object -Last 1) | ConvertFrom-Json }
}
$loadBefore = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
$csvRun = Invoke-StreamedProfile $stream
if (-not $Keep) { Remove-Item -LiteralPath $stream }
$jsonStream = Join-Path $work 'stream.jsonl'
$jsonFile = New-RepeatedFile -Block $jsonBlock -Path $jsonStream -TargetBytes ($JsonTargetGB * 1e9) -NoHeader
$jsonRun = Invoke-StreamedProfile $jsonStream
if (-not $Keep) { Remove-Item -LiteralPath $jsonStream }
$loadAfter = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
Remove-Item -LiteralPath $childScript, $rssFile
$rssMB = $csvRun.RssMB
$wall = $csvRun.Wall
$run = $csvRun.Run

# ---------------------------------------------------------------- report
$countOk = [long]$run.count -eq [long]$blockFigures.Count * $repeats
$meanDiff = [math]::Abs([double]$run.mean - $blockFigures.Mean) / [math]::Abs($blockFigures.Mean)
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
$section = @(
    '<!-- distribution-stream:begin -->'
    '## Distribution streaming (memory)'
    ''
    "Generated by ``bench/Measure-DistributionStream.ps1`` (``./build.sh bench -Suite DistributionStream``). Input: ``bench/work/stream.csv``, $(& $f $size 'N0') bytes: the header and the body of ``bench/work/telemetry.csv`` (1,000,000 rows x 16 columns, ``bench/New-TelemetryCsv.ps1``) repeated $repeats times, $(& $f ([long]$run.count + [long]$run.missing) 'N0') rows; deleted after the run."
    ''
    "Run: ``Get-DataDistribution -Path stream.csv`` (all $($run.columns) columns, streamed in chunks of 16,384 rows and merged as mergeable summaries) in a fresh pwsh under ``/usr/bin/time -f %M``: peak RSS of the whole process, runtime and module included."
    ''
    '| Figure | Value |'
    '|---|---:|'
    "| Peak RSS | $(& $f $rssMB '0') MB |"
    "| Wall time (process) | $(& $f $wall '0.0') s |"
    "| Profile time (in process) | $(& $f $run.seconds '0.0') s ($(& $f ($size / 1MB / [double]$run.seconds) '0') MB/s) |"
    ''
    "- Target ""a 5 GB CSV profiled with peak memory under $targetMB MB"": $(Format-Met ($rssMB -lt $targetMB -and $size -ge 5e9)) ($(& $f $rssMB '0') MB for $(& $f ($size / 1e9) '0.00') GB)."
    "- Check: cpu_pct count $(& $f $run.count 'N0') = $repeats x the block's $(& $f $blockFigures.Count 'N0') ($(Format-Met $countOk)); mean relative difference from the block's $($meanDiff.ToString('E2', $inv)) (exact merge of moments). Estimated figures (EstimatedFields): $($run.estimated)."
    ''
    "JSON Lines: ``bench/work/stream.jsonl``, $(& $f $jsonFile.Size 'N0') bytes: ``telemetry.jsonl`` (``telemetry.csv`` written by Export-Dataset) repeated $($jsonFile.Repeats) times; the same run, deleted after it."
    ''
    '| Figure | Value |'
    '|---|---:|'
    "| Peak RSS | $(& $f $jsonRun.RssMB '0') MB |"
    "| Wall time (process) | $(& $f $jsonRun.Wall '0.0') s |"
    "| Profile time (in process) | $(& $f $jsonRun.Run.seconds '0.0') s ($(& $f ($jsonFile.Size / 1MB / [double]$jsonRun.Run.seconds) '0') MB/s) |"
    ''
    "- Peak memory under $targetMB MB for $(& $f ($jsonFile.Size / 1e9) '0.00') GB of JSON Lines: $(Format-Met ($jsonRun.RssMB -lt $targetMB)) ($(& $f $jsonRun.RssMB '0') MB)."
    "- Check: cpu_pct count $(& $f $jsonRun.Run.count 'N0') = $($jsonFile.Repeats) x the block's $(& $f $jsonBlockFigures.Count 'N0') ($(Format-Met ([long]$jsonRun.Run.count -eq [long]$jsonBlockFigures.Count * $jsonFile.Repeats)))."
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, load average $loadBefore before and $loadAfter after the run (shared with other work), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version). Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
    '<!-- distribution-stream:end -->'
)
Write-ResultsSection -Name distribution-stream -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Distribution streaming section of $ResultsPath"
