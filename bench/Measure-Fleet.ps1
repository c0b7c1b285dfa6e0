<#
.SYNOPSIS
    The Fleet suite: how the fan-out time of Invoke-DataFleet grows with the number of hosts, against a serial loop
    of Invoke-Command over the same hosts and against Invoke-Command's own fan-out; writes a "Fleet" section into
    bench/RESULTS.md.
.DESCRIPTION
    One real sshd with a pwsh subsystem (tools/Start-TestSshd.ps1, as tests/pester/Fleet.Tests.ps1 starts it) listens
    on 127.0.0.1 to 127.0.0.<max N>: each address is a "host" (all are this machine, so N hosts share its cores). Each
    host runs Import-Module and Get-DataDistribution -Path -AsSummary on the shipped telemetry sample (720 rows), the
    figures a fleet run merges. For each N (-HostCount) three ways, interleaved, -Repeat rounds, medians:
    Invoke-DataFleet (one call for all N hosts), Invoke-Command -HostName with all N (PowerShell's own fan-out), and
    a foreach loop of Invoke-Command, one host after the other. Every run must return N summaries whose merged
    cpu_pct count is N times one host's, or the benchmark stops. The seconds include each host's SSH session and pwsh start-up, which is
    most of the cost: the point is how it adds up over N.
.NOTES
    -ModuleManifest, -Repeat, -ResultsPath: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    ./build.sh bench -Suite Fleet
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1, 100)]
    [int] $Repeat = 1,

    [ValidateRange(1, 254)]
    [int[]] $HostCount = @(1, 2, 4, 8),

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
$manifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
Import-Module $manifest
$csv = (Resolve-Path (Join-Path $PSScriptRoot '../examples/data/telemetry_sample.csv')).Path
$rows = (Import-Dataset $csv).RowCount
# The values of cpu_pct one host reports (the missing ones are not counted).
$perHost = (Get-DataDistribution -Path $csv -Column cpu_pct).Count
$maxHosts = ($HostCount | Measure-Object -Maximum).Maximum
$addresses = 1..$maxHosts | ForEach-Object { "127.0.0.$_" }
$root = Join-Path ([IO.Path]::GetTempPath()) "dct-bench-fleet-$([guid]::NewGuid().ToString('N'))"
New-Item -ItemType Directory -Path $root | Out-Null
$sshd = & (Join-Path $PSScriptRoot '../tools/Start-TestSshd.ps1') -Root $root -ListenAddress $addresses
$ssh = @{ Port = $sshd.Port; UserName = $sshd.User; KeyFilePath = $sshd.KeyFilePath; Options = $sshd.Options }
$step = { param($Manifest, $Csv) Import-Module $Manifest; Get-DataDistribution -Path $Csv -Column cpu_pct, region -AsSummary }

# Runs one way over the hosts; the merged count of cpu_pct must be that of the file once per host.
function Measure-Way([string] $Way, [string[]] $Hosts) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $summaries = switch ($Way) {
        'fleet' {
            $run = Invoke-DataFleet -ComputerName $Hosts @ssh -ScriptBlock $step -ArgumentList $manifest, $csv
            if (-not $run.AllSucceeded) { throw "Invoke-DataFleet: $(($run.Hosts | Where-Object Outcome -NE Succeeded | ForEach-Object { "$($_.ComputerName): $($_.Error)" }) -join '; ')" }
            $run.Output
        }
        'fanout' { Invoke-Command -HostName $Hosts @ssh -ScriptBlock $step -ArgumentList $manifest, $csv -ErrorAction Stop }
        'serial' { foreach ($h in $Hosts) { Invoke-Command -HostName $h @ssh -ScriptBlock $step -ArgumentList $manifest, $csv -ErrorAction Stop } }
    }
    $seconds = $clock.Elapsed.TotalSeconds
    $count = ($summaries | Merge-DataDistribution | Where-Object Column -EQ cpu_pct).Count
    $expected = $Hosts.Count * $perHost
    if ($count -ne $expected) { throw "$Way over $($Hosts.Count) hosts merged $count cpu_pct values, not $expected." }
    $seconds
}

$times = @{}
try {
    # One session first, so the first measured one does not pay for a cold disk cache.
    $null = Measure-Way serial @($addresses[0])
    for ($round = 1; $round -le $Repeat; $round++) {
        foreach ($n in $HostCount) {
            foreach ($way in 'fleet', 'fanout', 'serial') {
                Write-Host "Round $round of ${Repeat}: $way over $n hosts"
                $times["$way/$n"] += @(Measure-Way $way @($addresses[0..($n - 1)]))
            }
        }
    }
}
finally {
    & $sshd.Stop
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}

$load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3
$f = { param($v, $fmt) ([double]$v).ToString($fmt, $inv) }
$fleetOne = Get-Median $times['fleet/1']
$table = foreach ($n in $HostCount) {
    $fleet = Get-Median $times["fleet/$n"]; $fanout = Get-Median $times["fanout/$n"]; $serial = Get-Median $times["serial/$n"]
    "| $n | $(& $f $fleet '0.00') | $(& $f ($fleet / $fleetOne) '0.00')x | $(& $f ($fleet / $n) '0.00') | $(& $f $fanout '0.00') | $(& $f $serial '0.00') | $(& $f ($serial / $fleet) '0.00')x |"
}
$section = @(
    '<!-- fleet:begin -->'
    '## Fleet'
    ''
    'Generated by `bench/Measure-Fleet.ps1` (`./build.sh bench -Suite Fleet`).'
    ''
    "Fan-out over real PowerShell remoting: one sshd with a pwsh subsystem (``tools/Start-TestSshd.ps1``) listening on 127.0.0.1 to 127.0.0.$maxHosts, each address a host; every host runs Import-Module and ``Get-DataDistribution -Path -AsSummary`` on the $rows-row telemetry sample, and the summaries are merged (checked: N x the $perHost cpu_pct values of one host). All hosts are this machine, so N hosts share its $([Environment]::ProcessorCount) CPUs: on a real fleet each host brings its own. Seconds per whole run, SSH sessions and remote pwsh start-up included; median of $Repeat round(s), the three ways interleaved."
    ''
    '| Hosts (N) | Invoke-DataFleet s | vs N = 1 | s per host | Invoke-Command -HostName (all N) s | serial foreach Invoke-Command s | serial / Invoke-DataFleet |'
    '|---:|---:|---:|---:|---:|---:|---:|'
    $table
    ''
    "Load average (1/5/15 min) at the end: $($load -join ' ')."
    ''
    "Machine: $([Environment]::ProcessorCount) logical CPUs, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version)."
    '<!-- fleet:end -->'
)
Write-ResultsSection -Name fleet -Section $section -ResultsPath $ResultsPath
$section | Out-Host
Write-Host "`nWrote the Fleet section of $ResultsPath"
