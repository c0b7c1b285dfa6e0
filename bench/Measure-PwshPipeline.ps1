<#
.SYNOPSIS
    One timed run of the preprocessing pipeline inside a fresh pwsh process; Invoke-Benchmarks.ps1 runs it under
    /usr/bin/time, side by side with pipeline_pandas.py.
.DESCRIPTION
    Imports the module (untimed, reported as importModuleSeconds), then times each step on its own and the whole:
      read    $ds = Import-Dataset -LiteralPath <Path>
      clean   Invoke-DataCleaning -Column <numeric> -Outliers IQR -OutlierAction Clip -Fill @{ <each numeric> = 'Median' }
              (the cmdlet clips first, then fills with the median of the clipped column: steps 5 and 6 of its order)
      scale   New-DataScaler -Method ZScore -Column <numeric> then Invoke-DataScaling (population std, ddof 0)
      export  Export-Dataset -Path <OutPath> -Force  (CSV)
    The numeric columns are the Int64 and Double columns of the imported schema. Each step replaces $ds, so a
    superseded Dataset can be collected, as in a script that reassigns one variable.
    Prints one line 'BENCH-RESULT {json}' with the step seconds, the total, the process's CPU time and GC counts,
    and the checks Invoke-Benchmarks.ps1 compares with pandas: the cleaned columns' mean and population std (the
    scaler's fitted parameters) and the cells left missing.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [Parameter(Mandatory)]
    [string] $Path,

    [Parameter(Mandatory)]
    [string] $OutPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

$process = [System.Diagnostics.Process]::GetCurrentProcess()
$result = [ordered]@{ mode = 'Pipeline' }

$sw = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $ModuleManifest -ErrorAction Stop
$result.importModuleSeconds = $sw.Elapsed.TotalSeconds

[GC]::Collect()
$cpu0 = $process.TotalProcessorTime
$gc0 = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
$steps = [ordered]@{}
$total = [System.Diagnostics.Stopwatch]::StartNew()

$sw.Restart()
$ds = Import-Dataset -LiteralPath $Path
$steps.read = $sw.Elapsed.TotalSeconds

# Choosing the columns is part of the pipeline a user writes, so it is inside the total (it takes microseconds).
$sw.Restart()
$numeric = @($ds.Schema | Where-Object { "$($_.Type)" -in 'Int64', 'Double' } | ForEach-Object Name)
$fill = @{}
foreach ($name in $numeric) { $fill[$name] = 'Median' }
$ds = $ds | Invoke-DataCleaning -Column $numeric -Outliers IQR -OutlierAction Clip -Fill $fill -ReportVariable cleaningReport
$steps.clean = $sw.Elapsed.TotalSeconds

$sw.Restart()
$scaler = New-DataScaler -Method ZScore -Column $numeric -Dataset $ds
$ds = Invoke-DataScaling -Dataset $ds -Scaler $scaler
$steps.scale = $sw.Elapsed.TotalSeconds

$sw.Restart()
Export-Dataset -Dataset $ds -Path $OutPath -Force
$steps.export = $sw.Elapsed.TotalSeconds

$total.Stop()
$process.Refresh()
$result.rows = $ds.RowCount
$result.numericColumns = $numeric
$result.steps = $steps
$result.seconds = $total.Elapsed.TotalSeconds
$result.cpuSeconds = ($process.TotalProcessorTime - $cpu0).TotalSeconds
$gc1 = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
$result.gcCounts = @(0..2 | ForEach-Object { $gc1[$_] - $gc0[$_] })

# Checks, outside the timing: the scaler's fitted mean and population std are the cleaned columns' aggregates
# (Invoke-Benchmarks.ps1 compares them with pandas'); the scaled values are compared cell by cell from the two
# exported files by compare_pipeline_outputs.py.
$checks = [ordered]@{}
foreach ($entry in $scaler.Columns) {
    $checks[$entry.Column] = [ordered]@{ cleanMean = $entry.Mean; cleanStd = $entry.Std; missingAfter = $ds[$entry.Column].NullCount }
}
$result.checks = $checks
$result.cleaningEntries = @($cleaningReport.Columns | ForEach-Object { "$($_.Column) $($_.Action) $($_.Cells) $($_.Detail)" })

'BENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 5)
