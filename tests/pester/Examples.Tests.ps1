BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Examples = Join-Path $PSScriptRoot '../../examples'
    # Run a runbook as a user would: a fresh pwsh with the module imported, its console output captured.
    function Invoke-Example([string] $Name) {
        $manifestPath = (Get-Module DataCenterTools).Path -replace '\.dll$', '.psd1'
        $script = Join-Path $Examples $Name
        $out = & dotnet pwsh -NoProfile -Command "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$manifestPath'; & '$script'" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $out | Out-String
    }
}

Describe 'The example runbooks' {
    It 'quickstart.ps1 runs and its round trips are exact' {
        $text = Invoke-Example 'quickstart.ps1'
        $text | Should -Match 'parquet\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'jsonl\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'csv\.gz\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'Refused: DataCenterTools\.FileExists'
    }

    It 'preprocess.ps1 cleans, fits on train only and keeps the features that predict power' {
        $text = Invoke-Example 'preprocess.ps1'
        $text | Should -Match 'Missing cells before: 41, after: 0'
        $text | Should -Match 'TimeOrdered\s+0\.8\s+576\s+144'
        $text | Should -Match 'Scaled gpu_pct mean: train -?0\.000'
        $text | Should -Match 'Kept: gpu_pct, power_w, temp_c'
    }

    It 'telemetry-model.ps1 trains, explains and round-trips a power model' {
        $text = Invoke-Example 'telemetry-model.ps1'
        $text | Should -Match 'missing metric cells before: \d+, after: 0'
        $text | Should -Match 'Regression\s+LightGbm\s+power_w'
        $text | Should -Match 'R2 0\.\d{3} on \d+ held-out rows'
        $text | Should -Match 'gpu_pct'
        $text | Should -Match 'Imported model predicts the same: True'
    }

    It 'labeling.ps1 measures agreement, merges labels and finds the flipped iris labels' {
        $text = Invoke-Example 'labeling.ps1'
        $text | Should -Match 'Label rows: 180'
        # Fleiss (1971) published kappa 0.430 for these diagnoses.
        $text | Should -Match "Fleiss' kappa 0\.430, Krippendorff's alpha 0\.433, unanimous items 16\.7%"
        $text | Should -Match 'Majority-vote ties: 3; items where Dawid-Skene differs: 3'
        $text | Should -Match 'rater3\s+30\s+0\.933\s+DawidSkene'
        $text -match 'Flagged (\d+) rows: (\d+) of the 10 flipped labels, (\d+) clean rows' | Should -BeTrue
        [int] $Matches[2] | Should -BeGreaterOrEqual 7
        [int] $Matches[3] | Should -BeLessThan 10
        $text | Should -Match "Rows after removing them: $(150 - [int] $Matches[1]) \(input still 150\)"
    }
}
