<#
.SYNOPSIS
    Times Import-Dataset against Import-Csv and pandas.read_csv, and the preprocessing pipeline (clean + z-score + CSV
    export) against the same steps in pandas, on the same host-telemetry CSV, side by side in one run, and writes the
    figures and ratios to bench/RESULTS.md.
.DESCRIPTION
    1. Makes sure the peers are there: /usr/bin/time (package 'time') and Debian's pandas for /usr/bin/python3
       (package 'python3-pandas'); installs them with apt-get when missing.
    2. Generates bench/work/telemetry.csv with New-TelemetryCsv.ps1 when it is missing or was made for another row
       count or by another version of the generator (deterministic: same bytes every time).
    3. Runs every measurement in its own fresh process under '/usr/bin/time -f %M' (peak RSS). The seconds are
       measured inside the process around the read call only (Import-Dataset, Import-Csv, pandas.read_csv), so
       process start-up and module/interpreter loading are excluded from them; they are reported separately:
       a bare pwsh, a pwsh that only runs Import-Module (its in-process time is the Import-Module time, its RSS the
       baseline for Import-Dataset's net memory) and a python3 that only imports pandas.
       Import-Dataset and pandas run -Repeat times, interleaved, and the medians are reported; Import-Csv runs once
       (on the first -ImportCsvRows rows when given, extrapolated linearly to the full file and marked so).
       The Pipeline suite runs Measure-PwshPipeline.ps1 (Import-Dataset, Invoke-DataCleaning -Outliers IQR
       -OutlierAction Clip -Fill Median, New-DataScaler -Method ZScore + Invoke-DataScaling, Export-Dataset) and
       pipeline_pandas.py (the same steps in the same order) -Repeat times, interleaved, timing each step and the
       total inside the process; then compare_pipeline_outputs.py checks that the two output files hold the same
       data (every cell to 1e-9).
    4. Writes bench/RESULTS.md (one section per suite: table, machine line, whether each target was met) and prints
       the tables. A run of one suite replaces its own section and keeps the other one as it was.
.PARAMETER ModuleManifest
    Path to the built module's manifest: out/DataCenterTools/DataCenterTools.psd1 (./build.sh bench passes it).
.PARAMETER Suite
    Import (reading the CSV: Import-Dataset, pandas.read_csv, Import-Csv), Pipeline (clean + z-score + CSV export,
    cmdlets vs pandas), Labeling (agreement and Dawid-Skene on 1M label rows vs statsmodels, bench/Measure-Labeling.ps1),
    Training (LightGBM, the TF-IDF text path and the MovieLens recommender vs scikit-learn, bench/Measure-Training.ps1;
    about 15 minutes; MovieLens is read from ../shared/data/movielens and skipped when absent), Distribution (Import-Dataset +
    Get-DataDistribution vs pandas describe/nunique/value_counts/skew/kurt, bench/Measure-Distribution.ps1),
    DistributionStream (peak memory of Get-DataDistribution -Path on a generated 5 GB CSV and 1 GB of JSON Lines,
    bench/Measure-DistributionStream.ps1; not part of All),
    PrivacyFiles (Protect-DataFile/Unprotect-DataFile vs gpg, bench/Measure-PrivacyFiles.ps1), Backup (Backup-Dataset
    vs restic, bench/Measure-Backup.ps1), Privacy (Protect-Dataset -Hash on 1M e-mail addresses vs a Python hmac
    loop, bench/Measure-Privacy.ps1), PassphraseKeys (one Argon2id derivation vs the reference argon2,
    bench/Measure-PassphraseKeys.ps1), Kernels (the hand-written radix sorts and HMAC-SHA256 against Array.Sort and
    HMACSHA256.HashData, bench/Measure-Kernels.ps1), Peers (every step of issue 14's table against polars, DuckDB and
    pandas, bench/Measure-Peers.ps1 with the runners in bench/peers/), Parquet (ParquetSharp against Parquet.Net on
    the same Dataset, bench/Measure-ParquetLibraries.ps1) Text (MinHash dedup, quality rules, token counting and language
    identification on a generated 1.1 GB corpus vs Python peers, bench/Measure-Text.ps1; not part of All: building the
    corpus takes minutes), Fleet (Invoke-DataFleet fan-out time vs 1, 2, 4, 8 loopback hosts of one real sshd against a
    serial Invoke-Command loop, bench/Measure-Fleet.ps1; not part of All: it starts an sshd) or All (the default: every
    suite but DistributionStream, Text and Fleet).
.PARAMETER Rows
    Rows in the generated CSV (1,000,000 by default: about 136 MB).
.PARAMETER ImportCsvRows
    Time Import-Csv on only the first N rows and extrapolate linearly (0, the default, reads the whole file).
.PARAMETER Repeat
    Runs of each Import-Dataset / pandas / baseline / pipeline measurement; the median is reported.
.PARAMETER ResultsPath
    Where the report goes (default bench/RESULTS.md).
.EXAMPLE
    ./build.sh bench
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -ImportCsvRows 200000
.EXAMPLE
    ./build.sh bench -Suite Pipeline
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    # Which measurements to run: Import (reading the CSV), Pipeline (clean + z-score + CSV export), Labeling, Training, Distribution, DistributionStream, PrivacyFiles, Backup, Privacy, PassphraseKeys, Kernels, Peers, Parquet, Text, Fleet, or All.
    [ValidateSet('Import', 'Pipeline', 'Labeling', 'Training', 'Distribution', 'DistributionStream', 'PrivacyFiles', 'Backup', 'Privacy', 'PassphraseKeys', 'Kernels', 'Peers', 'Parquet', 'Text', 'Fleet', 'All')]
    [string] $Suite = 'All',

    [ValidateRange(1, [int]::MaxValue)]
    [int] $Rows = 1000000,

    [ValidateRange(0, [int]::MaxValue)]
    [int] $ImportCsvRows = 0,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

# The labeling, training and distribution suites have their own scripts and their own sections of RESULTS.md.
if ($Suite -eq 'Labeling') {
    & (Join-Path $PSScriptRoot 'Measure-Labeling.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Training') {
    & (Join-Path $PSScriptRoot 'Measure-Training.ps1') -ModuleManifest $ModuleManifest -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Backup') {
    & (Join-Path $PSScriptRoot 'Measure-Backup.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'PrivacyFiles') {
    & (Join-Path $PSScriptRoot 'Measure-PrivacyFiles.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Distribution') {
    & (Join-Path $PSScriptRoot 'Measure-Distribution.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Privacy') {
    & (Join-Path $PSScriptRoot 'Measure-Privacy.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Parquet') {
    & (Join-Path $PSScriptRoot 'Measure-ParquetLibraries.ps1') -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Peers') {
    & (Join-Path $PSScriptRoot 'Measure-Peers.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'PassphraseKeys') {
    & (Join-Path $PSScriptRoot 'Measure-PassphraseKeys.ps1') -ModuleManifest $ModuleManifest -Repeat ([Math]::Max($Repeat, 5)) -ResultsPath $ResultsPath
    return
}
if ($Suite -eq 'Kernels') {
    & (Join-Path $PSScriptRoot 'Measure-Kernels.ps1') -Repeat ([math]::Max($Repeat, 7)) -ResultsPath $ResultsPath
    return
}
# Not part of All: it builds and reads a 1.1 GB corpus.
if ($Suite -eq 'Text') {
    & (Join-Path $PSScriptRoot 'Measure-Text.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}
# Not part of All: it writes and reads a 5 GB file.
if ($Suite -eq 'Fleet') {
    & (Join-Path $PSScriptRoot 'Measure-Fleet.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    return
}

if ($Suite -eq 'DistributionStream') {
    & (Join-Path $PSScriptRoot 'Measure-DistributionStream.ps1') -ModuleManifest $ModuleManifest -ResultsPath $ResultsPath
    return
}

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'
$inv = [System.Globalization.CultureInfo]::InvariantCulture

$bench = $PSScriptRoot
$work = Join-Path $bench 'work'
$python = '/usr/bin/python3'
$timeExe = '/usr/bin/time'
if (-not (Test-Path $work)) { New-Item -ItemType Directory -Path $work | Out-Null }
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

# ---------------------------------------------------------------- prerequisites
function Install-AptPackage([string] $Package) {
    Write-Host "Installing $Package with apt-get"
    $sudo = if ((& id -u) -ne '0') { @('sudo') } else { @() }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & @sudo apt-get install -y $Package
    if ($LASTEXITCODE -ne 0) {
        & @sudo apt-get update
        & @sudo apt-get install -y $Package
        if ($LASTEXITCODE -ne 0) { throw "apt-get install -y $Package failed with exit code $LASTEXITCODE." }
    }
}

if (-not (Test-Path $timeExe)) { Install-AptPackage 'time' }
& $python -c 'import pandas' 2>$null
if ($LASTEXITCODE -ne 0) {
    Install-AptPackage 'python3-pandas'
    & $python -c 'import pandas'
    if ($LASTEXITCODE -ne 0) { throw "$python still cannot import pandas after installing python3-pandas." }
}

# pwsh children run the same pwsh as this script: 'dotnet <PSHOME>/pwsh.dll' for the local dotnet tool.
$hostPath = [Environment]::ProcessPath
$pwshHost = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$pwshHost += '-NoProfile', '-NonInteractive', '-File'
$pwshCommand = $pwshHost + (Join-Path $bench 'Measure-PwshReader.ps1')
$runImport = $Suite -in 'Import', 'All'
$runPipeline = $Suite -in 'Pipeline', 'All'

# ---------------------------------------------------------------- data
$csv = Join-Path $work 'telemetry.csv'
$metaPath = "$csv.json"
$generator = Join-Path $bench 'New-TelemetryCsv.ps1'
$generatorHash = (Get-FileHash -Algorithm SHA256 -LiteralPath $generator).Hash
$meta = if ((Test-Path $metaPath) -and (Test-Path $csv)) { Get-Content -Raw $metaPath | ConvertFrom-Json } else { $null }
if (-not $meta -or $meta.Rows -ne $Rows -or $meta.GeneratorSha256 -ne $generatorHash -or (Get-Item $csv).Length -ne $meta.Bytes) {
    $generated = & $generator -Rows $Rows -Path $csv
    $meta = [pscustomobject]@{ Rows = $Rows; Bytes = $generated.Bytes; Sha256 = $generated.Sha256; GeneratorSha256 = $generatorHash; Seconds = $generated.Seconds }
    $meta | ConvertTo-Json | Set-Content -Path $metaPath
}
else {
    Write-Host ("Using {0} ({1:N0} rows, {2:N0} bytes, SHA-256 {3})" -f $csv, $meta.Rows, $meta.Bytes, $meta.Sha256)
}

# Import-Csv on a prefix of the file when asked: the header and the first N rows.
$csvForImportCsv = $csv
$importCsvPartial = $ImportCsvRows -gt 0 -and $ImportCsvRows -lt $Rows
if ($importCsvPartial) {
    $csvForImportCsv = Join-Path $work "telemetry-head-$ImportCsvRows.csv"
    $reader = [IO.StreamReader]::new($csv)
    $writer = [IO.StreamWriter]::new($csvForImportCsv, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.NewLine = "`n"
        for ($i = 0; $i -le $ImportCsvRows; $i++) { $writer.WriteLine($reader.ReadLine()) }
    }
    finally { $writer.Dispose(); $reader.Dispose() }
}

# Warm the page cache so that no tool pays for the first read from disk.
foreach ($file in @($csv, $csvForImportCsv) | Select-Object -Unique) {
    $stream = [IO.File]::OpenRead($file)
    try { $buffer = [byte[]]::new(1MB); while ($stream.Read($buffer, 0, $buffer.Length) -gt 0) { } } finally { $stream.Dispose() }
}

# ---------------------------------------------------------------- measuring
function Invoke-Measured {
    param([string] $Name, [string[]] $Command)
    $rssFile = Join-Path $work 'time.out'
    if (Test-Path $rssFile) { Remove-Item $rssFile }
    $errFile = Join-Path $work 'stderr.out'
    $output = & $timeExe -f '%M %e' -o $rssFile -- @Command 2>$errFile
    $exit = $LASTEXITCODE
    $stderr = if (Test-Path $errFile) { (Get-Content -Raw $errFile) } else { '' }
    $timeLine = if (Test-Path $rssFile) { @(Get-Content $rssFile | Where-Object { $_ -match '^\d+ [\d.]+$' })[-1] } else { $null }
    $line = @($output | Where-Object { $_ -match '^(BENCH-RESULT )?\{' })
    if ($exit -ne 0 -or -not $timeLine -or $line.Count -eq 0) {
        $why = (($stderr, ($output -join "`n")) -join "`n").Trim()
        Write-Warning "$Name failed (exit code $exit): $why"
        return [pscustomobject]@{ Name = $Name; Failed = $true; Error = ($why -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 3) -join ' ' }
    }
    $data = ($line[-1] -replace '^BENCH-RESULT ', '') | ConvertFrom-Json
    $kb, $elapsed = $timeLine -split ' '
    $result = [pscustomobject]@{
        Name = $Name; Failed = $false; Data = $data
        Seconds = if ($null -ne $data.PSObject.Properties['seconds'] -and $null -ne $data.seconds) { [double]$data.seconds } else { $null }
        RssMB = [double]$kb / 1024; ProcessSeconds = [double]::Parse($elapsed, $inv)
    }
    $shown = if ($null -ne $result.Seconds) { '{0:0.000} s, ' -f $result.Seconds } else { '' }
    Write-Host ("  {0,-34} {1}peak RSS {2:N0} MB (process {3:0.00} s)" -f $Name, $shown, $result.RssMB, $result.ProcessSeconds)
    $result
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return $null }
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

$measures = [ordered]@{}
if ($runImport) {
    $measures.Pwsh          = @{ Label = 'pwsh (bare process)'; Command = $pwshCommand + @('-Mode', 'Pwsh') }
    $measures.ImportModule  = @{ Label = 'pwsh + Import-Module'; Command = $pwshCommand + @('-Mode', 'ImportModule', '-ModuleManifest', $ModuleManifest) }
    $measures.Python        = @{ Label = 'python3 + import pandas'; Command = @($python, '-c', 'import json, pandas; print(json.dumps({"seconds": None}))') }
    $measures.ImportDataset = @{ Label = 'Import-Dataset'; Command = $pwshCommand + @('-Mode', 'ImportDataset', '-ModuleManifest', $ModuleManifest, '-Path', $csv) }
    $measures.ImportDatasetWarm = @{ Label = 'Import-Dataset (2nd call)'; Command = $pwshCommand + @('-Mode', 'ImportDatasetWarm', '-ModuleManifest', $ModuleManifest, '-Path', $csv) }
    $measures.Pandas        = @{ Label = 'pandas.read_csv'; Command = @($python, (Join-Path $bench 'read_csv_pandas.py'), $csv) }
    $measures.PandasDates   = @{ Label = 'pandas.read_csv (parse_dates)'; Command = @($python, (Join-Path $bench 'read_csv_pandas.py'), $csv, '--parse-dates', 'timestamp') }
}
# The pipeline: each tool writes its own output file, overwritten on every round; the last round's two files are
# compared cell by cell afterwards.
$pipelineOut = @{ Cmdlets = (Join-Path $work 'pipeline-cmdlets.csv'); Pandas = (Join-Path $work 'pipeline-pandas.csv') }
if ($runPipeline) {
    $measures.PipelineCmdlets = @{ Label = 'pipeline: cmdlets'; Command = $pwshHost + @((Join-Path $bench 'Measure-PwshPipeline.ps1'), '-ModuleManifest', $ModuleManifest, '-Path', $csv, '-OutPath', $pipelineOut.Cmdlets) }
    $measures.PipelinePandas  = @{ Label = 'pipeline: pandas'; Command = @($python, (Join-Path $bench 'pipeline_pandas.py'), $csv, $pipelineOut.Pandas) }
}
$runs = @{}
foreach ($key in $measures.Keys) { $runs[$key] = [System.Collections.Generic.List[object]]::new() }

$loadBefore = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
if ([double]($loadBefore -split ' ')[0] -gt [Environment]::ProcessorCount / 2) {
    Write-Warning "The 1-minute load average is $(($loadBefore -split ' ')[0]) on $([Environment]::ProcessorCount) cores: other work is running and the timings will be noisy."
}
$clock = [System.Diagnostics.Stopwatch]::StartNew()
for ($r = 1; $r -le $Repeat; $r++) {
    Write-Host "Round $r of $Repeat"
    foreach ($key in $measures.Keys) { $runs[$key].Add((Invoke-Measured $measures[$key].Label $measures[$key].Command)) }
}
if ($runImport) {
    $importCsvLabel = if ($importCsvPartial) { "Import-Csv (first $ImportCsvRows rows)" } else { 'Import-Csv' }
    Write-Host 'Import-Csv (once)'
    $importCsvRun = Invoke-Measured $importCsvLabel ($pwshCommand + @('-Mode', 'ImportCsv', '-Path', $csvForImportCsv))
}
$loadAfter = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
Write-Host ("Measured in {0:0.0} s (load average before: $loadBefore; after: $loadAfter)" -f $clock.Elapsed.TotalSeconds)

# The two pipeline outputs of the last round, compared cell by cell (not timed).
$comparison = $null
if ($runPipeline) {
    Write-Host 'Comparing the two pipeline outputs'
    $compareOutput = & $python (Join-Path $bench 'compare_pipeline_outputs.py') $pipelineOut.Cmdlets $pipelineOut.Pandas
    $comparison = if ($LASTEXITCODE -eq 0 -and $compareOutput) { @($compareOutput)[-1] | ConvertFrom-Json } else { $null }
    if (-not $comparison) { Write-Warning "compare_pipeline_outputs.py failed (exit code $LASTEXITCODE)." }
}

function Get-Summary([string] $Key) {
    $ok = @($runs[$Key] | Where-Object { -not $_.Failed })
    if ($ok.Count -eq 0) { return [pscustomobject]@{ Failed = $true; Error = @($runs[$Key])[0].Error; Runs = 0 } }
    $seconds = @($ok | Where-Object { $null -ne $_.Seconds } | ForEach-Object Seconds)
    [pscustomobject]@{
        Failed = $false; Runs = $ok.Count
        Seconds = if ($seconds.Count) { Get-Median $seconds } else { $null }
        AllSeconds = $seconds
        RssMB = Get-Median @($ok | ForEach-Object RssMB)
        ProcessSeconds = Get-Median @($ok | ForEach-Object ProcessSeconds)
        Rows = $ok | ForEach-Object { if ($_.Data.PSObject.Properties['rows']) { $_.Data.rows } } | Select-Object -First 1
        Data = $ok
    }
}
$s = @{}
foreach ($key in $measures.Keys) { $s[$key] = Get-Summary $key }

# ---------------------------------------------------------------- report
function Format-Number($Value, [string] $Format) { if ($null -eq $Value) { '–' } else { ([double]$Value).ToString($Format, $inv) } }
function Format-Ratio($Value, $Reference) {
    if ($null -eq $Value -or $null -eq $Reference -or $Reference -eq 0) { '–' } else { ([double]$Value / [double]$Reference).ToString('0.00', $inv) + 'x' }
}
function Format-List([double[]] $Values, [string] $Format = '0.000') { (@($Values) | ForEach-Object { $_.ToString($Format, $inv) }) -join ', ' }
function Test-Target([bool] $Known, [bool] $Met) { if (-not $Known) { 'not measured' } elseif ($Met) { '**met**' } else { '**not met**' } }

$memTotal = (Get-Content /proc/meminfo | Where-Object { $_ -match '^MemTotal:' }) -replace '\D', ''
$cpuModel = ((Get-Content /proc/cpuinfo | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -split ':', 2)[-1].Trim()
$pandasVersion = (& $python -c 'import pandas, sys; print(pandas.__version__, sys.version.split()[0])')
$commit = try { (& git -C $bench rev-parse --short HEAD 2>$null) } catch { $null }
$machine = "Machine: nproc $([Environment]::ProcessorCount), memory $([math]::Round([double]$memTotal / 1MB, 1)) GiB, $cpuModel; " +
    "date $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC; pwsh $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription); " +
    "pandas $($pandasVersion -replace ' ', ' on Python '); commit $commit; suite $Suite; load average (1/5/15 min) $loadBefore before the runs, $loadAfter after."
$busy = [math]::Max([double]($loadBefore -split ' ')[0], [double]($loadAfter -split ' ')[0])
if ($busy -gt [Environment]::ProcessorCount / 2) {
    $machine += " **The machine was busy** (1-minute load up to $($busy.ToString('0.##', $inv)) on $([Environment]::ProcessorCount) cores): other work shared the CPUs, so these timings are noisy and slower than on an idle machine; the ratios come from interleaved runs that saw the same load."
}

# Each section of RESULTS.md sits between markers, so a run of one suite replaces its own section and keeps the
# other one (with that run's own machine line) as it was.
$sections = [ordered]@{}
$printed = @()

# ---------------------------------------------------------------- report: Import
if ($runImport) {
    $importModuleSeconds = if (-not $s.ImportModule.Failed) { Get-Median @($s.ImportModule.Data | ForEach-Object { [double]$_.Data.importModuleSeconds }) } else { $null }

    # Import-Csv: scale a partial run linearly to the full row count (time, and memory above the bare pwsh process).
    $csvSummary = if ($importCsvRun.Failed) { [pscustomobject]@{ Failed = $true; Error = $importCsvRun.Error } } else {
        $factor = if ($importCsvPartial) { $Rows / $ImportCsvRows } else { 1.0 }
        $pwshBase = if ($s.Pwsh.Failed) { 0 } else { $s.Pwsh.RssMB }
        [pscustomobject]@{
            Failed = $false; Runs = 1; Rows = $Rows; MeasuredRows = $importCsvRun.Data.rows
            Seconds = $importCsvRun.Seconds * $factor
            RssMB = if ($importCsvPartial) { $pwshBase + ($importCsvRun.RssMB - $pwshBase) * $factor } else { $importCsvRun.RssMB }
            MeasuredSeconds = $importCsvRun.Seconds; MeasuredRssMB = $importCsvRun.RssMB; Data = @($importCsvRun)
        }
    }

    $id = $s.ImportDataset
    $table = [System.Collections.Generic.List[string]]::new()
    $table.Add('| Tool | Rows | Seconds | Peak RSS MB | Time vs Import-Dataset | Memory vs Import-Dataset |')
    $table.Add('|---|---:|---:|---:|---:|---:|')
    function Add-Row([string] $Label, $Summary, [string] $Note = '') {
        if ($Summary.Failed) { $table.Add("| $Label | – | failed: $($Summary.Error -replace '\|', '/') | – | – | – |"); return }
        $idSeconds = if ($id.Failed) { $null } else { $id.Seconds }
        $idRss = if ($id.Failed) { $null } else { $id.RssMB }
        $rowsText = if ($null -ne $Summary.Rows) { ([long]$Summary.Rows).ToString('N0', $inv) } else { '–' }
        $table.Add("| $Label$Note | $rowsText | $(Format-Number $Summary.Seconds '0.000') | $(Format-Number $Summary.RssMB '0') | $(Format-Ratio $Summary.Seconds $idSeconds) | $(Format-Ratio $Summary.RssMB $idRss) |")
    }
    Add-Row 'Import-Dataset' $id
    Add-Row 'Import-Dataset, 2nd call in the same process ³' $s.ImportDatasetWarm
    Add-Row 'pandas.read_csv' $s.Pandas
    Add-Row 'pandas.read_csv (parse_dates=[timestamp])' $s.PandasDates
    Add-Row 'Import-Csv' $csvSummary ($(if ($importCsvPartial -and -not $csvSummary.Failed) { " ¹" } else { '' }))
    $baselineRow = if ($s.ImportModule.Failed) { $s.ImportModule } else { [pscustomobject]@{ Failed = $false; Rows = $null; Seconds = $importModuleSeconds; RssMB = $s.ImportModule.RssMB } }
    $table.Add("| *pwsh + Import-Module only (baseline)* ² | – | $(if ($baselineRow.Failed) { 'failed' } else { Format-Number $importModuleSeconds '0.000' }) | $(if ($baselineRow.Failed) { '–' } else { Format-Number $baselineRow.RssMB '0' }) | | |")
    $table.Add("| *pwsh, bare process* | – | – | $(if ($s.Pwsh.Failed) { 'failed' } else { Format-Number $s.Pwsh.RssMB '0' }) | | |")
    $table.Add("| *python3 + import pandas only* | – | – | $(if ($s.Python.Failed) { 'failed' } else { Format-Number $s.Python.RssMB '0' }) | | |")

    # Targets.
    $idOk = -not $id.Failed
    $pdOk = -not $s.Pandas.Failed
    $csvOk = -not $csvSummary.Failed
    $speedPandas = if ($idOk -and $pdOk) { $s.Pandas.Seconds / $id.Seconds } else { $null }
    $speedCsv = if ($idOk -and $csvOk) { $csvSummary.Seconds / $id.Seconds } else { $null }
    $netId = if ($idOk -and -not $s.ImportModule.Failed) { $id.RssMB - $s.ImportModule.RssMB } else { $null }
    $netPandas = if ($pdOk -and -not $s.Python.Failed) { $s.Pandas.RssMB - $s.Python.RssMB } else { $null }
    $targets = @(
        "- Import-Dataset at least 4x faster than pandas.read_csv: $(Test-Target ($null -ne $speedPandas) ($speedPandas -ge 4)) (measured $(Format-Number $speedPandas '0.00')x).",
        "- Import-Dataset at least 40x faster than Import-Csv: $(Test-Target ($null -ne $speedCsv) ($speedCsv -ge 40)) (measured $(Format-Number $speedCsv '0.0')x$(if ($importCsvPartial) { ', Import-Csv extrapolated from ' + $ImportCsvRows.ToString('N0', $inv) + ' rows' }))."
        "- Import-Dataset peak memory no more than pandas': $(Test-Target ($idOk -and $pdOk) ($idOk -and $pdOk -and $id.RssMB -le $s.Pandas.RssMB)) (peak RSS $(if ($idOk) { Format-Number $id.RssMB '0' } else { '–' }) MB vs $(if ($pdOk) { Format-Number $s.Pandas.RssMB '0' } else { '–' }) MB; net of each runtime's own baseline $(Format-Number $netId '0') MB vs $(Format-Number $netPandas '0') MB)."
        "- Import-Module under 1 s: $(Test-Target ($null -ne $importModuleSeconds) ($importModuleSeconds -lt 1)) (median $(Format-Number $importModuleSeconds '0.000') s inside pwsh; the whole pwsh process with it took $(if ($s.ImportModule.Failed) { '–' } else { Format-Number $s.ImportModule.ProcessSeconds '0.00' }) s)."
    )

    $details = [System.Collections.Generic.List[string]]::new()
    if ($idOk) {
        $d = @($id.Data | ForEach-Object Data)
        $details.Add("- Import-Dataset runs (s): $(Format-List $id.AllSeconds); " +
            "reader's own clock (lineage) median $(Format-Number (Get-Median @($d | Where-Object { $_.PSObject.Properties['readerSeconds'] -and $null -ne $_.readerSeconds } | ForEach-Object readerSeconds)) '0.000') s.")
        $details.Add("- Import-Dataset CPU time $(Format-Number (Get-Median @($d | ForEach-Object cpuSeconds)) '0.00') s for $(Format-Number $id.Seconds '0.00') s wall on $([Environment]::ProcessorCount) cores; " +
            "$(Format-Number (Get-Median @($d | ForEach-Object allocatedMB)) '0') MB allocated on the managed heap (GC gen0/1/2: $((@($d)[0].gcCounts) -join '/')); " +
            "managed heap after a full GC $(Format-Number (Get-Median @($d | ForEach-Object heapAfterFullGcMB)) '0') MB; net RSS over the Import-Module baseline $(Format-Number $netId '0') MB.")
        if (@($d)[0].PSObject.Properties['schema']) { $details.Add("- Import-Dataset schema: $((@($d)[0].schema) -join ', ').") }
    }
    if (-not $s.ImportDatasetWarm.Failed) {
        $w = @($s.ImportDatasetWarm.Data | ForEach-Object Data)
        $details.Add("- Import-Dataset first call vs second call in the same process (s): $((@($w) | ForEach-Object { ([double]$_.firstCallSeconds).ToString('0.000', $inv) + ' -> ' + ([double]$_.seconds).ToString('0.000', $inv) }) -join ', '); the difference is one-time start-up (JIT, assembly loading).")
    }
    if ($pdOk) { $details.Add("- pandas.read_csv runs (s): $(Format-List $s.Pandas.AllSeconds); with parse_dates: $(if (-not $s.PandasDates.Failed) { Format-List $s.PandasDates.AllSeconds } else { 'failed' }).") }
    if ($csvOk) {
        $details.Add("- Import-Csv: $(([long]$csvSummary.MeasuredRows).ToString('N0', $inv)) rows read in $(Format-Number $csvSummary.MeasuredSeconds '0.000') s, peak RSS $(Format-Number $csvSummary.MeasuredRssMB '0') MB (measured$(if ($importCsvPartial) { ', then scaled' }))."
        )
    }

    $lines = @(
        '## Import: reading the CSV into memory'
        ''
        "Seconds: time of the read call alone, measured inside each process (median of $Repeat runs for Import-Dataset and pandas; Import-Csv once). " +
        "Peak RSS: ``/usr/bin/time -f %M`` of the whole process, each run in a fresh process (median). Ratios are the tool's figure divided by Import-Dataset's: above 1x means Import-Dataset is faster / smaller."
        ''
        $table
        ''
    )
    if ($importCsvPartial -and $csvOk) {
        $lines += "¹ **Extrapolated:** Import-Csv was timed on the first $($ImportCsvRows.ToString('N0', $inv)) rows only; its seconds and its RSS above the bare pwsh process are scaled linearly by $($Rows / $ImportCsvRows)x to $($Rows.ToString('N0', $inv)) rows."
        $lines += ''
    }
    $lines += "² The Import-Module row's seconds are Import-Module alone (median of $Repeat fresh processes); its RSS is the baseline the net memory of Import-Dataset is measured against."
    $lines += "³ A separate fresh process calls Import-Dataset once untimed (JIT compilation, assembly loading), drops that Dataset and times a second call: the steady state of a long-lived session. Its peak RSS may include the first call's garbage, so only its seconds are comparable. The targets are judged on the first call (the Import-Dataset row), which is what a runbook or a fresh session pays."
    $lines += ''
    $lines += $machine
    $lines += ''
    $lines += '### Targets'
    $lines += ''
    $lines += $targets
    $lines += ''
    $lines += '### Details'
    $lines += ''
    $lines += $details
    $sections.Import = $lines
    $printed += @('Import: reading the CSV into memory', '') + $table + '' + $targets + ''
}

# ---------------------------------------------------------------- report: Pipeline
if ($runPipeline) {
    $stepNames = 'read', 'clean', 'scale', 'export'
    $tools = [ordered]@{ PipelineCmdlets = 'DataCenterTools cmdlets'; PipelinePandas = 'pandas' }
    # Median of each step over the runs; the total is the median of the runs' totals (not the sum of the medians).
    $stepMedians = @{}
    foreach ($key in $tools.Keys) {
        $stepMedians[$key] = @{}
        if (-not $s[$key].Failed) {
            foreach ($step in $stepNames) { $stepMedians[$key][$step] = Get-Median @($s[$key].Data | ForEach-Object { [double]$_.Data.steps.$step }) }
        }
    }
    $cm = $s.PipelineCmdlets
    $pd = $s.PipelinePandas
    $cmOk = -not $cm.Failed
    $pdOk = -not $pd.Failed

    $pipeTable = [System.Collections.Generic.List[string]]::new()
    $pipeTable.Add('| Tool | Read s | Clean s | Scale s | Export s | Total s | Peak RSS MB | Total vs cmdlets | Memory vs cmdlets |')
    $pipeTable.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($key in $tools.Keys) {
        $summary = $s[$key]
        if ($summary.Failed) { $pipeTable.Add("| $($tools[$key]) | failed: $($summary.Error -replace '\|', '/') | – | – | – | – | – | – | – |"); continue }
        $stepCells = ($stepNames | ForEach-Object { Format-Number $stepMedians[$key][$_] '0.000' }) -join ' | '
        $pipeTable.Add("| $($tools[$key]) | $stepCells | $(Format-Number $summary.Seconds '0.000') | $(Format-Number $summary.RssMB '0') | $(Format-Ratio $summary.Seconds $(if ($cmOk) { $cm.Seconds })) | $(Format-Ratio $summary.RssMB $(if ($cmOk) { $cm.RssMB })) |")
    }
    if ($cmOk -and $pdOk) {
        $ratioCells = ($stepNames | ForEach-Object { Format-Ratio $stepMedians.PipelinePandas[$_] $stepMedians.PipelineCmdlets[$_] }) -join ' | '
        $pipeTable.Add("| *pandas / cmdlets* | $ratioCells | $(Format-Ratio $pd.Seconds $cm.Seconds) | $(Format-Ratio $pd.RssMB $cm.RssMB) | | |")
    }

    # Do the two tools compute the same thing? The fitted mean and population std of each cleaned column (relative
    # difference) and every cell of the two output files (absolute difference, compare_pipeline_outputs.py).
    $tolerance = 1e-9
    $statDiff = $null
    if ($cmOk -and $pdOk) {
        $cmChecks = @($cm.Data)[0].Data.checks
        $pdChecks = @($pd.Data)[0].Data.checks
        $statDiff = 0.0
        foreach ($name in @(@($pd.Data)[0].Data.numericColumns)) {
            $a = $cmChecks.$name; $b = $pdChecks.$name
            if ($null -eq $a -or $null -eq $b) { $statDiff = [double]::PositiveInfinity; continue }
            foreach ($field in 'cleanMean', 'cleanStd') {
                $scale = [math]::Max([math]::Abs([double]$b.$field), 1e-300)
                $statDiff = [math]::Max($statDiff, [math]::Abs([double]$a.$field - [double]$b.$field) / $scale)
            }
            if ([int]$a.missingAfter -ne 0 -or [int]$b.missingAfter -ne 0) { $statDiff = [double]::PositiveInfinity }
        }
    }
    $sameColumns = $cmOk -and $pdOk -and ((@(@($cm.Data)[0].Data.numericColumns) -join ',') -eq (@(@($pd.Data)[0].Data.numericColumns) -join ','))
    $cellDiff = if ($comparison) { (@($comparison.numeric.PSObject.Properties.Value | ForEach-Object { [double]$_.maxAbsDiff }) | Measure-Object -Maximum).Maximum } else { $null }
    $meanDiff = if ($comparison) { (@($comparison.numeric.PSObject.Properties.Value | ForEach-Object { [double]$_.meanDiff }) | Measure-Object -Maximum).Maximum } else { $null }
    $agree = $sameColumns -and $null -ne $statDiff -and $statDiff -le $tolerance -and $comparison -and $comparison.agree

    $speedup = if ($cmOk -and $pdOk) { $pd.Seconds / $cm.Seconds } else { $null }
    $pipeTargets = @(
        "- Cmdlet pipeline at least 3x faster than pandas (total, read included): $(Test-Target ($null -ne $speedup) ($speedup -ge 3)) (measured $(Format-Number $speedup '0.00')x: $(Format-Number $(if ($cmOk) { $cm.Seconds }) '0.00') s vs $(Format-Number $(if ($pdOk) { $pd.Seconds }) '0.00') s)."
        "- Both tools produce the same data (the comparison is fair): $(if ($agree) { '**yes**' } else { '**no**' }) (same $(@(if ($cmOk) { @($cm.Data)[0].Data.numericColumns }).Count) numeric columns: $(if ($sameColumns) { 'yes' } else { 'no' }); " +
            "cleaned columns' mean and population std agree to a relative $(Format-Number $statDiff '0.0E+0'); every cell of the two output files: largest absolute difference $(Format-Number $cellDiff '0.0E+0'), scaled column means differ by at most $(Format-Number $meanDiff '0.0E+0'), text columns $(if ($comparison -and @($comparison.textColumnsDiffering).Count -eq 0) { 'identical' } elseif ($comparison) { 'differ: ' + (@($comparison.textColumnsDiffering) -join ', ') } else { 'not compared' }); tolerance $tolerance)."
    )

    $pipeDetails = [System.Collections.Generic.List[string]]::new()
    foreach ($key in $tools.Keys) {
        if ($s[$key].Failed) { continue }
        $dominant = $stepNames | Sort-Object { $stepMedians[$key][$_] } -Descending | Select-Object -First 1
        $share = $stepMedians[$key][$dominant] / $s[$key].Seconds
        $perRun = (@($s[$key].Data) | ForEach-Object { $d = $_.Data; ($stepNames | ForEach-Object { ([double]$d.steps.$_).ToString('0.00', $inv) }) -join '/' }) -join '; '
        $pipeDetails.Add("- $($tools[$key]): totals (s) $(Format-List $s[$key].AllSeconds); read/clean/scale/export per run $perRun. The largest step is **$dominant** ($(Format-Number (100 * $share) '0')% of the median total).")
    }
    if ($cmOk) {
        $d = @($cm.Data | ForEach-Object Data)
        $pipeDetails.Add("- Cmdlets: CPU time $(Format-Number (Get-Median @($d | ForEach-Object cpuSeconds)) '0.00') s for $(Format-Number $cm.Seconds '0.00') s wall on $([Environment]::ProcessorCount) cores (GC gen0/1/2 over the pipeline: $((@($d)[0].gcCounts) -join '/')); Import-Module $(Format-Number (Get-Median @($d | ForEach-Object importModuleSeconds)) '0.000') s, not in the total.")
        $pipeDetails.Add("- Invoke-DataCleaning's report (first run): $((@(@($d)[0].cleaningEntries) | ForEach-Object { $_ }) -join '; ').")
    }
    if ($comparison) {
        $pipeDetails.Add("- Output files: $(($comparison.rows | ForEach-Object { ([long]$_).ToString('N0', $inv) }) -join ' and ') rows; largest absolute difference per column: $((@($comparison.numeric.PSObject.Properties) | ForEach-Object { $_.Name + ' ' + ([double]$_.Value.maxAbsDiff).ToString('0.0E+0', $inv) }) -join ', ').")
    }

    $pipeLines = @(
        '## Pipeline: clean + z-score + CSV export'
        ''
        'The same preprocessing in each tool, in one fresh process per run: **read** the CSV (Import-Dataset; `pandas.read_csv` with its defaults), **clean** every numeric column (IQR outliers clipped to [Q1 - 1.5 IQR, Q3 + 1.5 IQR] with linearly interpolated quartiles, then missing cells filled with the median of the clipped column: the order Invoke-DataCleaning uses, outliers before fill), **scale** the same columns by z-score with the population standard deviation (New-DataScaler -Method ZScore + Invoke-DataScaling; `(x - mean) / std(ddof=0)`), and **export** all 16 columns to CSV (Export-Dataset -Force; `DataFrame.to_csv(index=False)`).'
        ''
        "Seconds are measured inside each process with a stopwatch per step and for the whole (process start-up, Import-Module and ``import pandas`` excluded; the read is included in the total). Each figure is the median of $Repeat runs, interleaved with the other tool's; the total is the median of the runs' totals, so it need not equal the sum of the step medians. Peak RSS: ``/usr/bin/time -f %M`` of the whole process (median). The last ratio row divides pandas' figures by the cmdlets': above 1x means the cmdlets are faster / smaller. Code: ``bench/Measure-PwshPipeline.ps1``, ``bench/pipeline_pandas.py``; the outputs are compared by ``bench/compare_pipeline_outputs.py``."
        ''
        $pipeTable
        ''
        $machine
        ''
        '### Targets'
        ''
        $pipeTargets
        ''
        '### Details'
        ''
        $pipeDetails
    )
    $sections.Pipeline = $pipeLines
    $printed += @('Pipeline: clean + z-score + CSV export', '') + $pipeTable + '' + $pipeTargets + ''
}

# ---------------------------------------------------------------- write RESULTS.md
$kept = @{}
if ($Suite -ne 'All' -and (Test-Path -LiteralPath $ResultsPath)) {
    $existing = Get-Content -Raw -LiteralPath $ResultsPath
    foreach ($name in 'Import', 'Pipeline') {
        if (-not $sections.Contains($name) -and $existing -match "(?s)<!-- section:$name -->\r?\n(.*?)\r?\n<!-- /section:$name -->") { $kept[$name] = $Matches[1] }
    }
}
$document = @(
    '# Benchmark results'
    ''
    "Generated by ``bench/Invoke-Benchmarks.ps1`` (``./build.sh bench``; ``-Suite Import`` or ``-Suite Pipeline`` rewrites one section and keeps the other, whose machine line then says when it was measured). Input: ``bench/work/telemetry.csv``, $($Rows.ToString('N0', $inv)) rows x 16 columns, $(([long]$meta.Bytes).ToString('N0', $inv)) bytes, SHA-256 ``$($meta.Sha256)`` (made by ``bench/New-TelemetryCsv.ps1``)."
)
foreach ($name in 'Import', 'Pipeline') {
    $body = if ($sections.Contains($name)) { $sections[$name] -join "`n" } elseif ($kept.ContainsKey($name)) { $kept[$name] } else { $null }
    if ($null -ne $body) { $document += @('', "<!-- section:$name -->", $body, "<!-- /section:$name -->") }
}
# The labeling, training and distribution sections (written by their own scripts between their own markers) are kept as they are.
if (Test-Path -LiteralPath $ResultsPath) {
    $previous = Get-Content -Raw -LiteralPath $ResultsPath
    # Every section another suite script owns is kept as it is (each rewrites only its own).
    foreach ($match in [regex]::Matches($previous, '(?s)<!-- ([a-z-]+):begin -->.*?<!-- \1:end -->')) { $document += @('', $match.Value) }
}
$document | Set-Content -Path $ResultsPath -Encoding utf8NoBOM
if ($Suite -eq 'All') {
    & (Join-Path $PSScriptRoot 'Measure-Labeling.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-Training.ps1') -ModuleManifest $ModuleManifest -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-Distribution.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-Backup.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-PrivacyFiles.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-Privacy.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-PassphraseKeys.ps1') -ModuleManifest $ModuleManifest -Repeat ([Math]::Max($Repeat, 5)) -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-Kernels.ps1') -Repeat ([math]::Max($Repeat, 7)) -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-Peers.ps1') -ModuleManifest $ModuleManifest -Repeat $Repeat -ResultsPath $ResultsPath
    & (Join-Path $PSScriptRoot 'Measure-ParquetLibraries.ps1') -Repeat $Repeat -ResultsPath $ResultsPath
}

Write-Host ''
$printed | ForEach-Object { Write-Host $_ }
Write-Host "Wrote $ResultsPath"
