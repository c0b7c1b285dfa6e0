<#
.SYNOPSIS
    A nightly backup runbook on the data shipped in examples/data: save a version, back up with a key file, verify
    every chunk, prune by retention, restore to a temporary folder and compare hashes. No arguments, no network.
.DESCRIPTION
    Everything happens in a temporary folder (DATACENTERTOOLS_HOME points there for the run), deleted at the end.
    1. Save-DatasetVersion of the host telemetry (twice: the second, unchanged, stores no new chunks), then a
       cleaned version (rows with missing cells dropped), and Compare-DatasetVersion between them.
    2. Backup-Dataset of the saved versions, then of the CSV files (twice: the second writes no new chunks), with a
       key file (owner-only permissions).
    3. Test-DatasetBackup -ReadData: decrypts and hashes every chunk; the runbook stops if it does not pass.
    4. Remove-DatasetBackup -KeepDaily 7 -KeepWeekly 4 -KeepMonthly 6 (all snapshots here are from today, so the
       daily rule keeps the newest one) and Remove-DatasetVersion -Keep 2.
    5. Restore-Dataset of the latest snapshot into a temporary folder and a SHA-256 comparison with the originals.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/backup.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),

    # Where the files it writes go: by default a temp folder, removed at the end; a folder given here is kept, so
    # what was written can be checked (tests/pester/Examples.Tests.ps1 does).
    [string] $WorkPath
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Backup-Dataset -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$work = if ($WorkPath) { $WorkPath } else { Join-Path ([IO.Path]::GetTempPath()) "dct-backup-example-$([guid]::NewGuid().ToString('N'))" }
$oldHome = $env:DATACENTERTOOLS_HOME
$env:DATACENTERTOOLS_HOME = Join-Path $work 'home'
try {
    New-Item -ItemType Directory -Path $work -Force | Out-Null
    $repo = Join-Path $work 'backups'
    $key = Join-Path $work 'backup.key'   # in production: a key file kept apart from the backups
    New-DataProtectionKey -Path $key | Format-Table | Out-String | Write-Host

    Write-Host "`n== 1. Versions of the telemetry" -ForegroundColor Cyan
    $telemetry = Import-Dataset (Join-Path $DataPath 'telemetry_sample.csv')
    $v1 = $telemetry | Save-DatasetVersion -Name telemetry -Message 'raw import'
    $v2 = $telemetry | Save-DatasetVersion -Name telemetry -Message 'same data again'
    "v$($v1.Version): $($v1.Rows) rows, $($v1.NewChunks) new chunk(s); v$($v2.Version) unchanged: $($v2.NewChunks) new chunk(s)" | Out-Host
    $clean = $telemetry | Invoke-DataCleaning -DropMissing Any
    $v3 = $clean | Save-DatasetVersion -Name telemetry -Message 'missing values filled'
    Compare-DatasetVersion -Name telemetry -ReferenceVersion 1 -DifferenceVersion $v3.Version |
        Where-Object Change -ne Unchanged | Format-Table | Out-Host

    Write-Host "== 2. Backup (encrypted, incremental)" -ForegroundColor Cyan
    $versions = Backup-Dataset -Name telemetry -Destination $repo -KeyPath $key
    $csvFiles = Get-ChildItem (Join-Path $DataPath '*.csv')
    $first = Backup-Dataset -Path $csvFiles.FullName -Destination $repo -KeyPath $key
    $again = Backup-Dataset -Path $csvFiles.FullName -Destination $repo -KeyPath $key
    "Files: $($first.FileCount) backed up, $($first.NewChunks) chunk(s) written; again: $($again.NewChunks) new chunk(s); versions: $($versions.FileCount) file(s)" | Out-Host
    Get-DatasetBackup $repo -KeyPath $key | Format-Table | Out-Host

    Write-Host "== 3. Verify every chunk" -ForegroundColor Cyan
    $check = Test-DatasetBackup $repo -ReadData -KeyPath $key
    if (-not $check.Passed) { throw "The backup at $repo is damaged: $($check.Problems.Count) problem(s)." }
    "Verified: $($check.Snapshots) snapshots, $($check.Chunks) chunks, passed: $($check.Passed)" | Out-Host

    Write-Host "== 4. Retention" -ForegroundColor Cyan
    $removed = Remove-DatasetBackup $repo -KeepDaily 7 -KeepWeekly 4 -KeepMonthly 6 -KeyPath $key -Confirm:$false -PassThru
    $prunedVersions = Remove-DatasetVersion -Name telemetry -Keep 2 -Confirm:$false -PassThru
    "Pruned $(@($removed).Count) snapshot(s), kept $(@(Get-DatasetBackup $repo).Count); removed version(s) $(@($prunedVersions).Version -join ', '), kept $((Get-DatasetVersion -List -Name telemetry).Version -join ', ')" | Out-Host

    Write-Host "== 5. Restore and compare" -ForegroundColor Cyan
    $restoreTo = Join-Path $work 'restored'
    $files = Restore-Dataset -Source $repo -Destination $restoreTo -KeyPath $key   # the latest snapshot
    $same = 0
    foreach ($f in $files) {
        $original = Join-Path $DataPath $f.Name
        if ((Get-FileHash $f.FullName).Hash -eq (Get-FileHash $original).Hash) { $same++ }
    }
    "Restored $(@($files).Count) file(s); identical to the originals (SHA-256): $same of $($csvFiles.Count)" | Out-Host
    $back = Get-DatasetVersion -Name telemetry
    "Latest version read back: $($back.RowCount) rows, $($back.ColumnCount) columns" | Out-Host
}
finally {
    $env:DATACENTERTOOLS_HOME = $oldHome
    if (-not $WorkPath) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}
