<#
.SYNOPSIS
    Times Protect-DataFile / Unprotect-DataFile against gpg --symmetric / --decrypt (AES-256, no compression) on
    bench/work/telemetry.csv side by side in one run, and writes a "Privacy files" section into bench/RESULTS.md.
.DESCRIPTION
    1. Makes sure gpg is there (Debian package gnupg, installed with apt-get when missing).
    2. Generates bench/work/telemetry.csv with New-TelemetryCsv.ps1 when it is missing.
    3. -Repeat rounds, interleaved: gpg --symmetric --cipher-algo AES256 --compress-algo none (a child process,
       timed from outside: its start-up, a few milliseconds, is included), then Protect-DataFile -Passphrase in this
       process; then gpg --decrypt of gpg's file and Unprotect-DataFile of ours. Both write integrity-protected
       OpenPGP (SEIPD with MDC) to files in bench/work; both derive the key from the passphrase with their own
       S2K settings (gpg's calibrated iteration count, BouncyCastle's default), which is a small part of the time.
    4. Checks that both decrypted files have the input's SHA-256, and that gpg can decrypt our file.
    5. Replaces the Privacy files section of RESULTS.md (between its markers) and prints it.
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite PrivacyFiles
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

if (-not (Get-Command gpg -ErrorAction SilentlyContinue)) {
    $sudo = if ((& id -u) -ne '0') { @('sudo') } else { @() }
    & @sudo apt-get install -y gnupg
    if ($LASTEXITCODE -ne 0) { throw "apt-get install -y gnupg failed with exit code $LASTEXITCODE." }
}
Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

# ---------------------------------------------------------------- data
$csv = Join-Path $work 'telemetry.csv'
if (-not (Test-Path $csv)) { $null = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Path $csv }
$bytes = (Get-Item $csv).Length
$sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $csv).Hash.ToLowerInvariant()
$null = [IO.File]::ReadAllBytes($csv)   # warm the page cache for both tools

$passText = 'bench passphrase'
$pass = ConvertTo-SecureString $passText -AsPlainText -Force
$gnupgHome = Join-Path $work 'gnupg'
if (-not (Test-Path $gnupgHome)) { New-Item -ItemType Directory $gnupgHome | Out-Null; chmod 700 $gnupgHome }
$env:GNUPGHOME = $gnupgHome
$env:DATACENTERTOOLS_HOME = Join-Path $work 'dct-home'   # keep the bench's audit records out of the user's log
$gpgArgs = @('--batch', '--yes', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', $passText)
$files = @{
    GpgOut = Join-Path $work 'privacy-gpg.csv.gpg'; GpgBack = Join-Path $work 'privacy-gpg.csv'
    OursOut = Join-Path $work 'privacy-ours.csv.gpg'; OursBack = Join-Path $work 'privacy-ours.csv'
    Cross = Join-Path $work 'privacy-cross.csv'
}

function Measure-Seconds([scriptblock] $Work) {
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $Work
    $clock.Elapsed.TotalSeconds
}

# ---------------------------------------------------------------- side by side
$rounds = @()
try {
    for ($round = 1; $round -le $Repeat; $round++) {
        Write-Host "Round $round of $Repeat"
        $gpgEncrypt = Measure-Seconds { & gpg @gpgArgs --symmetric --cipher-algo AES256 --compress-algo none --output $files.GpgOut $csv; if ($LASTEXITCODE) { throw 'gpg --symmetric failed' } }
        $oursEncrypt = Measure-Seconds { $null = Protect-DataFile -LiteralPath $csv -Destination $files.OursOut -Passphrase $pass -Force }
        $gpgDecrypt = Measure-Seconds { & gpg @gpgArgs --output $files.GpgBack --decrypt $files.GpgOut; if ($LASTEXITCODE) { throw 'gpg --decrypt failed' } }
        $oursDecrypt = Measure-Seconds { $null = Unprotect-DataFile -LiteralPath $files.OursOut -Destination $files.OursBack -Passphrase $pass -Force }
        $rounds += [pscustomobject]@{ GpgEncrypt = $gpgEncrypt; OursEncrypt = $oursEncrypt; GpgDecrypt = $gpgDecrypt; OursDecrypt = $oursDecrypt }
    }

    # ---------------------------------------------------------------- agreement (outside the timing)
    & gpg @gpgArgs --output $files.Cross --decrypt $files.OursOut
    $sameBack = @($files.GpgBack, $files.OursBack, $files.Cross | ForEach-Object { (Get-FileHash -Algorithm SHA256 -LiteralPath $_).Hash.ToLowerInvariant() -eq $sha })
    $allSame = -not ($sameBack -contains $false)
    $sizes = @{ Gpg = (Get-Item $files.GpgOut).Length; Ours = (Get-Item $files.OursOut).Length }
}
finally {
    & gpgconf --kill gpg-agent 2>$null
    $files.Values | Remove-Item -ErrorAction SilentlyContinue
}

# ---------------------------------------------------------------- report
$median = @{}
foreach ($name in 'GpgEncrypt', 'OursEncrypt', 'GpgDecrypt', 'OursDecrypt') { $median[$name] = Get-Median $rounds.$name }
$mbps = { param($seconds) ($bytes / 1MB / $seconds).ToString('0', $inv) }
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
$encryptRatio = $median.GpgEncrypt / $median.OursEncrypt
$decryptRatio = $median.GpgDecrypt / $median.OursDecrypt
$load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'unknown' }
$gpgVersion = ((& gpg --version) | Select-Object -First 1)
$section = @(
    '<!-- privacy-files:begin -->'
    '## Privacy files (OpenPGP)'
    ''
    "Generated by ``bench/Measure-PrivacyFiles.ps1`` (``./build.sh bench -Suite PrivacyFiles``). Input: ``bench/work/telemetry.csv``, $($bytes.ToString('N0', $inv)) bytes, SHA-256 ``$sha``."
    ''
    "Peer: $gpgVersion, ``gpg --symmetric --cipher-algo AES256 --compress-algo none`` and ``gpg --decrypt``, a child process timed from outside (its start-up included). Ours: ``Protect-DataFile -Passphrase`` / ``Unprotect-DataFile -Passphrase`` in the benchmark's pwsh (BouncyCastle OpenPGP, AES-256, MDC, no compression, streaming through 64 KiB buffers; plus a SHA-256 of the plaintext for the audit record and the audit append). Median of $Repeat interleaved rounds. Ratio = gpg seconds / ours (our throughput as a share of gpg's; above 1x: ours faster)."
    ''
    '| Step | DataCenterTools s | MB/s | gpg s | MB/s | Ratio |'
    '|---|---:|---:|---:|---:|---:|'
    "| Encrypt | $(& $f $median.OursEncrypt '0.000') | $(& $mbps $median.OursEncrypt) | $(& $f $median.GpgEncrypt '0.000') | $(& $mbps $median.GpgEncrypt) | $(& $f $encryptRatio '0.00')x |"
    "| Decrypt | $(& $f $median.OursDecrypt '0.000') | $(& $mbps $median.OursDecrypt) | $(& $f $median.GpgDecrypt '0.000') | $(& $mbps $median.GpgDecrypt) | $(& $f $decryptRatio '0.00')x |"
    ''
    "- Target ""at least 0.5x gpg's throughput"" (encrypt): $(Format-Met ($encryptRatio -ge 0.5)) ($(& $f $encryptRatio '0.00')x); decrypt: $(& $f $decryptRatio '0.00')x."
    "- Output sizes: ours $($sizes.Ours.ToString('N0', $inv)) bytes, gpg $($sizes.Gpg.ToString('N0', $inv)) bytes. Every decrypted file (ours, gpg's, and gpg decrypting ours) has the input's SHA-256: $(Format-Met $allSame)."
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, load average $load at the end of the run (shared with other work: the figures vary with it), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version). Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC."
    '<!-- privacy-files:end -->'
)
Write-ResultsSection -Name privacy-files -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Privacy files section of $ResultsPath"
