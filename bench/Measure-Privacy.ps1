<#
.SYNOPSIS
    The Privacy suite: HMAC pseudonymization of 1,000,000 e-mail addresses with Protect-Dataset -Hash against a
    Python hmac loop over the same column, side by side in one run; writes a "Privacy" section into bench/RESULTS.md.
.DESCRIPTION
    Measure-HmacPseudonyms:
    1. Writes bench/work/emails.csv (one column, -Emails generated addresses, deterministic: same bytes every run)
       when it is missing or has another row count.
    2. -Repeat rounds, interleaved: hmac_python.py in a fresh /usr/bin/python3 (file read not timed; times
       hmac.new(...).hexdigest() and hmac.digest(...).hex() loops over the list), then in this process
       Protect-Dataset -Hash email -KeyPath on the imported Dataset (import not timed; key file load, hashing
       and the audit record timed). Medians are reported; the ratio is against the faster Python loop.
    3. Checks that the first and last tokens of both tools are equal (same key, same HMAC, same truncation).
    Each measurement is its own function returning its lines, so other privacy figures can be added beside it.
.PARAMETER Emails
    Addresses in the generated column (1,000,000 by default).
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1 -Suite Privacy
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1000, 100000000)]
    [int] $Emails = 1000000,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

# Sets strict mode and $inv, $python and $work for the suite scripts.
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
# Audit records of the benchmark go to the work folder, not the user's log.
$env:DATACENTERTOOLS_HOME = Join-Path $work 'home'

function Measure-HmacPseudonyms {
    $csv = Join-Path $work 'emails.csv'
    if (-not (Test-Path $csv) -or ([IO.File]::ReadLines($csv) | Measure-Object).Count -ne $Emails + 1) {
        Write-Host "Generating $csv ($Emails addresses)"
        $domains = 'example.com', 'example.org', 'example.net', 'mail.example.cn', 'corp.example.de'
        $writer = [IO.StreamWriter]::new($csv, $false, [Text.UTF8Encoding]::new($false))
        try {
            $writer.WriteLine('email')
            for ($i = 0; $i -lt $Emails; $i++) {
                # A deterministic mix of name shapes and domains; every address distinct.
                $writer.WriteLine(('{0}.{1}{2}@{3}' -f ('user', 'ops', 'j.smith', 'admin')[$i % 4], $i, ('', 'x', 'dc')[$i % 3], $domains[$i % 5]))
            }
        } finally { $writer.Dispose() }
    }
    $sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $csv).Hash.ToLowerInvariant()
    $keyFile = Join-Path $work 'bench-hmac.key'
    if (-not (Test-Path $keyFile)) { [DataCenterTools.Core.Security.DataProtectionKey]::Generate().Save($keyFile, $false) }
    $key = [DataCenterTools.Core.Security.DataProtectionKey]::Load($keyFile)
    $subkeyHex = [Convert]::ToHexString($key.DeriveSubkey('hmac')).ToLowerInvariant()
    $key.Dispose()
    $dataset = Import-Dataset -LiteralPath $csv

    $peer = @(); $ours = @(); $tokens = $null
    for ($round = 1; $round -le $Repeat; $round++) {
        Write-Host "HMAC round $round of $Repeat"
        $line = & $python (Join-Path $PSScriptRoot 'hmac_python.py') $csv $subkeyHex
        if ($LASTEXITCODE -ne 0) { throw "hmac_python.py failed with exit code $LASTEXITCODE." }
        $peer += $line | ConvertFrom-Json
        [GC]::Collect()
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $cpu = $process.TotalProcessorTime
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $protected = $dataset | Protect-Dataset -Hash email -KeyPath $keyFile
        $wall = $clock.Elapsed.TotalSeconds
        $process.Refresh()
        $ours += [pscustomobject]@{ wall = $wall; cpu = ($process.TotalProcessorTime - $cpu).TotalSeconds }
        $tokens = $protected.Columns[0]
    }
    $first = $tokens[0]; $last = $tokens[$tokens.Length - 1]
    $same = $first -eq $peer[0].first -and $last -eq $peer[0].last
    $oursS = Get-Median $ours.wall; $oursCpu = Get-Median $ours.cpu
    $newS = Get-Median ($peer | ForEach-Object hmac_new); $newCpu = Get-Median ($peer | ForEach-Object hmac_new_cpu)
    $digestS = Get-Median ($peer | ForEach-Object hmac_digest); $digestCpu = Get-Median ($peer | ForEach-Object hmac_digest_cpu)
    $ratio = $digestS / $oursS
    $load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3
    $f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
    @(
        '### HMAC pseudonyms of 1M e-mail addresses'
        ''
        "Input: ``bench/work/emails.csv``, $($Emails.ToString('N0', $inv)) distinct generated addresses, SHA-256 ``$sha``. Both tools use the same 32-byte HMAC key (the key file's ""hmac"" subkey) and write the first 128 bits of HMAC-SHA256 as 32 hex characters. Seconds measured inside each process around the hashing only (the file read is not timed), median of $Repeat interleaved rounds. Ours: ``Protect-Dataset -Hash email -KeyPath`` on the imported Dataset (includes loading the key file and the audit record). Peer: Python loops over a list of the same strings with Debian's ``/usr/bin/python3``."
        ''
        '| Tool | Wall s | Ratio (peer / ours) | CPU s | CPU ratio |'
        '|---|---:|---:|---:|---:|'
        "| Protect-Dataset -Hash | $(& $f $oursS '0.000') | – | $(& $f $oursCpu '0.000') | – |"
        "| Python ``hmac.new(key, v, sha256).hexdigest()`` loop | $(& $f $newS '0.000') | $(& $f ($newS / $oursS) '0.0')x | $(& $f $newCpu '0.000') | $(& $f ($newCpu / $oursCpu) '0.0')x |"
        "| Python ``hmac.digest(key, v, 'sha256').hex()`` loop | $(& $f $digestS '0.000') | $(& $f $ratio '0.0')x | $(& $f $digestCpu '0.000') | $(& $f ($digestCpu / $oursCpu) '0.0')x |"
        ''
        "Load average (1/5/15 min) at the end: $($load -join ' '). CPU seconds are summed over all threads (ours hashes in parallel chunks; Python uses one thread), so the CPU ratio compares work per token and the wall ratio what a user waits."
        ''
        "- Target ""at least 10x a Python hmac loop"" (against the faster loop): $(Format-Met ($ratio -ge 10)) ($(& $f $ratio '0.0')x)."
        "- Tokens equal to Python's (first and last row): $(Format-Met $same)."
    )
}

$machine = "Machine: $([Environment]::ProcessorCount) logical CPUs, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), $((& $python --version 2>&1))."
$section = @(
    '<!-- privacy:begin -->'
    '## Privacy'
    ''
    'Generated by `bench/Measure-Privacy.ps1` (`./build.sh bench -Suite Privacy`).'
    ''
    (Measure-HmacPseudonyms)
    ''
    $machine
    '<!-- privacy:end -->'
)
Write-ResultsSection -Name privacy -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Privacy section of $ResultsPath"
