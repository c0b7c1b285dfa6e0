# Thread safety (issue 17): the same cmdlets in 8 parallel runspaces (ForEach-Object -Parallel) on the same inputs give
# results identical to a serial run, and the audit log and catalog keep every record.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = New-TestFolder
    $script:OldHome = $env:DATACENTERTOOLS_HOME
    $script:OldCatalog = $env:DATACENTERTOOLS_CATALOG
    $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home'
    $env:DATACENTERTOOLS_CATALOG = $null
    $script:Csv = Join-Path $ExamplesData 'telemetry_sample.csv'
    $script:Key = Join-Path $Root 'data.key'
    New-DataProtectionKey -Path $Key | Out-Null

    # One run of the steps, as text that compares exactly: grouping, profile, pseudonymised rows, a filtered sort,
    # a Parquet round trip and a protected file's decrypted bytes.
    $script:Steps = {
        param([string] $Csv, [string] $Key, [string] $Work, [string] $Name)
        $ds = Import-Dataset $Csv
        $group = $ds | Group-Dataset -By region -Aggregate @{ cpu_pct = 'mean', 'p95'; host = 'count_distinct' } |
            Select-DataRow -OrderBy region | ConvertFrom-Dataset | ConvertTo-Json -Compress
        $profile = Get-DataDistribution -Dataset $ds -Column cpu_pct, power_w |
            ForEach-Object { '{0}:{1}:{2}:{3}:{4}' -f $_.Column, $_.Count, $_.Mean, $_.StdDev, $_.Median }
        $hashed = $ds | Protect-Dataset -Hash host, owner_email -KeyPath $Key | Select-DataRow -First 40 | ConvertFrom-Dataset | ConvertTo-Json -Compress
        $hot = $ds | Select-DataRow -Filter 'gpu_pct > 80' -OrderBy power_w -Descending | Select-DataColumn host, power_w | ConvertFrom-Dataset | ConvertTo-Json -Compress
        $parquet = Join-Path $Work "$Name.parquet"
        $ds | Export-Dataset -Path $parquet
        $back = Import-Dataset $parquet | ConvertFrom-Dataset | ConvertTo-Json -Compress
        $passphrase = ConvertTo-SecureString 'correct horse battery staple' -AsPlainText -Force
        Protect-DataFile -Path $Csv -Destination (Join-Path $Work "$Name.csv.gpg") -Passphrase $passphrase | Out-Null
        Unprotect-DataFile -Path (Join-Path $Work "$Name.csv.gpg") -Destination (Join-Path $Work "$Name.csv") -Passphrase $passphrase | Out-Null
        $plain = (Get-FileHash (Join-Path $Work "$Name.csv") -Algorithm SHA256).Hash
        Register-Dataset -Path $Csv -Name $Name | Out-Null
        [pscustomobject]@{ Name = $Name; Result = ($group, ($profile -join ';'), $hashed, $hot, $back, $plain) -join "`n" }
    }
}

AfterAll {
    $env:DATACENTERTOOLS_HOME = $OldHome
    $env:DATACENTERTOOLS_CATALOG = $OldCatalog
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'The same cmdlets in 8 parallel runspaces' {
    BeforeAll {
        $serialWork = Join-Path $Root 'serial'
        New-Item -ItemType Directory $serialWork | Out-Null
        $auditAtStart = 0   # a fresh home: no audit log yet
        $script:Serial = & $Steps -Csv $Csv -Key $Key -Work $serialWork -Name serial
        $script:AuditBefore = (Test-DataAuditLog).RecordCount
        # Records one run appends (Protect-Dataset, Protect-DataFile, Unprotect-DataFile).
        $script:AuditPerRun = $AuditBefore - $auditAtStart

        $parallelWork = Join-Path $Root 'parallel'
        New-Item -ItemType Directory $parallelWork | Out-Null
        $steps = $Steps.ToString()
        $script:Parallel = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest -ErrorAction Stop
            & ([scriptblock]::Create($using:steps)) -Csv $using:Csv -Key $using:Key -Work $using:parallelWork -Name "run$_"
        }
    }

    It 'gives each runspace the serial result' {
        $Parallel.Count | Should -Be 8
        $Serial.Result | Should -Match 'eu-central'
        foreach ($run in $Parallel) { $run.Result | Should -BeExactly $Serial.Result -Because "$($run.Name) ran the same steps" }
    }

    It 'keeps every audit record, in a log that still verifies' {
        $check = Test-DataAuditLog
        $check.Valid | Should -BeTrue
        $AuditPerRun | Should -Be 3
        $check.RecordCount | Should -Be ($AuditBefore + 8 * $AuditPerRun)
        $operations = @(Get-DataAuditLog | Select-Object -Skip $AuditBefore | ForEach-Object Operation)
        $operations.Count | Should -Be (8 * $AuditPerRun)
    }

    It 'keeps every catalog entry' {
        $names = @(Get-DatasetCatalog | ForEach-Object Name | Sort-Object)
        $names | Should -Be (@('serial') + (1..8 | ForEach-Object { "run$_" }) | Sort-Object)
    }
}
