<#
.SYNOPSIS
    Times Backup-Dataset against restic on bench/work/telemetry.csv side by side in one run: a first backup, then a
    second after 1% of the rows changed in place, and compares time and stored size. Writes a "Backup" section
    into bench/RESULTS.md.
.DESCRIPTION
    1. Makes sure restic is installed (Debian package restic, via apt-get) and the telemetry CSV exists.
    2. -Repeat rounds. Each round copies the CSV to bench/work/backup-src/telemetry.csv, makes two fresh
       repositories (ours with a key file; restic's initialised with a password file, not timed), then times
       - the first backup of the file: Backup-Dataset in this process (module already loaded) and
         `restic backup` as a process;
       - change_rows.py changing a contiguous 1% of the rows in place (same path, same size);
       - the second backup of the changed file by each tool.
       Stored size is the repository folder's size on disk after each backup. Both tools compress (zstd) and
       encrypt (AES-256: GCM for ours, CTR + Poly1305 for restic) and deduplicate with content-defined chunks.
    3. Replaces the Backup section of RESULTS.md (between its markers) with the medians and prints it.
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite Backup
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

if (-not (Get-Command restic -ErrorAction SilentlyContinue)) {
    Write-Host 'Installing restic with apt-get'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    function Invoke-Apt { if ((& id -u) -eq '0') { & apt-get @args } else { & sudo apt-get @args } }
    Invoke-Apt install -y restic
    if ($LASTEXITCODE -ne 0) { Invoke-Apt update; Invoke-Apt install -y restic }
    if ($LASTEXITCODE -ne 0) { throw "apt-get install -y restic failed with exit code $LASTEXITCODE." }
}
$resticVersion = (& restic version) -replace '^restic ', '' -replace ' compiled.*$', ''
Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

# ---------------------------------------------------------------- data
$csv = Join-Path $work 'telemetry.csv'
if (-not (Test-Path $csv)) { $null = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Path $csv }
$sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $csv).Hash.ToLowerInvariant()
$root = Join-Path $work 'backup'
$source = Join-Path $root 'src'
$key = Join-Path $root 'backup.key'
$passwordFile = Join-Path $root 'restic.password'

function Get-FolderBytes([string] $Path) { (Get-ChildItem -Recurse -File -LiteralPath $Path | Measure-Object Length -Sum).Sum }
function Measure-Seconds([scriptblock] $Work) { $clock = [Diagnostics.Stopwatch]::StartNew(); & $Work; $clock.Elapsed.TotalSeconds }

$rounds = @()
for ($round = 1; $round -le $Repeat; $round++) {
    Write-Host "Round $round of $Repeat"
    if (Test-Path $root) { Remove-Item -Recurse -Force $root }
    New-Item -ItemType Directory -Path $source | Out-Null
    $file = Join-Path $source 'telemetry.csv'
    Copy-Item -LiteralPath $csv -Destination $file
    [DataCenterTools.Core.Security.DataProtectionKey]::Generate().Save($key, $false)
    Set-Content -LiteralPath $passwordFile -Value 'bench-password' -NoNewline
    $ours = Join-Path $root 'dct-repo'
    $restic = Join-Path $root 'restic-repo'
    & restic init --repo $restic --password-file $passwordFile --quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "restic init failed with exit code $LASTEXITCODE." }
    $resticEmpty = Get-FolderBytes $restic
    $null = [IO.File]::ReadAllBytes($file)   # warm the page cache for both tools

    $r = [ordered]@{}
    $r.OursFirst = Measure-Seconds { $null = Backup-Dataset -Path $file -Destination $ours -KeyPath $key }
    $r.OursFirstBytes = Get-FolderBytes $ours
    $r.ResticFirst = Measure-Seconds { & restic backup --repo $restic --password-file $passwordFile --quiet $file | Out-Null; if ($LASTEXITCODE -ne 0) { throw 'restic backup failed' } }
    $r.ResticFirstBytes = (Get-FolderBytes $restic) - $resticEmpty

    Write-Host (& $python (Join-Path $PSScriptRoot 'change_rows.py') $file)
    $null = [IO.File]::ReadAllBytes($file)
    $r.OursSecond = Measure-Seconds { $null = Backup-Dataset -Path $file -Destination $ours -KeyPath $key }
    $r.OursAdded = (Get-FolderBytes $ours) - $r.OursFirstBytes
    $resticBefore = Get-FolderBytes $restic
    $r.ResticSecond = Measure-Seconds { & restic backup --repo $restic --password-file $passwordFile --quiet $file | Out-Null; if ($LASTEXITCODE -ne 0) { throw 'restic backup failed' } }
    $r.ResticAdded = (Get-FolderBytes $restic) - $resticBefore
    # Both must restore the changed file exactly.
    $check = Test-DatasetBackup -Destination $ours -ReadData -KeyPath $key
    if (-not $check.Passed) { throw 'Test-DatasetBackup -ReadData failed on the benchmark repository.' }
    $rounds += [pscustomobject]$r
    [pscustomobject]$r | Format-List | Out-Host
}

# ---------------------------------------------------------------- report
$m = @{}
foreach ($name in $rounds[0].PSObject.Properties.Name) { $m[$name] = Get-Median ($rounds | ForEach-Object { [double]$_.$name }) }
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
$mb = { param($v) (([double]$v) / 1MB).ToString('0.0', $inv) }
$speedFirst = $m.ResticFirst / $m.OursFirst
$speedSecond = $m.ResticSecond / $m.OursSecond
$load = (Get-Content /proc/loadavg) -split ' ' | Select-Object -First 3
$section = @(
    '<!-- backup:begin -->'
    '## Backup'
    ''
    "Generated by ``bench/Measure-Backup.ps1`` (``./build.sh bench -Suite Backup``). Input: ``bench/work/telemetry.csv``, $((Get-Item $csv).Length.ToString('N0', $inv)) bytes, SHA-256 ``$sha`` (made by ``bench/New-TelemetryCsv.ps1``), copied to a work folder. Second backup: after ``bench/change_rows.py`` changed a contiguous 1% of the rows in place (same path and size)."
    ''
    "Wall-clock seconds, median of $Repeat round(s), each with fresh repositories. Ours: Backup-Dataset -KeyPath in a pwsh with the module loaded (FastCDC ~512 KiB chunks, zstd level 4, AES-256-GCM). Peer: restic $resticVersion (``restic backup``, its default repository format 2 with zstd compression; ``restic init`` not timed), process start included. Stored = bytes the repository folder grew by. Speed ratio = restic seconds / ours (above 1x: ours faster)."
    ''
    '| Step | DataCenterTools | restic | Ratio |'
    '|---|---:|---:|---:|'
    "| First backup, seconds | $(& $f $m.OursFirst '0.00') | $(& $f $m.ResticFirst '0.00') | $(& $f $speedFirst '0.00')x |"
    "| First backup, stored MB | $(& $mb $m.OursFirstBytes) | $(& $mb $m.ResticFirstBytes) | $(& $f ($m.OursFirstBytes / $m.ResticFirstBytes) '0.00') of restic |"
    "| Second backup (1% rows changed), seconds | $(& $f $m.OursSecond '0.00') | $(& $f $m.ResticSecond '0.00') | $(& $f $speedSecond '0.00')x |"
    "| Second backup, stored MB added | $(& $mb $m.OursAdded) | $(& $mb $m.ResticAdded) | $(& $f ($m.OursAdded / [math]::Max(1, $m.ResticAdded)) '0.00') of restic |"
    ''
    "- Target ""at least restic's speed"": first backup $(Format-Met ($speedFirst -ge 1)), second $(Format-Met ($speedSecond -ge 1))."
    "- Target ""no larger stored size"": first backup $(Format-Met ($m.OursFirstBytes -le $m.ResticFirstBytes)), second $(Format-Met ($m.OursAdded -le $m.ResticAdded))."
    '- restic picks a random chunker polynomial for each repository, so where its chunk boundaries fall around the changed rows, and so what its second backup adds, varies from round to round; ours cuts at the same places every time. The figures of each round are printed by the script.'
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, load average $load at the end of the run (shared with other work: the figures vary with it), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version). Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
    '<!-- backup:end -->'
)
Write-ResultsSection -Name backup -Section $section -ResultsPath $ResultsPath
Remove-Item -Recurse -Force $root
$section | Out-Host
