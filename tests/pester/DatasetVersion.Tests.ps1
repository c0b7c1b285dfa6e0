BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:OldHome = $env:DATACENTERTOOLS_HOME
    $env:DATACENTERTOOLS_HOME = New-TestFolder
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'alibaba2018_machine_usage_300s.csv')
    function Get-CsvText($Dataset) {
        $path = Join-Path $env:DATACENTERTOOLS_HOME "$([guid]::NewGuid()).csv"
        $Dataset | Export-Dataset $path
        Get-Content -Raw $path
    }
}

AfterAll {
    Remove-Item -Recurse -Force $env:DATACENTERTOOLS_HOME -ErrorAction SilentlyContinue
    $env:DATACENTERTOOLS_HOME = $OldHome
}

Describe 'Save-DatasetVersion and Get-DatasetVersion' {
    It 'saves versions into the store under DATACENTERTOOLS_HOME and a second unchanged save stores no new chunks' {
        $v1 = $Telemetry | Save-DatasetVersion -Name telemetry -Message 'first'
        $v1.Version | Should -Be 1
        $v1.Rows | Should -Be 2243
        $v1.NewChunks | Should -BeGreaterThan 0
        $v2 = Save-DatasetVersion -Dataset $Telemetry -Name telemetry
        $v2.Version | Should -Be 2
        $v2.NewChunks | Should -Be 0
        $v2.NewBytes | Should -Be 0
        Join-Path $env:DATACENTERTOOLS_HOME 'versions/names/telemetry/2.json' | Should -Exist
    }

    It 'reads a version back with the same values and types' {
        $back = Get-DatasetVersion -Name telemetry -Version 1
        $back.RowCount | Should -Be 2243
        ($back.Schema | ForEach-Object { "$($_.Name):$($_.Type)" }) -join ',' | Should -Be (($Telemetry.Schema | ForEach-Object { "$($_.Name):$($_.Type)" }) -join ',')
        Get-CsvText $back | Should -BeExactly (Get-CsvText $Telemetry)
    }

    It 'lists versions' {
        $list = Get-DatasetVersion -List -Name tele*
        $list.Version | Should -Be @(1, 2)
        $list[0].Message | Should -Be 'first'
    }

    It 'reports an unknown name or version by ErrorId' {
        Get-DatasetVersion -Name nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.VersionNameNotFound,*'
        Get-DatasetVersion -Name telemetry -Version 9 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.VersionNotFound,*'
        $Telemetry | Save-DatasetVersion -Name 'bad/name' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.InvalidVersionName,*'
    }
}

Describe 'Compare-DatasetVersion' {
    It 'shows added, removed and changed columns and changed cells' {
        $rows = $Telemetry | ConvertFrom-Dataset
        foreach ($i in 0..9) { $rows[$i].net_in = -1.0 }
        $rows | ConvertTo-Dataset | Save-DatasetVersion -Name telemetry | Out-Null
        $cmp = Compare-DatasetVersion -Name telemetry -ReferenceVersion 1
        $cmp.Count | Should -Be 5
        $netIn = $cmp | Where-Object Column -eq net_in
        $netIn.Change | Should -Be 'Changed'
        $netIn.Difference | Should -Be 'v3'
        $netIn.ChangedCells | Should -Be 10
        $netIn.DifferenceMean | Should -BeLessThan $netIn.ReferenceMean
        ($cmp | Where-Object Column -eq cpu_util_percent).Change | Should -Be 'Unchanged'
        $fewer = $Telemetry | ConvertFrom-Dataset | Select-Object cpu_util_percent, net_in | ConvertTo-Dataset
        $two = Compare-DatasetVersion $Telemetry $fewer
        ($two | Where-Object Change -eq Removed).Column | Should -Be @('mem_util_percent', 'net_out', 'disk_io_percent')
        $two[0].ReferenceRows | Should -Be 2243
    }
}

Describe 'Remove-DatasetVersion' {
    It 'removes nothing with -WhatIf, then keeps the newest and the data they need' {
        Remove-DatasetVersion -Name telemetry -Keep 1 -WhatIf
        (Get-DatasetVersion -List -Name telemetry).Count | Should -Be 3
        $removed = Remove-DatasetVersion -Name telemetry -Keep 1 -Confirm:$false -PassThru
        $removed.Version | Should -Be @(1, 2)
        (Get-DatasetVersion -List -Name telemetry).Version | Should -Be 3
        (Get-DatasetVersion -Name telemetry).RowCount | Should -Be 2243
    }

    It 'detects a damaged chunk when reading' {
        $v = Get-DatasetVersion -List -Name telemetry | Select-Object -Last 1
        $hash = $v.File.Chunks[0]
        $path = Join-Path $env:DATACENTERTOOLS_HOME "versions/chunks/$($hash.Substring(0, 2))/$hash"
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[100] = $bytes[100] -bxor 1
        [IO.File]::WriteAllBytes($path, $bytes)
        Get-DatasetVersion -Name telemetry -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ChunkCorrupt,*'
        $err[0].ToString() | Should -Match $hash
    }
}
