BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Sales = @(
        [pscustomobject]@{ region = 'cn-east'; day = [datetime]'2026-11-01'; v = 1 }
        [pscustomobject]@{ region = 'us-west'; day = [datetime]'2026-11-01'; v = 2 }
        [pscustomobject]@{ region = 'cn-east'; day = [datetime]'2026-11-02'; v = 3 }
    ) | ConvertTo-Dataset
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Export-Dataset -PartitionBy and Import-Dataset <folder>' {
    It 'writes one Hive-style folder per value combination and reads them back as one Dataset' {
        $out = Join-Path $Dir 'sales'
        $info = $Sales | Export-Dataset $out -PartitionBy region, day -PassThru
        $info | Should -BeOfType System.IO.DirectoryInfo
        $files = Get-ChildItem $out -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($out, $_.FullName) } | Sort-Object
        $files | Should -Be @('region=cn-east/day=2026-11-01/part-0.parquet', 'region=cn-east/day=2026-11-02/part-0.parquet', 'region=us-west/day=2026-11-01/part-0.parquet')
        $back = Import-Dataset $out
        $back.Schema.Name | Should -Be @('v', 'region', 'day')
        $rows = @($back | ConvertFrom-Dataset)
        $rows.v | Should -Be @(1, 3, 2)
        $rows.region | Should -Be @('cn-east', 'cn-east', 'us-west')
        $rows[1].day | Should -Be ([datetime]'2026-11-02')
    }

    It 'refuses a value with a slash before writing anything, and an existing folder without -Force' {
        $bad = [pscustomobject]@{ region = 'a/b'; v = 1 } | ConvertTo-Dataset
        $out = Join-Path $Dir 'bad'
        $bad | Export-Dataset $out -PartitionBy region -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.PartitionValueInvalid,*'
        Test-Path $out | Should -BeFalse
        @(Get-ChildItem -Force $Dir -Filter '.bad*').Count | Should -Be 0

        $Sales | Export-Dataset (Join-Path $Dir 'sales') -PartitionBy region -ErrorVariable exists -ErrorAction SilentlyContinue
        $exists[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FolderExists,*'
        $Sales | Export-Dataset (Join-Path $Dir 'sales') -PartitionBy region -Force
        (Get-ChildItem (Join-Path $Dir 'sales') -Directory).Name | Sort-Object | Should -Be @('region=cn-east', 'region=us-west')
    }

    It 'writes nothing with -WhatIf' {
        $out = Join-Path $Dir 'whatif'
        $Sales | Export-Dataset $out -PartitionBy region -WhatIf
        Test-Path $out | Should -BeFalse
    }
}
