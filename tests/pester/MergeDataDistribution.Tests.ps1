BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    # Two parts from a fixed seed; the whole data is both parts together.
    $random = [Random]::new(11)
    $script:Parts = foreach ($part in 'a', 'b') {
        $path = Join-Path $Dir "$part.csv"
        $rows = 1..4000 | ForEach-Object {
            $x = if ($part -eq 'a') { [math]::Round($random.NextDouble() * 100, 2) } else { [math]::Round(50 + $random.NextDouble() * 200, 2) }
            "{0},{1},{2}" -f $x, ('ok', 'ok', 'warn', 'fail')[$random.Next(4)], $_
        }
        Set-Content -Path $path -Value (@('x,status,id') + $rows)
        $path
    }
    $script:WholePath = Join-Path $Dir 'whole.csv'
    Set-Content -Path $WholePath -Value (@('x,status,id') + (Get-Content $Parts[0] | Select-Object -Skip 1) + (Get-Content $Parts[1] | Select-Object -Skip 1))
    $script:Whole = Get-DataDistribution -Path $WholePath
    $script:SortedX = [double[]]((Get-Content $WholePath | Select-Object -Skip 1) | ForEach-Object { [double]($_ -split ',')[0] } | Sort-Object)
    # Every figure of a distribution as one line per column, to compare two results exactly.
    function script:Get-Figures($distribution) {
        $distribution | ForEach-Object {
            $q = ($_.Quantiles | ForEach-Object { '{0}={1:R}' -f $_.Quantile, $_.Value }) -join ' '
            $top = ($_.TopValues | ForEach-Object { '{0}={1}+{2}' -f $_.Value, $_.Count, $_.CountError }) -join ' '
            '{0} n={1} miss={2} mean={3:R} std={4:R} skew={5:R} kurt={6:R} min={7} max={8} distinct={9} q=[{10}] top=[{11}] hist=[{12}] est=[{13}]' -f `
                $_.Column, $_.Count, $_.Missing, $_.Mean, $_.Std, $_.Skewness, $_.Kurtosis, $_.Min, $_.Max, $_.Distinct, $q, $top,
                ($_.Histogram.Counts -join ','), ($_.EstimatedFields -join ',')
        }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Merge-DataDistribution' {
    It 'merges summaries made in separate processes into the figures of the whole data' {
        $jobs = foreach ($path in $Parts) {
            Start-Job -ScriptBlock { param($manifest, $path) Import-Module $manifest; Get-DataDistribution -Path $path -AsSummary } -ArgumentList $env:DCT_MODULE_MANIFEST, $path
        }
        $summaries = $jobs | Receive-Job -Wait -AutoRemoveJob
        $summaries.Count | Should -Be 6
        $summaries[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.DataCenterTools.Core.Distribution.ColumnSummary'

        $merged = $summaries | Merge-DataDistribution
        $merged.Column | Should -Be @('x', 'status', 'id')
        $x = $merged[0]; $wx = $Whole[0]
        $x.Count | Should -Be 8000
        $x.Count | Should -Be $wx.Count
        [math]::Abs($x.Mean - $wx.Mean) / $wx.Mean | Should -BeLessThan 1e-12
        [math]::Abs($x.Std - $wx.Std) / $wx.Std | Should -BeLessThan 1e-10
        $x.Min | Should -Be $wx.Min
        $x.Max | Should -Be $wx.Max
        $x.EstimatedFields | Should -Contain 'Quantiles'
        # Each estimated quantile lies within 1% of its rank in the whole data.
        foreach ($q in $x.Quantiles) {
            $rank = [Array]::BinarySearch($SortedX, $q.Value)
            if ($rank -lt 0) { $rank = -bnot $rank }
            [math]::Abs($rank / 8000 - $q.Quantile) | Should -BeLessThan 0.01
        }
        [math]::Abs($x.Distinct - $wx.Distinct) / $wx.Distinct | Should -BeLessThan 0.02
        # Categorical counts are exact.
        $merged[1].Count | Should -Be 8000
        $merged[1].Distinct | Should -Be 3
        ($merged[1].TopValues | ForEach-Object { "$($_.Value)=$($_.Count)" }) | Should -Be ($Whole[1].TopValues | ForEach-Object { "$($_.Value)=$($_.Count)" })
        $merged[1].EstimatedFields | Should -BeNullOrEmpty
    }

    It 'rebuilds summaries saved with Export-Clixml and merges further with -AsSummary' {
        $file = Join-Path $Dir 'summary.xml'
        $Parts | ForEach-Object { Get-DataDistribution -Path $_ -Column x -AsSummary } | Export-Clixml -Path $file
        $once = Import-Clixml $file | Merge-DataDistribution -AsSummary
        $once.Count | Should -Be 8000
        $once.GetType().Name | Should -Be 'ColumnSummary'
        ($once | Merge-DataDistribution -Quantile 50).Quantiles[0].Quantile | Should -Be 0.5
    }

    It 'fails naming the column when it is numeric in one summary and text in another' {
        $text = Import-Dataset $Parts[0] -Schema @{ x = 'String' } | Get-DataDistribution -Column x -AsSummary
        $number = Get-DataDistribution -Path $Parts[1] -Column x -AsSummary
        $null = @($text, $number) | Merge-DataDistribution -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.SummaryMismatch,*'
        $err[0].Exception.Message | Should -BeLike "*'x'*"
    }

    It 'rejects input that is not a summary and -AsSummary with -GroupBy' {
        $null = [pscustomobject]@{ Column = 'x' } | Merge-DataDistribution -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.NotASummary,*'
        { Get-DataDistribution -Path $Parts[0] -AsSummary -GroupBy status -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.SummaryNotGrouped,*'
    }

    It 'merges summaries that went through ConvertTo-Json / ConvertFrom-Json into the same figures' {
        $live = $Parts | ForEach-Object { Get-DataDistribution -Path $_ -AsSummary }
        $json = $live | ConvertTo-Json -Depth 10
        $back = $json | ConvertFrom-Json
        $back[0].PSObject.TypeNames[0] | Should -Be 'System.Management.Automation.PSCustomObject'
        $expected = Get-Figures ($live | Merge-DataDistribution)
        $actual = Get-Figures ($back | Merge-DataDistribution)
        $actual | Should -Be $expected
        # Real figures: 8000 x values, the quantiles estimated, the status counts exact.
        $expected[0] | Should -BeLike 'x n=8000 miss=0 *est=`[Quantiles,Median,Histogram,Distinct`]'
        ($back | Merge-DataDistribution)[1].TopValues.Count | Should -Be (($Whole[1].TopValues).Count)
        # A merged summary survives a second trip too.
        $twice = ($back | Merge-DataDistribution -AsSummary) | ConvertTo-Json -Depth 10 | ConvertFrom-Json | Merge-DataDistribution
        Get-Figures $twice | Should -Be $expected
    }

    It 'merges summaries that went through Export-Clixml / Import-Clixml into the same figures' {
        $file = Join-Path $Dir 'parts.xml'
        $live = $Parts | ForEach-Object { Get-DataDistribution -Path $_ -AsSummary }
        $live | Export-Clixml -Path $file
        Get-Figures (Import-Clixml $file | Merge-DataDistribution) | Should -Be (Get-Figures ($live | Merge-DataDistribution))
    }

    It 'keeps heavy-hitter top values, their error bound and an empty column through JSON' {
        # 12000 distinct ids (over the 10,000 exact counters) plus 'hot' 3000 times; one part has no rows at all.
        $path = Join-Path $Dir 'ids.csv'
        Set-Content -Path $path -Value (@('key') + (1..12000 | ForEach-Object { "id$_" }) + (@('hot') * 3000))
        $empty = Join-Path $Dir 'empty.csv'
        Set-Content -Path $empty -Value 'key'
        $live = Get-DataDistribution -Path $path, $empty -AsSummary
        $live[1].Count | Should -Be 0
        $back = $live | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $merged = $back | Merge-DataDistribution -Top 1
        Get-Figures $merged | Should -Be (Get-Figures ($live | Merge-DataDistribution -Top 1))
        $merged.Count | Should -Be 15000
        $merged.EstimatedFields | Should -Contain 'TopValues'
        $merged.TopValues[0].Value | Should -Be 'hot'
        # Misra-Gries bound: (15000 - kept counts) / 10001 is at most 1; 'hot' is within it of 3000.
        $merged.TopValues[0].CountError | Should -Be 1
        $merged.TopValues[0].Count | Should -BeGreaterOrEqual 2999
        $merged.TopValues[0].Count | Should -BeLessOrEqual 3000
        $emptyBack = Get-DataDistribution -Path $empty -AsSummary | ConvertTo-Json -Depth 10 | ConvertFrom-Json | Merge-DataDistribution
        $emptyBack.Count | Should -Be 0
    }
}

Describe 'Compare-DataDistribution with saved summaries' {
    BeforeAll {
        # 300 reference rows: the KLL sketch still holds every value, so the drift figures are exact.
        $script:SmallRef = Join-Path $Dir 'ref.csv'
        Set-Content -Path $SmallRef -Value (Get-Content $Parts[0] -TotalCount 301)
        $script:Current = Import-Dataset $Parts[1] -Column x, status
    }

    It 'gives the same drift figures from JSON or Clixml summaries as from the reference Dataset' {
        $expected = $Current | Compare-DataDistribution -Reference (Import-Dataset $SmallRef -Column x, status) |
            ForEach-Object { '{0} {1} ks={2:R} p={3:R} psi={4:R} js={5:R} w={6:R} chi={7:R} {8}' -f $_.Column, $_.Method, $_.KsStatistic, $_.KsPValue, $_.Psi, $_.JensenShannon, $_.Wasserstein, $_.ChiSquare, $_.Drifted }
        $expected.Count | Should -Be 2
        $expected[0] | Should -BeLike 'x KolmogorovSmirnov * True'
        $summaries = Get-DataDistribution -Path $SmallRef -Column x, status -AsSummary
        $file = Join-Path $Dir 'ref.xml'
        $summaries | Export-Clixml -Path $file
        foreach ($reference in @(($summaries | ConvertTo-Json -Depth 10 | ConvertFrom-Json), (Import-Clixml $file), $summaries)) {
            $actual = Compare-DataDistribution -Reference $reference -Difference $Current |
                ForEach-Object { '{0} {1} ks={2:R} p={3:R} psi={4:R} js={5:R} w={6:R} chi={7:R} {8}' -f $_.Column, $_.Method, $_.KsStatistic, $_.KsPValue, $_.Psi, $_.JensenShannon, $_.Wasserstein, $_.ChiSquare, $_.Drifted }
            $actual | Should -Be $expected
        }
    }

    It 'compares with a large summary within the sketch error and names a column the summaries lack' {
        $summaries = Get-DataDistribution -Path $Parts[0] -AsSummary | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $fromDataset = $Current | Compare-DataDistribution -Reference (Import-Dataset $Parts[0]) -Column x
        $fromSummary = $Current | Compare-DataDistribution -Reference $summaries -Column x
        # 4000 reference values through a K=400 sketch: the KS statistic moves by at most its 1% rank error.
        [math]::Abs($fromSummary.KsStatistic - $fromDataset.KsStatistic) | Should -BeLessThan 0.01
        $fromSummary.Drifted | Should -Be $fromDataset.Drifted
        $null = $Current | Compare-DataDistribution -Reference $summaries -Column nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
        $err[0].Exception.Message | Should -BeLike "*'nosuch'*"
    }
}
