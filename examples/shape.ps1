<#
.SYNOPSIS
    Shapes the data shipped in examples/data with the Dataset verbs only: filter, select, rename, derive, group,
    join and merge, never one PowerShell object per row. No arguments, no network.
.DESCRIPTION
    1. A per-region hourly profile of the host telemetry: Group-Dataset -TimeColumn -Interval 1h.
    2. The busiest hosts: Select-DataRow -Filter -OrderBy -First, then Select-DataColumn.
    3. A rack table joined onto every row (Join-Dataset -Kind Left), and the rows whose rack the table lacks (-Kind Anti).
    4. The Alibaba 2018 trace has no time column: one is derived from the row number (5-minute samples), then day 1
       and day 7 are compared with Compare-DataDistribution, and the 24 hours of the day profiled with -CalendarPart.
    5. The two halves of the telemetry merged back into one Dataset, checked against the whole.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/shape.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Select-DataRow -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$inv = [cultureinfo]::InvariantCulture
$t = Import-Dataset (Join-Path $DataPath 'telemetry_sample.csv')

Write-Host "`n== 1. CPU per region and hour (telemetry_sample, $($t.RowCount) rows)" -ForegroundColor Cyan
$hourly = $t | Group-Dataset -By region -TimeColumn timestamp -Interval 1h -Aggregate ([ordered]@{ cpu_pct = 'mean', 'p95'; host = 'count_distinct' })
$hourly | Select-DataRow -Filter "region = 'cn-east'" | ConvertFrom-Dataset | ForEach-Object {
    [string]::Format($inv, '{0,-8} {1:yyyy-MM-dd HH:mm}  rows {2,3}  hosts {3}  cpu mean {4,5:0.00}  p95 {5,6:0.00}',
        $_.region, $_.timestamp, $_.rows, $_.host_count_distinct, $_.cpu_pct_mean, $_.cpu_pct_p95)
} | Out-Host
"Groups: $($hourly.RowCount) (3 regions x 5 hours)" | Out-Host

Write-Host "`n== 2. The five busiest readings outside warn/crit" -ForegroundColor Cyan
$t | Select-DataRow -Filter "cpu_pct > 90 and status not in ('warn', 'crit')" -OrderBy 'cpu_pct desc', host -First 5 |
    Select-DataColumn timestamp, host, cpu_pct, gpu_pct |
    Rename-DataColumn @{ cpu_pct = 'cpu'; gpu_pct = 'gpu' } |
    ConvertFrom-Dataset | Format-Table -AutoSize | Out-Host

Write-Host "`n== 3. Racks joined onto the rows" -ForegroundColor Cyan
$racks = @(
    [pscustomobject]@{ rack = 'fra-r1'; room = 'FRA-A'; host_cap_w = 700 }
    [pscustomobject]@{ rack = 'fra-r2'; room = 'FRA-A'; host_cap_w = 700 }
    [pscustomobject]@{ rack = 'sha-r1'; room = 'SHA-2'; host_cap_w = 750 }
    [pscustomobject]@{ rack = 'sha-r2'; room = 'SHA-2'; host_cap_w = 750 }
) | ConvertTo-Dataset -Name racks
$joined = $t | Join-Dataset $racks -On rack -Kind Left |
    Add-DataColumn -Name load_pct -Expression 'round(power_w / host_cap_w * 100, 1)'
$byRoom = $joined | Group-Dataset -By room -Aggregate ([ordered]@{ load_pct = 'max'; power_w = 'mean' })
$byRoom | ConvertFrom-Dataset | ForEach-Object {
    $load = if ($null -eq $_.load_pct_max) { '-' } else { [string]::Format($inv, '{0:0.0} %', $_.load_pct_max) }
    [string]::Format($inv, 'room {0,-6} rows {1,3}  max load {2,7}  mean power {3:0.0} W', ($_.room ?? '(none)'), $_.rows, $load, $_.power_w_mean)
} | Out-Host
$unknown = $t | Join-Dataset $racks -On rack -Kind Anti | Group-Dataset -By rack
"Rows whose rack the table lacks: $(($unknown | ConvertFrom-Dataset | ForEach-Object { "$($_.rack) $($_.rows)" }) -join ', ')" | Out-Host

Write-Host "`n== 4. Alibaba 2018: day 1 against day 7, and the hours of the day" -ForegroundColor Cyan
# 2,243 five-minute samples of days 1 to 8; the trace's days are relative, so day 1 is put at a nominal 2018-01-01.
$trace = Import-Dataset (Join-Path $DataPath 'alibaba2018_machine_usage_300s.csv') |
    Add-DataColumn -Name t -Expression 'from_unixtime(1514764800 + (row_number() - 1) * 300)' |
    Add-DataColumn -Name day -Expression 'day(t)'
$day1 = $trace | Select-DataRow -Filter 'day = 1'
$day7 = $trace | Select-DataRow -Filter 'day = 7'
"Day 1: $($day1.RowCount) rows; day 7: $($day7.RowCount) rows" | Out-Host
Compare-DataDistribution -Reference $day1 -Difference $day7 -Column cpu_util_percent, mem_util_percent | ForEach-Object {
    [string]::Format($inv, '{0,-17} {1,-18} KS {2:0.0000}  p {3:0.0e+0}  drifted: {4}', $_.Column, $_.Method, $_.KsStatistic, $_.KsPValue, $_.Drifted)
} | Out-Host
$hours = $trace | Group-Dataset -TimeColumn t -CalendarPart HourOfDay -Aggregate @{ cpu_util_percent = 'mean' }
$peak = $hours | Select-DataRow -OrderBy 'cpu_util_percent_mean desc' -First 1 | ConvertFrom-Dataset
$low = $hours | Select-DataRow -OrderBy cpu_util_percent_mean -First 1 | ConvertFrom-Dataset
[string]::Format($inv, 'Hours of the day: {0}; busiest hour {1:00}:00 (mean CPU {2:0.00} %), quietest {3:00}:00 ({4:0.00} %)',
    $hours.RowCount, $peak.hour_of_day, $peak.cpu_util_percent_mean, $low.hour_of_day, $low.cpu_util_percent_mean) | Out-Host

Write-Host "`n== 5. Two halves merged back" -ForegroundColor Cyan
$merged = ($t | Select-DataRow -First 360), ($t | Select-DataRow -Skip 360) | Merge-Dataset -Name telemetry
$sum = { param($d) ($d | Group-Dataset -Aggregate @{ power_w = 'sum' } | ConvertFrom-Dataset).power_w_sum }
[string]::Format($inv, 'Merged: {0} rows; power_w sum {1:0.0} (whole: {2:0.0})', $merged.RowCount, (& $sum $merged), (& $sum $t)) | Out-Host
"Lineage: $(($merged.Lineage | ForEach-Object Operation) -join ' | ')" | Out-Host
