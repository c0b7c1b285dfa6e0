<#
.SYNOPSIS
    Times Import-Dataset against Import-Csv and pandas.read_csv on the same host-telemetry CSV, side by side in one
    run, and writes the figures and ratios to bench/RESULTS.md.
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
    4. Writes bench/RESULTS.md (table, machine line, whether each target was met) and prints the table.
.PARAMETER ModuleManifest
    Path to the built module's manifest: out/DataCenterTools/DataCenterTools.psd1 (./build.sh bench passes it).
.PARAMETER Rows
    Rows in the generated CSV (1,000,000 by default: about 136 MB).
.PARAMETER ImportCsvRows
    Time Import-Csv on only the first N rows and extrapolate linearly (0, the default, reads the whole file).
.PARAMETER Repeat
    Runs of each Import-Dataset / pandas / baseline measurement; the median is reported.
.EXAMPLE
    ./build.sh bench
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -ImportCsvRows 200000
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1, [int]::MaxValue)]
    [int] $Rows = 1000000,

    [ValidateRange(0, [int]::MaxValue)]
    [int] $ImportCsvRows = 0,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    # Where RESULTS.md goes (default: bench/RESULTS.md).
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),

    # Read (default): the CSV readers below. Training: Measure-Training.ps1 (model training against scikit-learn).
    # All: both, Read first.
    [ValidateSet('Read', 'Training', 'All')]
    [string] $Suite = 'Read'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

# ---------------------------------------------------------------- -Suite Training (bench/Measure-Training.ps1)
$trainingSuite = { & (Join-Path $PSScriptRoot 'Measure-Training.ps1') -ModuleManifest $ModuleManifest -Rows $Rows -ResultsPath $ResultsPath }
if ($Suite -eq 'Training') { & $trainingSuite; return }

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
$pwshCommand = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$pwshCommand += '-NoProfile', '-NonInteractive', '-File', (Join-Path $bench 'Measure-PwshReader.ps1')

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

$measures = [ordered]@{
    Pwsh          = @{ Label = 'pwsh (bare process)'; Command = $pwshCommand + @('-Mode', 'Pwsh') }
    ImportModule  = @{ Label = 'pwsh + Import-Module'; Command = $pwshCommand + @('-Mode', 'ImportModule', '-ModuleManifest', $ModuleManifest) }
    Python        = @{ Label = 'python3 + import pandas'; Command = @($python, '-c', 'import json, pandas; print(json.dumps({"seconds": None}))') }
    ImportDataset = @{ Label = 'Import-Dataset'; Command = $pwshCommand + @('-Mode', 'ImportDataset', '-ModuleManifest', $ModuleManifest, '-Path', $csv) }
    ImportDatasetWarm = @{ Label = 'Import-Dataset (2nd call)'; Command = $pwshCommand + @('-Mode', 'ImportDatasetWarm', '-ModuleManifest', $ModuleManifest, '-Path', $csv) }
    Pandas        = @{ Label = 'pandas.read_csv'; Command = @($python, (Join-Path $bench 'read_csv_pandas.py'), $csv) }
    PandasDates   = @{ Label = 'pandas.read_csv (parse_dates)'; Command = @($python, (Join-Path $bench 'read_csv_pandas.py'), $csv, '--parse-dates', 'timestamp') }
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
$importCsvLabel = if ($importCsvPartial) { "Import-Csv (first $ImportCsvRows rows)" } else { 'Import-Csv' }
Write-Host 'Import-Csv (once)'
$importCsvRun = Invoke-Measured $importCsvLabel ($pwshCommand + @('-Mode', 'ImportCsv', '-Path', $csvForImportCsv))
$loadAfter = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
Write-Host ("Measured in {0:0.0} s (load average before: $loadBefore; after: $loadAfter)" -f $clock.Elapsed.TotalSeconds)

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

# ---------------------------------------------------------------- report
function Format-Number($Value, [string] $Format) { if ($null -eq $Value) { '–' } else { ([double]$Value).ToString($Format, $inv) } }
$id = $s.ImportDataset
function Format-Ratio($Value, $Reference) {
    if ($null -eq $Value -or $null -eq $Reference -or $Reference -eq 0) { '–' } else { ([double]$Value / [double]$Reference).ToString('0.00', $inv) + 'x' }
}

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
function Test-Target([bool] $Known, [bool] $Met) { if (-not $Known) { 'not measured' } elseif ($Met) { '**met**' } else { '**not met**' } }
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

$memTotal = (Get-Content /proc/meminfo | Where-Object { $_ -match '^MemTotal:' }) -replace '\D', ''
$cpuModel = ((Get-Content /proc/cpuinfo | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -split ':', 2)[-1].Trim()
$pandasVersion = (& $python -c 'import pandas, sys; print(pandas.__version__, sys.version.split()[0])')
$commit = try { (& git -C $bench rev-parse --short HEAD 2>$null) } catch { $null }
$machine = "Machine: nproc $([Environment]::ProcessorCount), memory $([math]::Round([double]$memTotal / 1MB, 1)) GiB, $cpuModel; " +
    "date $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC; pwsh $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription); " +
    "pandas $($pandasVersion -replace ' ', ' on Python '); commit $commit; load average (1/5/15 min) $loadBefore before the runs, $loadAfter after."

$details = [System.Collections.Generic.List[string]]::new()
if ($idOk) {
    $d = @($id.Data | ForEach-Object Data)
    $details.Add("- Import-Dataset runs (s): $((@($id.AllSeconds) | ForEach-Object { $_.ToString('0.000', $inv) }) -join ', '); " +
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
if ($pdOk) { $details.Add("- pandas.read_csv runs (s): $((@($s.Pandas.AllSeconds) | ForEach-Object { $_.ToString('0.000', $inv) }) -join ', '); with parse_dates: $(if (-not $s.PandasDates.Failed) { (@($s.PandasDates.AllSeconds) | ForEach-Object { $_.ToString('0.000', $inv) }) -join ', ' } else { 'failed' }).") }
if ($csvOk) {
    $details.Add("- Import-Csv: $(([long]$csvSummary.MeasuredRows).ToString('N0', $inv)) rows read in $(Format-Number $csvSummary.MeasuredSeconds '0.000') s, peak RSS $(Format-Number $csvSummary.MeasuredRssMB '0') MB (measured$(if ($importCsvPartial) { ', then scaled' }))."
)
}

$lines = @(
    '# Benchmark results'
    ''
    "Generated by ``bench/Invoke-Benchmarks.ps1`` (``./build.sh bench``). Input: ``bench/work/telemetry.csv``, $($Rows.ToString('N0', $inv)) rows x 16 columns, $(([long]$meta.Bytes).ToString('N0', $inv)) bytes, SHA-256 ``$($meta.Sha256)`` (made by ``bench/New-TelemetryCsv.ps1``)."
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
$lines += '## Targets'
$lines += ''
$lines += $targets
$lines += ''
$lines += '## Details'
$lines += ''
$lines += $details
# Keep the Training section, which Measure-Training.ps1 writes from its marker to the end of the file.
$trainingSection = if (Test-Path $ResultsPath) { @((Get-Content -Raw $ResultsPath) -split '(?=<!-- Training section: )', 2) } else { @() }
if ($trainingSection.Count -eq 2) { $lines += ''; $lines += $trainingSection[1].TrimEnd() }
$lines | Set-Content -Path $ResultsPath -Encoding utf8NoBOM

Write-Host ''
$table | ForEach-Object { Write-Host $_ }
Write-Host ''
$targets | ForEach-Object { Write-Host $_ }
Write-Host "`nWrote $ResultsPath"

if ($Suite -eq 'All') { & $trainingSuite }
