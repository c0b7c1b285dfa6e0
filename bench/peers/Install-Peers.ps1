<#
.SYNOPSIS
    Installs the peers the benchmarks compare DataCenterTools with, and returns the command line of each step runner.
.DESCRIPTION
    - polars: npm `nodejs-polars@0.25.2` + `nodejs-polars-linux-x64-gnu@0.25.2` (exact pins in bench/peers/package.json)
      into bench/peers/node_modules (git-ignored), only when that version is not there yet.
    - DuckDB: builds bench/peers/DuckDbPeer (NuGet DuckDB.NET.Data.Full 1.5.6.1; not part of the module or the
      solution) with `dotnet build -c Release`.
    - pandas: Debian's python3-pandas for /usr/bin/python3 (bench/Install-PythonPeer.ps1, apt-get when missing).
    - /usr/bin/time (Debian package 'time') for the peak RSS of each run.
    Returns an object with Polars, DuckDb and Pandas: each the command (an array) that runs
    '<step> <input> <output|->' and prints 'BENCH-RESULT {json}' (bench/peers/README.md).
.EXAMPLE
    $peers = & ./bench/peers/Install-Peers.ps1
    & $peers.Polars[0] @($peers.Polars[1..9]) csv-read bench/work/telemetry.csv -
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$here = $PSScriptRoot
$polarsVersion = '0.25.2'

function Install-AptPackage([string] $Package) {
    Write-Host "Installing $Package with apt-get"
    # As root apt-get runs through env ('& @sudo' with an empty array is not a command).
    $sudo = if ((& id -u) -ne '0') { 'sudo' } else { 'env' }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & $sudo apt-get install -y $Package
    if ($LASTEXITCODE -ne 0) { & $sudo apt-get update; & $sudo apt-get install -y $Package }
    if ($LASTEXITCODE -ne 0) { throw "apt-get install -y $Package failed with exit code $LASTEXITCODE." }
}

if (-not (Test-Path /usr/bin/time)) { Install-AptPackage 'time' }
if (-not (Get-Command node -ErrorAction SilentlyContinue) -or -not (Get-Command npm -ErrorAction SilentlyContinue)) { Install-AptPackage 'nodejs'; Install-AptPackage 'npm' }

$installed = Join-Path $here 'node_modules/nodejs-polars/package.json'
$native = Join-Path $here 'node_modules/nodejs-polars-linux-x64-gnu/package.json'
$current = if ((Test-Path $installed) -and (Test-Path $native)) { (Get-Content -Raw $installed | ConvertFrom-Json).version } else { $null }
if ($current -ne $polarsVersion) {
    Write-Host "Installing nodejs-polars $polarsVersion into $here/node_modules (npm)"
    # --no-package-lock: the lock npm would write names builds for other platforms that the registry may not serve.
    & npm install --prefix $here --no-audit --no-fund --no-package-lock --loglevel error | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "npm install of nodejs-polars@$polarsVersion failed with exit code $LASTEXITCODE." }
}

$project = Join-Path $here 'DuckDbPeer/DuckDbPeer.csproj'
$dll = Join-Path $here 'DuckDbPeer/bin/Release/net10.0/DuckDbPeer.dll'
$sources = Get-ChildItem (Join-Path $here 'DuckDbPeer') -File | Where-Object Extension -in '.cs', '.csproj'
if (-not (Test-Path $dll) -or ($sources | Where-Object LastWriteTimeUtc -gt (Get-Item $dll).LastWriteTimeUtc)) {
    Write-Host 'Building the DuckDB peer (DuckDB.NET.Data.Full 1.5.6.1)'
    & dotnet build $project -c Release --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed with exit code $LASTEXITCODE." }
}

& (Join-Path (Split-Path $here) 'Install-PythonPeer.ps1') -Module pandas -Package python3-pandas

[pscustomobject]@{
    Polars = @('node', (Join-Path $here 'polars_step.mjs'))
    DuckDb = @('dotnet', $dll)
    Pandas = @('/usr/bin/python3', (Join-Path $here 'pandas_step.py'))
}
