<#
.SYNOPSIS
    One timed measurement inside a fresh pwsh process; Invoke-Benchmarks.ps1 runs it under /usr/bin/time.
.DESCRIPTION
    Mode Pwsh          does nothing (the bare pwsh process, for its RSS).
    Mode ImportModule  times Import-Module of the manifest only (the baseline for Import-Dataset's net memory).
    Mode ImportDataset imports the module, then times `$ds = Import-Dataset -LiteralPath <file>` only.
    Mode ImportDatasetWarm  the same, but calls Import-Dataset once untimed first (JIT, assembly loading, caches), drops
                       that Dataset and times a second call: the steady state inside a long-lived session.
    Mode ImportCsv     times `$rows = Import-Csv -LiteralPath <file>` only (all rows kept, as a user would).
    Prints one line 'BENCH-RESULT {json}' with rows, seconds and the process's own counters (CPU time, bytes
    allocated, GC heap after a full collection). Progress display is off so the console is not part of the timing.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('Pwsh', 'ImportModule', 'ImportDataset', 'ImportDatasetWarm', 'ImportCsv')]
    [string] $Mode,

    [string] $ModuleManifest,

    [string] $Path
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

$process = [System.Diagnostics.Process]::GetCurrentProcess()
$result = [ordered]@{ mode = $Mode; rows = $null; seconds = $null; importModuleSeconds = $null }

if ($Mode -in 'ImportModule', 'ImportDataset', 'ImportDatasetWarm') {
    if (-not $ModuleManifest) { throw "-ModuleManifest is required for mode $Mode." }
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module -Name $ModuleManifest -ErrorAction Stop
    $sw.Stop()
    $result.importModuleSeconds = $sw.Elapsed.TotalSeconds
}

if ($Mode -in 'ImportDataset', 'ImportDatasetWarm', 'ImportCsv') {
    if (-not $Path) { throw "-Path is required for mode $Mode." }
    if ($Mode -eq 'ImportDatasetWarm') {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Import-Dataset -LiteralPath $Path
        $sw.Stop()
        $result.firstCallSeconds = $sw.Elapsed.TotalSeconds
    }
    [GC]::Collect()
    $cpu0 = $process.TotalProcessorTime
    $alloc0 = [GC]::GetTotalAllocatedBytes($false)
    $gc0 = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
    if ($Mode -ne 'ImportCsv') {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $data = Import-Dataset -LiteralPath $Path
        $sw.Stop()
        $result.rows = $data.RowCount
        $result.columns = $data.ColumnCount
        $result.estimatedBytes = $data.EstimatedBytes
        $result.schema = @($data.Schema | ForEach-Object { "$($_.Name):$($_.Type)" })
        # The reader's own time, when its lineage records one (CSV, JSON Lines and Parquet readers do).
        if ($data.Lineage.Count -gt 0 -and $data.Lineage[0].Parameters.ContainsKey('Seconds')) {
            $result.readerSeconds = [double]::Parse($data.Lineage[0].Parameters['Seconds'], [cultureinfo]::InvariantCulture)
        }
    }
    else {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $data = Import-Csv -LiteralPath $Path
        $sw.Stop()
        $result.rows = @($data).Count
    }
    $process.Refresh()
    $result.seconds = $sw.Elapsed.TotalSeconds
    $result.cpuSeconds = ($process.TotalProcessorTime - $cpu0).TotalSeconds
    $result.allocatedMB = ([GC]::GetTotalAllocatedBytes($false) - $alloc0) / 1MB
    $gc1 = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
    $result.gcCounts = @(0..2 | ForEach-Object { $gc1[$_] - $gc0[$_] })
    $result.gcPauseSeconds = [GC]::GetTotalPauseDuration().TotalSeconds
    $result.peakWorkingSetMB = $process.PeakWorkingSet64 / 1MB
    $result.heapAfterFullGcMB = [GC]::GetTotalMemory($true) / 1MB
    [GC]::KeepAlive($data)
}

$result.processors = [Environment]::ProcessorCount
'BENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 4)
