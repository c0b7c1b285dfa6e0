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
    4. Replaces the Distribution streaming section of RESULTS.md (between its markers) and prints it, then deletes
       stream.csv unless -Keep.
.PARAMETER TargetGB
    The size of the generated file in GB (10^9 bytes); default 5.
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
$stream = Join-Path $work 'stream.csv'
$bytes = [IO.File]::ReadAllBytes($block)
$headerEnd = [Array]::IndexOf($bytes, [byte]10) + 1
$body = $bytes.Length - $headerEnd
$repeats = [int][math]::Ceiling(($TargetGB * 1e9 - $headerEnd) / $body)
$clock = [Diagnostics.Stopwatch]::StartNew()
$file = [IO.File]::Create($stream)
try {
    $file.Write($bytes, 0, $headerEnd)
    for ($i = 0; $i -lt $repeats; $i++) { $file.Write($bytes, $headerEnd, $body) }
}
finally { $file.Dispose() }
$size = (Get-Item -LiteralPath $stream).Length
Write-Host ("Wrote {0:N0} bytes ({1} x the body of telemetry.csv) in {2:0.0} s" -f $size, $repeats, $clock.Elapsed.TotalSeconds)

# The block's own figures, to check the streamed result against (read in memory: 136 MB).
Import-Module $ModuleManifest
$blockFigures = Get-DataDistribution -Path $block -Column cpu_pct
$bytes = $null
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
$loadBefore = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
$rssFile = Join-Path $work 'stream-time.out'
$output = & $timeExe -f '%M %e' -o $rssFile -- @pwsh -NoProfile -NonInteractive -File $childScript $ModuleManifest $stream
if ($LASTEXITCODE -ne 0) { throw "The streamed profile failed with exit code ${LASTEXITCODE}: $output" }
$rssKB, $wall = (Get-Content -LiteralPath $rssFile | Select-Object -Last 1) -split ' '
$run = ($output | Select-Object -Last 1) | ConvertFrom-Json
$loadAfter = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
if (-not $Keep) { Remove-Item -LiteralPath $stream }
Remove-Item -LiteralPath $childScript, $rssFile

# ---------------------------------------------------------------- report
$rssMB = [double]$rssKB / 1024
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
    "Machine: $([Environment]::ProcessorCount) logical CPUs, load average $loadBefore before and $loadAfter after the run (shared with other work), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version). Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
    '<!-- distribution-stream:end -->'
)
Write-ResultsSection -Name distribution-stream -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Distribution streaming section of $ResultsPath"
