BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Examples = Join-Path $PSScriptRoot '../../examples'
    $script:Dir = New-TestFolder
    # Run a runbook as a user would: a fresh pwsh with the module imported, its console output captured. With
    # -WorkPath the runbook keeps the files it wrote there, so the test can check them itself rather than trust
    # the runbook's own "identical: True".
    # -Arguments: more parameters, as PowerShell text; -ExitCode: the exit code the run must end with.
    function Invoke-Example([string] $Name, [string] $WorkPath, [string] $Arguments, [int] $ExitCode = 0) {
        $manifestPath = (Get-Module DataCenterTools).Path -replace '\.dll$', '.psd1'
        $script = Join-Path $Examples $Name
        $workArgument = if ($WorkPath) { " -WorkPath '$WorkPath'" } else { '' }
        $out = & dotnet pwsh -NoProfile -Command "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$manifestPath'; & '$script'$workArgument $Arguments" 2>&1
        $LASTEXITCODE | Should -Be $ExitCode -Because ($out | Out-String)
        $out | Out-String
    }
    function Assert-SameNumbers($Rows, $Expected, [string] $What) {
        @($Rows).Count | Should -Be $Expected.Rows -Because $What
        foreach ($column in $Expected.Columns.Keys) {
            [System.Linq.Enumerable]::SequenceEqual([double[]]@($Rows.$column), $Expected.Columns[$column]) | Should -BeTrue -Because "$What keeps every $column value"
        }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'The example runbooks' {
    # shape.ps1's figures were computed independently with pandas 1.5.3 and scipy 1.10 (Debian's python3):
    # groupby + quantile(0.95), sort_values(['cpu_pct','host'], ascending=[False,True]), merge(how='left'),
    # scipy.stats.ks_2samp(day1, day7).
    It 'shape.ps1 shapes the shipped data with the Dataset verbs to the figures pandas and scipy give' {
        $text = Invoke-Example 'shape.ps1'
        $text | Should -Match 'cn-east\s+2026-11-01 00:00\s+rows\s+48\s+hosts 4\s+cpu mean 60\.50\s+p95\s+90\.70'
        $text | Should -Match 'cn-east\s+2026-11-01 04:00\s+rows\s+48\s+hosts 4\s+cpu mean 49\.57\s+p95\s+83\.90'
        $text | Should -Match 'Groups: 15 '
        $text | Should -Match '(?s)gpu-fra-04 100\.00 67\.10.*gpu-sjc-01 100\.00 70\.60.*gpu-sjc-01 100\.00 62\.80.*gpu-sjc-01 100\.00 66\.00.*gpu-sha-04\s+96\.90 58\.70'
        $text | Should -Match 'room FRA-A\s+rows 240\s+max load\s+110\.8 %\s+mean power 594\.9 W'
        $text | Should -Match 'room SHA-2\s+rows 240\s+max load\s+101\.0 %\s+mean power 590\.4 W'
        $text | Should -Match 'room \(none\) rows 240\s+max load\s+-\s+mean power 595\.0 W'
        $text | Should -Match 'Rows whose rack the table lacks: sjc-r1 120, sjc-r2 120'
        $text | Should -Match 'Day 1: 288 rows; day 7: 288 rows'
        $text | Should -Match 'cpu_util_percent\s+KolmogorovSmirnov\s+KS 0\.4826\s+p 9\.4e-31\s+drifted: True'
        $text | Should -Match 'mem_util_percent\s+KolmogorovSmirnov\s+KS 0\.4340\s+p 9\.6e-25\s+drifted: True'
        $text | Should -Match 'busiest hour 01:00 \(mean CPU 52\.50 %\), quietest 18:00 \(30\.96 %\)'
        $text | Should -Match 'Merged: 720 rows; power_w sum 416001\.0 \(whole: 416001\.0\)'
    }

    It 'corpus.ps1 cleans, filters, dedups, redacts, counts and shards the shipped text' {
        $text = Invoke-Example 'corpus.ps1'
        $text | Should -Match 'Corpus: 55 documents from 5 files'
        $text | Should -Match 'Language: kept 52 of 55 \(en=44, zh=8\)'
        $text | Should -Match 'Dedup: 7 duplicates in 6 clusters removed'
        $text | Should -Match 'Shards: 3 files, 45 rows, 40897 tokens'
        $text | Should -Match 'Catalog: demo-corpus v1, 45 rows, format TrainingShards'
    }

    It 'quickstart.ps1 runs and its round trips are exact' {
        $work = Join-Path $Dir 'quickstart'
        $text = Invoke-Example 'quickstart.ps1' -WorkPath $work
        $text | Should -Match 'parquet\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'jsonl\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'csv\.gz\s+[\d,]+ bytes\s+2,243 rows\s+identical: True'
        $text | Should -Match 'Refused: DataCenterTools\.FileExists'
        # Checked here: every value of the three files against the source CSV as PowerShell's Import-Csv reads it.
        # JSON Lines and gzip are read with PowerShell and .NET (not the module's readers); Parquet with Import-Dataset,
        # the one Parquet reader here, against the independently read source.
        $source = Import-Csv (Join-Path $ExamplesData 'alibaba2018_machine_usage_300s.csv')
        $expected = @{ Rows = $source.Count; Columns = [ordered]@{} }
        foreach ($column in $source[0].PSObject.Properties.Name) { $expected.Columns[$column] = [double[]]@($source.$column) }
        $expected.Rows | Should -Be 2243
        Assert-SameNumbers (Get-Content (Join-Path $work 'usage.jsonl') | ConvertFrom-Json) $expected 'usage.jsonl'
        $gzip = [IO.Compression.GZipStream]::new([IO.File]::OpenRead((Join-Path $work 'usage.csv.gz')), [IO.Compression.CompressionMode]::Decompress)
        $reader = [IO.StreamReader]::new($gzip)
        try { $csvText = $reader.ReadToEnd() } finally { $reader.Dispose() }
        Assert-SameNumbers ($csvText | ConvertFrom-Csv) $expected 'usage.csv.gz'
        $parquet = [IO.File]::ReadAllBytes((Join-Path $work 'usage.parquet'))
        [Text.Encoding]::ASCII.GetString($parquet, 0, 4), [Text.Encoding]::ASCII.GetString($parquet, $parquet.Length - 4, 4) | Should -Be @('PAR1', 'PAR1')
        Assert-SameNumbers (Import-Dataset (Join-Path $work 'usage.parquet') | ConvertFrom-Dataset) $expected 'usage.parquet'
    }

    It 'protect.ps1 pseudonymizes, k-anonymizes and restores the telemetry sample' {
        $work = Join-Path $Dir 'protect'
        $text = Invoke-Example 'protect.ps1' -WorkPath $work
        $text | Should -Match 'owner_email\s+Email\s+100\.0'
        $text | Should -Match 'What if: Performing the operation "Hash \(Email\)" on target "column ''owner_email'''
        $text | Should -Match 'k before: 1 \(rows in classes under 5: 720\)'
        $text | Should -Match 'Distinct owners: 8, distinct tokens: 8'
        $text | Should -Match '60-anonymity reached \(asked 5\): client_ip /16'
        $text | Should -Match 'client_ip restored for 720 rows, identical: True'
        $text | Should -Match 'Output: nothing; refused: DataCenterTools\.DecryptionFailed'
        $text | Should -Match 'Unprotect-Dataset\s+client_ip'
        $text | Should -Match 'OpenPGP copy: telemetry\.protected\.csv\.gpg'
        $text | Should -Match 'Audit log intact: True, 4 records, 4 anchored by its head'
        # Checked here, not by the runbook: each owner_email token is HMAC-SHA256 of the address under the key's
        # "hmac" subkey, first 16 bytes in hex, computed with .NET's HMACSHA256 (not the module's HMAC code); no
        # client_ip is left in clear, and decrypting the written file gives back every original address.
        $original = Import-Csv (Join-Path $ExamplesData 'telemetry_sample.csv')
        $written = Import-Csv (Join-Path $work 'telemetry.protected.csv')
        $written.Count | Should -Be 720
        $key = [DataCenterTools.Core.Security.DataProtectionKey]::Load((Join-Path $work 'telemetry.key'))
        try { $subkey = $key.DeriveSubkey('hmac') } finally { $key.Dispose() }
        $tokens = foreach ($row in $original) {
            if ($row.owner_email) { [Convert]::ToHexString([Security.Cryptography.HMACSHA256]::HashData($subkey, [Text.Encoding]::UTF8.GetBytes($row.owner_email)), 0, 16).ToLowerInvariant() } else { '' }
        }
        [System.Linq.Enumerable]::SequenceEqual([string[]]$tokens, [string[]]$written.owner_email) | Should -BeTrue
        $clear = [Collections.Generic.HashSet[string]]::new([string[]]$original.client_ip)
        @($written.client_ip | Where-Object { $_ -and $clear.Contains($_) }).Count | Should -Be 0
        # The decryption's audit record goes to the runbook's own log, not the user's.
        $savedHome = $env:DATACENTERTOOLS_HOME
        try {
            $env:DATACENTERTOOLS_HOME = Join-Path $work 'home'
            $restored = Import-Dataset (Join-Path $work 'telemetry.protected.csv') | Unprotect-Dataset -KeyPath (Join-Path $work 'telemetry.key') -Decrypt client_ip | ConvertFrom-Dataset -Column client_ip
        }
        finally { $env:DATACENTERTOOLS_HOME = $savedHome }
        [System.Linq.Enumerable]::SequenceEqual([string[]]($restored | ForEach-Object { "$($_.client_ip)" }), [string[]]$original.client_ip) | Should -BeTrue
    }

    It 'backup.ps1 saves versions, backs up, verifies, prunes and restores identical files' {
        $work = Join-Path $Dir 'backup'
        $text = Invoke-Example 'backup.ps1' -WorkPath $work
        $text | Should -Match 'v1: 720 rows, 1 new chunk\(s\); v2 unchanged: 0 new chunk\(s\)'
        $text | Should -Match 'Rows: 720 \(v1\) -> 679 \(v3\)'
        $text | Should -Match 'again: 0 new chunk\(s\); versions: 3 file\(s\)'
        $text | Should -Match 'Verified: 3 snapshots, \d+ chunks, passed: True'
        $text | Should -Match 'Pruned 2 snapshot\(s\), kept 1; removed version\(s\) 1, kept 2, 3'
        $text | Should -Match 'Restored 6 file\(s\); identical to the originals \(SHA-256\): 6 of 6'
        # Checked here byte for byte, not by the runbook's own hashes.
        $originals = @(Get-ChildItem (Join-Path $ExamplesData '*.csv'))
        $restored = @(Get-ChildItem (Join-Path $work 'restored') -Recurse -File)
        ($restored.Name | Sort-Object) | Should -Be ($originals.Name | Sort-Object)
        foreach ($file in $originals) {
            $copy = $restored | Where-Object Name -eq $file.Name
            [System.Linq.Enumerable]::SequenceEqual([IO.File]::ReadAllBytes($copy.FullName), [IO.File]::ReadAllBytes($file.FullName)) | Should -BeTrue -Because $file.Name
        }
    }

    It 'nightly.ps1 runs every step, keeps its state for the next night and fails with exit 1 on drift' {
        $work = Join-Path $Dir 'nightly'
        $first = Invoke-Example 'nightly.ps1' -WorkPath $work
        # Hand-counted in telemetry_sample.csv: 22 of 720 cpu_pct cells empty (3.1%), 19 power_w cells NA (2.6%).
        foreach ($step in @(
                'quality\s+ok\s+[\d.]+s out of range 0 \(max 0\), duplicates 0 \(max 0\), most missing cpu_pct 3\.1% \(max 5\.0%\)'
                'drift\s+ok\s+[\d.]+s no reference yet', 'version\s+ok\s+[\d.]+s telemetry v1: 720 rows'
                'verify\s+ok\s+[\d.]+s 1 snapshot\(s\)', 'done\s+ok')) { $first | Should -Match $step }
        # Checked here, not by the runbook: the export has no client_ip or owner_email in clear and no missing metric.
        $original = Import-Csv (Join-Path $ExamplesData 'telemetry_sample.csv')
        $exported = Import-Dataset (Get-ChildItem (Join-Path $work 'exports/*.parquet')).FullName | ConvertFrom-Dataset
        $exported.Count | Should -Be 720
        $clear = [Collections.Generic.HashSet[string]]::new([string[]]($original.client_ip + $original.owner_email))
        @($exported | Where-Object { $clear.Contains("$($_.client_ip)") -or $clear.Contains("$($_.owner_email)") }).Count | Should -Be 0
        @($exported | Where-Object { $null -eq $_.cpu_pct -or $null -eq $_.power_w }).Count | Should -Be 0

        # The second night compares with the reference the first one saved: the same data has not drifted.
        $second = Invoke-Example 'nightly.ps1' -WorkPath $work
        $second | Should -Match 'drift\s+ok\s+[\d.]+s 0 of 6 columns drifted'
        $second | Should -Match 'version\s+ok\s+[\d.]+s telemetry v2: 720 rows'
        @(Get-Content (Join-Path $work 'nightly.log') | Where-Object { $_ -match ' nightly done\s+ok ' }).Count | Should -Be 2

        # A reference from other hosts (cpu_pct squeezed into 45..95) is drift: with -DriftAction Fail the night stops before protect.
        $hot = Join-Path $Dir 'hot.csv'
        $original | ForEach-Object { if ($_.cpu_pct) { $_.cpu_pct = [string]([double]$_.cpu_pct * 0.5 + 45) }; $_ } | Export-Csv $hot -UseQuotes AsNeeded
        $reference = Join-Path $Dir 'hot-summary.xml'
        Import-Dataset $hot | Get-DataDistribution -Column cpu_pct, gpu_pct, mem_pct, power_w, temp_c, status -AsSummary | Export-Clixml $reference
        $third = Invoke-Example 'nightly.ps1' -WorkPath $work -Arguments "-ReferencePath '$reference' -DriftAction Fail" -ExitCode 1
        $third | Should -Match 'drift\s+FAILED\s+[\d.]+s Nightly\.DriftDetected: Drift against hot-summary\.xml: 1 of 6 columns drifted: cpu_pct'
        $third | Should -Match 'done\s+FAILED'
        $third | Should -Not -Match 'protect\s+ok'
        $savedHome = $env:DATACENTERTOOLS_HOME
        try {
            $env:DATACENTERTOOLS_HOME = Join-Path $work 'home'
            (Get-DatasetVersion -List -Name telemetry).Version | Should -Be @(1, 2) -Because 'the failed night saved no version'
        }
        finally { $env:DATACENTERTOOLS_HOME = $savedHome }
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

    It 'recommend.ps1 trains matrix factorization, beats the global-mean baseline and lists top-N items' {
        $text = Invoke-Example 'recommend.ps1'
        # pandas on ratings.csv: rows sorted by timestamp (ties in file order), each user's last 2 held out: 12,104 train,
        # 600 test; the training mean 3.6221 predicts the held-out ratings with RMSE sqrt(mean((y - 3.6221)^2)) = 1.0847.
        $text | Should -Match 'LastPerGro\S*\s+0\.9528\s+12,104\s+600'
        $text | Should -Match 'Recommend\s+MatrixFac\S*\s+rating\s+12,104 RMSE='
        $text | Should -Match '300 users x 200 items, 50 factors; held out: 600 ratings of 300 users'
        $text | Should -Match 'Baseline \(training mean 3\.622\): RMSE 1\.0847'
        $model = [regex]::Match($text, 'Matrix factorization:\s+RMSE ([\d.]+); beats the baseline: True')
        $model.Success | Should -BeTrue
        # Ratings are round(3.6 + b_u + b_i + p_u.q_i + N(0, 0.6)) (examples/data/generate_ratings.py): the noise and the
        # rounding alone leave an RMSE of about 0.65, so a good factorization lands between that and the baseline.
        [double]$model.Groups[1].Value | Should -BeLessThan 0.85
        $text | Should -Match 'Top-10: NDCG 0\.\d+, precision 0\.\d+, recall 0\.\d+, hit rate 0\.\d+'
        ([regex]::Matches($text, '(?m)^u042\s+i\d{3}\s+[\d.]+\s+[1-5]\s+Factors\s*$')).Count | Should -Be 5
        ([regex]::Matches($text, '(?m)^new-user\s+i\d{3}\s+[\d.]+\s+[1-5]\s+ItemBias\s*$')).Count | Should -Be 5
        $text | Should -Match '1 of 2 user\(s\) are not in the model'
        $text | Should -Match 'Imported model predicts the same: True'
    }

    It 'distribution.ps1 profiles per region and day, checks drift, merges summaries and writes a report' {
        $text = Invoke-Example 'distribution.ps1'
        # Expected figures from pandas on examples/data (/usr/bin/python3): telemetry.groupby('region').power_w
        # .agg(['count','mean','median','max']) and .status.value_counts(); alibaba.cpu_util_percent / mem_util_percent
        # .agg(['count','mean','std']) (std with ddof=1).
        $text | Should -Match 'cn-east\s+2026-11-01\s+power_w n=234 missing=6 mean 590\.4 W, median 593\.5 W, max 757\.2 W'
        $text | Should -Match 'eu-central\s+2026-11-01\s+power_w n=236 missing=4 mean 594\.9 W, median 598\.4 W, max 775\.3 W'
        $text | Should -Match 'us-west\s+2026-11-01\s+power_w n=231 missing=9 mean 595\.0 W, median 601\.3 W, max 773\.2 W'
        $text | Should -Match 'us-west\s+2026-11-01\s+status ok 142, warn 87, crit 11'
        $text | Should -Match 'Rows: 1122 \+ 1121'
        ([regex]::Matches($text, '(?m)^(cpu_util_percent|mem_util_percent|net_in|net_out|disk_io_percent)\s+numeric\s')).Count | Should -Be 5
        # The six CSVs shipped in examples/data: 2,243 + 30 + 150 + 12,704 + 3,000 + 720 data rows (wc -l minus headers).
        $text | Should -Match 'Csv: 6 files, [\d,]+ bytes, 18,847 rows'
        $text | Should -Match 'cpu_util_percent: merged n=2243 mean 40\.1757 std 9\.7910 .*same count and moments: True'
        $text | Should -Match 'mem_util_percent: merged n=2243 mean 87\.9740 std 2\.5411 .*same count and moments: True'
        $report = [regex]::Match($text, 'Report: ([\d,]+) bytes at (\S+)')
        $report.Success | Should -BeTrue
        [long]($report.Groups[1].Value -replace ',', '') | Should -BeGreaterThan 10000
        Test-Path -LiteralPath $report.Groups[2].Value | Should -BeFalse
        $text | Should -Match 'Removed \S+: True'
    }

    It 'sentiment.ps1 cross-validates above 0.8 accuracy on the TF-IDF fast path and scores new sentences' {
        $text = Invoke-Example 'sentiment.ps1'
        $text | Should -Match '500 amazon, 0'
        $cv = [regex]::Match($text, '5-fold CV accuracy ([\d.]+) \(sd [\d.]+\), F1 ([\d.]+)')
        $cv.Success | Should -BeTrue
        # TfidfVectorizer(ngram_range=(1,2)) + LogisticRegression(C=10) gets 0.831 by 5-fold CV (bench/RESULTS.md, Training).
        [double]$cv.Groups[1].Value | Should -BeGreaterThan 0.8
        [double]$cv.Groups[2].Value | Should -BeGreaterThan 0.8
        $text | Should -Match 'Binary\s+LbfgsLogi\S*\s+label\s+3,000 Acc='
        ([regex]::Matches($text, '(?m)^\s+[1-5]\s+600\s')).Count | Should -Be 5
        # Unmistakable sentences: the model must get these two right.
        $text | Should -Match '(?m)^\s+0 0\.\d\d\s+Terrible service, cold food and we waited an hour\.'
        $text | Should -Match '(?m)^\s+1 [01]\.\d\d\s+Great value, works exactly as described\.'
    }
}
