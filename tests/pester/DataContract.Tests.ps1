BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Telemetry = Join-Path $ExamplesData 'telemetry_sample.csv'
    $script:Good = Import-Dataset $Telemetry
    $script:Folder = New-TestFolder
    $script:ContractPath = Join-Path $Folder 'telemetry.contract.json'
    $script:ModuleManifest = Join-Path (Get-Module DataCenterTools).ModuleBase 'DataCenterTools.psd1'
    # The newest timestamp of the sample, worked out from the CSV text, not by the module.
    $script:Newest = [datetime]::Parse((Import-Csv $Telemetry | ForEach-Object timestamp | Sort-Object | Select-Object -Last 1),
        [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal)
    $script:Rows = Import-Csv $Telemetry

    # Runs a runbook in a fresh pwsh, as a scheduled task does: its exit code and its output as plain text.
    function Invoke-Runbook([string] $Body) {
        $script = Join-Path $Folder ("runbook-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $script -Value "`$PSStyle.OutputRendering = 'PlainText'`nImport-Module '$ModuleManifest'`n$Body"
        $out = & dotnet pwsh -NoProfile -NonInteractive -File $script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($out | Out-String) }
    }
}

AfterAll { Remove-Item -Recurse -Force $Folder -ErrorAction SilentlyContinue }

Describe 'New-DataContract' {
    It 'drafts a contract file that the shipped JSON Schema accepts, and the data it came from passes it' {
        New-DataContract -Dataset $Good -Path $ContractPath -TimestampColumn timestamp -KeyColumn host, timestamp
        $ContractPath | Should -Exist
        Test-Json -Path $ContractPath -SchemaFile (Join-Path (Get-Module DataCenterTools).ModuleBase 'DataContract.v1.schema.json') | Should -BeTrue
        $json = Get-Content -Raw $ContractPath | ConvertFrom-Json
        $json.version | Should -Be 1
        $json.'$schema' | Should -Match 'DataContract\.v1\.schema\.json$'
        $json.rows.min | Should -Be 648   # 720 rows, 10% either way
        $json.rows.max | Should -Be 792
        $json.key | Should -Be @('host', 'timestamp')
        $region = $json.columns | Where-Object name -eq region
        $region.allowedValues | Should -Be @(($Rows.region | Sort-Object -Unique -CaseSensitive))
        ($json.columns | Where-Object name -eq cpu_pct).nullable | Should -BeTrue
        ($json.columns | Where-Object name -eq temp_c).nullable | Should -BeFalse
        $results = @(Test-DataContract -Path $Telemetry -Contract $ContractPath)
        $results.Count | Should -Be 1
        $results[0].Passed | Should -BeTrue
        $results[0].Rows | Should -Be 720
        $results[0].RulesChecked | Should -Be 36 # 12 column types, 10 not-null, 6 ranges, 6 value sets, 1 pattern; rows, key, freshness
        Get-ChildItem -LiteralPath $Folder -Filter '*.tmp*' | Should -BeNullOrEmpty
    }

    It 'never writes over a contract without -Force, and -WhatIf writes nothing' {
        $before = Get-Content -Raw $ContractPath
        $err = $null
        try { New-DataContract -Dataset ($Good | Select-DataRow -First 10) -Path $ContractPath -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        New-DataContract -Dataset $Good -Path (Join-Path $Folder 'whatif.json') -WhatIf
        Join-Path $Folder 'whatif.json' | Should -Not -Exist
        New-DataContract -Dataset ($Good | Select-DataRow -First 10) -Path $ContractPath -Force -WhatIf
        Get-Content -Raw $ContractPath | Should -Be $before
    }

    It 'returns the contract as an object people can edit before checking' {
        $c = New-DataContract -Dataset $Good
        $c.RuleCount | Should -Be 34 # no key and no freshness this time
        ($c | Format-Table | Out-String -Width 80) | Should -Match 'telemetry_sample\s+1\s+34\s+12\s+648-792'
        ($c.Columns | Where-Object Name -eq cpu_pct).Max = 50
        $hot = @($Rows | Where-Object { $_.cpu_pct -ne '' -and [double]$_.cpu_pct -gt 50 })
        $out = @($Good | Select-DataRow -Filter 'host != ''nothing''' | Test-DataContract -Contract $c)
        $out[0].Rule | Should -Be 'Range'
        $out[0].Count | Should -Be $hot.Count
        "$($out[0].LineKind)" | Should -Be 'RowIndex' # the rows of a transform are no longer the file's lines
        $out[-1].Passed | Should -BeFalse
    }

    It 'names a key that repeats in the good data' {
        $err = $null
        try { New-DataContract -Dataset $Good -KeyColumn host -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DataContractKeyNotUnique,*'
        $err.Exception.Message | Should -Match "708 row\(s\) repeat" # 720 rows over 12 hosts
    }
}

Describe 'Test-DataContract' {
    It 'finds what an edited contract forbids, at the lines of the file' {
        $json = Get-Content -Raw $ContractPath | ConvertFrom-Json
        ($json.columns | Where-Object name -eq cpu_pct).max = 50
        $region = $json.columns | Where-Object name -eq region
        $region.allowedValues = @($region.allowedValues | Where-Object { $_ -ne 'us-west' })
        $edited = Join-Path $Folder 'edited.json'
        $json | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $edited

        # Independently: line = index + 2 (a header, no blank or multi-line rows in the sample).
        $hot = @(for ($i = 0; $i -lt $Rows.Count; $i++) { if ($Rows[$i].cpu_pct -ne '' -and [double]$Rows[$i].cpu_pct -gt 50) { $i + 2 } })
        $west = @(for ($i = 0; $i -lt $Rows.Count; $i++) { if ($Rows[$i].region -eq 'us-west') { $i + 2 } })
        foreach ($out in @(Test-DataContract -Path $Telemetry -Contract $edited), @($Good | Test-DataContract -Contract $edited)) {
            $range = $out | Where-Object Rule -eq Range
            $range.Column | Should -Be 'cpu_pct'
            $range.Count | Should -Be $hot.Count
            "$($range.LineKind)" | Should -Be 'SourceLine'
            $range.Lines | Should -Be $hot[0..4]
            [double[]]$range.Samples | Should -Be ([double[]]@($hot[0..4] | ForEach-Object { $Rows[$_ - 2].cpu_pct }))
            $values = $out | Where-Object Rule -eq AllowedValues
            $values.Count | Should -Be $west.Count
            $values.Lines | Should -Be $west[0..4]
            $summary = $out[-1]
            $summary.Passed | Should -BeFalse
            $summary.Violations | Should -Be 2
        }
        $text = Test-DataContract -Path $Telemetry -Contract $edited | Select-Object -First 2 | Format-Table | Out-String -Width 80
        $text | Should -Match "Range\s+cpu_pct\s+$($hot.Count)\s+line $($hot[0]),$($hot[1])"
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'fails a stale delivery by the age of its newest timestamp' {
        $late = $Newest.AddDays(60)
        $out = @($Good | Test-DataContract -Contract $ContractPath -AsOf $late)
        $stale = $out | Where-Object Rule -eq Freshness
        $stale.Column | Should -Be 'timestamp'
        $stale.Samples | Should -Be @($Newest.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture))
        $stale.Message | Should -Match '60 days old'
        (@($Good | Test-DataContract -Contract $ContractPath -AsOf $Newest.AddHours(1)))[-1].Passed | Should -BeTrue
        $err = $null
        $written = try { $Good | Test-DataContract -Contract $ContractPath -AsOf $late -ErrorOnViolation } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'DataCenterTools.DataContractViolated'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
        @($written).Count | Should -Be 2 -Because 'the violation and the summary come out before the error'
    }

    It 'gives each bad contract file its own error id, with the line and column of a JSON error' -ForEach @(
        @{ Text = "{`n  `"version`": 1,`n  `"columns`": [ { `"name`": `"host`" `"type`": `"String`" } ]`n}"; Id = 'DataContractMalformed'; Message = 'line 3, column 33' }
        @{ Text = '{ "version": 2, "columns": [ { "name": "host", "type": "String" } ] }'; Id = 'DataContractUnsupportedVersion'; Message = 'version 2' }
        @{ Text = '{ "version": 1, "columns": [ { "name": "host" } ] }'; Id = 'DataContractEmpty'; Message = 'no rule' }
        @{ Text = '{ "version": 1, "columns": [ { "name": "hots", "nullable": false } ] }'; Id = 'DataContractColumnNotFound'; Message = "'hots'" }
        @{ Text = '{ "version": 1, "columns": [ { "name": "host", "nulable": false } ] }'; Id = 'DataContractInvalid'; Message = 'columns\[0\]\.nulable' }
    ) {
        $path = Join-Path $Folder "bad-$Id.json"
        Set-Content -LiteralPath $path -Value $Text -NoNewline
        foreach ($run in { $Good | Test-DataContract -Contract $path -ErrorAction Stop }, { Test-DataContract -Path $Telemetry -Contract $path -ErrorAction Stop }) {
            $err = $null
            $out = try { & $run } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
            $err.Exception.Message | Should -Match $Message
            @($out | Where-Object { $_ -is [DataCenterTools.Core.Operations.DataContractResult] }) | Should -BeNullOrEmpty -Because 'a contract that cannot be checked never reports a result'
        }
    }

    It 'makes a pwsh -File runbook exit 1 with -ErrorOnViolation, after writing what broke, and 0 when the data passes' {
        $failing = Invoke-Runbook @"
Test-DataContract -Path '$Telemetry' -Contract '$ContractPath' -AsOf '$($Newest.AddDays(60).ToString('o'))' -ErrorOnViolation | Format-Table | Out-String -Width 80
'after the gate'
"@
        $failing.ExitCode | Should -Be 1
        $failing.Text | Should -Match 'Freshness\s+timestamp'
        $failing.Text | Should -Match "broke 1 of 36 rules \(Freshness timestamp: 720\)"
        $failing.Text | Should -Not -Match 'after the gate'

        $passing = Invoke-Runbook @"
Test-DataContract -Path '$Telemetry' -Contract '$ContractPath' -AsOf '$($Newest.AddHours(1).ToString('o'))' -ErrorOnViolation | Out-Null
'after the gate'
"@
        $passing.ExitCode | Should -Be 0 -Because $passing.Text
        $passing.Text | Should -Match 'after the gate'

        $broken = Join-Path $Folder 'broken.json'
        Set-Content -LiteralPath $broken -Value '{ "version": 1, "columns": [ ] }'
        $empty = Invoke-Runbook @"
try { Test-DataContract -Path '$Telemetry' -Contract '$broken' -ErrorOnViolation } catch { "caught `$(`$_.FullyQualifiedErrorId)"; throw }
'after the gate'
"@
        $empty.ExitCode | Should -Be 1
        $empty.Text | Should -Match 'caught DataCenterTools\.DataContractEmpty'
        $empty.Text | Should -Not -Match 'after the gate'
    }
}
