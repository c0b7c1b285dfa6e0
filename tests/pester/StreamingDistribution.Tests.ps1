BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:ManifestPath = (Get-Module DataCenterTools).Path -replace '\.dll$', '.psd1'
    # ~50 MB of single-digit cells: 2 bytes a cell as text but 8 bytes as an Int64, so the whole file held in
    # memory as a Dataset (~225 MB) is far bigger than the file. A 10,000-row block from a fixed seed is written 140 times.
    $random = [Random]::new(5)
    $columns = 1..20 | ForEach-Object { "c$_" }
    $block = [Text.StringBuilder]::new()
    $script:BlockSumC1 = 0
    foreach ($i in 1..10000) {
        $cells = foreach ($c in $columns) { $random.Next(10) }
        $script:BlockSumC1 += $cells[0]
        [void]$block.Append(($cells -join ',')).Append("`n")
    }
    $script:BigPath = Join-Path $Dir 'big.csv'
    $writer = [IO.StreamWriter]::new($BigPath)
    $writer.Write(($columns -join ',') + "`n")
    $text = $block.ToString()
    foreach ($k in 1..140) { $writer.Write($text) }
    $writer.Dispose()
    $script:SmallPath = Join-Path $Dir 'small.csv'
    Set-Content -Path $SmallPath -Value 'c1,c2', '1,2', '3,4'

    # Peak working set growth (MB) of a fresh pwsh that imports the module, warms up on a small file, then runs $Command.
    function Measure-PeakGrowth([string]$Command) {
        $script = "Import-Module '$ManifestPath'; `$null = Get-DataDistribution -Path '$SmallPath' -AsSummary; `$null = Import-Dataset -Path '$SmallPath'; " +
                  "[GC]::Collect(); `$before = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64; `$result = $Command; " +
                  "`$after = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64; " +
                  "[pscustomobject]@{ GrowthMB = (`$after - `$before) / 1MB; Result = `$result } | ConvertTo-Json -Depth 3 -Compress"
        $out = & dotnet pwsh -NoProfile -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        ($out | Select-Object -Last 1) | ConvertFrom-Json
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Get-DataDistribution -Path streams CSV files' {
    It 'summarises a 50 MB CSV with -AsSummary in well under the memory its Dataset would take, with exact counts and means' {
        (Get-Item $BigPath).Length | Should -BeGreaterThan 50MB
        $streamed = Measure-PeakGrowth "Get-DataDistribution -Path '$BigPath' -Column c1 -AsSummary | Select-Object Count, Missing, Mean, Min, Max"
        $streamed.Result.Count | Should -Be 1400000
        $streamed.Result.Missing | Should -Be 0
        # Every block is the same, so the mean of the file is the mean of one block.
        $streamed.Result.Mean | Should -BeLessThan ($BlockSumC1 / 10000 + 1e-9)
        $streamed.Result.Mean | Should -BeGreaterThan ($BlockSumC1 / 10000 - 1e-9)
        ($streamed.Result.Min, $streamed.Result.Max) | Should -Be @(0, 9)
        $streamed.GrowthMB | Should -BeLessThan 150
        # The control: holding the file as a Dataset does need that memory, so the bound above can fail.
        $whole = Measure-PeakGrowth "(Import-Dataset -Path '$BigPath').RowCount"
        $whole.Result | Should -Be 1400000
        $whole.GrowthMB | Should -BeGreaterThan 150
    }

    It 'gives the ColumnDistribution view without -AsSummary, the same counts as from a Dataset' {
        $fromFile = Get-DataDistribution -Path $SmallPath
        $fromDataset = Import-Dataset -Path $SmallPath | Get-DataDistribution
        $fromFile.Column | Should -Be @('c1', 'c2')
        $fromFile.ForEach('Count') | Should -Be @(2, 2)
        $fromFile[0].Mean | Should -Be 2
        $fromFile[1].Max | Should -Be $fromDataset[1].Max
        $fromFile[0].Median | Should -Be $fromDataset[0].Median
    }
}
