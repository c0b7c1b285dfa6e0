BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:TelemetryPath = Join-Path $ExamplesData 'telemetry_sample.csv'
    $script:Telemetry = Import-Dataset $TelemetryPath
    $script:Iris = Import-Dataset (Join-Path $ExamplesData 'iris.csv')
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Get-DataDistribution' {
    It 'describes numeric and categorical columns as pandas does' {
        $d = $Iris | Get-DataDistribution -Column 'sepal length (cm)', target_name
        # pandas: count 150, mean 5.843333333333334, std 0.8280661279778629, median 5.8, skew 0.3149109566369728
        $d[0].Count | Should -Be 150
        $d[0].Mean | Should -BeGreaterThan 5.8433333
        $d[0].Mean | Should -BeLessThan 5.8433334
        $d[0].Std | Should -BeGreaterThan 0.828066
        $d[0].Std | Should -BeLessThan 0.828067
        $d[0].Median | Should -Be 5.8
        $d[0].Quantiles.Count | Should -Be 7
        $d[1].TopValues.Value | Should -Be @('setosa', 'versicolor', 'virginica')
        # .Count on an array is its length in PowerShell, so the property is read per item.
        $d[1].TopValues.ForEach('Count') | Should -Be @(50, 50, 50)
    }

    It 'reads files straight from -Path and takes quantiles as percentages' {
        $d = Get-DataDistribution -Path $TelemetryPath -Column cpu_pct -Quantile 50, 90
        $d.Quantiles.Quantile | Should -Be @(0.5, 0.9)
        $d.Missing | Should -Be 22
    }

    It 'gives the distribution per region (-GroupBy)' {
        $d = $Telemetry | Get-DataDistribution -Column cpu_pct -GroupBy region
        # pandas groupby('region')['cpu_pct']: count 230/232/236, mean 55.496957/54.566810/56.827119, median 56.05/56.8/56.65
        $d.GroupKey | Should -Be @('cn-east', 'eu-central', 'us-west')
        $d.ForEach('Count') | Should -Be @(230, 232, 236)
        [math]::Round($d[0].Mean, 6) | Should -Be 55.496957
        [math]::Round($d[2].Mean, 6) | Should -Be 56.827119
        $d.Median | Should -Be @(56.05, 56.8, 56.65)
    }

    It 'buckets by time per region (-TimeColumn -Interval)' {
        $d = $Telemetry | Get-DataDistribution -Column cpu_pct -GroupBy region -TimeColumn timestamp -Interval 1h
        # pandas: 3 regions x 5 hours; cn-east at 00:00 has 41 values with mean 60.497561, at 01:00 46 with 58.541304
        $d | Should -HaveCount 15
        $d[0].Bucket | Should -Be ([datetime]::new(2026, 11, 1, 0, 0, 0, [DateTimeKind]::Utc))
        $d[1].Bucket.Hour | Should -Be 1
        $d[0].Count, $d[1].Count | Should -Be @(41, 46)
        [math]::Round($d[0].Mean, 6) | Should -Be 60.497561
        ($Telemetry | Get-DataDistribution -Column status -TimeColumn timestamp -Interval 1d).ForEach('Count') | Should -Be 720
    }

    It 'shows an 80-column table with a histogram sparkline' {
        $text = $Iris | Get-DataDistribution | Out-String -Width 80
        $lines = $text -split "`r?`n"
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        @($lines -match '^Column\s+Type\s+Count\s+Miss%\s+Mean\s+Std\s+Min\s+P50\s+Max\s+Histogram$') | Should -HaveCount 1
        $text | Should -Match 'Dataset: iris'
        # np.histogram(sepal length, 20) summed in pairs: 9 23 14 27 16 26 18 6 5 6, scaled to 8 levels -> ▃▇▅█▅█▆▂▂▂
        $text | Should -Match 'sepal len…\s+Float\s+150\s+0\s+5\.843\s+0\.8281\s+4\.3\s+5\.8\s+7\.9 ▃▇▅█▅█▆▂▂▂'
    }

    It 'reports count 0 for an empty dataset, with a warning' {
        $none = $Iris.Head(0)
        $d = $none | Get-DataDistribution -WarningVariable warn -WarningAction SilentlyContinue
        $d | Should -HaveCount 6
        $d.ForEach('Count') | Should -Be @(0, 0, 0, 0, 0, 0)
        $warn | Should -Match 'no rows'
    }

    It 'falls back to categorical statistics for a non-numeric -Numeric column' {
        $d = $Telemetry | Get-DataDistribution -Column status -Numeric status -WarningVariable warn -WarningAction SilentlyContinue
        $d.Kind | Should -Be 'categorical'
        $d.TopValues[0].Value | Should -Be 'ok'
        $d.TopValues[0].Count | Should -Be 432
        $warn | Should -Match "'status' is String, not numeric"
    }

    It 'reports <Id> for bad input' -ForEach @(
        @{ Id = 'ColumnNotFound'; Run = { $Telemetry | Get-DataDistribution -Column nope } }
        @{ Id = 'TimeColumnNotDateTime'; Run = { $Telemetry | Get-DataDistribution -TimeColumn host } }
        @{ Id = 'InvalidInterval'; Run = { $Telemetry | Get-DataDistribution -TimeColumn timestamp -Interval soon } }
        @{ Id = 'IntervalWithoutTimeColumn'; Run = { $Telemetry | Get-DataDistribution -Interval 1h } }
    ) {
        # Whether written (non-terminating) or thrown (terminating), the first error names the problem.
        $err = @(try { & $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } } catch { $_ })
        $err[0].FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
    }
}

Describe 'Compare-DataDistribution' {
    BeforeAll {
        $rows = 0..299 | ForEach-Object { [pscustomobject]@{ cpu = [math]::Sin($_) * 10 + 50; temp = [math]::Cos($_) * 5 + 60; status = @('ok', 'ok', 'warn')[$_ % 3] } }
        $script:Reference = $rows | ConvertTo-Dataset -Name reference
        $script:Current = $rows | ForEach-Object { [pscustomobject]@{ cpu = $_.cpu; temp = $_.temp + 4; status = $_.status } } | ConvertTo-Dataset -Name current
    }

    It 'flags the shifted column and not the unchanged ones' {
        $drift = $Current | Compare-DataDistribution -Reference $Reference
        $drift.Column | Should -Be @('cpu', 'temp', 'status')
        ($drift | Where-Object Drifted).Column | Should -Be 'temp'
        $drift[0].Method | Should -Be 'KolmogorovSmirnov'
        $drift[0].KsStatistic | Should -Be 0
        $drift[2].Method | Should -Be 'ChiSquare'
        $drift[2].Psi | Should -Be 0
    }

    It 'uses -Method and -Threshold' {
        $drift = Compare-DataDistribution -Reference $Reference -Difference $Current -Column temp -Method Psi
        $drift.Method | Should -Be 'Psi'
        $drift.Threshold | Should -Be 0.1
        $drift.Drifted | Should -BeTrue
        (Compare-DataDistribution -Reference $Reference -Difference $Current -Column temp -Method Psi -Threshold 100).Drifted | Should -BeFalse
    }

    It 'fits its table in 80 columns' {
        $text = Compare-DataDistribution -Reference $Reference -Difference $Current | Out-String -Width 80
        ($text -split "`r?`n") | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Match 'temp\s+numeric\s+KolmogorovSmirnov\s+\S+\s+0\.05\s+True'
    }

    It 'reports ColumnNotFound for a column missing from the current data' {
        $other = [pscustomobject]@{ cpu = 1.0 } | ConvertTo-Dataset -Name other
        $other | Compare-DataDistribution -Reference $Reference -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
    }
}

Describe 'Get-DatasetInventory' {
    BeforeAll {
        $script:Inv = Join-Path $Dir 'inventory'
        New-Item -ItemType Directory -Path (Join-Path $Inv 'sub') -Force | Out-Null
        Copy-Item (Join-Path $ExamplesData 'iris.csv') (Join-Path $Inv 'iris.csv')
        $Telemetry | Export-Dataset -Path (Join-Path $Inv 'sub/telemetry.csv.gz')
        $Iris | Export-Dataset -Path (Join-Path $Inv 'sub/iris.parquet')
        $Iris.Head(5) | Export-Dataset -Path (Join-Path $Inv 'sub/five.jsonl')
        Set-Content -Path (Join-Path $Inv 'notes.txt') -Value 'not data'
    }

    It 'lists the data files with format, rows and columns' {
        $files = Get-DatasetInventory -Path $Inv -Recurse
        $files.Name | Should -Be @('iris.csv', 'five.jsonl', 'iris.parquet', 'telemetry.csv.gz')
        $files.Format | Should -Be @('Csv', 'JsonLines', 'Parquet', 'Csv')
        $files.Compressed | Should -Be @($false, $false, $false, $true)
        $files.RowCount | Should -Be @(150, 5, 150, 720)
        $files.ColumnCount | Should -Be @(6, 6, 6, 12)
        $files[0].Length | Should -Be (Get-Item (Join-Path $Inv 'iris.csv')).Length
        if (-not $IsWindows) { $files[0].Owner | Should -Be (Get-Item (Join-Path $Inv 'iris.csv')).User }
        (Get-DatasetInventory -Path $Inv).Name | Should -Be @('iris.csv')
    }

    It 'totals per format' {
        $groups = Get-DatasetInventory -Path $Inv -Recurse -GroupBy Format
        $groups.Name | Should -Be @('Csv', 'Csv (gz)', 'JsonLines', 'Parquet')
        $groups.RowCount | Should -Be @(150, 720, 5, 150)
        $groups.Files | Should -Be @(1, 1, 1, 1)
        $text = Get-DatasetInventory -Path $Inv -Recurse | Out-String -Width 80
        ($text -split "`r?`n") | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Match 'telemetry.csv.gz\s+Csv\+gz'
    }

    It 'reports FileNotFound for a missing path' {
        Get-DatasetInventory -Path (Join-Path $Dir 'nope') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileNotFound,*'
    }
}
