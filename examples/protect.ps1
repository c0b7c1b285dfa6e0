<#
.SYNOPSIS
    Protects the personal data in the shipped telemetry sample before it goes to training, and restores it.
.DESCRIPTION
    examples/data/telemetry_sample.csv holds two personal columns: owner_email (who runs the job) and client_ip
    (where the request came from). This runbook
    1. finds them with Find-SensitiveData and shows the -Auto plan (-WhatIf),
    2. makes a data protection key (owner-only key file) in a temp folder,
    3. pseudonymizes owner_email with a keyed HMAC (joins on the owner still work) and encrypts client_ip,
    4. measures k-anonymity over client_ip and makes a release copy 5-anonymous (client_ip generalized to a
       network prefix, rows suppressed if needed),
    5. writes the protected data to CSV, reads it back and restores client_ip with the key, checking the round trip,
    6. shows that a wrong key is refused, writes an OpenPGP-encrypted copy of the protected file and shows what
       the audit log recorded, and checks it with Test-DataAuditLog.
    Audit records go to the temp folder ($env:DATACENTERTOOLS_HOME), not your own log.
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Protect-Dataset -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$work = Join-Path ([System.IO.Path]::GetTempPath()) "dct-protect-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null
$previousHome = $env:DATACENTERTOOLS_HOME
$env:DATACENTERTOOLS_HOME = Join-Path $work 'home'

try {
    $telemetry = Import-Dataset (Join-Path $DataPath 'telemetry_sample.csv')
    Write-Host "`n== 1. What is personal in it" -ForegroundColor Cyan
    $telemetry | Find-SensitiveData | Format-Table | Out-String | Out-Host

    Write-Host "== 2. A key file (readable by its owner only), and the plan -Auto would apply" -ForegroundColor Cyan
    $keyFile = Join-Path $work 'telemetry.key'
    $key = New-DataProtectionKey -Path $keyFile
    "Key id: $($key.KeyId) (a fingerprint: safe to log)"
    $telemetry | Protect-Dataset -Auto -KeyPath $keyFile -WhatIf

    Write-Host "`n== 3. Pseudonymize owner_email, encrypt client_ip" -ForegroundColor Cyan
    $protected = $telemetry | Protect-Dataset -Hash owner_email -Encrypt client_ip -KeyPath $keyFile
    $protected | ConvertFrom-Dataset -First 3 -Column host, owner_email, client_ip | Format-Table | Out-String -Width 200 | Out-Host
    $owners = @($telemetry | ConvertFrom-Dataset -Column owner_email | Select-Object -ExpandProperty owner_email -Unique).Count
    $tokens = @($protected | ConvertFrom-Dataset -Column owner_email | Select-Object -ExpandProperty owner_email -Unique).Count
    "Distinct owners: $owners, distinct tokens: $tokens (one token per owner, so per-owner statistics still work)"
    "Lineage: $($protected.Lineage[-1])"

    Write-Host "`n== 4. k-anonymity over client_ip, then a release copy that is 5-anonymous" -ForegroundColor Cyan
    $before = $telemetry | Test-DatasetAnonymity -QuasiIdentifier client_ip -K 5
    "k before: $($before.K) (rows in classes under 5: $($before.RowsInClassesUnderThreshold))"
    $release = $telemetry | Protect-Dataset -Hash owner_email -KAnonymity 5 -QuasiIdentifier client_ip -MaxSuppression 0.05 -KeyPath $keyFile -WarningVariable cost -WarningAction SilentlyContinue
    "Cost: $cost"
    "Rows: $($telemetry.RowCount) -> $($release.RowCount)"
    $release | ConvertFrom-Dataset -First 3 -Column host, owner_email, client_ip | Format-Table | Out-String -Width 200 | Out-Host

    Write-Host "== 5. Through CSV and back: restore client_ip with the key" -ForegroundColor Cyan
    $csv = Join-Path $work 'telemetry.protected.csv'
    $protected | Export-Dataset -Path $csv
    # A CSV carries no lineage, so the encrypted column is named.
    $restored = Import-Dataset $csv | Unprotect-Dataset -KeyPath $keyFile -Decrypt client_ip
    $before = $telemetry | ConvertFrom-Dataset -Column client_ip | ForEach-Object client_ip
    $after = $restored | ConvertFrom-Dataset -Column client_ip | ForEach-Object client_ip
    "client_ip restored for $($after.Count) rows, identical: $(-not (Compare-Object $before $after -SyncWindow 0))"

    Write-Host "`n== 6. A wrong key is refused, and nothing is output" -ForegroundColor Cyan
    $otherKey = Join-Path $work 'other.key'
    $null = New-DataProtectionKey -Path $otherKey
    $wrong = Import-Dataset $csv | Unprotect-Dataset -KeyPath $otherKey -Decrypt client_ip -ErrorAction SilentlyContinue -ErrorVariable failure
    "Output: $(if ($wrong) { 'something' } else { 'nothing' }); refused: $($failure[0].FullyQualifiedErrorId -replace ',.*')"

    Write-Host "`n== 7. An OpenPGP-encrypted copy of the protected file (gpg --decrypt reads it)" -ForegroundColor Cyan
    $pass = ConvertTo-SecureString 'a demo passphrase, use Read-Host -AsSecureString' -AsPlainText -Force
    $null = Protect-DataFile -Path $csv -Passphrase $pass
    $gpgFile = Get-Item "$csv.gpg"
    "OpenPGP copy: $($gpgFile.Name) ($($gpgFile.Length.ToString('N0')) bytes)"

    Write-Host "`n== 8. The audit log (JSON Lines, each record sealed with a MAC under the host audit key)" -ForegroundColor Cyan
    Get-Content (Join-Path $env:DATACENTERTOOLS_HOME 'audit.jsonl') | ConvertFrom-Json |
        Format-Table operation, @{ n = 'columns'; e = { $_.columns -join ',' } }, keyId | Out-String | Out-Host
    $check = Test-DataAuditLog
    "Audit log intact: $($check.Valid), $($check.RecordCount) records, $($check.AnchoredRecords) anchored by its head"
}
finally {
    $env:DATACENTERTOOLS_HOME = $previousHome
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
