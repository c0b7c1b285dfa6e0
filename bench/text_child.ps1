# One measured run of a text cmdlet in a fresh pwsh (started under /usr/bin/time by Measure-Text.ps1): imports the
# module (not timed), runs the command, prints one JSON line with the wall and CPU seconds of the command alone.
param([string] $ModuleManifest, [string] $Command)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModuleManifest
$process = [Diagnostics.Process]::GetCurrentProcess()
$cpu = $process.TotalProcessorTime
$clock = [Diagnostics.Stopwatch]::StartNew()
$null = Invoke-Expression $Command
$wall = $clock.Elapsed.TotalSeconds
$process.Refresh()
[pscustomobject]@{ seconds = $wall; cpu_seconds = ($process.TotalProcessorTime - $cpu).TotalSeconds; gc = "$([GC]::CollectionCount(0))/$([GC]::CollectionCount(1))/$([GC]::CollectionCount(2)) pause $([GC]::GetTotalPauseDuration().TotalSeconds)" } | ConvertTo-Json -Compress
