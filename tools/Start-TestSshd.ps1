<#
.SYNOPSIS
    Starts a throwaway sshd with a PowerShell subsystem on a free loopback port, for the fleet tests and the fleet
    benchmark: real PowerShell remoting over SSH to "hosts" that are all this machine.
.DESCRIPTION
    Debian's openssh-server (/usr/sbin/sshd; ./build.sh test installs it) runs with a config, a host key and a user
    key pair made in -Root, listening on every -ListenAddress (127.0.0.x are all this machine, so each is a "host").
    The pwsh subsystem runs this very PowerShell (the apphost, or the dotnet host with pwsh.dll under `dotnet pwsh`),
    with the audit log's syslog copy off. Returns an object with Port, User, KeyFilePath, Options (the -Options
    hashtable for Invoke-Command/Invoke-DataFleet), ProcessId and Stop (a script block that ends the sshd).
.EXAMPLE
    $sshd = & tools/Start-TestSshd.ps1 -Root $dir
    try { Invoke-Command -HostName 127.0.0.1 -Port $sshd.Port -UserName $sshd.User -KeyFilePath $sshd.KeyFilePath -Options $sshd.Options { 1 } }
    finally { & $sshd.Stop }
#>
[CmdletBinding()]
[OutputType([pscustomobject])]
param(
    # An empty folder of its own: keys, config, pid file and log go here.
    [Parameter(Mandatory)]
    [string] $Root,

    [string[]] $ListenAddress = @('127.0.0.1', '127.0.0.2', '127.0.0.3')
)
$ErrorActionPreference = 'Stop'
$sshd = '/usr/sbin/sshd'
if (-not (Test-Path $sshd)) { throw "sshd is missing: ./build.sh test installs openssh-server; install it to run the fleet tests and benchmark." }

$port = & {
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $listener.Start(); $p = $listener.LocalEndpoint.Port; $listener.Stop(); $p
}
$userKey = Join-Path $Root 'user_ed25519'
& ssh-keygen -q -t ed25519 -N '' -C dct-test -f (Join-Path $Root 'host_ed25519')
& ssh-keygen -q -t ed25519 -N '' -C dct-test -f $userKey
Copy-Item "$userKey.pub" (Join-Path $Root 'authorized_keys')
$process = [Environment]::ProcessPath
$command = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { "'$process' '$PSHOME/pwsh.dll'" } else { "'$process'" }
$subsystem = Join-Path $Root 'pwsh-subsystem'
Set-Content -LiteralPath $subsystem -Value "#!/bin/sh`nexport DATACENTERTOOLS_AUDIT_SYSLOG=off`nexec $command -sshs -NoLogo -NoProfile`n"
& chmod 700 $subsystem
$pidFile = Join-Path $Root 'sshd.pid'
$log = Join-Path $Root 'sshd.log'
$config = Join-Path $Root 'sshd_config'
Set-Content -LiteralPath $config -Value @(
    "Port $port"
    $ListenAddress | ForEach-Object { "ListenAddress $_" }
    "HostKey $Root/host_ed25519"
    "PidFile $pidFile"
    "AuthorizedKeysFile $Root/authorized_keys"
    'PubkeyAuthentication yes'
    'PasswordAuthentication no'
    'KbdInteractiveAuthentication no'
    'UsePAM no'
    'StrictModes no'
    'PermitRootLogin prohibit-password'
    "Subsystem powershell $subsystem"
)
# As root, sshd wants its privilege-separation folder (the package's service would create it).
if ((& id -u) -eq '0' -and -not (Test-Path /run/sshd)) { New-Item -ItemType Directory /run/sshd | Out-Null }
& $sshd -f $config -E $log
if ($LASTEXITCODE -ne 0) { throw "sshd did not start: $(Get-Content -Raw $log -ErrorAction Ignore)" }
for ($i = 0; $i -lt 50 -and -not (Test-Path $pidFile); $i++) { Start-Sleep -Milliseconds 100 }
if (-not (Test-Path $pidFile)) { throw "sshd wrote no pid file: $(Get-Content -Raw $log -ErrorAction Ignore)" }
$processId = [int](Get-Content $pidFile)

[pscustomobject]@{
    Port        = $port
    User        = [Environment]::UserName
    KeyFilePath = $userKey
    Options     = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = (Join-Path $Root 'known_hosts'); LogLevel = 'ERROR' }
    ProcessId   = $processId
    Stop        = { Stop-Process -Id $processId -Force -ErrorAction Ignore }.GetNewClosure()
}
