# Helpers shared by the suite scripts (Measure-Labeling.ps1, Measure-Distribution.ps1); dot-source it.
# Dot-sourcing also sets up what every suite script starts with: strict errors, invariant culture, the Debian
# python3 (not the pyenv one on PATH) and the git-ignored work folder.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'
$inv = [System.Globalization.CultureInfo]::InvariantCulture
$python = '/usr/bin/python3'
$work = Join-Path $PSScriptRoot 'work'
if (-not (Test-Path $work)) { New-Item -ItemType Directory -Path $work | Out-Null }

# The median of a round's figures (the lower middle for an even count).
function Get-Median([double[]] $Values) { $s = @($Values | Sort-Object); $s[[int][math]::Floor(($s.Count - 1) / 2)] }

# How RESULTS.md says whether a target was met.
function Format-Met([bool] $Met) { if ($Met) { '**met**' } else { '**NOT met**' } }

# Replaces one suite's section of RESULTS.md (the lines between <!-- name:begin --> and <!-- name:end -->, both
# included in $Section) and keeps everything else; the section goes at the end.
function Write-ResultsSection([string] $Name, [string[]] $Section, [string] $ResultsPath) {
    $existing = if (Test-Path $ResultsPath) { Get-Content -Raw $ResultsPath } else { "# Benchmark results`n" }
    $kept = [regex]::Replace($existing, "(?s)\r?\n?<!-- ${Name}:begin -->.*?<!-- ${Name}:end -->\r?\n?", "`n").TrimEnd()
    (($kept, '', ($Section -join "`n")) -join "`n") + "`n" | Set-Content -LiteralPath $ResultsPath -Encoding utf8NoBOM -NoNewline
}
