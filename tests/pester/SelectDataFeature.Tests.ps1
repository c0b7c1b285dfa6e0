# Expected figures from Debian's scikit-learn 1.2.1 (/usr/bin/python3):
# f_classif and chi2 of the four iris measurements against target_name.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Iris = Import-Dataset (Join-Path $ExamplesData 'iris.csv')
}

Describe 'Select-DataFeature' {
    It 'keeps petal length and petal width plus the target with -Method FTest -K 2' {
        $out = $Iris | Select-DataFeature -Target target_name -Method FTest -K 2 -WarningVariable warn -WarningAction SilentlyContinue
        $out | Should -BeOfType ([DataCenterTools.Core.Data.Dataset])
        $out.Schema.Name | Should -Be @('petal length (cm)', 'petal width (cm)', 'target_name')
        $out.RowCount | Should -Be 150
        $warn | Should -HaveCount 1
        "$warn" | Should -BeLike "*'target'*leakage*"
        $out.Lineage[-1].Operation | Should -Be 'Select-DataFeature'
        $out.Lineage[-1].Parameters['Selected'] | Should -Be 'petal length (cm), petal width (cm)'
        $Iris.ColumnCount | Should -Be 6
    }

    It 'takes the dataset by name as well as from the pipeline' {
        $out = Select-DataFeature -Dataset $Iris -Target target_name -Method Chi2 -K 1 -WarningAction SilentlyContinue
        $out.Schema.Name | Should -Be @('petal length (cm)', 'target_name')
    }

    It 'returns F scores and p-values that match sklearn f_classif with -Scores' {
        $scores = $Iris | Select-DataFeature -Target target_name -Method FTest -K 2 -Scores -WarningAction SilentlyContinue
        $scores | Should -HaveCount 4
        $scores[0] | Should -BeOfType ([DataCenterTools.Core.Features.FeatureScore])
        $scores.Column | Should -Be @('sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)')
        $expectedF = 119.26450218449871, 49.16004008961098, 1180.1611822529776, 960.0071468018025
        $expectedP = 1.6696691907731882e-31, 4.4920171333119905e-17, 2.8567766109621302e-91, 4.1694458394450892e-85
        for ($i = 0; $i -lt 4; $i++) {
            [math]::Abs($scores[$i].Score / $expectedF[$i] - 1) | Should -BeLessThan 1e-9
            [math]::Abs($scores[$i].PValue / $expectedP[$i] - 1) | Should -BeLessThan 1e-8
        }
        ($scores | ForEach-Object Rank) | Should -Be @(3, 4, 1, 2) # not $scores.Rank: arrays have a Rank of their own
        $scores.Selected | Should -Be @($false, $false, $true, $true)
    }

    It 'formats the scores as a table that fits 80 columns' {
        $text = $Iris | Select-DataFeature -Target target_name -Method Chi2 -Scores -WarningAction SilentlyContinue | Out-String -Width 200
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Column\s+Method\s+Score\s+PValue\s+Rank\s+Selected'
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        $text | Should -Match 'petal length \(cm\)\s+Chi2\s+116\.313\s+5\.53E-26\s+1\s+True'
    }

    It 'keeps by -Percentile and -Threshold' {
        ($Iris | Select-DataFeature -Target target_name -Method Chi2 -Percentile 50 -WarningAction SilentlyContinue).Schema.Name |
            Should -Be @('petal length (cm)', 'petal width (cm)', 'target_name')
        # chi2: 10.82, 3.71, 116.31, 67.05 -> >= 10 keeps three
        ($Iris | Select-DataFeature -Target target_name -Method Chi2 -Threshold 10 -WarningAction SilentlyContinue).ColumnCount | Should -Be 4
        # Variance needs no target; > 0.6 keeps sepal length (0.681) and petal length (3.096)
        ($Iris | Select-DataFeature -Method Variance -Threshold 0.6 -Exclude target -WarningAction SilentlyContinue).Schema.Name |
            Should -Be @('sepal length (cm)', 'petal length (cm)')
    }

    It 'warns and keeps every candidate when -K is larger than their number' {
        $out = $Iris | Select-DataFeature -Target target_name -K 50 -WarningVariable warn -WarningAction SilentlyContinue
        $out.ColumnCount | Should -Be 5
        "$warn" | Should -BeLike '*-K 50 is more than the 4 candidate features*'
    }

    It 'says what it did with -Verbose' {
        $v = $Iris | Select-DataFeature -Target target_name -K 2 -WarningAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$v" | Should -BeLike "*Scored 4 features of 'iris' by FTest against 'target_name' (Categorical) on 150 rows; kept 2*"
    }

    It 'reports <Id> for <Case>' -ForEach @(
        @{ Case = 'an unknown target'; Id = 'ColumnNotFound'; Params = @{ Target = 'species'; Method = 'FTest' } }
        @{ Case = 'an unknown -Column'; Id = 'ColumnNotFound'; Params = @{ Target = 'target_name'; Column = 'petal_len' } }
        @{ Case = 'a target with one value'; Id = 'ConstantTarget'; Params = @{ Target = 'target_name'; Column = 'sepal width (cm)' }; Subset = 'setosa' }
        @{ Case = 'no target'; Id = 'TargetRequired'; Params = @{ Method = 'Chi2' } }
        @{ Case = 'a text target for Correlation'; Id = 'TargetNotNumeric'; Params = @{ Target = 'target_name'; Method = 'Correlation' } }
        @{ Case = 'only text candidates'; Id = 'NoCandidateFeatures'; Params = @{ Target = 'target'; Column = 'target_name' } }
    ) {
        $ds = $Iris
        if ($Subset -eq 'setosa') { $ds = $Iris | ConvertFrom-Dataset -First 50 | ConvertTo-Dataset }
        $out = $ds | Select-DataFeature @Params -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
    }

    It 'names the column with negative values for Chi2' {
        $rows = $Iris | ConvertFrom-Dataset -First 100
        $rows[10].'sepal width (cm)' = -1.0
        $ds = $rows | ConvertTo-Dataset
        $ds | Select-DataFeature -Target target_name -Method Chi2 -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.NegativeFeatureValue,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].ErrorDetails.Message | Should -BeLike "*'sepal width (cm)'*row 11*"
    }

    It 'scores on complete rows and says how many when candidates have missing values' {
        $rows = $Iris | ConvertFrom-Dataset
        $rows[0].'petal width (cm)' = $null
        $rows[1].'petal width (cm)' = $null
        $ds = $rows | ConvertTo-Dataset
        $out = $ds | Select-DataFeature -Target target_name -K 2 -WarningVariable warn -WarningAction SilentlyContinue
        $out.RowCount | Should -Be 150
        $out.Lineage[-1].Parameters['RowsScored'] | Should -Be '148'
        ($warn | Where-Object { "$_" -like '*148 of 150 rows*' }) | Should -Not -BeNullOrEmpty
    }
}
