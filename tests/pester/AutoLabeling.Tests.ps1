BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Iris = Import-Dataset (Join-Path $ExamplesData 'iris.csv')
    $script:Measures = 'sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'
    $script:Model = $Iris | Start-ModelTraining -Label target_name -Feature $Measures -Trainer LbfgsMaximumEntropy -Seed 1

    $script:Reviews = @(
        [pscustomobject]@{ id = 10; text = 'Great product, love it'; label = $null }
        [pscustomobject]@{ id = 11; text = 'Terrible, it arrived broken'; label = 'neutral' }
        [pscustomobject]@{ id = 12; text = 'Great price but broken on arrival'; label = $null }
        [pscustomobject]@{ id = 13; text = 'okay I guess'; label = $null }
        [pscustomobject]@{ id = 14; text = 'EXCELLENT'; label = $null }
    ) | ConvertTo-Dataset -Name reviews
    $script:Keywords = [ordered]@{ positive = 'great|excellent|love'; negative = 'terrible|broken|refund' }

    function script:Get-RunError([scriptblock] $Run) {
        try { @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        catch { @($_) }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'New-LabelingTask' {
    It 'picks the rows the model is least sure about, in the Label Studio shape' {
        $path = Join-Path $Dir 'uncertain.json'
        $file = $Iris | New-LabelingTask $path -Count 10 -Sampling Uncertainty -Model $Model -Column ($Measures + 'target_name')
        $file.Tasks | Should -Be 10
        $tasks = Get-Content $path -Raw | ConvertFrom-Json
        $tasks.Count | Should -Be 10
        $tasks[0].data.'petal length (cm)' | Should -BeOfType [double]
        @($tasks[0].data.PSObject.Properties.Name) | Should -Be @($Measures + 'target_name')
        # The same rows as the 10 lowest Probability values from Invoke-ModelPrediction, least sure first.
        $predicted = $Iris | Invoke-ModelPrediction $Model | ConvertFrom-Dataset
        $expected = 0..149 | Sort-Object { $predicted[$_].Probability }, { $_ } | Select-Object -First 10
        $tasks.meta.row | Should -Be $expected
        $tasks.meta.confidence[0] | Should -BeLessOrEqual $tasks.meta.confidence[9]
        [math]::Abs($tasks[0].meta.confidence - $predicted[$tasks[0].meta.row].Probability) | Should -BeLessThan 1e-6
        # Setosa is separable from the others, so the model is never unsure about it.
        $tasks.meta.prediction | Should -Not -Contain 'setosa'
        $tasks.meta.sampling | Select-Object -Unique | Should -Be 'Uncertainty'
    }

    It 'keeps the class shares with -Sampling Stratified and repeats with the same seed' {
        $a = Join-Path $Dir 'a.json'; $b = Join-Path $Dir 'b.json'
        $Iris | New-LabelingTask $a -Count 30 -Sampling Stratified -StratifyBy target_name -Seed 5 | Out-Null
        $Iris | New-LabelingTask $b -Count 30 -Sampling Stratified -StratifyBy target_name -Seed 5 | Out-Null
        $tasks = Get-Content $a -Raw | ConvertFrom-Json
        # 50 of 150 rows per species: 30 * 50 / 150 = 10 tasks each.
        $tasks.data | Group-Object target_name | ForEach-Object Count | Should -Be @(10, 10, 10)
        $tasks[0].data.target | Should -BeOfType [long]
        (Get-Content $a -Raw) | Should -Be (Get-Content $b -Raw)
    }

    It 'writes nothing with -WhatIf and overwrites only with -Force' {
        $path = Join-Path $Dir 'guarded.json'
        $Iris | New-LabelingTask $path -Count 3 -Seed 1 -WhatIf | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
        Set-Content $path 'keep'
        $err = Get-RunError { $Iris | New-LabelingTask $path -Count 3 -Seed 1 }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        Get-Content $path | Should -Be 'keep'
        $file = New-LabelingTask -Dataset $Iris -Path $path -Count 3 -Seed 1 -Force
        $file.Seed | Should -Be 1
        (Get-Content $path -Raw | ConvertFrom-Json).Count | Should -Be 3
    }

    It 'says what is missing: the -StratifyBy column, the model for uncertainty' {
        (Get-RunError { $Iris | New-LabelingTask (Join-Path $Dir 'x.json') -Sampling Stratified -StratifyBy species })[0].FullyQualifiedErrorId |
            Should -BeLike 'DataCenterTools.ColumnNotFound,*'
        (Get-RunError { $Iris | New-LabelingTask (Join-Path $Dir 'x.json') -Sampling Uncertainty })[0].FullyQualifiedErrorId |
            Should -BeLike 'DataCenterTools.ModelRequired,*'
        Test-Path (Join-Path $Dir 'x.json') | Should -BeFalse
    }
}

Describe 'Invoke-AutoLabeling' {
    It 'labels by keyword rules, keeps the human label and reports coverage and conflicts' {
        $r = $Reviews | Invoke-AutoLabeling -Rule $Keywords -TextColumn text
        $rows = $r.Labeled | ConvertFrom-Dataset
        $rows.label | Should -Be @('positive', 'neutral', $null, $null, 'positive')
        $rows.label_source | Should -Be @('rule', 'human', $null, $null, 'rule')
        # positive: rows 10, 12, 14 (3 of 5); negative: rows 11, 12 (2 of 5); row 12 is a conflict.
        $r.Rules[0].Rule | Should -Be 'positive'
        $r.Rules[0].Matches | Should -Be 3
        $r.Rules[0].Coverage | Should -Be 0.6
        $r.Rules[1].Matches | Should -Be 2
        $r.Rules | ForEach-Object Conflicts | Should -Be @(1, 1)
        $r.ConflictRows | Should -Be 1
        ($r.Review | ConvertFrom-Dataset).id | Should -Be @(12, 13)
        ($Reviews | ConvertFrom-Dataset).label | Should -Be @($null, 'neutral', $null, $null, $null)
    }

    It 'shows the rule report and the result in 80-column tables' {
        $r = $Reviews | Invoke-AutoLabeling -Rule $Keywords -TextColumn text
        $text = $r.Rules | Format-Table | Out-String -Width 80
        $text | Should -Match 'Rule\s+Label\s+Matches\s+Coverage%\s+Conflicts'
        $text | Should -Match 'positive\s+positive\s+3\s+60\.0\s+1'
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        $r | Format-Table | Out-String -Width 80 | Should -Match '5\s+1\s+2\s+0\s+1\s+2'
    }

    It 'runs scriptblock rules over each row as $_' {
        $r = $Reviews | Invoke-AutoLabeling -Rule @{ long = { $_.text.Length -gt 20 }; short = { param($row) $row.id -eq 13 } }
        ($r.Labeled | ConvertFrom-Dataset).label | Should -Be @('long', 'neutral', 'long', 'short', $null)
        ($r.Rules | Where-Object Rule -eq 'long').Matches | Should -Be 3
    }

    It 'labels the rest with the model above -MinConfidence and sends the others to review' {
        $r = $Iris | Invoke-AutoLabeling -Model $Model -MinConfidence 0.9
        $confident = @($Iris | Invoke-ModelPrediction $Model | ConvertFrom-Dataset | Where-Object Probability -ge 0.9)
        $r.ModelRows | Should -Be $confident.Count
        $r.ModelRows + $r.ReviewRows | Should -Be 150
        $r.ReviewRows | Should -BeGreaterThan 0
        $rows = $r.Labeled | ConvertFrom-Dataset
        ($rows | Where-Object label_source -eq 'model').label | Should -Be $confident.PredictedLabel
        $file = $r.Review | New-LabelingTask (Join-Path $Dir 'review.json') -Count 1000 -Column $Measures
        $file.Tasks | Should -Be $r.ReviewRows
    }

    It 'warns about a rule that matches nothing, naming it' {
        $r = $Reviews | Invoke-AutoLabeling -Rule @{ positive = 'great'; spam = 'viagra' } -TextColumn text -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match "DataCenterTools.RuleMatchedNothing: the rule 'spam'"
        $r.RuleRows | Should -Be 2
    }

    It 'reports bad input with DataCenterTools error ids' {
        $err = Get-RunError { $Reviews | Invoke-AutoLabeling -Rule @{ refund = '(refund' } -TextColumn text }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.InvalidLabelRule,*'
        "$($err[0])" | Should -Match "'refund'"
        (Get-RunError { $Reviews | Invoke-AutoLabeling -Rule $Keywords -TextColumn body })[0].FullyQualifiedErrorId |
            Should -BeLike 'DataCenterTools.ColumnNotFound,*'
        (Get-RunError { $Reviews | Invoke-AutoLabeling -Rule $Keywords })[0].FullyQualifiedErrorId |
            Should -BeLike 'DataCenterTools.TextColumnRequired,*'
        $err = Get-RunError { $Reviews | Invoke-AutoLabeling -Model $Model }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FeatureNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }
}
