<#
.SYNOPSIS
    Preprocessing the right way round, on the data shipped in examples/data: clean, split, fit the
    scaler and the encoder on the training part only, apply them to both parts, select features.
.DESCRIPTION
    1. Clean the GPU-host telemetry: per-host median fill, IQR clipping of the metrics, sane ranges.
    2. Split by time (earliest 80% train) so no future data leaks into training.
    3. Fit a z-score scaler and a one-hot encoder on train; apply the same parameters to test.
    4. Score features for predicting power draw, and keep the best ones.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/preprocess.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Invoke-DataCleaning -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$metrics = 'cpu_pct', 'gpu_pct', 'mem_pct', 'power_w', 'temp_c'

Write-Host "`n== 1. Clean: ranges, IQR clipping, then per-host median fill" -ForegroundColor Cyan
$raw = Import-Dataset (Join-Path $DataPath 'telemetry_sample.csv')
$fill = @{}; foreach ($m in $metrics) { $fill[$m] = 'Median' }
$clean = $raw | Invoke-DataCleaning -Column $metrics -Range @{ cpu_pct = 0, 100; gpu_pct = 0, 100; mem_pct = 0, 100 } `
    -Outliers IQR -OutlierAction Clip -Fill $fill -FillByGroup host -Trim -ReportVariable report
$report | Format-Table | Out-Host
$report.Columns | Where-Object Cells -gt 0 | Format-Table Column, Action, Cells, Detail -AutoSize | Out-Host
'Missing cells before: {0}, after: {1}' -f ($raw.Schema.Nulls | Measure-Object -Sum).Sum, ($clean.Schema.Nulls | Measure-Object -Sum).Sum | Out-Host

Write-Host "`n== 2. Split by time: the earliest 80% of samples train, the latest 20% test" -ForegroundColor Cyan
$split = $clean | Split-Dataset -TrainFraction 0.8 -TimeColumn timestamp
$split | Format-Table | Out-Host

Write-Host "== 3. Fit on train only, apply the same parameters to test" -ForegroundColor Cyan
$features = 'cpu_pct', 'gpu_pct', 'mem_pct', 'temp_c'
$scaler = New-DataScaler -Method ZScore -Column $features -Dataset $split.Train
$scaler.Columns | Format-Table | Out-Host
$encoder = New-DataEncoder -Method OneHot -Column region -Dataset $split.Train -HandleUnknown Ignore
$encoder.Columns | Format-Table | Out-Host
$train = $split.Train | Invoke-DataScaling -Scaler $scaler | Invoke-DataEncoding -Encoder $encoder
$test = $split.Test | Invoke-DataScaling -Scaler $scaler | Invoke-DataEncoding -Encoder $encoder
$trainMean = ($train | ConvertFrom-Dataset -Column gpu_pct | Measure-Object gpu_pct -Average).Average
$testMean = ($test | ConvertFrom-Dataset -Column gpu_pct | Measure-Object gpu_pct -Average).Average
'Scaled gpu_pct mean: train {0:0.000} (0 by construction), test {1:0.000} (the test data, on the train scale)' -f $trainMean, $testMean | Out-Host

Write-Host "`n== 4. Which features predict power draw? (F test, f_regression)" -ForegroundColor Cyan
$candidates = $features + ($train.Schema.Name | Where-Object { $_ -like 'region_*' })
$train | Select-DataFeature -Target power_w -Method FTest -Column $candidates -Scores | Format-Table | Out-Host
$selected = $train | Select-DataFeature -Target power_w -Method FTest -Column $candidates -K 2
'Kept: {0}' -f ($selected.Schema.Name -join ', ') | Out-Host

Write-Host "`n== 5. What happened to the training data, step by step" -ForegroundColor Cyan
$selected.Lineage | Format-Table | Out-Host
