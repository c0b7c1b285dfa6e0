<#
.SYNOPSIS
    Makes sure Debian's /usr/bin/python3 can import a peer library, installing its Debian package with apt-get when not.
.EXAMPLE
    & ./bench/Install-PythonPeer.ps1 -Module statsmodels -Package python3-statsmodels
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Module,

    [Parameter(Mandatory)]
    [string] $Package,

    [string] $Python = '/usr/bin/python3'
)
& $Python -c "import $Module" 2>$null
if ($LASTEXITCODE -eq 0) { return }
Write-Host "Installing $Package with apt-get"
# As root apt-get runs through env ('& @sudo' with an empty array is not a command).
$sudo = if ((& id -u) -ne '0') { 'sudo' } else { 'env' }
$env:DEBIAN_FRONTEND = 'noninteractive'
& $sudo apt-get install -y $Package
if ($LASTEXITCODE -ne 0) { & $sudo apt-get update; & $sudo apt-get install -y $Package }
& $Python -c "import $Module"
if ($LASTEXITCODE -ne 0) { throw "$Python cannot import $Module; install $Package." }
