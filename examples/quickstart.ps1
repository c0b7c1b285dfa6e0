<#
.SYNOPSIS
    A first tour of DataCenterTools on the data shipped in examples/data. No arguments, no network.
.DESCRIPTION
    Imports real data-centre telemetry, shows its schema and lineage, converts it to Parquet and JSON Lines
    and back (checking the round trip), and turns Get-Process output into a typed Dataset.
    Run it with ./build.sh demo, or after Import-Module ./out/DataCenterTools/DataCenterTools.psd1.
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),

    # Where the files it writes go: by default a temp folder, removed at the end; a folder given here is kept, so
    # what was written can be checked (tests/pester/Examples.Tests.ps1 does).
    [string] $WorkPath
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Import-Dataset -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$work = if ($WorkPath) { $WorkPath } else { Join-Path ([System.IO.Path]::GetTempPath()) "dct-quickstart-$PID" }
New-Item -ItemType Directory -Path $work -Force | Out-Null

try {
    Write-Host "`n== 1. Import every CSV in examples/data (one typed Dataset per file)" -ForegroundColor Cyan
    $all = Get-ChildItem $DataPath -Filter *.csv | Import-Dataset
    $all | Format-Table | Out-Host

    $telemetry = $all | Where-Object Name -eq 'telemetry_sample'
    Write-Host "== 2. The schema: inferred types and missing cells of telemetry_sample" -ForegroundColor Cyan
    $telemetry.Schema | Format-Table | Out-Host

    Write-Host "== 3. First rows, typed (timestamp is a DateTime, cpu_pct a Double, missing cells are `$null)" -ForegroundColor Cyan
    $telemetry | ConvertFrom-Dataset -First 4 -Column timestamp, host, cpu_pct, power_w, status | Format-Table | Out-Host

    Write-Host "== 4. Where-Object on typed values: hottest GPU hosts" -ForegroundColor Cyan
    $telemetry | ConvertFrom-Dataset -Column host, temp_c, status |
        Where-Object temp_c -gt 70 | Sort-Object temp_c -Descending | Select-Object -First 3 | Format-Table | Out-Host

    Write-Host "== 5. Export to Parquet and JSON Lines, read back, compare" -ForegroundColor Cyan
    $usage = $all | Where-Object Name -like 'alibaba*'
    foreach ($ext in 'parquet', 'jsonl', 'csv.gz') {
        $file = Join-Path $work "usage.$ext"
        $usage | Export-Dataset -Path $file
        $back = Import-Dataset $file
        $same = $back.RowCount -eq $usage.RowCount -and
            (Compare-Object ($usage | ConvertFrom-Dataset | ConvertTo-Json -Compress) ($back | ConvertFrom-Dataset | ConvertTo-Json -Compress)) -eq $null
        '{0,-10} {1,9:N0} bytes  {2,6:N0} rows  identical: {3}' -f $ext, (Get-Item $file).Length, $back.RowCount, $same | Out-Host
    }

    Write-Host "`n== 6. Lineage: where the data came from and what was done to it" -ForegroundColor Cyan
    $telemetry.Source | Format-List | Out-Host
    $telemetry.Lineage | Format-Table | Out-Host

    Write-Host "== 7. Any objects become a Dataset: the processes on this host" -ForegroundColor Cyan
    $procs = Get-Process | ConvertTo-Dataset -Property Name, Id, CPU, WorkingSet64, StartTime -Name processes
    $procs | Format-Table | Out-Host
    $procs.Schema | Format-Table | Out-Host

    Write-Host "== 8. Safe by default: an existing file is not replaced without -Force" -ForegroundColor Cyan
    $target = Join-Path $work 'usage.parquet'
    $usage | Export-Dataset -Path $target -ErrorVariable refused -ErrorAction SilentlyContinue
    "Refused: $($refused[0].FullyQualifiedErrorId)" | Out-Host
    $usage | Export-Dataset -Path $target -Force -WhatIf
}
finally {
    if (-not $WorkPath) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}
