BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
    $script:Features = 'cpu_pct', 'gpu_pct', 'mem_pct', 'temp_c', 'rack', 'timestamp'
    $script:Model = $Telemetry | Start-ModelTraining -Label power_w -Feature $Features -Trainer LightGbm -Seed 1 -Explain

    function script:Get-RunError([scriptblock] $Run) {
        try { @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        catch { @($_) }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Start-ModelTraining' {
    It 'trains a regression model on the telemetry sample with metrics, importance and lineage' {
        $Model.Task | Should -Be 'Regression'
        $Model.Trainer | Should -Be 'LightGbm'
        # 701 rows have power_w; a seeded 80/20 split trains on 561 of them.
        $Model.RowsUsed | Should -Be 561
        $Model.Metrics.Rows | Should -Be 140
        $Model.Metrics.RSquared | Should -BeGreaterThan 0.5
        $Model.Metrics.RootMeanSquaredError | Should -BeGreaterThan 0
        $Model.FeatureImportance.Count | Should -Be 6
        $Model.FeatureImportance[0].Feature | Should -Be 'gpu_pct'
        $Model.Source.Sha256 | Should -Be $Telemetry.Source.Sha256
        ($Model.Features | Where-Object Name -eq 'rack').Kind | Should -Be 'OneHot'
        ($Model.Features | Where-Object Name -eq 'timestamp').Kind | Should -Be 'DateTimeParts'
    }

    It 'shows the headline metrics in an 80-column table' {
        $text = $Model | Format-Table | Out-String -Width 80
        $text | Should -Match 'Regression\s+LightGbm\s+power_w\s+561 RMSE='
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'infers a multiclass task, runs Auto with a leaderboard, and repeats with the same seed' {
        $a = $Telemetry | Start-ModelTraining status -Feature gpu_pct, temp_c, power_w -Seed 4 -MaxTime 00:00:01
        $b = $Telemetry | Start-ModelTraining status -Feature gpu_pct, temp_c, power_w -Seed 4 -Trainer $a.Trainer
        $a.Task | Should -Be 'MulticlassClassification'
        $a.Leaderboard.Count | Should -BeGreaterOrEqual 1
        $a.Leaderboard[0].Trainer | Should -Be $a.Trainer
        $a.Classes | Should -Be @('crit', 'ok', 'warn')
        $b.Metrics.MacroAccuracy | Should -Be $a.Metrics.MacroAccuracy
        $a.Metrics.PerClass.Count | Should -Be 3
    }

    It 'cross-validates with mean and std per metric' {
        $cv = $Telemetry | Start-ModelTraining power_w -Feature gpu_pct, cpu_pct -Trainer FastTree -CrossValidation 3 -Seed 2
        $cv.CrossValidation.Folds.Count | Should -Be 3
        $cv.CrossValidation.Mean.Keys | Should -Contain 'RSquared'
        $cv.CrossValidation.Std['RSquared'] | Should -BeGreaterThan 0
    }

    It 'reports bad input by ErrorId' {
        (Get-RunError { $Telemetry | Start-ModelTraining nope })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.LabelNotFound,*'
        $one = @([pscustomobject]@{ x = 1.0; y = 'a' }, [pscustomobject]@{ x = 2.0; y = 'a' }) | ConvertTo-Dataset
        (Get-RunError { $one | Start-ModelTraining y })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.LabelSingleClass,*'
        (Get-RunError { $Telemetry | Start-ModelTraining status -Trainer FastTree })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.TrainerNotSuitable,*'
    }
}

Describe 'Save-Model, Import-Model, Invoke-ModelPrediction, Test-Model' {
    It 'round-trips a model with identical predictions' {
        $path = Join-Path $Dir 'power.zip'
        $Model | Save-Model -Path $path
        $loaded = Import-Model $path
        $loaded.Label | Should -Be 'power_w'
        $loaded.Source.Sha256 | Should -Be $Telemetry.Source.Sha256
        $before = ($Telemetry | Invoke-ModelPrediction $Model)['Score']
        $after = ($Telemetry | Invoke-ModelPrediction $loaded)['Score']
        foreach ($row in 0, 1, 100, 719) { $after.GetValue($row) | Should -Be $before.GetValue($row) }
    }

    It 'writes nothing with -WhatIf and does not overwrite without -Force' {
        $path = Join-Path $Dir 'whatif.zip'
        $Model | Save-Model -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        $Model | Save-Model -Path $path
        (Get-RunError { $Model | Save-Model -Path $path })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        { $Model | Save-Model -Path $path -Force } | Should -Not -Throw
    }

    It 'refuses a file that is not a model' {
        $path = Join-Path $Dir 'other.zip'
        Compress-Archive -Path (Join-Path $ExamplesData 'iris.csv') -DestinationPath $path
        (Get-RunError { Import-Model $path })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ModelInvalid,*'
    }

    It 'adds prediction columns and names a missing feature' {
        $scored = $Telemetry | Invoke-ModelPrediction -Model $Model
        $scored.Schema['Score'].Type | Should -Be 'Double'
        $scored.ColumnCount | Should -Be ($Telemetry.ColumnCount + 1)
        $Telemetry.Schema.Contains('Score') | Should -BeFalse
        $bad = [pscustomobject]@{ cpu_pct = 50.0; mem_pct = 40.0 } | ConvertTo-Dataset
        $err = Get-RunError { $bad | Invoke-ModelPrediction $Model }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FeatureNotFound,*'
        $err[0].Exception.Message | Should -Match "'gpu_pct'"
        $wrongType = [pscustomobject]@{ cpu_pct = 'high'; gpu_pct = 1.0; mem_pct = 1.0; temp_c = 1.0; rack = 'r'; timestamp = [datetime]'2026-11-01' } | ConvertTo-Dataset
        $err = Get-RunError { $wrongType | Invoke-ModelPrediction $Model }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FeatureTypeMismatch,*'
        $err[0].Exception.Message | Should -Match "'cpu_pct'"
    }

    It 'tests a model on labelled data' {
        $m = $Telemetry | Test-Model $Model
        $m.Task | Should -Be 'Regression'
        $m.Rows | Should -Be 701
        $m.RSquared | Should -BeGreaterThan ($Model.Metrics.RSquared - 0.2)
    }
}
