BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Examples = Join-Path $PSScriptRoot '../../examples'
}

Describe 'The example runbooks' {
    It 'quickstart.ps1 runs and its round trips are exact' {
        $text = & (Join-Path $Examples 'quickstart.ps1') *>&1 | Out-String -Width 200
        $text | Should -Match 'parquet\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'jsonl\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'csv\.gz\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'Refused: DataCenterTools\.FileExists'
    }

    It 'preprocess.ps1 cleans, fits on train only and keeps the features that predict power' {
        $text = & (Join-Path $Examples 'preprocess.ps1') *>&1 | Out-String -Width 200
        $text | Should -Match 'Missing cells before: 41, after: 0'
        $text | Should -Match 'TimeOrdered\s+0\.8\s+576\s+144'
        $text | Should -Match 'Scaled gpu_pct mean: train -?0\.000'
        $text | Should -Match 'Kept: gpu_pct, power_w, temp_c'
    }
}
