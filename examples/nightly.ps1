<#
.SYNOPSIS
    The unattended nightly runbook: import, quality gate, drift against a saved reference summary, protect, export,
    version, backup, verify and prune, one log line per step and a non-zero exit code when a step fails.
.DESCRIPTION
    Meant for a systemd timer, cron or the Windows Task Scheduler (README, "Scheduling"). With no arguments it runs
    on the host telemetry shipped in examples/data, in a temporary folder removed at the end; give -OutputPath to
    keep what it writes (the log, the reference summary, the key, the version store, the exports and the backups).
    Nothing is written outside that folder: DATACENTERTOOLS_HOME points into it for the run.
    Steps (each logs "<UTC time> nightly <step> ok|FAILED <seconds>s <detail>" to the console and to nightly.log):
    1. import    Import-Dataset of -Path.
    2. quality   The gate: Invoke-DataCleaning's report on -Range (values out of range) and -RemoveDuplicates
                 (duplicate rows), and Get-DataDistribution's missing share per column; more than -MaxOutOfRange
                 values out of range, -MaxDuplicates duplicates or -MaxMissingRatio missing in any column fails the
                 run before anything is saved. The data that passes is cleaned: missing metrics filled with the
                 median of their host.
    3. contract  Test-DataContract -ErrorOnViolation of -ContractPath; runs only when -ContractPath is given and the
                 module has Test-DataContract (data contracts are arriving on their own branch); logged as skipped
                 otherwise.
    4. drift     Compare-DataDistribution of the cleaned data against the reference summary at -ReferencePath
                 (Get-DataDistribution -AsSummary saved with Export-Clixml). On the first night there is none: the
                 night's summary is saved as the reference and later nights compare with it. Drifted columns fail
                 the run with -DriftAction Fail, and are logged as a warning with Warn (the default).
    5. protect   Protect-Dataset: owner_email pseudonymized (keyed HMAC), client_ip encrypted, with -KeyPath
                 (created under -OutputPath on the first night when not given; in production keep it apart).
    6. export    Export-Dataset of the protected data to exports/telemetry-<UTC time>.parquet for the training cluster.
    7. version   Save-DatasetVersion -Name telemetry of the protected data.
    8. backup    Backup-Dataset of every version of telemetry to backups/ (encrypted, incremental).
    9. verify    Test-DatasetBackup -ReadData: every chunk decrypted and hashed; a problem fails the run.
    10. prune    Remove-DatasetBackup -KeepDaily 7 -KeepWeekly 4 -KeepMonthly 6.
    Exit code 0 when every step passed, 1 when one failed (the steps after it do not run).
.EXAMPLE
    ./examples/nightly.ps1
.EXAMPLE
    pwsh -NoProfile -File ./examples/nightly.ps1 -Path /data/telemetry/today.csv -OutputPath /var/lib/dct-nightly -KeyPath /etc/dct/nightly.key -DriftAction Fail
#>
[CmdletBinding()]
param(
    # Tonight's data.
    [string] $Path = (Join-Path $PSScriptRoot 'data/telemetry_sample.csv'),

    # Where everything goes: by default a temp folder, removed at the end; a folder given here is kept (and reused
    # the next night: the reference summary, the key, the version store and the backups live there).
    [Alias('WorkPath')]
    [string] $OutputPath,

    # The saved reference summary (default <OutputPath>/state/reference-summary.xml; seeded on the first night).
    [string] $ReferencePath,

    # The key file for Protect-Dataset and the backups (default <OutputPath>/state/nightly.key, created when missing).
    [string] $KeyPath,

    # A data contract file for Test-DataContract (step 3); without it the step is skipped.
    [string] $ContractPath,

    [ValidateRange(0.0, 1.0)]
    [double] $MaxMissingRatio = 0.05,

    [ValidateRange(0, [int]::MaxValue)]
    [int] $MaxOutOfRange = 0,

    [ValidateRange(0, [int]::MaxValue)]
    [int] $MaxDuplicates = 0,

    [ValidateSet('Warn', 'Fail')]
    [string] $DriftAction = 'Warn'
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # no progress bars in a journal or a cron mail
if (-not (Get-Command Import-Dataset -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$inv = [cultureinfo]::InvariantCulture
$work = if ($OutputPath) { $OutputPath } else { Join-Path ([IO.Path]::GetTempPath()) "dct-nightly-$([guid]::NewGuid().ToString('N'))" }
$stateDir = Join-Path $work 'state'
$null = New-Item -ItemType Directory -Path $stateDir -Force
if (-not $ReferencePath) { $ReferencePath = Join-Path $stateDir 'reference-summary.xml' }
if (-not $KeyPath) { $KeyPath = Join-Path $stateDir 'nightly.key' }
$logPath = Join-Path $work 'nightly.log'
# The metric columns the gate and the drift check look at, with the range each must stay in.
$ranges = @{ cpu_pct = 0, 100; gpu_pct = 0, 100; mem_pct = 0, 100; power_w = 0, 2000; temp_c = -20, 110 }
$metrics = 'cpu_pct', 'gpu_pct', 'mem_pct', 'power_w', 'temp_c'
$night = @{}   # what the steps hand on to each other

function Write-NightlyLog([string] $Step, [string] $Outcome, [double] $Seconds, [string] $Detail) {
    $line = [string]::Format($inv, '{0:yyyy-MM-ddTHH:mm:ssZ} nightly {1,-8} {2,-7} {3,6:0.00}s {4}',
        [DateTime]::UtcNow, $Step, $Outcome, $Seconds, $Detail)
    Add-Content -LiteralPath $logPath -Value $line
    $line | Out-Host
}

# Runs one step: its script block returns the detail to log; an error is logged with its ErrorId and stops the run.
function Invoke-NightlyStep([string] $Step, [scriptblock] $Body) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try { $detail = & $Body }
    catch {
        $id = $_.FullyQualifiedErrorId -replace ',.*'
        Write-NightlyLog $Step 'FAILED' $clock.Elapsed.TotalSeconds "${id}: $($_.Exception.Message)"
        throw
    }
    Write-NightlyLog $Step 'ok' $clock.Elapsed.TotalSeconds "$detail"
}

# The runbook's own refusals, with an ErrorId the log line starts with.
function Stop-Night([string] $ErrorId, [string] $Message) {
    Write-Error -ErrorId $ErrorId -Category InvalidData -Message $Message -ErrorAction Stop
}

# A file written whole or not at all: a temp file in the same folder, renamed into place.
function Export-ClixmlAtomic($InputObject, [string] $LiteralPath) {
    $temp = "$LiteralPath.$PID.tmp"
    try {
        $InputObject | Export-Clixml -LiteralPath $temp -Depth 10
        [IO.File]::Move($temp, $LiteralPath, $false)
    }
    finally { Remove-Item -LiteralPath $temp -ErrorAction SilentlyContinue }
}

$oldHome = $env:DATACENTERTOOLS_HOME
$env:DATACENTERTOOLS_HOME = Join-Path $work 'home'
$exitCode = 0
try {
    Invoke-NightlyStep 'import' {
        $night.Raw = Import-Dataset -Path $Path
        "$($night.Raw.RowCount) rows, $($night.Raw.ColumnCount) columns from $(Split-Path -Leaf $Path)"
    }

    Invoke-NightlyStep 'quality' {
        $null = $night.Raw | Invoke-DataCleaning -Column $metrics -Range $ranges -OutlierAction SetMissing -RemoveDuplicates -ReportVariable report
        $outOfRange = ($report.Columns | Where-Object Action -EQ 'OutOfRange' | Measure-Object Cells -Sum).Sum + 0
        $duplicates = ($report.Columns | Where-Object Action -EQ 'DuplicatesRemoved' | Measure-Object Cells -Sum).Sum + 0
        $worst = $night.Raw | Get-DataDistribution -Column $metrics | Sort-Object MissingPercent -Descending | Select-Object -First 1
        $detail = [string]::Format($inv, 'out of range {0} (max {1}), duplicates {2} (max {3}), most missing {4} {5:0.0%} (max {6:0.0%})',
            $outOfRange, $MaxOutOfRange, $duplicates, $MaxDuplicates, $worst.Column, $worst.MissingPercent / 100, $MaxMissingRatio)
        if ($outOfRange -gt $MaxOutOfRange -or $duplicates -gt $MaxDuplicates -or $worst.MissingPercent / 100 -gt $MaxMissingRatio) {
            Stop-Night 'Nightly.QualityGateFailed' "The quality gate refused $(Split-Path -Leaf $Path): $detail."
        }
        $fill = @{}
        foreach ($column in $metrics) { $fill[$column] = 'Median' }
        $night.Clean = $night.Raw | Invoke-DataCleaning -Fill $fill -FillByGroup host
        $detail
    }

    Invoke-NightlyStep 'contract' {
        # Data contracts (Test-DataContract) are arriving on their own branch: the step runs once the module has it.
        if (-not $ContractPath) { return 'skipped: no -ContractPath' }
        if (-not (Get-Command Test-DataContract -ErrorAction Ignore)) { return 'skipped: this DataCenterTools has no Test-DataContract' }
        $null = Test-DataContract $ContractPath -Dataset $night.Raw -ErrorOnViolation
        "passed: $(Split-Path -Leaf $ContractPath)"
    }

    Invoke-NightlyStep 'drift' {
        $columns = @($metrics) + 'status'
        if (-not (Test-Path -LiteralPath $ReferencePath)) {
            Export-ClixmlAtomic ($night.Clean | Get-DataDistribution -Column $columns -AsSummary) $ReferencePath
            return "no reference yet: tonight's summary saved as $(Split-Path -Leaf $ReferencePath)"
        }
        $drift = @(Compare-DataDistribution -Reference (Import-Clixml -LiteralPath $ReferencePath) -Difference $night.Clean -Column $columns)
        $drifted = @($drift | Where-Object Drifted)
        $names = ($drifted | ForEach-Object { [string]::Format($inv, '{0} ({1} {2:0.0000})', $_.Column, $_.Method, $_.Score) }) -join ', '
        $detail = "$($drifted.Count) of $($drift.Count) columns drifted$(if ($names) { ": $names" })"
        if ($drifted.Count -and $DriftAction -eq 'Fail') { Stop-Night 'Nightly.DriftDetected' "Drift against $(Split-Path -Leaf $ReferencePath): $detail." }
        if ($drifted.Count) { Write-Warning "Drift against the reference: $detail" }
        $detail
    }

    Invoke-NightlyStep 'protect' {
        $created = ''
        if (-not (Test-Path -LiteralPath $KeyPath)) {
            $null = New-DataProtectionKey -Path $KeyPath
            $created = ' (new key file)'
        }
        $night.Protected = $night.Clean | Protect-Dataset -Hash owner_email -Encrypt client_ip -KeyPath $KeyPath
        "owner_email hashed, client_ip encrypted, $($night.Protected.RowCount) rows$created"
    }

    Invoke-NightlyStep 'export' {
        $exports = Join-Path $work 'exports'
        $null = New-Item -ItemType Directory -Path $exports -Force
        $file = Join-Path $exports "telemetry-$([DateTime]::UtcNow.ToString('yyyyMMddTHHmmssfffZ', $inv)).parquet"
        $night.Protected | Export-Dataset -Path $file
        [string]::Format($inv, '{0} ({1:N0} bytes)', (Split-Path -Leaf $file), (Get-Item -LiteralPath $file).Length)
    }

    Invoke-NightlyStep 'version' {
        $saved = $night.Protected | Save-DatasetVersion -Name telemetry -Message "nightly $([DateTime]::UtcNow.ToString('u', $inv))"
        "telemetry v$($saved.Version): $($saved.Rows) rows, $($saved.NewChunks) new chunk(s)"
    }

    $night.Repository = Join-Path $work 'backups'
    Invoke-NightlyStep 'backup' {
        $snapshot = Backup-Dataset -Name telemetry -Destination $night.Repository -KeyPath $KeyPath
        "$($snapshot.FileCount) file(s), $($snapshot.NewChunks) new chunk(s)"
    }

    Invoke-NightlyStep 'verify' {
        $check = Test-DatasetBackup -Destination $night.Repository -ReadData -KeyPath $KeyPath
        if (-not $check.Passed) { Stop-Night 'Nightly.BackupDamaged' "The backup at $($night.Repository) is damaged: $($check.Problems -join '; ')" }
        "$($check.Snapshots) snapshot(s), $($check.Chunks) chunk(s) decrypted and hashed"
    }

    Invoke-NightlyStep 'prune' {
        $removed = @(Remove-DatasetBackup -Destination $night.Repository -KeepDaily 7 -KeepWeekly 4 -KeepMonthly 6 -KeyPath $KeyPath -Confirm:$false -PassThru)
        "$($removed.Count) snapshot(s) pruned, $(@(Get-DatasetBackup -Destination $night.Repository).Count) kept"
    }
    Write-NightlyLog 'done' 'ok' 0 "log: $logPath"
}
catch {
    # The failing step has logged its error; one last line says the night failed, for a grep or an alert.
    Write-NightlyLog 'done' 'FAILED' 0 'the steps after the failed one did not run'
    $exitCode = 1
}
finally {
    $env:DATACENTERTOOLS_HOME = $oldHome
    if (-not $OutputPath) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}
exit $exitCode
