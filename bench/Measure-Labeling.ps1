<#
.SYNOPSIS
    Times Measure-LabelAgreement against statsmodels' aggregate_raters + fleiss_kappa on 1,000,000 label rows
    (100,000 items x 10 annotators) side by side in one run, times Merge-DatasetLabel -Method DawidSkene, and
    writes a "Labeling" section into bench/RESULTS.md.
.DESCRIPTION
    1. Makes sure Debian's python3-statsmodels is there for /usr/bin/python3 (installs it with apt-get when missing).
    2. Generates bench/work/labels.csv with new_label_rows.py (numpy PCG64, fixed seed: same bytes every run) when it
       is missing or was made by another version of the generator; the annotators' accuracies are known
       (0.95 down to 0.50, written to labels.csv.truth.json).
    3. -Repeat rounds, interleaved: labeling_statsmodels.py in a fresh python3 (pandas.read_csv, then pivot +
       aggregate_raters + fleiss_kappa), then in this process Import-Dataset and Measure-LabelAgreement. Seconds
       are measured inside each process around the calls only; medians are reported. Measure-LabelAgreement does
       more than the peer (Cohen's kappa for all 45 annotator pairs, Krippendorff's alpha, per-annotator agreement).
    4. Checks that both Fleiss' kappas agree to 1e-9, times Merge-DatasetLabel -Method DawidSkene -AnnotatorReport
       (no statsmodels peer) and checks that it recovers each annotator's realised accuracy to within 0.01.
    5. Replaces the Labeling section of RESULTS.md (between its markers) and prints it.
.PARAMETER Items
    Items in the generated file (100,000 by default; 10 label rows each).
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite Labeling
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(100, 10000000)]
    [int] $Items = 100000,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

# Sets strict mode and $inv, $python and $work for the suite scripts.
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')

& (Join-Path $PSScriptRoot 'Install-PythonPeer.ps1') -Module statsmodels -Package python3-statsmodels -Python $python
Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

# ---------------------------------------------------------------- data
$csv = Join-Path $work 'labels.csv'
$generator = Join-Path $PSScriptRoot 'new_label_rows.py'
$stamp = "$csv.generator"
$want = '{0} {1}' -f (Get-FileHash -Algorithm SHA256 -LiteralPath $generator).Hash, $Items
if (-not (Test-Path $csv) -or -not (Test-Path $stamp) -or (Get-Content -Raw $stamp).Trim() -ne $want) {
    Write-Host "Generating $csv ($Items items x 10 annotators)"
    & $python $generator $csv --items $Items
    if ($LASTEXITCODE -ne 0) { throw "new_label_rows.py failed with exit code $LASTEXITCODE." }
    Set-Content -LiteralPath $stamp -Value $want
}
$truth = Get-Content -Raw "$csv.truth.json" | ConvertFrom-Json
$sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $csv).Hash.ToLowerInvariant()
$null = [IO.File]::ReadAllBytes($csv)   # warm the page cache for both tools

# ---------------------------------------------------------------- agreement, side by side
$peer = @(); $ours = @()
for ($round = 1; $round -le $Repeat; $round++) {
    Write-Host "Round $round of $Repeat"
    $line = & $python (Join-Path $PSScriptRoot 'labeling_statsmodels.py') $csv
    if ($LASTEXITCODE -ne 0) { throw "labeling_statsmodels.py failed with exit code $LASTEXITCODE." }
    $peer += $line | ConvertFrom-Json
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $labels = Import-Dataset -LiteralPath $csv
    $read = $clock.Elapsed.TotalSeconds
    $clock.Restart()
    $agreement = $labels | Measure-LabelAgreement
    $ours += [pscustomobject]@{ read = $read; agreement = $clock.Elapsed.TotalSeconds; kappa = $agreement.FleissKappa }
}
$peerKappa = [double]::Parse($peer[0].kappa, $inv)
$kappaDiff = [math]::Abs($peerKappa - $ours[0].kappa)

# ---------------------------------------------------------------- Dawid-Skene (no peer)
$clock = [Diagnostics.Stopwatch]::StartNew()
$report = $labels | Merge-DatasetLabel -Method DawidSkene -AnnotatorReport -WarningVariable dsWarnings
$dsSeconds = $clock.Elapsed.TotalSeconds
$recovery = foreach ($a in $report) {
    $known = $truth.annotators.($a.Annotator)
    [pscustomobject]@{ Annotator = $a.Annotator; Generated = $known.accuracy; Realised = $known.realised; Estimated = $a.Accuracy; Error = [math]::Abs($a.Accuracy - $known.realised) }
}
$maxError = ($recovery | Measure-Object Error -Maximum).Maximum

# ---------------------------------------------------------------- report
$oursAgree = Get-Median $ours.agreement; $peerAgree = Get-Median $peer.agreement
$oursRead = Get-Median $ours.read; $peerRead = Get-Median $peer.read
$ratioAgree = $peerAgree / $oursAgree
$ratioTotal = ($peerRead + $peerAgree) / ($oursRead + $oursAgree)
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
$rows = $Items * 10
$section = @(
    '<!-- labeling:begin -->'
    '## Labeling'
    ''
    "Generated by ``bench/Measure-Labeling.ps1`` (``./build.sh bench`` runs it with the other suites; alone: ``./build.sh bench -Suite Labeling``). Input: ``bench/work/labels.csv``, $($rows.ToString('N0', $inv)) label rows ($($Items.ToString('N0', $inv)) items x 10 annotators, 5 classes), SHA-256 ``$sha``, made by ``bench/new_label_rows.py`` (seed $($truth.seed)) with known annotator accuracies 0.95, 0.90, ..., 0.50."
    ''
    "Seconds measured inside each process around the calls only, median of $Repeat interleaved rounds. Peer: Debian's statsmodels via ``/usr/bin/python3`` (pandas.read_csv; agreement = pivot to items x annotators + ``aggregate_raters`` + ``fleiss_kappa``). Ours: Import-Dataset; agreement = Measure-LabelAgreement, which also computes Cohen's kappa for the 45 annotator pairs, Krippendorff's alpha and per-annotator agreement. Ratio = peer seconds / ours (above 1x: ours faster)."
    ''
    '| Step | DataCenterTools s | statsmodels s | Ratio |'
    '|---|---:|---:|---:|'
    "| Read the CSV | $(& $f $oursRead '0.000') | $(& $f $peerRead '0.000') | $(& $f ($peerRead / $oursRead) '0.00')x |"
    "| Agreement (Fleiss' kappa) | $(& $f $oursAgree '0.000') | $(& $f $peerAgree '0.000') | $(& $f $ratioAgree '0.00')x |"
    "| Read + agreement | $(& $f ($oursRead + $oursAgree) '0.000') | $(& $f ($peerRead + $peerAgree) '0.000') | $(& $f $ratioTotal '0.00')x |"
    "| Dawid-Skene (Merge-DatasetLabel -AnnotatorReport, no peer) | $(& $f $dsSeconds '0.000') | – | – |"
    ''
    "- Target ""agreement at least 5x faster than statsmodels"": $(Format-Met ($ratioAgree -ge 5)) ($(& $f $ratioAgree '0.00')x on the agreement step; $(& $f $ratioTotal '0.00')x read + agreement)."
    "- Fleiss' kappa: ours $($ours[0].kappa.ToString('R', $inv)), statsmodels $($peerKappa.ToString('R', $inv)); difference $($kappaDiff.ToString('E2', $inv)): agreement to 1e-9 $(Format-Met ($kappaDiff -le 1e-9))."
    "- Dawid-Skene recovers each annotator's realised accuracy (share of their generated labels that are right) to within $(& $f $maxError '0.0000') (check: within 0.01 $(Format-Met ($maxError -le 0.01)))$(if ($dsWarnings) { '; warning: ' + ($dsWarnings -join ' ') })."
    ''
    '| Annotator | Generated accuracy | Realised | Dawid-Skene estimate |'
    '|---|---:|---:|---:|'
    ($recovery | ForEach-Object { "| $($_.Annotator) | $(& $f $_.Generated '0.00') | $(& $f $_.Realised '0.0000') | $(& $f $_.Estimated '0.0000') |" })
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), statsmodels $((& $python -c 'import statsmodels; print(statsmodels.__version__)'))."
    '<!-- labeling:end -->'
)
Write-ResultsSection -Name labeling -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Labeling section of $ResultsPath"
