# The Dataset verbs as users call them. Expected figures from pandas 1.5.3 (Debian's /usr/bin/python3) on
# examples/data/telemetry_sample.csv: t[(t.cpu_pct > 80) & (t.region == 'cn-east')] has 17 rows;
# t.groupby('region').agg(mean=('cpu_pct','mean'), p95=('power_w', lambda s: s.quantile(.95))).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:T = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
}

Describe 'Select-DataRow' {
    It 'filters, sorts and takes the first rows as Where-Object | Sort-Object | Select-Object would' {
        $busy = $T | Select-DataRow -Filter "cpu_pct > 80 and region = 'cn-east'"
        $busy | Should -BeOfType ([DataCenterTools.Core.Data.Dataset])
        $busy.RowCount | Should -Be 17
        $top = $T | Select-DataRow -Where "cpu_pct -gt 80 -and region -eq 'CN-EAST'" -OrderBy 'cpu_pct desc' -First 3
        $rows = $top | ConvertFrom-Dataset -Column host, cpu_pct
        $rows.host | Should -Be @('gpu-sha-03', 'gpu-sha-02', 'gpu-sha-04')
        $rows.cpu_pct | Should -Be @(100.0, 100.0, 96.9)
        $top.Lineage[-1].Operation | Should -Be 'Select-DataRow'
        $top.Lineage[-1].Parameters['OrderBy'] | Should -Be 'cpu_pct desc'
        $T.RowCount | Should -Be 720
    }

    It 'returns an empty Dataset with the schema when nothing matches' {
        $none = $T | Select-DataRow -Filter 'cpu_pct > 1000'
        $none.RowCount | Should -Be 0
        $none.Schema.Name | Should -Be $T.Schema.Name
    }

    It 'samples the same rows for the same seed and says which seed it drew' {
        $a = $T | Select-DataRow -Sample 20 -Seed 5 | ConvertFrom-Dataset -Column timestamp, host
        $b = $T | Select-DataRow -Sample 20 -Seed 5 | ConvertFrom-Dataset -Column timestamp, host
        ($a | ForEach-Object { "$($_.timestamp)$($_.host)" }) | Should -Be ($b | ForEach-Object { "$($_.timestamp)$($_.host)" })
        ($T | Select-DataRow -Fraction 0.5).Lineage[-1].Parameters['Seed'] | Should -Match '^-?\d+$'
        ($T | Select-DataRow -Distinct -Column host).RowCount | Should -Be 12
    }

    It 'reports a bad expression with its ErrorId, category and position, before reading any row' {
        $err = $null
        $T | Select-DataRow -Filter 'cpux > 5' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike "*Did you mean 'cpu_pct'*position 1*"
        $T | Select-DataRow -Filter 'region > 5' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ExpressionInvalid,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'goes on with the next Dataset when one fails' {
        $other = ConvertTo-Dataset -InputObject ([pscustomobject]@{ x = 1 }) -Name other
        $out = $T, $other | Select-DataRow -Filter 'cpu_pct > 99' -ErrorVariable err -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $out.RowCount | Should -Be 6
        $err | Should -HaveCount 1
    }

    It 'refuses -First with -Last' {
        { $T | Select-DataRow -First 1 -Last 1 -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.InvalidArgumentCombination,DataCenterTools.Commands.SelectDataRowCommand'
    }
}

Describe 'Select-DataColumn, Rename-DataColumn and Add-DataColumn' {
    It 'chains into a typed pipeline with one lineage step each' {
        $out = $T | Select-DataColumn timestamp, 'cpu*', host |
            Rename-DataColumn @{ cpu_pct = 'cpu' } |
            Add-DataColumn -Name hour -Expression 'hour(timestamp)' |
            Add-DataColumn -Name hot -Expression 'cpu > 90'
        $out.Schema.Name | Should -Be @('timestamp', 'cpu', 'host', 'hour', 'hot')
        ($out.Schema | Where-Object Name -eq hour).Type | Should -Be 'Int64'
        ($out.Schema | Where-Object Name -eq hot).Type | Should -Be 'Boolean'
        $out.Lineage.Operation | Select-Object -Last 4 | Should -Be @('Select-DataColumn', 'Rename-DataColumn', 'Add-DataColumn', 'Add-DataColumn')
        ($out | ConvertFrom-Dataset -First 1).hour | Should -Be 0
    }

    It 'drops columns with -Exclude and completes nothing it cannot know' {
        ($T | Select-DataColumn -Exclude owner_email, client_ip).ColumnCount | Should -Be 10
    }

    It 'refuses to replace a column without -Force, and replaces it in place with -Force' {
        { $T | Add-DataColumn cpu_pct 'cpu_pct / 100' -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.ColumnExists,DataCenterTools.Commands.AddDataColumnCommand'
        $scaled = $T | Add-DataColumn cpu_pct 'cpu_pct / 100' -Force
        $scaled.Schema.Name | Should -Be $T.Schema.Name
        ($scaled | ConvertFrom-Dataset -First 2 -Column cpu_pct).cpu_pct | Should -Be @($null, 0.627)
    }

    It 'warns with the count when a cast fails on some cells' {
        $mixed = @([pscustomobject]@{ v = '1' }, [pscustomobject]@{ v = 'abc' }, [pscustomobject]@{ v = '3' }) | ConvertTo-Dataset -Name mixed
        $out = $mixed | Add-DataColumn n 'cast(v as Int64)' -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -BeLike "*1 of 3 value(s) of column 'v' could not be converted from String to Int64*row 2*'abc'*"
        ($out | ConvertFrom-Dataset).n | Should -Be @(1, $null, 3)
    }

    It 'renames to a name another column keeps only when that column is renamed too' {
        { $T | Rename-DataColumn @{ host = 'region' } -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.ColumnExists,DataCenterTools.Commands.RenameDataColumnCommand'
    }
}

Describe 'Group-Dataset' {
    It 'computes aggregates per group as pandas does' {
        $g = $T | Group-Dataset -By region -Aggregate ([ordered]@{ cpu_pct = 'mean'; power_w = 'p95' })
        $g.Schema.Name | Should -Be @('region', 'rows', 'cpu_pct_mean', 'power_w_p95')
        $rows = $g | ConvertFrom-Dataset
        $rows.region | Should -Be @('cn-east', 'eu-central', 'us-west')
        $rows.rows | Should -Be @(240, 240, 240)
        [math]::Abs($rows[0].cpu_pct_mean - 55.496957) | Should -BeLessThan 1e-6
        $expected = 720.0, 726.175, 725.35
        for ($i = 0; $i -lt 3; $i++) { [math]::Abs($rows[$i].power_w_p95 - $expected[$i]) | Should -BeLessThan 1e-9 }
    }

    It 'buckets time by -Interval and profiles the hours of the day with -CalendarPart' {
        $hourly = $T | Group-Dataset -By region -TimeColumn timestamp -Interval 1h -Aggregate @{ host = 'count_distinct' }
        $hourly.RowCount | Should -Be 15
        ($hourly | ConvertFrom-Dataset).host_count_distinct | Sort-Object -Unique | Should -Be 4
        $profile = $T | Group-Dataset -TimeColumn timestamp -CalendarPart HourOfDay
        ($profile | ConvertFrom-Dataset).hour_of_day | Should -Be @(0, 1, 2, 3, 4)
    }

    It 'refuses an aggregate that does not fit the type' {
        { $T | Group-Dataset -By region -Aggregate @{ host = 'mean' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'DataCenterTools.AggregateTypeMismatch,DataCenterTools.Commands.GroupDatasetCommand'
    }
}

Describe 'Join-Dataset and Merge-Dataset' {
    BeforeAll {
        $script:Racks = @(
            [pscustomobject]@{ rack = 'fra-r1'; row = 'A' }
            [pscustomobject]@{ rack = 'sha-r1'; row = 'B' }
        ) | ConvertTo-Dataset -Name racks
    }

    It 'left-joins a small table onto every row, with missing cells where nothing matches' {
        $j = $T | Join-Dataset $Racks -On rack -Kind Left
        $j.RowCount | Should -Be 720
        $j.Schema.Name[-1] | Should -Be 'row'
        $rows = $j | ConvertFrom-Dataset -Column rack, row
        @($rows | Where-Object row -eq 'A').Count | Should -Be (@($rows | Where-Object rack -eq 'fra-r1').Count)
        @($rows | Where-Object { $null -eq $_.row }).Count | Should -Be (720 - 2 * 120)
        ($T | Join-Dataset $Racks -On rack -Kind Anti).RowCount | Should -Be 480
    }

    It 'refuses keys of different types' {
        $numbers = ConvertTo-Dataset -InputObject ([pscustomobject]@{ rack = 1 }) -Name numbers
        { $T | Join-Dataset $numbers -On rack -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.JoinKeyTypeMismatch,DataCenterTools.Commands.JoinDatasetCommand'
    }

    It 'puts two halves back together' {
        $first = $T | Select-DataRow -First 300
        $rest = $T | Select-DataRow -Skip 300
        $merged = $first, $rest | Merge-Dataset -Name whole
        $merged.Name | Should -Be 'whole'
        $merged.RowCount | Should -Be 720
        ($merged | ConvertFrom-Dataset -Column power_w | Measure-Object power_w -Sum).Sum |
            Should -Be (($T | ConvertFrom-Dataset -Column power_w | Measure-Object power_w -Sum).Sum)
    }
}

Describe 'Column name completion' {
    It 'completes the columns of a piped variable, a -Dataset argument and a property of a variable' {
        $split = $T | Split-Dataset -TrainFraction 0.5 -Seed 1
        $line = '$T | Select-DataColumn -Column cp'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('cpu_pct')
        $line = 'Group-Dataset -Dataset $T -By re'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('region')
        $line = '$split.Train | Select-DataRow -OrderBy te'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('temp_c')
        $line = '$T | Join-Dataset -Right $Racks -On rack -RightOn r'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('rack', 'row')
    }
}

Describe 'Catalog name completion' {
    BeforeAll {
        $script:Saved = $env:DATACENTERTOOLS_CATALOG, $env:DATACENTERTOOLS_HOME
        $script:Folder = New-TestFolder
    }
    AfterAll {
        $env:DATACENTERTOOLS_CATALOG, $env:DATACENTERTOOLS_HOME = $Saved
        Remove-Item -Recurse -Force $Folder
    }

    It 'completes registered names and creates no catalog where there is none' {
        $env:DATACENTERTOOLS_CATALOG = $null
        $env:DATACENTERTOOLS_HOME = Join-Path $Folder 'home'
        $line = 'Import-Dataset -CatalogName tel'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
        Test-Path (Join-Path $Folder 'home/catalog.db') | Should -BeFalse
        $env:DATACENTERTOOLS_CATALOG = "Data Source=$(Join-Path $Folder 'c.db')"
        Register-Dataset -Path (Join-Path $ExamplesData 'telemetry_sample.csv') -Name telemetry | Out-Null
        Register-Dataset -Path (Join-Path $ExamplesData 'iris.csv') -Name iris | Out-Null
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('telemetry')
        $line = 'Get-DatasetCatalog '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('iris', 'telemetry')
    }
}
