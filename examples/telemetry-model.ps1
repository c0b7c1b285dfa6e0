<#
.SYNOPSIS
    Predict a GPU host's power draw (power_w) from its metrics, on the data shipped in examples/data.
.DESCRIPTION
    1. Clean the telemetry: sane ranges and a per-host median fill of the missing metrics.
    2. Train a LightGBM regression (seeded 80/20 hold-out) with permutation feature importance.
    3. Print the metrics and the top feature importances.
    4. Save the model, import it back, and check it predicts the same on the cleaned data.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/telemetry-model.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    [int] $Seed = 42
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Start-ModelTraining -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$metrics = 'cpu_pct', 'gpu_pct', 'mem_pct', 'temp_c'

Write-Host "`n== 1. Clean: ranges, then per-host median fill of the metrics" -ForegroundColor Cyan
$raw = Import-Dataset (Join-Path $DataPath 'telemetry_sample.csv')
$fill = @{}; foreach ($m in $metrics) { $fill[$m] = 'Median' }
$clean = $raw | Invoke-DataCleaning -Column $metrics -Range @{ cpu_pct = 0, 100; gpu_pct = 0, 100; mem_pct = 0, 100 } -Fill $fill -FillByGroup host
'Rows: {0}; missing metric cells before: {1}, after: {2}' -f $clean.RowCount,
    ($raw.Schema | Where-Object Name -in $metrics | Measure-Object Nulls -Sum).Sum,
    ($clean.Schema | Where-Object Name -in $metrics | Measure-Object Nulls -Sum).Sum | Out-Host

Write-Host "`n== 2. Train: LightGBM regression of power_w, seeded 80/20 hold-out" -ForegroundColor Cyan
$model = $clean | Start-ModelTraining -Label power_w -Feature ($metrics + 'rack', 'timestamp') -Trainer LightGbm -Seed $Seed -Explain
$model | Format-Table | Out-Host

Write-Host "== 3. Metrics and the top feature importances (drop in R2 when shuffled)" -ForegroundColor Cyan
'RMSE {0:N2} W, MAE {1:N2} W, R2 {2:N3} on {3} held-out rows' -f $model.Metrics.RootMeanSquaredError,
    $model.Metrics.MeanAbsoluteError, $model.Metrics.RSquared, $model.Metrics.Rows | Out-Host
$model.FeatureImportance | Select-Object -First 3 | Format-Table Feature, @{ n = 'Importance'; e = { '{0:N3}' -f $_.Importance } } | Out-Host

Write-Host "== 4. Save, import, predict" -ForegroundColor Cyan
$path = Join-Path ([System.IO.Path]::GetTempPath()) "telemetry-model-$PID.zip"
try {
    $model | Save-Model -Path $path -Force
    $loaded = Import-Model $path
    $a = ($clean | Invoke-ModelPrediction $model)['Score']
    $b = ($clean | Invoke-ModelPrediction $loaded)['Score']
    $same = -not (0..($clean.RowCount - 1) | Where-Object { $a.GetValue($_) -ne $b.GetValue($_) } | Select-Object -First 1)
    'Imported model predicts the same: {0}' -f $same | Out-Host
    'First host: {0}, power {1} W, predicted {2:N1} W' -f $clean['host'].GetValue(0), $clean['power_w'].GetValue(0), $a.GetValue(0) | Out-Host
}
finally { Remove-Item $path -ErrorAction SilentlyContinue }
