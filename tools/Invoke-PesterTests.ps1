<#
.SYNOPSIS
    Runs the Pester tests against the published module in this (fresh) pwsh process and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)][string] $PesterManifest,
    [Parameter(Mandatory)][string] $ModuleManifest,
    [Parameter(Mandatory)][string] $TestPath,
    [Parameter(Mandatory)][string] $ResultsPath,
    [Parameter(Mandatory)][string] $CountsPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
# The tests import the module from here, so they exercise exactly what build published.
$env:DCT_MODULE_MANIFEST = $ModuleManifest
# The tests write hundreds of audit records to throwaway logs: keep their heads out of the host's system journal
# (tests/pester/AuditLog.Tests.ps1 checks the journal copy against a socket of its own).
$env:DATACENTERTOOLS_AUDIT_SYSLOG = 'off'
$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path $ResultsPath 'pester.xml'
$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $CountsPath
if ($failed -gt 0) { exit 1 }
