BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Export-Dataset' {
    It 'round-trips <_> exactly (values and types)' -ForEach @('csv', 'tsv', 'jsonl', 'parquet', 'csv.gz') {
        $file = Join-Path $Dir "rt.$_"
        $Telemetry | Export-Dataset -Path $file
        $back = Import-Dataset $file
        $back.Schema.Type | Should -Be $Telemetry.Schema.Type
        $back.Schema.Nulls | Should -Be $Telemetry.Schema.Nulls
        $a = $Telemetry | ConvertFrom-Dataset | ConvertTo-Json -Compress -Depth 2
        $b = $back | ConvertFrom-Dataset | ConvertTo-Json -Compress -Depth 2
        $b | Should -Be $a
    }

    It 'refuses to replace an existing file without -Force and leaves it untouched' {
        $file = Join-Path $Dir 'keep.csv'
        Set-Content $file 'precious'
        $Telemetry | Export-Dataset -Path $file -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Content -Raw $file).Trim() | Should -Be 'precious'
        $Telemetry | Export-Dataset -Path $file -Force
        (Import-Dataset $file).RowCount | Should -Be $Telemetry.RowCount
    }

    It 'writes nothing with -WhatIf' {
        $file = Join-Path $Dir 'whatif.parquet'
        $Telemetry | Export-Dataset -Path $file -WhatIf
        Test-Path $file | Should -BeFalse
    }

    It 'leaves no temp files behind' {
        $Telemetry | Export-Dataset -Path (Join-Path $Dir 'clean.jsonl')
        Get-ChildItem $Dir -Force -Filter '*.tmp' | Should -BeNullOrEmpty
    }

    It 'returns the file with -PassThru' {
        $f = $Telemetry | Export-Dataset -Path (Join-Path $Dir 'pt.csv') -PassThru
        $f | Should -BeOfType ([System.IO.FileInfo])
        $f.Length | Should -BeGreaterThan 0
    }

    It 'rejects an unknown extension' {
        $Telemetry | Export-Dataset -Path (Join-Path $Dir 'x.xlsx') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.UnknownFormat,*'
        Test-Path (Join-Path $Dir 'x.xlsx') | Should -BeFalse
    }
}

Describe 'ConvertFrom-Dataset' {
    It 'emits typed values and $null for missing cells' {
        $rows = $Telemetry | ConvertFrom-Dataset
        $rows.Count | Should -Be 720
        $rows[0].timestamp | Should -BeOfType ([datetime])
        $rows[0].timestamp | Should -Be ([datetime]::new(2026, 11, 1, 0, 0, 0, [DateTimeKind]::Utc))
        $rows[0].cpu_pct | Should -BeNullOrEmpty     # the first cell of cpu_pct is empty in the file
        $rows[1].cpu_pct | Should -Be 62.7
        $rows[1].cpu_pct | Should -BeOfType ([double])
        $rows[0].host | Should -Be 'gpu-fra-01'
    }

    It 'limits rows with -First and columns with -Column' {
        $rows = $Telemetry | ConvertFrom-Dataset -First 3 -Column host, temp_c
        $rows.Count | Should -Be 3
        $rows[0].PSObject.Properties.Name | Should -Be @('host', 'temp_c')
    }

    It 'reports an unknown column' {
        { $Telemetry | ConvertFrom-Dataset -Column nope -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.ColumnNotFound,*'
    }
}

Describe 'ConvertTo-Dataset' {
    It 'types Import-Csv output like Import-Dataset does' {
        $file = Join-Path $ExamplesData 'telemetry_sample.csv'
        $viaCsv = Import-Csv $file | ConvertTo-Dataset
        $viaCsv.Schema.Type | Should -Be $Telemetry.Schema.Type
        $viaCsv.Schema.Nulls | Should -Be $Telemetry.Schema.Nulls
        $viaCsv.RowCount | Should -Be 720
    }

    It 'keeps .NET types from Get-Process' {
        $ds = Get-Process -Id $PID | ConvertTo-Dataset -Property Name, Id, WorkingSet64, StartTime
        $ds.Schema.Name | Should -Be @('Name', 'Id', 'WorkingSet64', 'StartTime')
        $ds.Schema.Type | Should -Be @('String', 'Int64', 'Int64', 'DateTime')
        ($ds | ConvertFrom-Dataset).Id | Should -Be $PID
    }

    It 'takes the union of properties and fills missing ones with nulls' {
        $ds = @([pscustomobject]@{ a = 1 }, [pscustomobject]@{ b = 'x' }, @{ a = 2.5; b = 'y' }) | ConvertTo-Dataset -Name mixed
        $ds.Name | Should -Be 'mixed'
        $ds.Schema.Name | Should -Be @('a', 'b')
        $ds.Schema.Type | Should -Be @('Double', 'String')
        $ds.Schema.Nulls | Should -Be @(1, 1)
    }

    It 'turns plain values into a Value column' {
        $ds = 1..5 | ConvertTo-Dataset
        $ds.Schema.Name | Should -Be 'Value'
        $ds.Schema.Type | Should -Be 'Int64'
        $ds.RowCount | Should -Be 5
    }
}
