<#
.SYNOPSIS
    The Peers suite: DataCenterTools against polars, DuckDB and pandas on the steps of issue 14's table, side by side in
    one run, interleaved, each run a fresh process; checks that every tool read the same values, then writes a "Peers"
    section with ratios into bench/RESULTS.md.
.DESCRIPTION
    1. bench/peers/Install-Peers.ps1 installs the peers (npm nodejs-polars 0.25.2 exact pins, DuckDB.NET.Data.Full
       1.5.6.1 console, Debian pandas, /usr/bin/time).
    2. Inputs: bench/work/telemetry.csv (New-TelemetryCsv.ps1), and written from it once by the module, untimed:
       telemetry.parquet (Export-Dataset defaults) and telemetry.jsonl. Every tool reads these same files.
    3. -Repeat rounds; in each, every step runs once per tool, tools interleaved. Each run is one process under
       '/usr/bin/time -f "%M %e"' (peak RSS); the seconds are the step alone, timed inside the process (start-up,
       Import-Module, 'import pandas', opening DuckDB excluded). Medians are reported.
    4. Correctness before speed: each run prints a digest (rows; per column nulls and the sum, or a hash of the text,
       bench/peers/README.md); a peer's figures are compared only where its digest equals the module's. Profile,
       group-by and pipeline rows compare their checks (mean, std, top value; aggregate sums; cleaned columns'
       mean and std) to a relative 1e-9.
    The module's group-by row is Group-Dataset -By region -CalendarPart HourOfDay (Invoke-GroupByStep in
    bench/peers/Invoke-ModuleStep.ps1).
.PARAMETER LargeCsv
    Also time reading a 10,000,000-row CSV (about 1.3 GB, generated once into bench/work; needs about 4 GB of disk and
    a few minutes per round).
.PARAMETER Step
    Run only these steps (default: all).
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    ./build.sh bench -Suite Peers
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Peers.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Step parquet-read, parquet-write
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),

    [switch] $LargeCsv,

    [ValidateSet('csv-read', 'csv-read-10m', 'parquet-write', 'parquet-read', 'jsonl-read', 'jsonl-write', 'profile', 'groupby', 'pipeline')]
    [string[]] $Step,

    # Report from the runs the last measurement saved (bench/work/peers-runs.json) instead of measuring again.
    [switch] $ReuseRuns
)

# Sets strict mode and $inv, $python and $work for the suite scripts.
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
$peers = @(& (Join-Path $PSScriptRoot 'peers/Install-Peers.ps1'))[-1]

# ---------------------------------------------------------------- inputs
$csv = Join-Path $work 'telemetry.csv'
if (-not (Test-Path $csv)) { $null = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Path $csv }
$parquet = Join-Path $work 'telemetry.parquet'
$jsonl = Join-Path $work 'telemetry.jsonl'
$csvSha = (Get-FileHash -Algorithm SHA256 -LiteralPath $csv).Hash.ToLowerInvariant()
$stamp = Join-Path $work 'telemetry.inputs.json'
$moduleVersion = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
$wanted = "$csvSha $((Get-Item $ModuleManifest).LastWriteTimeUtc.Ticks)"
if (-not (Test-Path $parquet) -or -not (Test-Path $jsonl) -or -not (Test-Path $stamp) -or (Get-Content -Raw $stamp).Trim() -ne $wanted) {
    Write-Host 'Writing telemetry.parquet and telemetry.jsonl with the module (untimed; every tool reads these files)'
    $null = & dotnet pwsh -NoProfile -Command "Import-Module '$ModuleManifest'; `$ds = Import-Dataset -LiteralPath '$csv'; `$ds | Export-Dataset -Path '$parquet' -Force; `$ds | Export-Dataset -Path '$jsonl' -Force"
    if ($LASTEXITCODE -ne 0) { throw 'Writing the Parquet and JSON Lines inputs failed.' }
    $wanted | Set-Content -LiteralPath $stamp
}
$large = Join-Path $work 'telemetry-10m.csv'
if ($LargeCsv -and -not (Test-Path $large)) { $null = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Rows 10000000 -Path $large }
$outDir = Join-Path $work 'peers-out'
if (-not (Test-Path $outDir)) { New-Item -ItemType Directory -Path $outDir | Out-Null }
foreach ($file in @($csv, $parquet, $jsonl)) { $null = [IO.File]::ReadAllBytes($file) }   # warm the page cache

# ---------------------------------------------------------------- the plan: step -> tool -> (input, output)
$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$pwsh += '-NoProfile', '-NonInteractive', '-File'
$moduleStep = { param($s, $in, $out) $pwsh + @((Join-Path $PSScriptRoot 'peers/Invoke-ModuleStep.ps1'), '-Step', $s, '-ModuleManifest', $ModuleManifest, '-InputPath', $in, '-OutputPath', $out) }
$peerStep = { param($peer, $s, $in, $out) @($peer) + @($s, $in, $out) }
$tools = [ordered]@{ module = 'DataCenterTools'; polars = 'polars'; duckdb = 'DuckDB'; pandas = 'pandas' }
function Out-Path([string] $tool, [string] $ext) { Join-Path $outDir "$tool$ext" }

$steps = [ordered]@{}
$steps['csv-read'] = @{ Label = 'CSV into memory, first call (1M rows, 136 MB)'; Input = $csv; Tools = @{
    module = & $moduleStep 'csv-read' $csv '-'; polars = & $peerStep $peers.Polars 'csv-read' $csv '-'
    duckdb = & $peerStep $peers.DuckDb 'csv-read' $csv '-'; pandas = & $peerStep $peers.Pandas 'csv-read' $csv '-' } }
if ($LargeCsv) {
    $steps['csv-read-10m'] = @{ Label = 'CSV 10M rows (1.3 GB)'; Input = $large; Tools = @{
        module = & $moduleStep 'csv-read' $large '-'; polars = & $peerStep $peers.Polars 'csv-read' $large '-'
        duckdb = & $peerStep $peers.DuckDb 'csv-read' $large '-'; pandas = & $peerStep $peers.Pandas 'csv-read' $large '-' } }
}
$steps['parquet-write'] = @{ Label = 'Parquet write (1M rows, zstd)'; Input = $parquet; Tools = @{
    module = & $moduleStep 'parquet-write' $parquet (Out-Path module .parquet); polars = & $peerStep $peers.Polars 'parquet-write' $parquet (Out-Path polars .parquet)
    duckdb = & $peerStep $peers.DuckDb 'parquet-write' $parquet (Out-Path duckdb .parquet) } }
$steps['parquet-read'] = @{ Label = 'Parquet read (1M rows)'; Input = $parquet; Tools = @{
    module = & $moduleStep 'parquet-read' $parquet '-'; polars = & $peerStep $peers.Polars 'parquet-read' $parquet '-'
    duckdb = & $peerStep $peers.DuckDb 'parquet-read' $parquet '-' } }
$steps['jsonl-read'] = @{ Label = 'JSON Lines read'; Input = $jsonl; Tools = @{
    module = & $moduleStep 'jsonl-read' $jsonl '-'; polars = & $peerStep $peers.Polars 'jsonl-read' $jsonl '-'
    duckdb = & $peerStep $peers.DuckDb 'jsonl-read' $jsonl '-'; pandas = & $peerStep $peers.Pandas 'jsonl-read' $jsonl '-' } }
$steps['jsonl-write'] = @{ Label = 'JSON Lines write'; Input = $parquet; Tools = @{
    module = & $moduleStep 'jsonl-write' $parquet (Out-Path module .jsonl); polars = & $peerStep $peers.Polars 'jsonl-write' $parquet (Out-Path polars .jsonl)
    duckdb = & $peerStep $peers.DuckDb 'jsonl-write' $parquet (Out-Path duckdb .jsonl); pandas = & $peerStep $peers.Pandas 'jsonl-write' $csv (Out-Path pandas .jsonl) } }
$steps['profile'] = @{ Label = 'profile (describe + distinct + top values)'; Input = $parquet; Tools = @{
    module = & $moduleStep 'profile' $parquet '-'; polars = & $peerStep $peers.Polars 'profile' $parquet '-'
    duckdb = & $peerStep $peers.DuckDb 'profile' $parquet '-'; pandas = & $peerStep $peers.Pandas 'profile' $csv '-' } }
$steps['groupby'] = @{ Label = 'group by region x hour: mean/std/median/p90'; Input = $parquet; Tools = @{
    module = & $moduleStep 'groupby' $parquet '-'; polars = & $peerStep $peers.Polars 'groupby' $parquet '-'
    duckdb = & $peerStep $peers.DuckDb 'groupby' $parquet '-'; pandas = & $peerStep $peers.Pandas 'groupby' $csv '-' } }
$steps['pipeline'] = @{ Label = 'clean + z-score + CSV export pipeline'; Input = $csv; Tools = @{
    module = $pwsh + @((Join-Path $PSScriptRoot 'Measure-PwshPipeline.ps1'), '-ModuleManifest', $ModuleManifest, '-Path', $csv, '-OutPath', (Out-Path module .csv))
    polars = & $peerStep $peers.Polars 'pipeline' $csv (Out-Path polars .csv); duckdb = & $peerStep $peers.DuckDb 'pipeline' $csv (Out-Path duckdb .csv)
    pandas = @($python, (Join-Path $PSScriptRoot 'pipeline_pandas.py'), $csv, (Out-Path pandas .csv)) } }
if ($Step) { foreach ($name in @($steps.Keys)) { if ($name -notin $Step) { $steps.Remove($name) } } }

# ---------------------------------------------------------------- running
function Invoke-PeerRun([string[]] $Command) {
    $timeFile = Join-Path $work 'peers-time.out'
    $errFile = Join-Path $work 'peers-stderr.out'
    Remove-Item $timeFile, $errFile -ErrorAction SilentlyContinue
    $output = & /usr/bin/time -f '%M %e' -o $timeFile -- @Command 2>$errFile
    $exit = $LASTEXITCODE
    $line = @($output | Where-Object { $_ -match '^(BENCH-RESULT )?\{' })
    $time = if (Test-Path $timeFile) { @(Get-Content $timeFile | Where-Object { $_ -match '^\d+ [\d.]+$' })[-1] } else { $null }
    if ($exit -ne 0 -or $line.Count -eq 0 -or -not $time) {
        $why = ((Get-Content -Raw $errFile -ErrorAction SilentlyContinue) + "`n" + ($output -join "`n")).Trim() -split "`n" | Where-Object { $_.Trim() } | Select-Object -Last 2
        return [pscustomobject]@{ Failed = $true; Error = ($why -join ' ') -replace '\x1b\[[0-9;]*m', '' }
    }
    $data = ($line[-1] -replace '^BENCH-RESULT ', '') | ConvertFrom-Json
    $kb, $elapsed = $time -split ' '
    [pscustomobject]@{ Failed = $false; Data = $data; Seconds = if ($data.PSObject.Properties['seconds'] -and $null -ne $data.seconds) { [double]$data.seconds } else { $null }
        RssMB = [double]$kb / 1024; ProcessSeconds = [double]::Parse($elapsed, $inv) }
}

$runs = @{}
$runsFile = Join-Path $work 'peers-runs.json'
$loadBefore = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
$clock = [Diagnostics.Stopwatch]::StartNew()
if ($ReuseRuns) {
    $saved = Get-Content -Raw $runsFile | ConvertFrom-Json
    foreach ($p in $saved.runs.PSObject.Properties) { $runs[$p.Name] = [Collections.Generic.List[object]]::new(); foreach ($r in $p.Value) { $runs[$p.Name].Add($r) } }
    $loadBefore = $saved.loadBefore
}
for ($round = 1; $round -le $Repeat -and -not $ReuseRuns; $round++) {
    Write-Host "Round $round of $Repeat"
    foreach ($name in $steps.Keys) {
        foreach ($tool in $tools.Keys) {
            $command = $steps[$name].Tools[$tool]
            if (-not $command) { continue }
            $run = Invoke-PeerRun $command
            $key = "$name/$tool"
            if (-not $runs.ContainsKey($key)) { $runs[$key] = [Collections.Generic.List[object]]::new() }
            $runs[$key].Add($run)
            $shown = if ($run.Failed) { "failed: $($run.Error)" } elseif ($null -eq $run.Seconds) { 'skipped' } else { '{0:0.000} s, {1:N0} MB' -f $run.Seconds, $run.RssMB }
            Write-Host ("  {0,-14} {1,-16} {2}" -f $name, $tools[$tool], $shown)
        }
    }
}
$loadAfter = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
if ($ReuseRuns) { $loadAfter = $saved.loadAfter } else { @{ runs = $runs; loadBefore = $loadBefore; loadAfter = $loadAfter } | ConvertTo-Json -Depth 12 -Compress | Set-Content -LiteralPath $runsFile }

# ---------------------------------------------------------------- correctness
# A peer's digest must equal the module's: same rows, same nulls per column, sums to a relative 1e-9, same text hashes.
function Compare-Digest($mine, $theirs) {
    if ($null -eq $mine -or $null -eq $theirs) { return 'no digest' }
    $diff = @()
    if ([long]$mine.rows -ne [long]$theirs.rows) { $diff += "rows $($theirs.rows) vs $($mine.rows)" }
    foreach ($p in $mine.columns.PSObject.Properties) {
        $t = $theirs.columns.PSObject.Properties[$p.Name]
        if (-not $t) { $diff += "no column $($p.Name)"; continue }
        $a = $p.Value; $b = $t.Value
        if ([long]$a.nulls -ne [long]$b.nulls) { $diff += "$($p.Name): $($b.nulls) missing vs $($a.nulls)" }
        if ($a.PSObject.Properties['hash'] -and $b.PSObject.Properties['hash']) { if ($a.hash -ne $b.hash) { $diff += "$($p.Name): text differs" } }
        elseif ($a.PSObject.Properties['sum'] -and $b.PSObject.Properties['sum']) {
            $scale = [math]::Max([math]::Abs([double]$a.sum), 1e-9)
            if ([math]::Abs([double]$a.sum - [double]$b.sum) / $scale -gt 1e-9) { $diff += "$($p.Name): sum $($b.sum) vs $($a.sum)" }
        }
        else { $diff += "$($p.Name): $($b.kind) vs $($a.kind)" }
    }
    if ($diff.Count -eq 0) { 'same' } else { ($diff | Select-Object -First 3) -join '; ' }
}

function Compare-Check($mine, $theirs) {
    if ($null -eq $mine -or $null -eq $theirs) { return $null }
    $diff = @()
    foreach ($p in $mine.PSObject.Properties) {
        $t = $theirs.PSObject.Properties[$p.Name]
        if (-not $t) { continue }
        $a = $p.Value; $b = $t.Value
        if ($a -is [string] -or $b -is [string]) { if ("$a" -ne "$b") { $diff += "$($p.Name) $b vs $a" } }
        elseif ($a -is [psobject] -and $a.PSObject.Properties['cleanMean']) {
            foreach ($f in 'cleanMean', 'cleanStd') { if ([math]::Abs([double]$a.$f - [double]$b.$f) / [math]::Max([math]::Abs([double]$a.$f), 1e-300) -gt 1e-9) { $diff += "$($p.Name).$f" } }
        }
        elseif ([math]::Abs([double]$a - [double]$b) / [math]::Max([math]::Abs([double]$a), 1e-300) -gt 1e-9) { $diff += "$($p.Name) $b vs $a" }
    }
    if ($diff.Count -eq 0) { 'same' } else { ($diff | Select-Object -First 3) -join '; ' }
}

# ---------------------------------------------------------------- report
$f = { param($v, $fmt) if ($null -eq $v) { '–' } else { ([double]$v).ToString($fmt, $inv) } }
$rows = [Collections.Generic.List[string]]::new()
$rows.Add('| Step | DataCenterTools | polars | DuckDB | pandas | Fastest peer | Speed vs fastest peer | Memory vs lowest peer |')
$rows.Add('|---|---:|---:|---:|---:|---|---:|---:|')
$notes = [Collections.Generic.List[string]]::new()
$targets = [Collections.Generic.List[string]]::new()
foreach ($name in $steps.Keys) {
    $summary = @{}
    foreach ($tool in $tools.Keys) {
        $list = if ($runs.ContainsKey("$name/$tool")) { $runs["$name/$tool"] } else { $null }
        if (-not $list) { continue }
        $ok = @($list | Where-Object { -not $_.Failed -and $null -ne $_.Seconds })
        $first = @($list)[0]
        $summary[$tool] = [pscustomobject]@{
            Failed = ($ok.Count -eq 0); Error = if ($first.Failed) { $first.Error } elseif ($ok.Count -eq 0 -and $first.Data.PSObject.Properties['skipped']) { $first.Data.skipped } else { 'no result' }
            Seconds = if ($ok) { Get-Median @($ok | ForEach-Object Seconds) } else { $null }; RssMB = if ($ok) { Get-Median @($ok | ForEach-Object RssMB) } else { $null }
            Data = if ($ok) { $ok[0].Data } else { $null }; All = @($ok | ForEach-Object Seconds)
        }
    }
    $mine = $summary['module']
    $reference = if ($mine -and -not $mine.Failed) { $mine.Data } else { ($summary.Values | Where-Object { -not $_.Failed } | Select-Object -First 1).Data }
    $cells = @{}
    $agreeing = @()
    foreach ($tool in $tools.Keys) {
        $s = $summary[$tool]
        if (-not $s) { $cells[$tool] = '–'; continue }
        if ($s.Failed) { $cells[$tool] = "n/a ($($s.Error -replace '\|', '/'))"; continue }
        $same = if ($tool -eq 'module' -or -not $reference) { 'same' } else {
            $d = if ($reference.PSObject.Properties['digest'] -and $s.Data.PSObject.Properties['digest']) { Compare-Digest $reference.digest $s.Data.digest } else { $null }
            $field = @('check', 'checks') | Where-Object { $reference.PSObject.Properties[$_] -and $s.Data.PSObject.Properties[$_] } | Select-Object -First 1
            $c = if ($field) { Compare-Check $reference.$field $s.Data.$field } else { $null }
            if ($c -and $c -ne 'same') { $c } elseif ($d) { $d } elseif ($c) { $c } else { 'nothing to compare' }
        }
        $size = if ($s.Data.PSObject.Properties['fileBytes']) { ", $(& $f ($s.Data.fileBytes / 1MB) '0.0') MB file" } elseif ($name -like '*-write') { $o = Out-Path $tool $(if ($name -eq 'parquet-write') { '.parquet' } else { '.jsonl' }); if (Test-Path $o) { ", $(& $f ((Get-Item $o).Length / 1MB) '0.0') MB file" } } else { '' }
        $cells[$tool] = "$(& $f $s.Seconds '0.000') s, $(& $f $s.RssMB '0') MB$size" + $(if ($same -ne 'same') { " (values differ: $same)" } else { '' })
        if ($tool -ne 'module' -and $same -eq 'same') { $agreeing += $tool }
        elseif ($tool -ne 'module') { $notes.Add("- $($steps[$name].Label), $($tools[$tool]): not compared, its values differ from ours: $same.") }
    }
    $fast = $agreeing | Sort-Object { $summary[$_].Seconds } | Select-Object -First 1
    $lean = $agreeing | Sort-Object { $summary[$_].RssMB } | Select-Object -First 1
    $speed = if ($fast -and $mine -and -not $mine.Failed) { $summary[$fast].Seconds / $mine.Seconds } else { $null }
    $memory = if ($lean -and $mine -and -not $mine.Failed) { $summary[$lean].RssMB / $mine.RssMB } else { $null }
    $rows.Add("| $($steps[$name].Label) | $($cells.module) | $($cells.polars) | $($cells.duckdb) | $($cells.pandas) | $(if ($fast) { $tools[$fast] } else { '–' }) | $(if ($null -ne $speed) { (& $f $speed '0.00') + 'x' } else { '–' }) | $(if ($null -ne $memory) { (& $f $memory '0.00') + 'x' } else { '–' }) |")
    if ($null -ne $speed) {
        $targets.Add("- $($steps[$name].Label): at least as fast as the fastest peer ($($tools[$fast])): $(Format-Met ($speed -ge 1)) ($(& $f $speed '0.00')x); peak memory at most the lowest peer's ($($tools[$lean])): $(Format-Met ($memory -ge 1)) ($(& $f $memory '0.00')x).")
    }
}

$machine = "Machine: $([Environment]::ProcessorCount) logical CPUs, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version); load average (1/5/15 min) $loadBefore before the runs, $loadAfter after$(if ([double]($loadBefore -split ' ')[0] -gt [Environment]::ProcessorCount / 2) { ' (**the machine was busy before the runs**: other work shared the CPUs, so the seconds are noisy; the ratios come from interleaved runs that saw the same load)' }); $Repeat rounds in $(& $f $clock.Elapsed.TotalMinutes '0.0') min; module $moduleVersion, commit $((& git -C $PSScriptRoot rev-parse --short HEAD 2>$null)); measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
$section = @(
    '<!-- peers:begin -->'
    '## Peers: polars, DuckDB and pandas'
    ''
    "Generated by ``bench/Measure-Peers.ps1`` (``./build.sh bench -Suite Peers``; the runners are in ``bench/peers/``, see its README). Inputs: ``bench/work/telemetry.csv`` (1,000,000 rows x 16 columns, SHA-256 ``$csvSha``) and the ``telemetry.parquet`` and ``telemetry.jsonl`` the module writes from it; every tool reads the same files (pandas, which has no Parquet engine in Debian, starts its in-memory steps from the CSV). Each cell: median seconds of the step alone (process start-up, Import-Module / ``import`` / opening DuckDB excluded; for writes and in-memory steps the input is read first, untimed) and median peak RSS of the whole process (``/usr/bin/time -f %M``; for writes and in-memory steps it includes the untimed read), $Repeat rounds, tools interleaved, each run a fresh process. Peers: polars = npm nodejs-polars 0.25.2 (readCSV with tryParseDates, readParquet, scanJson); DuckDB = DuckDB.NET.Data.Full 1.5.6.1 (CREATE TABLE AS / COPY, SUMMARIZE); pandas = Debian's $((& $python -c 'import pandas; print(pandas.__version__)')). Ratios: fastest (or leanest) peer's figure / ours, above 1x means we are faster (smaller); only peers whose values equal ours count."
    ''
    $rows
    ''
    $machine
    ''
    '### Targets'
    ''
    $(if ($targets.Count) { $targets } else { '- No step had figures for both the module and a peer that read the same values.' })
    $(if ($notes.Count) { @('', '### Notes', '') + $notes })
    '<!-- peers:end -->'
)
Write-ResultsSection -Name peers -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Peers section of $ResultsPath"
