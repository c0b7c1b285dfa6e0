BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
    $script:Power = $Telemetry | Start-ModelTraining -Label power_w -Feature cpu_pct, gpu_pct, temp_c, timestamp -Trainer LightGbm `
        -TrainerOption @{ NumberOfLeaves = 15; NumberOfIterations = 50 } -DateParts Hour, Ordinal -Explain -Seed 1 -WarningAction SilentlyContinue
    # 400 review sentences: a binary text model on the TF-IDF fast path.
    $script:Sentences = (Import-Dataset (Join-Path $ExamplesData 'sentiment_labelled_combined.csv')).Head(400)
    $script:Text = $Sentences | Start-ModelTraining -Label label -Feature sentence -Task BinaryClassification -Seed 1

    function script:Get-RunError([scriptblock] $Run) {
        try { @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        catch { @($_) }
    }
    # Headless chromium renders the page (its own fresh profile, no network services) and prints the DOM it built.
    function script:Get-RenderedDom([string] $Path) {
        $profileDir = Join-Path $Dir ("chromium-" + [guid]::NewGuid().ToString('N'))
        $dom = & /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking `
            --disable-component-update --disable-sync "--user-data-dir=$profileDir" --dump-dom "file://$Path" 2>$null
        $dom -join "`n"
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Steering Start-ModelTraining' {
    It 'passes -TrainerOption to the trainer and encodes DateTime features as -DateParts says' {
        $Power.Hyperparameters | Should -Be 'NumberOfLeaves=15 LearningRate=0.1 NumberOfIterations=50'
        ($Power.Features | Where-Object Name -eq 'timestamp').DateParts -join ',' | Should -Be 'Hour,Ordinal'
    }

    It 'refuses an unknown trainer option and lists the valid ones, before training' {
        $err = Get-RunError { $Telemetry | Start-ModelTraining -Label power_w -Trainer LightGbm -TrainerOption @{ Leaves = 63 } }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.TrainerOptionUnknown,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Valid options: .*NumberOfLeaves'
        (Get-RunError { $Telemetry | Start-ModelTraining -Label power_w -Trainer LightGbm -TrainerOption @{ NumberOfLeaves = 1 } })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.TrainerOptionInvalid,*'
        (Get-RunError { $Telemetry | Start-ModelTraining -Label power_w -TrainerOption @{ NumberOfLeaves = 63 } })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.TrainerOptionNeedsTrainer,*'
    }

    It 'shows permutation importance with its sign and the change without each feature' {
        $Power.FeatureImportance.Count | Should -Be 4
        $Power.FeatureImportance | ForEach-Object { $_.RemovalGain | Should -Not -BeNullOrEmpty }
        $text = $Power.FeatureImportance | Format-Table | Out-String -Width 80
        $text | Should -Match '(?m)^gpu_pct\s+\+\d\.\d{4}\s+-\d\.\d{4}\s+RSquared'
        foreach ($f in $Power.FeatureImportance | Where-Object Importance -lt 0) { $text | Should -Match "(?m)^$($f.Feature)\s+-\d\.\d{4}" }
        foreach ($f in $Power.FeatureImportance | Where-Object RemovalImproves) { $text | Should -Match "(?m)^$($f.Feature)\s.*\+\d\.\d{4}\s+RSquared\s+better without" }
    }

    It 'takes the TF-IDF fast path for a text feature' {
        $Text.Trainer | Should -Be 'LbfgsLogisticRegression'
        $Text.Features[0].Kind | Should -Be 'TfIdf'
        $Text.Leaderboard | Should -BeNullOrEmpty
        $auto = $Sentences | Start-ModelTraining -Label label -Feature sentence -Trainer Auto -MaxTime 00:00:00.5 -Seed 1
        $auto.Leaderboard[0].Trainer | Should -Be 'LbfgsLogisticRegression'
        $Text.Metrics.Accuracy | Should -BeGreaterThan 0.6
        $blank = 1..6 | ForEach-Object { [pscustomobject]@{ note = '   '; ok = ($_ % 2 -eq 0) } } | ConvertTo-Dataset
        (Get-RunError { $blank | Start-ModelTraining -Label ok -Feature note })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.EmptyTextFeature,*'
    }

    It 'round-trips a text model with the same predictions' {
        $path = Join-Path $Dir 'text.zip'
        $Text | Save-Model -Path $path
        $loaded = Import-Model $path
        $before = ($Sentences | Invoke-ModelPrediction $Text)['Probability']
        $after = ($Sentences | Invoke-ModelPrediction $loaded)['Probability']
        foreach ($row in 0, 1, 200, 399) { $after.GetValue($row) | Should -Be $before.GetValue($row) }
    }
}

Describe 'Export-ModelReport' {
    It 'writes one self-contained page that headless chromium renders, with every section' {
        $file = $Telemetry | Export-ModelReport -Model $Power -Path (Join-Path $Dir 'power.html') -GroupBy region -PassThru
        $html = Get-Content -Raw $file.FullName
        # Checked with -match on the text (not Should -Match), so a failure does not print the whole report.
        $html -match 'https?://' | Should -BeFalse
        $html -match '<(script|link|iframe)' | Should -BeFalse
        $dom = Get-RenderedDom $file.FullName
        $dom -match '<h1>Model report: Regression LightGbm on power_w</h1>' | Should -BeTrue
        foreach ($section in 'Metrics', 'Cross-validation', 'Feature importance', 'Residuals', 'Confusion matrix', 'Metrics per group', 'Lineage') {
            $dom -match "<h2>$section</h2>" | Should -BeTrue -Because "the $section section"
        }
        foreach ($region in 'eu-central', 'us-west', 'cn-east') { $dom -match "<td>$region</td>" | Should -BeTrue }
        ([regex]::Matches($dom, 'src="data:image/svg\+xml;base64,')).Count | Should -Be 2
        $dom -match 'Import-Dataset' | Should -BeTrue
    }

    It 'has a calibration plot and a confusion matrix for a binary classifier' {
        $path = Join-Path $Dir 'text.html'
        $Sentences | Export-ModelReport -Model $Text -Path $path
        $html = Get-Content -Raw $path
        $html -match '<h2>Calibration</h2>' | Should -BeTrue
        $html -match 'actual \\ predicted' | Should -BeTrue
    }

    It 'writes nothing with -WhatIf and does not overwrite without -Force' {
        $path = Join-Path $Dir 'whatif.html'
        $Telemetry | Export-ModelReport -Model $Power -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        Set-Content -Path $path -Value 'old'
        (Get-RunError { $Telemetry | Export-ModelReport -Model $Power -Path $path })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        Get-Content $path | Should -Be 'old'
    }
}

Describe 'Export-Model -Format Onnx' {
    It 'writes an ONNX graph, and refuses a text model with a clear error' {
        $path = Join-Path $Dir 'power.onnx'
        $Power | Export-Model -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        $file = $Power | Export-Model -Path $path -PassThru
        $file.Length | Should -BeGreaterThan 1000
        # An ONNX file is a protobuf ModelProto: field 1 (ir_version, varint) first, and ML.NET names itself as producer.
        [System.IO.File]::ReadAllBytes($path)[0] | Should -Be 0x08
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($path), 0, 200) | Should -Match 'ML\.NET'
        (Get-RunError { $Power | Export-Model -Path $path })[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        $err = Get-RunError { $Text | Export-Model -Path (Join-Path $Dir 'text.onnx') }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.OnnxNotSupported,*'
        $err[0].Exception.Message | Should -Match "'sentence' is free text"
        Test-Path (Join-Path $Dir 'text.onnx') | Should -BeFalse
    }
}
