BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
    # A hand-made messy sheet: padded and mixed-case text, a power reading that is not a number, a duplicate row.
    $script:Messy = @(
        [pscustomobject]@{ host = 'gpu-01'; status = ' OK ';  power_w = '610.5'; cpu_pct = 40 }
        [pscustomobject]@{ host = 'gpu-01'; status = 'ok';    power_w = 'n/a?';  cpu_pct = 140 }
        [pscustomobject]@{ host = 'gpu-02'; status = 'Warn';  power_w = '598';   cpu_pct = 55 }
        [pscustomobject]@{ host = 'gpu-02'; status = 'Warn';  power_w = '598';   cpu_pct = 55 }
    ) | ConvertTo-Dataset -Name messy
}

Describe 'Invoke-DataCleaning' {
    It 'fills from the pipeline per host with the host median (values from pandas)' {
        # pandas: df.groupby('host').cpu_pct.median() -> gpu-fra-01 57.1, gpu-sjc-03 64.7
        $clean = $Telemetry | Invoke-DataCleaning -Fill @{ cpu_pct = 'Median' } -FillByGroup host
        $clean | Should -BeOfType ([DataCenterTools.Core.Data.Dataset])
        $clean.Schema['cpu_pct'].Nulls | Should -Be 0
        $rows = $clean | ConvertFrom-Dataset
        $before = $Telemetry | ConvertFrom-Dataset
        $filled = for ($i = 0; $i -lt $rows.Count; $i++) { if ($null -eq $before[$i].cpu_pct) { $rows[$i] } }
        $filled.Count | Should -Be 22
        ($filled | Where-Object host -eq 'gpu-fra-01')[0].cpu_pct | Should -Be 57.1
        ($filled | Where-Object host -eq 'gpu-sjc-03')[0].cpu_pct | Should -Be 64.7
    }

    It 'takes -Dataset by name as well as from the pipeline' {
        $clean = Invoke-DataCleaning -Dataset $Telemetry -Fill @{ power_w = 'Zero' }
        $clean.Schema['power_w'].Nulls | Should -Be 0
    }

    It 'leaves the input dataset unchanged and shares the columns it did not touch' {
        $clean = $Telemetry | Invoke-DataCleaning -Fill @{ cpu_pct = 'Mean' } -RemoveDuplicates
        $Telemetry.Schema['cpu_pct'].Nulls | Should -Be 22
        $Telemetry.RowCount | Should -Be 720
        [object]::ReferenceEquals($clean.Columns[1], $Telemetry.Columns[1]) | Should -BeTrue
    }

    It 'cleans text, converts types, counts cells that would not convert and removes duplicates' {
        $clean = $Messy | Invoke-DataCleaning -Trim -Case Lower -ConvertType @{ power_w = 'Double' } -RemoveDuplicates -ReportVariable rep
        $rows = $clean | ConvertFrom-Dataset
        $rows.Count | Should -Be 3
        $rows.status | Should -Be @('ok', 'ok', 'warn')
        $rows.power_w | Should -Be @(610.5, $null, 598.0)
        $clean.Schema['power_w'].Type | Should -Be 'Double'
        $bad = $rep.Columns | Where-Object { $_.Column -eq 'power_w' -and $_.Action -eq 'NotConvertible' }
        $bad.Cells | Should -Be 1
        $bad.Detail | Should -Match 'n/a\?'
        ($rep.Columns | Where-Object Action -eq 'DuplicatesRemoved').Cells | Should -Be 1
        $rep.RowsIn | Should -Be 4
        $rep.RowsOut | Should -Be 3
    }

    It 'handles -Range by -OutlierAction and reports it' {
        $clean = $Messy | Invoke-DataCleaning -Range @{ cpu_pct = 0, 100 } -OutlierAction Clip -PassThru
        $clean.Count | Should -Be 2
        $clean[0] | Should -BeOfType ([DataCenterTools.Core.Data.Dataset])
        $clean[1] | Should -BeOfType ([DataCenterTools.Core.Cleaning.CleaningReport])
        ($clean[0] | ConvertFrom-Dataset).cpu_pct | Should -Be @(40, 100, 55, 55)
        $entry = $clean[1].Columns | Where-Object Column -eq 'cpu_pct'
        $entry.Action | Should -Be 'Clipped'
        $entry.Cells | Should -Be 1
    }

    It 'adds a flag column with -OutlierAction Flag' {
        $clean = $Messy | Invoke-DataCleaning -Range @{ cpu_pct = 0, 100 } -OutlierAction Flag
        ($clean | ConvertFrom-Dataset).cpu_pct_outlier | Should -Be @($false, $true, $false, $false)
    }

    It 'with -WhatIf produces no dataset but still fills -ReportVariable' {
        $out = $Messy | Invoke-DataCleaning -RemoveDuplicates -WhatIf -ReportVariable whatIfReport
        $out | Should -BeNullOrEmpty
        $whatIfReport.RowsOut | Should -Be 3
    }

    It 'sets -ReportVariable in the caller''s scope' {
        function Invoke-Inner { $null = $Messy | Invoke-DataCleaning -RemoveDuplicates -ReportVariable innerReport; $innerReport.RowsOut }
        Invoke-Inner | Should -Be 3
        $innerReport = $null
        $null = $Messy | Invoke-DataCleaning -RemoveDuplicates -ReportVariable innerReport
        $innerReport | Should -BeOfType ([DataCenterTools.Core.Cleaning.CleaningReport])
    }

    It 'adds one lineage entry with the parameters as text' {
        $clean = $Telemetry | Invoke-DataCleaning -Fill @{ cpu_pct = 'Median' } -Outliers MAD
        $clean.Lineage.Count | Should -Be ($Telemetry.Lineage.Count + 1)
        $step = $clean.Lineage[-1]
        $step.Operation | Should -Be 'Invoke-DataCleaning'
        $step.Parameters['Fill'] | Should -Be 'cpu_pct=Median'
        $step.Parameters['Outliers'] | Should -Be 'MAD'
        $step.Parameters['Threshold'] | Should -Be '3.5'
        $step.Parameters['RowsIn'] | Should -Be '720'
    }

    It 'names an unknown column in a ColumnNotFound error and produces nothing' {
        $out = $Telemetry | Invoke-DataCleaning -Fill @{ cpu = 'Median' } -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].ErrorDetails.Message | Should -Match "'cpu'"
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'cpu_pct'
    }

    It 'rejects the median of a string column with StrategyNotApplicable' {
        $Telemetry | Invoke-DataCleaning -Fill @{ status = 'Median' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.StrategyNotApplicable,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.Message | Should -Match "'status'"
    }

    It 'rejects a malformed range (<_>) with InvalidRange' -ForEach @('bad', 'minmax') {
        $range = if ($_ -eq 'bad') { @{ cpu_pct = 'high' } } else { @{ cpu_pct = 100, 0 } }
        { $Telemetry | Invoke-DataCleaning -Range $range -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.InvalidRange,*'
    }

    It 'rejects an unknown type name with UnknownColumnType' {
        { $Telemetry | Invoke-DataCleaning -ConvertType @{ power_w = 'Decimal128' } -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.UnknownColumnType,*'
    }

    It 'keeps cleaning the other datasets in the pipeline after one fails' {
        $out = $Messy, $Telemetry | Invoke-DataCleaning -Fill @{ cpu_pct = 'Zero'; power_w = 'Zero' } -ErrorVariable err -ErrorAction SilentlyContinue
        # messy's power_w is text: Zero does not fit it.
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.StrategyNotApplicable,*'
        @($out).Count | Should -Be 1
        $out.Name | Should -Be 'telemetry_sample'
    }

    It 'has a table view for the report entries that fits 80 columns' {
        $null = $Messy | Invoke-DataCleaning -Trim -Case Lower -ReportVariable r
        $text = $r.Columns | Format-Table | Out-String -Width 80
        $text | Should -Match 'Trimmed'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-DataCleaning never returns a column it silently emptied' {
    BeforeAll {
        $script:Raw = @(
            [pscustomobject]@{ host = 'a'; ts = '1700000000'; age = '39'; cls = '?'; cpu = 10 }
            [pscustomobject]@{ host = 'a'; ts = '1700000060'; age = '?'; cls = 'Private'; cpu = 11 }
            [pscustomobject]@{ host = 'a'; ts = 'later'; age = '50'; cls = 'Private'; cpu = 12 }
            [pscustomobject]@{ host = 'a'; ts = '1700000180'; age = '41'; cls = '?'; cpu = 100 }
            [pscustomobject]@{ host = 'b'; ts = '1700000240'; age = '28'; cls = 'State-gov'; cpu = 100 }
            [pscustomobject]@{ host = 'b'; ts = '1700000300'; age = '33'; cls = 'Private'; cpu = 101 }
            [pscustomobject]@{ host = 'b'; ts = '1700000360'; age = '35'; cls = 'Private'; cpu = 99 }
            [pscustomobject]@{ host = 'b'; ts = '1700000420'; age = '36'; cls = 'Private'; cpu = 100 }
        ) | ConvertTo-Dataset -Name raw
    }

    It 'turns ? into missing with -Replace and -NullValue, then converts' {
        $out = $Raw | Invoke-DataCleaning -Replace @{ age = @{ '?' = $null } } -NullValue '?' -ConvertType @{ age = 'Int64' } -ReportVariable r
        $out.Schema['age'].Type | Should -Be 'Int64'
        $out.Schema['age'].Nulls | Should -Be 1
        $out.Schema['cls'].Nulls | Should -Be 2
        ($r.Columns | Where-Object Action -eq 'Replaced').Count | Should -Be 2
    }

    It 'converts Unix seconds to UTC DateTime with -FromUnixTime and warns with the count of failures' {
        $out = $Raw | Invoke-DataCleaning -ConvertType @{ ts = 'DateTime' } -FromUnixTime Seconds -WarningVariable w -WarningAction SilentlyContinue
        $first = $out | ConvertFrom-Dataset -First 1
        $first.ts | Should -Be ([datetime]::new(2023, 11, 14, 22, 13, 20, [DateTimeKind]::Utc))
        $first.ts.Kind | Should -Be 'Utc'
        ($w -join "`n") | Should -Match "1 of 8 value\(s\) of column 'ts'.*'later'"
    }

    It 'fails with ConversionFailed when no value converts' {
        { $Raw | Invoke-DataCleaning -ConvertType @{ host = 'Double' } -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.ConversionFailed,*'
    }

    It 'judges outliers per host with -OutliersByGroup' {
        # numpy.quantile (linear), k=1.5: host a [10,11,12,100] -> [-24.125, 68.875] flags 100; host b [100,101,99,100] -> [99, 101]
        # flags none (bounds are kept); all eight values -> [-120.625, 232.375] flag none.
        $fleet = $Raw | Invoke-DataCleaning -Outliers IQR -Column cpu
        $fleet.Schema['cpu'].Nulls | Should -Be 0
        $perHost = $Raw | Invoke-DataCleaning -Outliers IQR -Column cpu -OutliersByGroup host
        $perHost.Schema['cpu'].Nulls | Should -Be 1
        ($perHost | ConvertFrom-Dataset | Where-Object { $null -eq $_.cpu }).host | Should -Be 'a'
    }
}
