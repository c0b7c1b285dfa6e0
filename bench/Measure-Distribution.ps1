<#
.SYNOPSIS
    Times Import-Dataset + Get-DataDistribution against pandas (read_csv + describe, nunique, value_counts, skew,
    kurt) on bench/work/telemetry.csv side by side in one run, and writes a "Distribution" section into
    bench/RESULTS.md.
.DESCRIPTION
    1. Makes sure Debian's pandas is there for /usr/bin/python3 (Install-PythonPeer.ps1: python3-pandas via apt-get).
    2. Generates bench/work/telemetry.csv with New-TelemetryCsv.ps1 when it is missing.
    3. -Repeat rounds, interleaved: profile_pandas.py in a fresh python3, then in this process Import-Dataset and
       Get-DataDistribution on the same columns (nine numeric metrics; host, region, status as categorical).
       The read and the profile are timed apart inside each process (start-up and module/interpreter loading
       excluded); both the profile alone and read + profile are reported, medians of the rounds.
       Get-DataDistribution does more than the peer: seven quantiles, a 20-bin histogram and the top 10 values.
    4. Checks that the two agree on the first numeric column's mean, std, skewness and kurtosis (to 1e-9 relative)
       and on the most frequent value of the first categorical column.
    5. Replaces the Distribution section of RESULTS.md (between its markers) and prints it, with the load average.
.PARAMETER ModuleManifest
    Path to the built module's manifest: out/DataCenterTools/DataCenterTools.psd1.
.PARAMETER Repeat
    Rounds of each measurement; the median is reported.
.PARAMETER ResultsPath
    Where RESULTS.md is (default: bench/RESULTS.md).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite Distribution
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

# Sets strict mode and $inv, $python and $work for the suite scripts.
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')

& (Join-Path $PSScriptRoot 'Install-PythonPeer.ps1') -Module pandas -Package python3-pandas -Python $python
Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

# ---------------------------------------------------------------- data
$csv = Join-Path $work 'telemetry.csv'
if (-not (Test-Path $csv)) { $null = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Path $csv }
$sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $csv).Hash.ToLowerInvariant()
$null = [IO.File]::ReadAllBytes($csv)   # warm the page cache for both tools
$numeric = 'cpu_pct', 'mem_pct', 'gpu_pct', 'power_w', 'temp_c', 'disk_read_mbps', 'disk_write_mbps', 'net_rx_mbps', 'net_tx_mbps'
# status first: its most frequent value is unique (every host has the same row count, so host ties), which the check compares.
$categorical = 'status', 'region', 'host'

# ---------------------------------------------------------------- side by side
$peer = @(); $ours = @()
for ($round = 1; $round -le $Repeat; $round++) {
    Write-Host "Round $round of $Repeat"
    $line = & $python (Join-Path $PSScriptRoot 'profile_pandas.py') $csv --numeric ($numeric -join ',') --categorical ($categorical -join ',')
    if ($LASTEXITCODE -ne 0) { throw "profile_pandas.py failed with exit code $LASTEXITCODE." }
    $peer += $line | ConvertFrom-Json
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $ds = Import-Dataset -LiteralPath $csv
    $read = $clock.Elapsed.TotalSeconds
    $clock.Restart()
    $distribution = $ds | Get-DataDistribution -Column ($numeric + $categorical)
    $ours += [pscustomobject]@{ read = $read; profile = $clock.Elapsed.TotalSeconds; rows = $ds.RowCount }
    $ds = $null
}

# ---------------------------------------------------------------- agreement (outside the timing)
$check = $peer[0]
$mine = $distribution | Where-Object Column -eq $check.check_column
$mineTop = ($distribution | Where-Object Column -eq $categorical[0]).TopValues[0]
$relative = { param($a, $b) [math]::Abs($a - $b) / [math]::Max([math]::Abs($b), 1e-300) }
$worst = (@((& $relative $mine.Mean $check.mean), (& $relative $mine.Std $check.std), (& $relative $mine.Skewness $check.skew), (& $relative $mine.Kurtosis $check.kurt)) | Measure-Object -Maximum).Maximum
$topSame = $mineTop.Value -eq $check.top -and $mineTop.Count -eq $check.top_count

# ---------------------------------------------------------------- report
$oursProfile = Get-Median $ours.profile; $peerProfile = Get-Median $peer.profile
$oursRead = Get-Median $ours.read; $peerRead = Get-Median $peer.read
$oursTotal = Get-Median ($ours | ForEach-Object { $_.read + $_.profile }); $peerTotal = Get-Median ($peer | ForEach-Object { $_.read + $_.profile })
$ratioProfile = $peerProfile / $oursProfile
$ratioTotal = $peerTotal / $oursTotal
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
$load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
$section = @(
    '<!-- distribution:begin -->'
    '## Distribution'
    ''
    "Generated by ``bench/Measure-Distribution.ps1`` (``./build.sh bench`` runs it with the other suites; alone: ``./build.sh bench -Suite Distribution``). Input: ``bench/work/telemetry.csv``, $(([long]$ours[0].rows).ToString('N0', $inv)) rows, SHA-256 ``$sha`` (made by ``bench/New-TelemetryCsv.ps1``). Columns profiled: $($numeric -join ', ') (numeric) and $($categorical -join ', ') (categorical)."
    ''
    "Seconds measured inside each process around the calls only (start-up, ``import pandas`` and Import-Module excluded), median of $Repeat interleaved rounds. Peer: Debian's pandas via ``/usr/bin/python3`` (``bench/profile_pandas.py``: read_csv; profile = ``describe()`` + ``skew()`` + ``kurt()`` of the numeric columns, ``nunique()`` of all twelve, ``value_counts()`` of the categorical ones). Ours: Import-Dataset; profile = Get-DataDistribution, which also computes seven quantiles, a 20-bin histogram and the top 10 values. The profile row excludes the read; the read + profile row includes it. Ratio = pandas seconds / ours (above 1x: ours faster)."
    ''
    '| Step | DataCenterTools s | pandas s | Ratio |'
    '|---|---:|---:|---:|'
    "| Read the CSV | $(& $f $oursRead '0.000') | $(& $f $peerRead '0.000') | $(& $f ($peerRead / $oursRead) '0.00')x |"
    "| Profile (read excluded) | $(& $f $oursProfile '0.000') | $(& $f $peerProfile '0.000') | $(& $f $ratioProfile '0.00')x |"
    "| Read + profile | $(& $f $oursTotal '0.000') | $(& $f $peerTotal '0.000') | $(& $f $ratioTotal '0.00')x |"
    ''
    "- Target ""at least 3x faster than pandas"": profile alone $(Format-Met ($ratioProfile -ge 3)) ($(& $f $ratioProfile '0.00')x); read + profile $(Format-Met ($ratioTotal -ge 3)) ($(& $f $ratioTotal '0.00')x)."
    "- Agreement on $($check.check_column) (mean, std, skewness, excess kurtosis): largest relative difference $($worst.ToString('E2', $inv)) (within 1e-9: $(Format-Met ($worst -le 1e-9))); most frequent $($categorical[0]): ours $($mineTop.Value) x $($mineTop.Count), pandas $($check.top) x $($check.top_count) (same: $(Format-Met $topSame))."
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, load average $load at the end of the run (shared with other work: the figures vary with it), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), pandas $((& $python -c 'import pandas; print(pandas.__version__)')). Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
    '<!-- distribution:end -->'
)
Write-ResultsSection -Name distribution -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Distribution section of $ResultsPath"
