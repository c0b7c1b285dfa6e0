<#
.SYNOPSIS
    The DataCenterTools side of bench/Measure-Peers.ps1: runs one named step on a file with the module's cmdlets in this
    (fresh) pwsh and prints one line 'BENCH-RESULT {json}'.
.DESCRIPTION
    The steps are those of the other peers (bench/peers/README.md):
      csv-read, parquet-read, jsonl-read  $ds = Import-Dataset -LiteralPath <Input>                        (timed)
      parquet-write, jsonl-write          Import-Dataset <Input> untimed, then Export-Dataset <Output> -Force (timed)
      profile                             Import-Dataset <Input> untimed, then Get-DataDistribution on every column
      groupby                             Import-Dataset <Input> untimed, then Group-Dataset (Invoke-GroupByStep below)
    Import-Module is timed apart (importModuleSeconds) and not in 'seconds'. The digest (bench/peers/DatasetDigest.cs,
    compiled with Add-Type) is computed after the timed step.
.PARAMETER StageTimes
    Also report where the time of a Parquet read or write goes (the reader's and writer's own stages, from -Verbose
    timings and lineage), for the breakdown in RESULTS.md.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('csv-read', 'parquet-read', 'jsonl-read', 'parquet-write', 'jsonl-write', 'profile', 'groupby')]
    [string] $Step,

    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [Parameter(Mandatory)]
    [string] $InputPath,

    [string] $OutputPath = '-'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

# The group-by row of the Peers suite: $Dataset grouped by region and hour of day (UTC) with mean, sample std, median
# (p50) and p90 (linear) of cpu_pct and power_w, timed; the check is what the peers return (groups, and the sums of
# those aggregates over the groups).
function Invoke-GroupByStep([DataCenterTools.Core.Data.Dataset] $Dataset) {
    [GC]::Collect()
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $groups = Group-Dataset -Dataset $Dataset -By region -TimeColumn timestamp -CalendarPart HourOfDay -Aggregate ([ordered]@{
            cpu_pct = 'mean', 'std', 'p50', 'p90'; power_w = 'mean', 'std', 'p50', 'p90' })
    $seconds = $clock.Elapsed.TotalSeconds
    $check = [ordered]@{ groups = $groups.RowCount }
    foreach ($name in 'cpu_pct_mean', 'cpu_pct_std', 'cpu_pct_p50', 'cpu_pct_p90', 'power_w_mean') {
        $column = $groups[$name]
        $sum = 0.0
        for ($i = 0; $i -lt $column.Length; $i++) { $v = $column.GetValue($i); if ($null -ne $v) { $sum += $v } }
        $check[$name] = $sum
    }
    [pscustomobject]@{ Skipped = $null; Seconds = $seconds; Check = $check }
}

$process = [System.Diagnostics.Process]::GetCurrentProcess()
$result = [ordered]@{ tool = 'DataCenterTools'; step = $Step }
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module -Name (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath -ErrorAction Stop
$result.importModuleSeconds = $clock.Elapsed.TotalSeconds
$result.version = (Get-Module DataCenterTools).Version.ToString()

[GC]::Collect()
$cpu0 = $process.TotalProcessorTime
$ds = $null
switch ($Step) {
    { $_ -in 'csv-read', 'parquet-read', 'jsonl-read' } {
        $clock.Restart()
        $ds = Import-Dataset -LiteralPath $InputPath
        $result.seconds = $clock.Elapsed.TotalSeconds
    }
    { $_ -in 'parquet-write', 'jsonl-write' } {
        $ds = Import-Dataset -LiteralPath $InputPath
        [GC]::Collect()
        $cpu0 = $process.TotalProcessorTime
        $clock.Restart()
        Export-Dataset -Dataset $ds -Path $OutputPath -Force
        $result.seconds = $clock.Elapsed.TotalSeconds
        $result.fileBytes = (Get-Item -LiteralPath $OutputPath).Length
    }
    'profile' {
        $ds = Import-Dataset -LiteralPath $InputPath
        [GC]::Collect()
        $cpu0 = $process.TotalProcessorTime
        $clock.Restart()
        $profile = $ds | Get-DataDistribution
        $result.seconds = $clock.Elapsed.TotalSeconds
        $cpu = $profile | Where-Object Column -eq 'cpu_pct'
        $status = ($profile | Where-Object Column -eq 'status').TopValues[0]
        $result.check = [ordered]@{
            column = 'cpu_pct'; mean = $cpu.Mean; std = $cpu.Std
            distinctHost = ($profile | Where-Object Column -eq 'host').Distinct
            topStatus = $status.Value; topStatusCount = $status.Count
        }
    }
    'groupby' {
        $ds = Import-Dataset -LiteralPath $InputPath
        $grouped = Invoke-GroupByStep $ds
        if ($grouped.Skipped) { $result.skipped = $grouped.Skipped } else { $result.seconds = $grouped.Seconds; $result.check = $grouped.Check }
    }
}
$process.Refresh()
$result.cpuSeconds = ($process.TotalProcessorTime - $cpu0).TotalSeconds
if ($ds -and $ds.Lineage.Count -gt 0) { $result.readerSeconds = $ds.Lineage[0].Parameters['Seconds'] }

# The digest, outside the timing.
$core = [System.IO.Path]::Combine((Split-Path -Parent (Get-Module DataCenterTools).Path), 'DataCenterTools.Core.dll')
Add-Type -Path (Join-Path $PSScriptRoot 'DatasetDigest.cs') -ReferencedAssemblies $core, 'System.Security.Cryptography', 'System.Collections', 'System.Runtime', 'System.Linq'
if ($ds) { $result.digest = [DatasetDigest]::Of($ds) }
'BENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 6)
