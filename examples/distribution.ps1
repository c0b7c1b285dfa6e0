<#
.SYNOPSIS
    Profiles the data shipped in examples/data: distributions per region and day, drift, an inventory, mergeable
    summaries and an HTML report. No arguments, no network.
.DESCRIPTION
    1. Get-DataDistribution of the host telemetry per region and per day (-GroupBy region -TimeColumn timestamp).
    2. Compare-DataDistribution of the first half of the Alibaba 2018 machine trace against the second half.
    3. Get-DatasetInventory -GroupBy Format of examples/data.
    4. Get-DataDistribution -AsSummary on the two halves of the trace, combined with Merge-DataDistribution (the way
       summaries made by separate jobs or machines are combined), checked against the profile of the whole trace.
    5. Export-DataReport of the telemetry to a temporary folder (its size and path are printed, then it is deleted).
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/distribution.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Get-DataDistribution -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$inv = [cultureinfo]::InvariantCulture
$telemetry = Import-Dataset (Join-Path $DataPath 'telemetry_sample.csv')
$trace = Import-Dataset (Join-Path $DataPath 'alibaba2018_machine_usage_300s.csv')

Write-Host "`n== 1. Power and status per region and per day (telemetry_sample, $($telemetry.RowCount) rows)" -ForegroundColor Cyan
$profile = $telemetry | Get-DataDistribution -Column power_w, status -GroupBy region -TimeColumn timestamp -Interval 1d
foreach ($p in $profile | Where-Object Column -eq 'power_w') {
    [string]::Format($inv, '{0,-11} {1:yyyy-MM-dd}  power_w n={2} missing={3} mean {4:0.0} W, median {5:0.0} W, max {6:0.0} W',
        $p.GroupKey, $p.Bucket, $p.Count, $p.Missing, $p.Mean, $p.Median, $p.Max) | Out-Host
}
foreach ($p in $profile | Where-Object Column -eq 'status') {
    $top = ($p.TopValues | ForEach-Object { '{0} {1}' -f $_.Value, $_.Count }) -join ', '
    '{0,-11} {1:yyyy-MM-dd}  status {2}' -f $p.GroupKey, $p.Bucket, $top | Out-Host
}

Write-Host "`n== 2. Drift: the first half of the Alibaba trace against the second half" -ForegroundColor Cyan
$half = [int][math]::Ceiling($trace.RowCount / 2)
# The trace is in time order (one row per 300 s) but has no time column: the row position splits it in time.
$rows = @($trace | ConvertFrom-Dataset)
$first = $rows[0..($half - 1)] | ConvertTo-Dataset
$second = $rows[$half..($rows.Count - 1)] | ConvertTo-Dataset
'Rows: {0} + {1}' -f $first.RowCount, $second.RowCount | Out-Host
Compare-DataDistribution -Reference $first -Difference $second | Format-Table | Out-Host

Write-Host "== 3. What is in examples/data, per format" -ForegroundColor Cyan
$inventory = Get-DatasetInventory -Path $DataPath -GroupBy Format
foreach ($i in $inventory) {
    [string]::Format($inv, '{0}: {1} files, {2:N0} bytes, {3:N0} rows', $i.Name, $i.Files, $i.Length, $i.RowCount) | Out-Host
}

Write-Host "`n== 4. Mergeable summaries: the two halves summarised apart, then merged" -ForegroundColor Cyan
$summaries = @($first, $second) | ForEach-Object { $_ | Get-DataDistribution -Column cpu_util_percent, mem_util_percent -AsSummary }
$merged = $summaries | Merge-DataDistribution
$whole = $trace | Get-DataDistribution -Column cpu_util_percent, mem_util_percent
foreach ($m in $merged) {
    $w = $whole | Where-Object Column -eq $m.Column
    [string]::Format($inv, '{0}: merged n={1} mean {2:0.0000} std {3:0.0000} min {4:0.00} max {5:0.00}; whole trace mean {6:0.0000} std {7:0.0000}; same count and moments: {8}',
        $m.Column, $m.Count, $m.Mean, $m.Std, $m.Min, $m.Max, $w.Mean, $w.Std,
        ($m.Count -eq $w.Count -and [math]::Abs($m.Mean - $w.Mean) -lt 1e-9 -and [math]::Abs($m.Std - $w.Std) -lt 1e-9)) | Out-Host
}

Write-Host "`n== 5. An HTML report of the telemetry" -ForegroundColor Cyan
$work = Join-Path ([System.IO.Path]::GetTempPath()) "dct-distribution-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null
try {
    $report = $telemetry | Export-DataReport -Path (Join-Path $work 'telemetry-report.html') -PassThru
    [string]::Format($inv, 'Report: {0:N0} bytes at {1}', $report.Length, $report.FullName) | Out-Host
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force
    'Removed {0}: {1}' -f $work, -not (Test-Path -LiteralPath $work) | Out-Host
}
