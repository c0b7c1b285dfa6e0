# Memory is never asserted in tests: the streamed profile's peak memory (CSV and JSON Lines) is measured in
# bench/Measure-DistributionStream.ps1 (./build.sh bench -Suite DistributionStream). These check the figures.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    # 400,000 rows (25 chunks of 16,384) of single-digit cells: a 10,000-row block from a fixed seed written 40 times.
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
    foreach ($k in 1..40) { $writer.Write($text) }
    $writer.Dispose()
    $script:SmallPath = Join-Path $Dir 'small.csv'
    Set-Content -Path $SmallPath -Value 'c1,c2', '1,2', '3,4'
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Get-DataDistribution -Path streams CSV files' {
    It 'summarises a CSV of many chunks with -AsSummary, with exact counts and means' {
        $streamed = Get-DataDistribution -Path $BigPath -Column c1 -AsSummary
        $streamed.Count | Should -Be 400000
        $streamed.Missing | Should -Be 0
        # Every block is the same, so the mean of the file is the mean of one block.
        $streamed.Mean | Should -BeLessThan ($BlockSumC1 / 10000 + 1e-9)
        $streamed.Mean | Should -BeGreaterThan ($BlockSumC1 / 10000 - 1e-9)
        ($streamed.Min, $streamed.Max) | Should -Be @(0, 9)
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
}
