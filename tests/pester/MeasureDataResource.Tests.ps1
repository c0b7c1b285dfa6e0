# Measure-DataResource as users call it: on files, a Dataset, the catalog and version store, and a training plan.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:SavedEnvironment = Save-TestHome -Path (Join-Path $Dir 'home') -NoCatalog
    $script:Csv = Join-Path $Dir 'telemetry.csv'
    Set-Content -Path $Csv -Value "host,power_w,up`nr1,120.5,true`nr2,98,false`nr3,101.25,true`n" -NoNewline
    $script:Day0 = [datetime]::new(2026, 11, 1, 0, 0, 0, [DateTimeKind]::Utc)
}

AfterAll {
    Restore-TestHome $SavedEnvironment
    Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
}

Describe 'Measure-DataResource on data' {
    It 'measures a small CSV: disk bytes as Get-Item says, exact rows, memory as the Dataset holds it' {
        $r = Measure-DataResource -Path $Csv
        $r.Kind | Should -Be 'File'
        $r.DiskBytes | Should -Be (Get-Item $Csv).Length
        $r.Rows | Should -Be 3
        $r.Columns | Should -Be 3
        $r.MemoryBytes | Should -Be (Import-Dataset $Csv).EstimatedBytes
        $r.Tokens | Should -BeNullOrEmpty   # no text column
        $r.ParquetBytes | Should -BeNullOrEmpty
    }

    It 'measures a Dataset in the pipeline, counting tokens as Measure-TextToken does and Parquet as Export-Dataset writes it' {
        $ds = @(
            [pscustomobject]@{ id = 1; text = 'hello world' }
            [pscustomobject]@{ id = 2; text = 'The quick brown fox jumps over the lazy dog.' }
        ) | ConvertTo-Dataset
        $r = $ds | Measure-DataResource -MeasureParquet
        $counted = $ds | Measure-TextToken | ConvertFrom-Dataset | Measure-Object token_count -Sum
        $r.Tokens | Should -Be $counted.Sum
        $r.Tokens | Should -Be 12   # o200k_base: 2 for 'hello world', 10 for the pangram (9 words and the full stop)
        $r.TextColumns | Should -Be @('text')
        $r.Rows | Should -Be 2
        $parquet = Join-Path $Dir 'ref.parquet'
        $ds | Export-Dataset -Path $parquet
        $r.ParquetBytes | Should -Be (Get-Item $parquet).Length
        @(Get-ChildItem -Force ([IO.Path]::GetTempPath()) -Filter ".measure.parquet.dct-$PID-*").Count | Should -Be 0
    }

    It 'measures many files by wildcard and totals them with growth from their write times' {
        $many = Join-Path $Dir 'many'
        New-Item -ItemType Directory -Path $many | Out-Null
        # 10, 20 and 30 bytes written on days 0, 1, 2: running totals 10, 30, 60, least-squares slope 25 bytes/day.
        $texts = "ab`n1`n2`n33`n", ("ab`n" + "1`n" * 7 + "22`n"), ("ab`n" + "1`n" * 7 + "123456789012`n")
        for ($i = 0; $i -lt 3; $i++) {
            $f = Join-Path $many "part-$i.csv"
            Set-Content -Path $f -Value $texts[$i] -NoNewline
            (Get-Item $f).LastWriteTimeUtc = $Day0.AddDays($i)
        }
        $all = Measure-DataResource -Path (Join-Path $many 'part-*.csv') -Total
        $all.Count | Should -Be 4
        ($all[0..2] | ForEach-Object DiskBytes) -join ',' | Should -Be '10,20,30'
        ($all[0..2] | ForEach-Object Rows) -join ',' | Should -Be '3,8,8'
        $total = $all[3]
        $total.Kind | Should -Be 'Total'
        $total.DiskBytes | Should -Be 60
        $total.Rows | Should -Be 19
        $total.GrowthBytesPerDay | Should -BeGreaterThan 24.999999
        $total.GrowthBytesPerDay | Should -BeLessThan 25.000001
        $total.GrowthSource | Should -Be 'file times (3 files)'
        # A folder works too, and a missing file is one error while the others are measured.
        @(Measure-DataResource -Path $many).Count | Should -Be 3
        $out = Measure-DataResource -Path (Join-Path $Dir 'nope.csv'), $Csv -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Rows | Should -Be 3
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileNotFound*'
    }

    It 'fits growth over catalog versions and over saved versions' {
        $first = Register-Dataset -Path $Csv -Name telemetry
        Add-Content -Path $Csv -Value "r4,99,true`n" -NoNewline
        $second = Register-Dataset -Path $Csv -Name telemetry
        $r = Get-DatasetCatalog -Name telemetry -AllVersions | Measure-DataResource
        $r.Kind | Should -Be 'Catalog'
        $r.Name | Should -Be 'telemetry v2'
        $r.Rows | Should -Be 4
        $r.DiskBytes | Should -Be (Get-Item $Csv).Length
        $r.GrowthSource | Should -Be 'catalog versions (2)'
        $r.Note | Should -Match 'minutes of history'   # registered moments apart: the rate is flagged as noisy
        # Two points: the slope is their difference over the days between them.
        $days = ($second.RegisteredAt - $first.RegisteredAt).TotalDays
        $r.GrowthBytesPerDay / (($second.SizeBytes - $first.SizeBytes) / $days) | Should -BeGreaterThan 0.999999
        $r.GrowthBytesPerDay / (($second.SizeBytes - $first.SizeBytes) / $days) | Should -BeLessThan 1.000001

        $v1 = Import-Dataset $Csv | Select-DataRow -First 2 | Save-DatasetVersion -Name fleet
        $v2 = Import-Dataset $Csv | Save-DatasetVersion -Name fleet
        $s = Get-DatasetVersion -List fleet | Measure-DataResource
        $s.Kind | Should -Be 'Version'
        $s.Rows | Should -Be 4
        $s.GrowthSource | Should -Be 'version store (2)'
        $rows = ($v2.Rows - $v1.Rows) / ($v2.TimeUtc - $v1.TimeUtc).TotalDays
        $s.GrowthRowsPerDay / $rows | Should -BeGreaterThan 0.999999
        $s.GrowthRowsPerDay / $rows | Should -BeLessThan 1.000001
    }

    It 'shows sizes as people read them within 80 columns' {
        $text = Measure-DataResource -Path $Csv | Out-String -Width 80
        $text | Should -Match 'telemetry\.csv'
        $text | Should -Match "$((Get-Item $Csv).Length) B"
        ($text -split "`n" | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}

Describe 'Measure-DataResource for a training job' {
    It 'plans a 7B model on 2T tokens on 1024 GPUs with hand-worked figures' {
        $p = Measure-DataResource -Parameters 7e9 -Tokens 2e12 -GpuCount 1024 -GpuFlops 989e12 -CheckpointCount 3
        $p.Flops | Should -Be 8.4e22                      # 6 x 7e9 x 2e12
        $p.Utilization | Should -Be 0.4                   # the stated default
        [math]::Round($p.WallSeconds, 2) | Should -Be 207359.07   # 8.4e22 / (1024 x 989e12 x 0.4)
        $p.CheckpointBytes | Should -Be 112e9             # 16 x 7e9
        $p.CheckpointStorageBytes | Should -Be 336e9
        $p.WeightsBytes | Should -Be 14e9
        $text = $p | Out-String -Width 80
        $text | Should -Match '8\.40e22'
        $text | Should -Match '2\.4 days'
        ($text -split "`n" | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'gives compute and storage without throughput and says wall time needs it' {
        $p = Measure-DataResource -Parameters 175e9 -Tokens 300e9 -WarningVariable w -WarningAction SilentlyContinue
        '{0:0.00e0}' -f $p.Flops | Should -Be '3.15e23'   # GPT-3: 3.14e23 in Brown et al. 2020 with N = 174.6e9
        $p.WallSeconds | Should -BeNullOrEmpty
        $p.Note | Should -Match 'TokensPerSecond'
        "$w" | Should -Match 'GpuFlops'
    }

    It 'takes tokens and bytes per token from the measured corpus' {
        $corpus = Join-Path $Dir 'corpus.jsonl'
        Set-Content -Path $corpus -Value "{`"text`":`"hello world`"}`n{`"text`":`"hello`"}`n" -NoNewline
        $p = Measure-DataResource -Path $corpus | Measure-DataResource -Parameters 1e6 -Epochs 2 -TokensPerSecond 3
        $p.TokensPerEpoch | Should -Be 3                  # 2 + 1 o200k_base tokens
        $p.TrainingTokens | Should -Be 6
        $p.WallSeconds | Should -Be 2
        $p.BytesPerToken | Should -Be ((Get-Item $corpus).Length / 3)
        $p.ReadBytesPerSecond | Should -Be (Get-Item $corpus).Length
        $p.BytesPerTokenSource | Should -Match '^Measured'
        # With -Total the total repeats the files and is not counted twice.
        (Measure-DataResource -Path $corpus -Total | Measure-DataResource -Parameters 1e6 -WarningAction SilentlyContinue).TokensPerEpoch | Should -Be 3
    }

    It 'refuses <Case> with <Id>' -ForEach @(
        @{ Case = 'zero parameters'; Id = 'ResourcePlanInvalidNumber'; Arguments = @{ Parameters = 0; Tokens = 1e9 } }
        @{ Case = 'negative tokens'; Id = 'ResourcePlanInvalidNumber'; Arguments = @{ Parameters = 1e9; Tokens = -5 } }
        @{ Case = 'utilization over 1'; Id = 'ResourcePlanInvalidNumber'; Arguments = @{ Parameters = 1e9; Tokens = 1e9; GpuCount = 8; GpuFlops = 1e15; Utilization = 40 } }
        @{ Case = 'GPUs without FLOP/s'; Id = 'ResourcePlanIncomplete'; Arguments = @{ Parameters = 1e9; Tokens = 1e9; GpuCount = 8 } }
        @{ Case = 'two throughputs'; Id = 'ResourcePlanConflict'; Arguments = @{ Parameters = 1e9; Tokens = 1e9; GpuCount = 8; GpuFlops = 1e15; TokensPerSecond = 1e6 } }
        @{ Case = 'no tokens'; Id = 'ResourcePlanNoTokens'; Arguments = @{ Parameters = 1e9 } }
    ) {
        $err = $null
        try { Measure-DataResource @Arguments -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}
