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
}
