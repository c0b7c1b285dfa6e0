<#
.SYNOPSIS
    The DataCenterTools side of bench/Measure-Peers.ps1: runs one named step on a file with the module's cmdlets in this
    (fresh) pwsh and prints one line 'BENCH-RESULT {json}'.
.DESCRIPTION
    The steps are those of the other peers (bench/peers/README.md):
      csv-read, parquet-read, jsonl-read  $ds = Import-Dataset -LiteralPath <Input>                        (timed)
      parquet-write, jsonl-write          Import-Dataset <Input> untimed, then Export-Dataset <Output> -Force (timed)
      profile                             Import-Dataset <Input> untimed, then Get-DataDistribution on every column
      groupby                             Import-Dataset <Input> untimed, then Invoke-GroupByStep (the hook below)
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

# The group-by row of the Peers suite. Group-Dataset lands with the Dataset verbs (branch 'verbs'): this hook is where
# its call goes, grouping $Dataset by region and hour of day (UTC) with mean, sample std, median and p90 (linear) of
# cpu_pct and power_w, and returning the check the peers return (groups and the sums of those aggregates over the
# groups). Until then it reports the step as skipped and the suite prints the peers' figures alone.
function Invoke-GroupByStep([DataCenterTools.Core.Data.Dataset] $Dataset) {
    if (-not (Get-Command Group-Dataset -ErrorAction SilentlyContinue)) {
        return [pscustomobject]@{ Skipped = 'Group-Dataset is not in this build yet (it comes with the Dataset verbs)'; Seconds = $null; Check = $null }
    }
    throw 'Group-Dataset is available: wire its call into Invoke-GroupByStep in bench/peers/Invoke-ModuleStep.ps1.'
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
