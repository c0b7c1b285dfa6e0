# Find-LabelIssue on iris (examples/data/iris.csv) with ten labels flipped on purpose (rows 7, 22, ..., 142,
# each to the next class along): the flips are known, so the flags can be scored.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $rows = Import-Dataset (Join-Path $ExamplesData 'iris.csv') | ConvertFrom-Dataset
    $names = 'setosa', 'versicolor', 'virginica'
    $script:Flipped = 0..9 | ForEach-Object { 7 + 15 * $_ }
    foreach ($r in $Flipped) { $rows[$r].target_name = $names[($names.IndexOf($rows[$r].target_name) + 1) % 3] }
    $script:Iris = $rows | Select-Object * -ExcludeProperty target | ConvertTo-Dataset
    $script:Issues = @($Iris | Find-LabelIssue target_name -Seed 1)
}

Describe 'Find-LabelIssue' {
    It 'finds most of the flipped labels and few clean rows' {
        @($Issues | Where-Object Row -In $Flipped).Count | Should -BeGreaterOrEqual 7
        @($Issues | Where-Object Row -NotIn $Flipped).Count | Should -BeLessThan 10
        $Issues[0] | Should -BeOfType DataCenterTools.Core.Labeling.LabelIssue
    }

    It 'ranks by self-confidence and suggests another label that it is more sure of' {
        $conf = $Issues.SelfConfidence
        $conf | Should -Be ($conf | Sort-Object)
        foreach ($i in $Issues) {
            $i.SuggestedLabel | Should -Not -Be $i.GivenLabel
            $i.SuggestedConfidence | Should -BeGreaterThan $i.SelfConfidence
        }
        # Row 22 is a setosa flipped to versicolor: the models put it back.
        ($Issues | Where-Object Row -EQ 22).SuggestedLabel | Should -Be 'setosa'
    }

    It 'is repeatable with a seed, and -Dataset works like the pipeline' {
        $again = @(Find-LabelIssue -Dataset $Iris -Label target_name -Seed 1)
        $again.Row | Should -Be $Issues.Row
    }

    It '-Remove returns the dataset without the flagged rows; -WhatIf returns nothing' {
        $clean = $Iris | Find-LabelIssue target_name -Seed 1 -Remove
        $clean.RowCount | Should -Be (150 - $Issues.Count)
        $Iris.RowCount | Should -Be 150
        $clean.Lineage[-1].Operation | Should -Be 'Find-LabelIssue'
        # -WhatIf writes "Remove N row(s) ..." to the host (not capturable here) and outputs nothing.
        $what = $Iris | Find-LabelIssue target_name -Seed 1 -Remove -WhatIf
        $what | Should -BeNullOrEmpty
    }

    It 'shows a table that fits 80 columns' {
        $text = $Issues | Format-Table | Out-String -Width 200
        $text | Should -Match 'Row\s+GivenLabel\s+SuggestedLabel\s+SelfConfidence'
        ($text -split "`n" | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'says so when it finds nothing: one console line and -Verbose, no objects' {
        # Two classes far apart on one feature: no label can be doubted.
        $clean = 1..60 | ForEach-Object { [pscustomobject]@{ load = if ($_ -le 30) { $_ } else { $_ + 40 }; state = if ($_ -le 30) { 'idle' } else { 'busy' } } } | ConvertTo-Dataset -Name clean
        $all = @($clean | Find-LabelIssue state -Seed 1 -Verbose 4>&1 6>&1)
        $info = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $info.Count | Should -Be 1
        $info[0].Tags | Should -Be @('PSHOST', 'DataCenterTools.NothingFound')
        "$($info[0].MessageData)" | Should -Be "No likely wrong 'state' label found in 60 labelled rows of 'clean'."
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'No likely wrong*' }).Count | Should -Be 1
        @($all | Where-Object { $_ -is [DataCenterTools.Core.Labeling.LabelIssue] }).Count | Should -Be 0
    }

    It 'names a missing label column' {
        $null = $Iris | Find-LabelIssue nope -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.LabelNotFound,*'
    }
}
