<#
.SYNOPSIS
    Makes the two packages of a release from a built module: DataCenterTools.<version>.nupkg, packed by Publish-PSResource
    for a PowerShell repository (the Gallery, or a file share), and DataCenterTools.Core.<version>.nupkg, the core as a
    .NET library (dotnet pack: README, XML docs, the same version).
.DESCRIPTION
    PSResourceGet keeps its repository list in the user's settings. The module is published through a repository
    registered in a throwaway settings folder (a child pwsh whose HOME and LOCALAPPDATA point at a temp folder), so
    the user's own repositories are neither read nor changed.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $Destination,
    [string] $CoreProject = (Join-Path $PSScriptRoot '../src/DataCenterTools.Core/DataCenterTools.Core.csproj'),
    [ValidateSet('Debug', 'Release')][string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$Destination = (Resolve-Path -LiteralPath $Destination).ProviderPath
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath

& dotnet pack $CoreProject -c $Configuration -o $Destination --nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw "dotnet pack $CoreProject failed with exit code $LASTEXITCODE." }

# The same pwsh as this one (the clone's 'dotnet pwsh' or an installed pwsh).
$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$settings = Join-Path ([IO.Path]::GetTempPath()) ("dct-psresource-" + [guid]::NewGuid().ToString('N'))
# The folders .NET reports as the user's application data must exist, or it reports none and NuGet (inside
# PSResourceGet) writes its settings relative to the working directory.
foreach ($folder in '.config', '.local/share', '.cache') { New-Item -ItemType Directory -Force -Path (Join-Path $settings $folder) | Out-Null }
$names = 'HOME', 'LOCALAPPDATA', 'APPDATA', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME'
$saved = @{}
foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
$savedDirectory = [Environment]::CurrentDirectory
try {
    foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $null) }
    $env:HOME = $settings
    if ($IsWindows) { $env:LOCALAPPDATA = $env:APPDATA = $settings }
    [Environment]::CurrentDirectory = $settings
    $publish = "`$ErrorActionPreference = 'Stop'; Register-PSResourceRepository -Name DataCenterToolsBuild -Uri '$Destination' -Trusted; " +
               "Publish-PSResource -Path '$ModulePath' -Repository DataCenterToolsBuild"
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $publish
    if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource of $ModulePath failed with exit code $LASTEXITCODE." }
}
finally {
    [Environment]::CurrentDirectory = $savedDirectory
    foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    Remove-Item -Recurse -Force -LiteralPath $settings -ErrorAction SilentlyContinue
}
