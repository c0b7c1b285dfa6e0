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

Describe 'Get-DataDistribution -Path streams JSON Lines and groups' {
    BeforeAll {
        # Every exact figure of a result on one line (moments to 12 digits: merging chunks reorders the sums).
        function script:Get-ExactFigures($distribution) {
            $distribution | ForEach-Object {
                $group = if ($_.Group) { ($_.Group.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',' }
                '{0} [{1}] {2:o} n={3} miss={4} min={5} max={6} mean={7:G12} std={8:G12} top={9}' -f $_.Column, $group, $_.Bucket, $_.Count, $_.Missing,
                    $_.Min, $_.Max, $_.Mean, $_.Std, (($_.TopValues | ForEach-Object { "$($_.Value):$($_.Count)" }) -join ',')
            }
        }
        # 40,000 rows (three chunks of 16,384): region, a time over four days, a load with every 7th missing, a status.
        $random = [Random]::new(9)
        $start = [DateTime]::new(2026, 2, 1)
        $rows = foreach ($i in 1..40000) {
            [pscustomobject]@{
                region = ('eu', 'us', 'ap')[$random.Next(3)]
                time   = $start.AddMinutes($random.Next(4 * 24 * 60)).ToString('yyyy-MM-ddTHH:mm:ss')
                load   = if ($i % 7 -eq 0) { $null } else { [math]::Round($random.NextDouble() * 100, 2) }
                status = ('ok', 'ok', 'ok', 'warn', 'crit')[$random.Next(5)]
            }
        }
        $script:JsonPath = Join-Path $Dir 'events.jsonl'
        $rows | ForEach-Object { $_ | ConvertTo-Json -Compress } | Set-Content -Path $JsonPath
        $script:CsvPath = Join-Path $Dir 'events.csv'
        $rows | ConvertTo-Csv -NoTypeInformation -UseQuotes Never | Set-Content -Path $CsvPath
    }

    It 'streams a JSON Lines file to the figures of the file read at once' {
        $streamed = Get-DataDistribution -Path $JsonPath
        $whole = Import-Dataset -Path $JsonPath | Get-DataDistribution
        $streamed.Column | Should -Be @('region', 'time', 'load', 'status')
        Get-ExactFigures $streamed | Should -Be (Get-ExactFigures $whole)
        $load = $streamed | Where-Object Column -eq load
        $load.Count | Should -Be 34286   # 40,000 less the 5,714 multiples of 7
        $load.Missing | Should -Be 5714
        $load.EstimatedFields | Should -Contain 'Quantiles'
        # Quantiles from the sketch: within 1% in rank of the exact ones.
        foreach ($q in $load.Quantiles) {
            $exact = (($whole | Where-Object Column -eq load).Quantiles | Where-Object Quantile -eq $q.Quantile).Value
            [math]::Abs($q.Value - $exact) | Should -BeLessThan 1.5   # values spread evenly over 0-100: 1% in rank is about 1
        }
    }

    It 'streams -GroupBy with -TimeColumn per region per day, as from the Dataset' {
        foreach ($path in $JsonPath, $CsvPath) {
            $streamed = Get-DataDistribution -Path $path -GroupBy region -TimeColumn time -Interval 1d -Column load, status
            $whole = Import-Dataset -Path $path | Get-DataDistribution -GroupBy region -TimeColumn time -Interval 1d -Column load, status
            $streamed.Count | Should -Be 24   # 3 regions x 4 days x 2 columns
            Get-ExactFigures $streamed | Should -Be (Get-ExactFigures $whole)
        }
    }

    It 'reads a JSON Lines file in bounded memory' {
        # 20 keys of single digits a line, a 10,000-line block written 40 times (about 60 MB).
        $random = [Random]::new(3)
        $block = [Text.StringBuilder]::new()
        foreach ($i in 1..10000) {
            $pairs = foreach ($c in 1..20) { '"c{0}":{1}' -f $c, $random.Next(10) }
            [void]$block.Append('{').Append(($pairs -join ',')).Append("}`n")
        }
        $path = Join-Path $Dir 'big.jsonl'
        $writer = [IO.StreamWriter]::new($path)
        $text = $block.ToString()
        foreach ($k in 1..40) { $writer.Write($text) }
        $writer.Dispose()
        $streamed = Measure-PeakGrowth "Get-DataDistribution -Path '$path' -Column c1 -AsSummary | Select-Object Count, Min, Max"
        $streamed.Result.Count | Should -Be 400000
        ($streamed.Result.Min, $streamed.Result.Max) | Should -Be @(0, 9)
        $streamed.GrowthMB | Should -BeLessThan 150
        # The control: reading the whole file does take that memory, so the bound above can fail.
        $whole = Measure-PeakGrowth "(Import-Dataset -Path '$path').RowCount"
        $whole.Result | Should -Be 400000
        $whole.GrowthMB | Should -BeGreaterThan 150
    }
}
