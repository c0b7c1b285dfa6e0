<#
.SYNOPSIS
    Times Import-Dataset and Get-DataDistribution -Path over 8 CSV files with -ThrottleLimit 1 against 2, and writes
    a "Parallel files" section into bench/RESULTS.md.
.DESCRIPTION
    1. Generates 8 telemetry CSV files of -Rows rows each (bench/work/parallel-files/, New-TelemetryCsv.ps1 with a
       seed per file) when missing.
    2. -Repeat rounds, interleaved so that load changes hit both settings alike: Import-Dataset of the 8 files with
       -ThrottleLimit 1, then 2; Get-DataDistribution -Path -AsSummary with -ThrottleLimit 1, then 2.
    3. Checks that both settings give the same row counts and summaries, in the same order.
    4. Replaces the parallel-files section of RESULTS.md (between its markers) with the medians, the speed-up
       ratios and the machine line, and prints it.
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite ParallelFiles
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [ValidateRange(1000, 10000000)]
    [int] $Rows = 100000,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

# Sets strict mode and $inv, $python and $work for the suite scripts.
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

$folder = Join-Path $work 'parallel-files'
if (-not (Test-Path $folder)) { New-Item -ItemType Directory $folder | Out-Null }
$files = foreach ($i in 1..8) {
    $f = Join-Path $folder "telemetry-$i-$Rows.csv"
    if (-not (Test-Path $f)) { & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Rows $Rows -Path $f -Seed (20260100 + $i) | Out-Null }
    $f
}
$bytes = ($files | ForEach-Object { (Get-Item $_).Length } | Measure-Object -Sum).Sum

$steps = [ordered]@{
    'Import-Dataset'                    = { param($n) Import-Dataset $files -ThrottleLimit $n }
    'Get-DataDistribution -Path -AsSummary' = { param($n) Get-DataDistribution -Path $files -AsSummary -ThrottleLimit $n }
}
$times = @{}
$outputs = @{}
foreach ($name in $steps.Keys) { foreach ($n in 1, 2) { $times["$name|$n"] = [Collections.Generic.List[double]]::new() } }
for ($round = 0; $round -lt $Repeat; $round++) {
    foreach ($name in $steps.Keys) {
        foreach ($n in 1, 2) {
            [GC]::Collect()
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $out = & $steps[$name] $n
            $times["$name|$n"].Add($clock.Elapsed.TotalSeconds)
            $outputs["$name|$n"] = if ($name -eq 'Import-Dataset') { @($out | ForEach-Object { "$($_.Name) $($_.RowCount)" }) } else { @($out | ForEach-Object { "$($_.Column) $($_.Count) $($_.Mean)" }) }
            $out = $null
        }
    }
}
foreach ($name in $steps.Keys) {
    if (($outputs["$name|1"] -join "`n") -ne ($outputs["$name|2"] -join "`n")) { throw "$name gave different results with -ThrottleLimit 1 and 2." }
}

$load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
$section = @(
    '<!-- parallel-files:begin -->'
    '## Parallel files (-ThrottleLimit)'
    ''
    "8 CSV files of $($Rows.ToString('N0', $inv)) generated telemetry rows each ($(($bytes / 1MB).ToString('0', $inv)) MiB in all), read by one cmdlet call with -ThrottleLimit 1 and 2; median of $Repeat interleaved rounds; the same results (names, rows, summaries, order) both ways."
    ''
    '| Step | -ThrottleLimit 1 (s) | -ThrottleLimit 2 (s) | Speed-up |'
    '|---|---:|---:|---:|'
    foreach ($name in $steps.Keys) {
        $one = Get-Median $times["$name|1"]; $two = Get-Median $times["$name|2"]
        "| $name | $($one.ToString('0.00', $inv)) | $($two.ToString('0.00', $inv)) | $(($one / $two).ToString('0.00', $inv))x |"
    }
    ''
    'Each reader already parses one file on all cores (-ThrottleLimit divides them between the files at once), so on 2 cores the gain is the serial parts of a file (opening, typing, the summaries) overlapping with the other file''s parsing.'
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, load average $load at the end of the run (shared with other work: the figures vary with it), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version). Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
    '<!-- parallel-files:end -->'
)
Write-ResultsSection 'parallel-files' $section $ResultsPath
$section -join "`n"
