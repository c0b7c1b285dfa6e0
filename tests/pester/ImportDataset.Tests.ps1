BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    Set-Content -Path (Join-Path $Dir 'a.csv') -Value "host,cpu,ok`nh1,1.5,true`nh2,,false" -NoNewline
    Set-Content -Path (Join-Path $Dir 'b.csv') -Value "host,cpu,ok`nh3,3,true" -NoNewline
    Set-Content -Path (Join-Path $Dir 'ragged.csv') -Value "a,b,c`n1,2,3`n4,5`n6,7,8`n" -NoNewline
    Set-Content -Path (Join-Path $Dir 'empty.csv') -Value '' -NoNewline
    Set-Content -Path (Join-Path $Dir 'bad.jsonl') -Value "{`"a`":1}`n{`"a`":2`n{`"a`":3}`n" -NoNewline
    [IO.File]::WriteAllBytes((Join-Path $Dir 'blob.csv'), [byte[]](0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3))
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Import-Dataset' {
    It 'returns one typed Dataset per file, not one object per row' {
        $ds = Import-Dataset (Join-Path $Dir 'a.csv')
        @($ds).Count | Should -Be 1
        $ds | Should -BeOfType ([DataCenterTools.Core.Data.Dataset])
        $ds.RowCount | Should -Be 2
        $ds.Schema.Type | Should -Be @('String', 'Double', 'Boolean')
        $ds.Schema['cpu'].Nulls | Should -Be 1
        $ds.Name | Should -Be 'a'
    }

    It 'expands wildcards relative to the current location' {
        Push-Location $Dir
        try { $all = Import-Dataset ./[ab].csv } finally { Pop-Location }
        @($all).Count | Should -Be 2
        ($all | Measure-Object RowCount -Sum).Sum | Should -Be 3
    }

    It 'takes files from Get-ChildItem on the pipeline' {
        $all = Get-ChildItem $Dir -Filter '?.csv' | Import-Dataset
        @($all).Name | Sort-Object | Should -Be @('a', 'b')
    }

    It 'takes path strings from the pipeline' {
        $ds = (Join-Path $Dir 'b.csv') | Import-Dataset
        $ds.RowCount | Should -Be 1
    }

    It 'reads a LiteralPath with brackets in the name' {
        $odd = Join-Path $Dir 'x[1].csv'
        Set-Content -LiteralPath $odd -Value "v`n5"
        (Import-Dataset -LiteralPath $odd).RowCount | Should -Be 1
    }

    It 'reports a ragged row as DataCenterTools.CsvRaggedRow with file and line, and leaves the file untouched' {
        $file = Join-Path $Dir 'ragged.csv'
        $before = Get-FileHash $file
        $result = Import-Dataset $file -ErrorVariable err -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'DataCenterTools.CsvRaggedRow,DataCenterTools.Commands.ImportDatasetCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].ToString() | Should -Match 'Line 3'
        $err[0].ToString() | Should -Match 'ragged\.csv'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'OnBadRow'
        (Get-FileHash $file).Hash | Should -Be $before.Hash
    }

    It 'keeps going with the other files after one bad file' {
        $all = Import-Dataset (Join-Path $Dir 'ragged.csv'), (Join-Path $Dir 'a.csv') -ErrorAction SilentlyContinue
        @($all).Count | Should -Be 1
        $all.Name | Should -Be 'a'
    }

    It 'skips bad rows with -OnBadRow Skip and warns' {
        $ds = Import-Dataset (Join-Path $Dir 'ragged.csv') -OnBadRow Skip -WarningVariable warn -WarningAction SilentlyContinue
        $ds.RowCount | Should -Be 2
        $warn | Should -Match '1 bad row'
    }

    It 'quarantines bad rows verbatim' {
        $q = Join-Path $Dir 'q.csv'
        $ds = Import-Dataset (Join-Path $Dir 'ragged.csv') -OnBadRow Quarantine -QuarantinePath $q -WarningAction SilentlyContinue
        $ds.RowCount | Should -Be 2
        Get-Content -Raw $q | Should -Be "4,5`n"
    }

    It 'requires -QuarantinePath with -OnBadRow Quarantine' {
        { Import-Dataset (Join-Path $Dir 'a.csv') -OnBadRow Quarantine -ErrorAction Stop } |
            Should -Throw -ErrorId 'DataCenterTools.QuarantinePathMissing,DataCenterTools.Commands.ImportDatasetCommand'
    }

    It 'reports <Name> as <ErrorId>' -ForEach @(
        @{ Name = 'empty.csv'; ErrorId = 'DataCenterTools.EmptyFile'; Category = 'InvalidData' }
        @{ Name = 'blob.csv'; ErrorId = 'DataCenterTools.BinaryFile'; Category = 'InvalidData' }
        @{ Name = 'bad.jsonl'; ErrorId = 'DataCenterTools.JsonLinesInvalid'; Category = 'InvalidData' }
        @{ Name = 'missing.csv'; ErrorId = 'DataCenterTools.FileNotFound'; Category = 'ObjectNotFound' }
    ) {
        Import-Dataset (Join-Path $Dir $Name) -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err[0].CategoryInfo.Category | Should -Be $Category
        $err[0].ToString() | Should -Not -Match 'at DataCenterTools\.' # no stack trace
    }

    It 'names the JSON line that is invalid' {
        Import-Dataset (Join-Path $Dir 'bad.jsonl') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].ToString() | Should -Match 'line 2'
    }

    It 'applies -Schema and reports a violating cell by line and column' {
        $ds = Import-Dataset (Join-Path $Dir 'a.csv') -Schema @{ cpu = 'String' }
        $ds.Schema['cpu'].Type | Should -Be 'String'
        Import-Dataset (Join-Path $Dir 'a.csv') -Schema @{ host = 'Int64' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.SchemaTypeMismatch,*'
        $err[0].ToString() | Should -Match "Line 2.*'host'"
    }

    It 'rejects an unknown -Schema type clearly' {
        { Import-Dataset (Join-Path $Dir 'a.csv') -Schema @{ cpu = 'Float128' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'DataCenterTools.InvalidSchemaType,DataCenterTools.Commands.ImportDatasetCommand'
    }

    It 'reads only -Column columns' {
        $ds = Import-Dataset (Join-Path $Dir 'a.csv') -Column ok, host
        $ds.Schema.Name | Should -Be @('ok', 'host')
    }

    It 'honours -NullValue, -NoHeader and -Delimiter' {
        $f = Join-Path $Dir 'semi.txt'
        Set-Content $f "1;-;x`n2;5;y"
        $ds = Import-Dataset $f -Format Csv -NoHeader -Delimiter ';' -NullValue '-'
        $ds.Schema.Name | Should -Be @('Column1', 'Column2', 'Column3')
        $ds.Schema['Column2'].Nulls | Should -Be 1
        ($ds | ConvertFrom-Dataset -First 2).Column2 | Should -Be @($null, 5)
    }

    It 'reads GB18030 text with -Encoding' {
        $f = Join-Path $Dir 'gb.csv'
        [System.Text.Encoding]::RegisterProvider([System.Text.CodePagesEncodingProvider]::Instance)
        [IO.File]::WriteAllBytes($f, [System.Text.Encoding]::GetEncoding(54936).GetBytes("机房,功率`n北京,12.5`n"))
        $row = Import-Dataset $f -Encoding GB18030 | ConvertFrom-Dataset
        $row.'机房' | Should -Be '北京'
        $row.'功率' | Should -Be 12.5
    }

    It 'says rows, columns and time with -Verbose' {
        $v = Import-Dataset (Join-Path $Dir 'a.csv') -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $v.Message | Should -Match '2 rows, 3 columns in [\d.]+ s'
    }

    It 'records Source with SHA-256 and Lineage' {
        $file = Join-Path $Dir 'a.csv'
        $ds = Import-Dataset $file
        $ds.Source.Sha256 | Should -Be (Get-FileHash $file -Algorithm SHA256).Hash.ToLower()
        $ds.Source.Size | Should -Be (Get-Item $file).Length
        $ds.Lineage[0].Operation | Should -Be 'Import-Dataset'
    }

    It 'imports the real Alibaba trace with the right shape' {
        $ds = Import-Dataset (Join-Path $ExamplesData 'alibaba2018_machine_usage_300s.csv')
        $ds.RowCount | Should -Be 2243
        $ds.ColumnCount | Should -Be 5
        ($ds.Schema.Type | Select-Object -Unique) | Should -Be 'Double'
        $first = $ds | ConvertFrom-Dataset -First 1
        $first.cpu_util_percent | Should -Be 16.126976521322472
    }
}
