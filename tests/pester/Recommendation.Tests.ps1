BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Ratings = Import-Dataset (Join-Path $ExamplesData 'ratings.csv')
    $script:Split = $Ratings | Split-Dataset -GroupBy user -LeaveLastOut 2 -OrderBy timestamp
    $script:Model = $Split.Train | Start-ModelTraining -Task Recommendation -User user -Item item -Label rating -TestDataset $Split.Test -Factors 16 -Epochs 15 -Seed 1

    function script:Get-RunError([scriptblock] $Run) {
        try { @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        catch { @($_) }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Start-ModelTraining -Task Recommendation' {
    It 'trains a matrix factorization measured on each user''s last two ratings' {
        # 300 users x 2 held-out ratings (examples/data/ratings.csv; pandas: 12,104 rows train).
        $Split.Test.RowCount | Should -Be 600
        $Model.Task | Should -Be 'Recommendation'
        $Model.Trainer | Should -Be 'MatrixFactorizationSgd'
        $Model.RowsUsed | Should -Be 12104
        $Model.Recommender.Users | Should -Be 300
        $Model.Recommender.Factors | Should -Be 16
        $Model.Metrics.Rows | Should -Be 600
        $Model.Metrics.UnseenUserRows | Should -Be 0
        # The training mean predicts the held-out ratings with RMSE 1.0847 (pandas); the factorization must do much better.
        $Model.Metrics.RootMeanSquaredError | Should -BeLessThan 0.9
        $Model.Metrics.TopK | Should -Be 10
        $Model.Metrics.NdcgAtK | Should -BeGreaterThan 0
        $Model.Metrics.CatalogCoverage | Should -BeGreaterThan 0
        $text = $Model | Format-Table | Out-String -Width 80
        $text | Should -Match 'Recommend\s+MatrixFac\S*\s+rating\s+12,104 RMSE=0\.\d+ MAE=0\.\d+ NDCG@10=0\.\d+'
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'is deterministic with a seed and fits implicit feedback by ALS' {
        $again = $Split.Train | Start-ModelTraining -Task Recommendation -User user -Item item -Label rating -TestDataset $Split.Test -Factors 16 -Epochs 15 -Seed 1
        $again.Metrics.RootMeanSquaredError | Should -Be $Model.Metrics.RootMeanSquaredError
        $implicit = $Split.Train | Start-ModelTraining -Task Recommendation -User user -Item item -Implicit -TestDataset $Split.Test -Factors 8 -Epochs 5 -Seed 1
        $implicit.Trainer | Should -Be 'ImplicitAls'
        $implicit.Metrics.RootMeanSquaredError | Should -BeNullOrEmpty
        $implicit.Metrics.HitRate | Should -BeGreaterThan 0
    }

    It 'warns about rows without user, item or rating and refuses a rating that is not a number' {
        $rows = @(
            [pscustomobject]@{ user = 'a'; item = 'x'; rating = 5; stars = 'five' }
            [pscustomobject]@{ user = $null; item = 'y'; rating = 4; stars = 'four' }
            [pscustomobject]@{ user = 'b'; item = 'x'; rating = 3; stars = 'three' }
            [pscustomobject]@{ user = 'b'; item = 'y'; rating = $null; stars = 'two' }
            [pscustomobject]@{ user = 'a'; item = 'y'; rating = 1; stars = 'one' }
            [pscustomobject]@{ user = 'c'; item = 'x'; rating = 2; stars = 'two' }
        ) | ConvertTo-Dataset -Name small
        $m = $rows | Start-ModelTraining -Task Recommendation -User user -Item item -Label rating -TestFraction 0.25 -Factors 2 -Epochs 2 -Seed 1 -WarningVariable warned -WarningAction SilentlyContinue
        $m.SkippedRows | Should -Be 2
        $warned[0] | Should -Match "2 row\(s\) of 'small' have no user, item or rating"
        (Get-RunError { $rows | Start-ModelTraining -Task Recommendation -User user -Item item -Label stars })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.RatingNotNumeric,*'
        (Get-RunError { $rows | Start-ModelTraining -Task Recommendation -User user -Label rating })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ItemRequired,*'
        (Get-RunError { $rows | Start-ModelTraining -Label rating -Factors 4 })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.RecommenderOptionWithoutTask,*'
        $err = Get-RunError { $rows | Start-ModelTraining -Task Recommendation -User user -Item item -Label rating -TrainerOption @{ Factorz = 3 } }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.TrainerOptionUnknown,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Factors'
    }
}

Describe 'Get-DataRecommendation' {
    It 'lists a user''s top items among those they have not rated, best first' {
        $top = Get-DataRecommendation -Model $Model -User u042 -Top 3 -ExcludeSeen $Split.Train
        $top | Should -BeOfType DataCenterTools.Core.Data.Dataset
        $rows = @($top | ConvertFrom-Dataset)
        $rows.Count | Should -Be 3
        # ($rows.Rank would be the array's own Rank, its number of dimensions.)
        ($rows | ForEach-Object Rank) -join ',' | Should -Be '1,2,3'
        $rows.Basis -join ',' | Should -Be 'Factors,Factors,Factors'
        $rated = @($Split.Train | ConvertFrom-Dataset | Where-Object user -eq 'u042' | ForEach-Object item)
        $rows.item | ForEach-Object { $_ | Should -Not -BeIn $rated }
        $rows[0].Score | Should -BeGreaterOrEqual $rows[2].Score
    }

    It 'gives unknown users the fallback list and says so' {
        $top = Get-DataRecommendation -Model $Model -User u001, stranger -Top 2 -WarningVariable warned -WarningAction SilentlyContinue
        $warned[0] | Should -Match '1 of 2 user\(s\) are not in the model'
        ($top | ConvertFrom-Dataset | Where-Object user -eq 'stranger').Basis -join ',' | Should -Be 'ItemBias,ItemBias'
    }

    It 'takes the users from a Dataset and refuses a model that is not a recommender' {
        $lists = $Split.Test | Get-DataRecommendation -Model $Model -Top 2
        $lists.RowCount | Should -Be 600
        $regression = 1..20 | ForEach-Object { [pscustomobject]@{ x = [double]$_; y = 2.0 * $_ } } | ConvertTo-Dataset | Start-ModelTraining -Label y -Trainer Sdca -Seed 1
        (Get-RunError { Get-DataRecommendation -Model $regression -User u001 })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ModelNotRecommender,*'
    }
}

Describe 'A recommender with Save-Model, Import-Model, Invoke-ModelPrediction, Test-Model, Export-Model' {
    It 'round-trips with the same predictions and says which come from a fallback' {
        $path = Join-Path $Dir 'rec.zip'
        $Model | Save-Model -Path $path
        $loaded = Import-Model $path
        $loaded.Task | Should -Be 'Recommendation'
        $loaded.Metrics.NdcgAtK | Should -Be $Model.Metrics.NdcgAtK
        $before = ($Split.Test | Invoke-ModelPrediction $Model)['Score']
        $after = ($Split.Test | Invoke-ModelPrediction $loaded)['Score']
        foreach ($row in 0, 1, 299, 599) { $after.GetValue($row) | Should -Be $before.GetValue($row) }
        ($Split.Test | Test-Model $loaded).RootMeanSquaredError | Should -Be $Model.Metrics.RootMeanSquaredError
        $ask = @([pscustomobject]@{ user = 'u001'; item = 'i001' }, [pscustomobject]@{ user = 'u001'; item = 'i999' }) | ConvertTo-Dataset
        ($ask | Invoke-ModelPrediction $loaded | ConvertFrom-Dataset).Basis -join ',' | Should -Be 'Factors,UserBias'
    }

    It 'is refused by Export-Model -Format Onnx, and nothing is written' {
        $path = Join-Path $Dir 'rec.onnx'
        (Get-RunError { $Model | Export-Model -Path $path })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.OnnxNotSupported,*'
        Test-Path $path | Should -BeFalse
    }
}
