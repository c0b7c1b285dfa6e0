BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:TextData = Join-Path $ExamplesData 'text'
    function New-Jsonl([string] $Path, [object[]] $Docs) {
        Set-Content -Path $Path -Value (($Docs | ForEach-Object { $_ | ConvertTo-Json -Compress }) -join "`n") -Encoding utf8NoBOM
        $Path
    }
    # A paragraph that passes every rule family: 6 lines of prose, 70+ words, stop words, no repetition.
    $script:Good = @(
        'The operators replaced the failed power supply in the second rack this morning.'
        'After the swap, the cooling fans returned to their normal speed and the alarms cleared.'
        'They also checked the cables of the network switch that serves the training cluster.'
        'A short report with the serial numbers was sent to the vendor for the warranty claim.'
        'The next maintenance window is planned for Friday night, when the job queue is quiet.'
        'Until then, the team will watch the temperature sensors and the throughput of the fabric.'
    ) -join "`n"
}

AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Text corpora' {
    It 'imports a .zst corpus, one document per file, and lists the nearest names for a missing text column' {
        $docs = Import-Dataset -Path (Join-Path $TextData 'demo-dataset-deduplication.jsonl')
        $docs.RowCount | Should -Be 14
        $folder = New-Item -ItemType Directory (Join-Path $Dir 'docs')
        Set-Content (Join-Path $folder 'a.txt') 'first document' -NoNewline
        Set-Content (Join-Path $folder 'b.txt') 'second document' -NoNewline
        $perFile = Import-Dataset -Path $folder -DocumentPerFile
        $perFile.RowCount | Should -Be 2
        ($perFile | ConvertFrom-Dataset)[1].text | Should -Be 'second document'
        $bad = New-Jsonl (Join-Path $Dir 'body.jsonl') @(@{ body = 'x'; title = 'y' })
        { Test-TextQuality -Path $bad -OutputPath (Join-Path $Dir 'q0') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DataCenterTools.TextColumnNotFound,DataCenterTools.Commands.TestTextQualityCommand'
        (Get-ChildItem (Join-Path $Dir 'q0') -Filter '*.jsonl*' -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'cleans HTML and boilerplate and scores quality with a rejects file' {
        $ds = @(
            [pscustomobject]@{ id = 'html'; text = "<p>$($Good -replace "`n", '</p><p>')</p><p>We use cookies to improve your experience.</p>" }
            [pscustomobject]@{ id = 'list'; text = "Home`nAbout`nContact`nLogin" }) | ConvertTo-Dataset
        $clean = $ds | Invoke-TextCleaning -Html Auto -RemoveBoilerplate
        $rows = $clean | ConvertFrom-Dataset
        $rows[0].text | Should -Be $Good
        $rows[0].cleaning_changes | Should -Match '^html,boilerplate'
        $rejects = Join-Path $Dir 'rejects.jsonl'
        $kept = $clean | Test-TextQuality -Reject $rejects
        $kept.RowCount | Should -Be 1
        ($kept | ConvertFrom-Dataset).gopher_word_count | Should -Be 88
        $r = Import-Dataset $rejects | ConvertFrom-Dataset
        $r.id | Should -Be 'list'
        $r.reject_reason | Should -Be 'gopher_word_count'
        { $clean | Test-TextQuality -Threshold @{ gopher_words = 3 } -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.UnknownQualityThreshold,DataCenterTools.Commands.TestTextQualityCommand'
    }

    It 'streams files to an output folder, resumes by the manifest and writes nothing for a bad line' {
        $in = New-Item -ItemType Directory (Join-Path $Dir 'in')
        New-Jsonl (Join-Path $in 'a.jsonl') @(@{ id = 'a1'; text = $Good; url = 'u' }, @{ id = 'a2'; text = 'tiny' }) | Out-Null
        New-Jsonl (Join-Path $in 'b.jsonl') @(@{ id = 'b1'; text = $Good }) | Out-Null
        $out = Join-Path $Dir 'out'
        $results = Test-TextQuality -Path $in -OutputPath $out -Reject (Join-Path $Dir 'rej')
        $results.DocumentsOut | Should -Be @(1, 1)
        (Get-ChildItem $out -Filter '*.jsonl.zst').Name | Should -Be @('a.jsonl.zst', 'b.jsonl.zst')
        (Import-Dataset (Join-Path $out 'a.jsonl.zst') | ConvertFrom-Dataset).url | Should -Be 'u'
        (Test-TextQuality -Path $in -OutputPath $out -Reject (Join-Path $Dir 'rej')).Skipped | Should -Be @($true, $true)
        Add-Content (Join-Path $in 'c.jsonl') 'not json'
        { Test-TextQuality -Path (Join-Path $in 'c.jsonl') -OutputPath (Join-Path $Dir 'out2') -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.JsonInvalid,DataCenterTools.Commands.TestTextQualityCommand'
        @(Get-ChildItem (Join-Path $Dir 'out2') -Filter 'c*' -Force) | Should -HaveCount 0
    }

    It 'finds the planted duplicates of the shipped demo set and removes them against a reference' {
        $ds = Import-Dataset (Join-Path $TextData 'demo-dataset-deduplication.jsonl')
        $marked = $ds | Find-DuplicateText -NGram 2 -Threshold 0.5 -ReportVariable s
        $s.Documents | Should -Be 14
        $s.Duplicates | Should -BeGreaterThan 0
        $rows = $marked | ConvertFrom-Dataset
        ($rows | Where-Object { $_.duplicate_of }).Count | Should -Be $s.Duplicates
        $removed = $ds | Remove-DuplicateText -NGram 2 -Threshold 0.5
        $removed.RowCount | Should -Be (14 - $s.Duplicates)
        # Against itself as reference everything is a duplicate of a reference document.
        ($ds | Remove-DuplicateText -Reference (Join-Path $TextData 'demo-dataset-deduplication.jsonl')).RowCount | Should -Be 0
        { $ds | Find-DuplicateText -Threshold 1.5 -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.InvalidThreshold,DataCenterTools.Commands.FindDuplicateTextCommand'
    }

    It 'merges host summaries into the same result as one run' {
        $one = Join-Path $TextData 'cc_en_head-0091.jsonl'
        $two = Join-Path $TextData 'cc_en_head-0174.jsonl'
        Find-DuplicateText -Path $one -AsSummary -OutputPath (Join-Path $Dir 'h1.sketch') | Out-Null
        Find-DuplicateText -Path $one, $two -AsSummary -OutputPath (Join-Path $Dir 'h2.sketch') | Out-Null
        Merge-DuplicateTextSummary -Path (Join-Path $Dir 'h1.sketch'), (Join-Path $Dir 'h2.sketch') -OutputPath (Join-Path $Dir 'all.sketch') | Out-Null
        $d = Find-DuplicateText -Summary (Join-Path $Dir 'all.sketch') -ReportVariable m
        $d.RowCount | Should -Be 30
        $m.Duplicates | Should -Be 10   # the 10 documents of the first file appear twice
    }

    It 'counts tokens, checks contamination and shards with a manifest that registers as one entry' {
        $ds = @(
            [pscustomobject]@{ id = 'd1'; text = 'tiktoken is great!' }
            [pscustomobject]@{ id = 'd2'; text = 'Hello world' }) | ConvertTo-Dataset
        $counted = $ds | Measure-TextToken -Tokenizer cl100k_base -ReportVariable t
        ($counted | ConvertFrom-Dataset).token_count | Should -Be @(6, 2)   # tiktoken's cl100k_base ids: 6 and 2 tokens
        $t.Tokens | Should -Be 8
        $t.TokenizerPin | Should -Match 'Microsoft.ML.Tokenizers 2.0.1'
        { $ds | Measure-TextToken -Tokenizer nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.UnknownTokenizer,DataCenterTools.Commands.MeasureTextTokenCommand'

        $eval = New-Jsonl (Join-Path $Dir 'eval.jsonl') @(@{ id = 'q1'; text = 'After the swap, the cooling fans returned to their normal speed and the alarms cleared' })
        $train = @([pscustomobject]@{ id = 'g'; text = $Good }, [pscustomobject]@{ id = 'o'; text = 'other text' }) | ConvertTo-Dataset
        $cut = $train | Test-TextContamination -Benchmark $eval -NGram 13 -Remove Cut -ReportVariable items
        $items[0].ItemId | Should -Be 'q1'
        $items[0].DocumentIds | Should -Be @('g')
        ($cut | ConvertFrom-Dataset)[0].text | Should -Not -Match 'alarms cleared'

        $shards = Join-Path $Dir 'shards'
        $manifest = $counted | Export-TrainingShard -Path $shards -ShardRows 1
        $manifest.Shards.File | Should -Be @('part-00000.jsonl.zst', 'part-00001.jsonl.zst')
        $manifest.Tokens | Should -Be 8
        $manifest.Shards[0].Sha256 | Should -Be (Get-FileHash (Join-Path $shards 'part-00000.jsonl.zst') -Algorithm SHA256).Hash.ToLowerInvariant()
        { $counted | Export-TrainingShard -Path $shards -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.FileExists,DataCenterTools.Commands.ExportTrainingShardCommand'
        $env:DATACENTERTOOLS_HOME = Join-Path $Dir 'home'
        try {
            $entry = Register-Dataset -Path (Join-Path $shards 'manifest.json') -Name corpus
            $entry.Rows | Should -Be 2
            $entry.Format | Should -Be 'TrainingShards'
        } finally { $env:DATACENTERTOOLS_HOME = $null }
    }

    It 'labels languages and keeps the ones asked for' {
        $ds = Import-Dataset (Join-Path $TextData 'demo-dataset.jsonl')
        $kept = $ds | Get-TextLanguage -Language zh -Candidate en, zh, fr, de
        $rows = $kept | ConvertFrom-Dataset
        $rows.language | Sort-Object -Unique | Should -Be 'zh'
        $rows.Count | Should -BeGreaterThan 0
    }
}

Describe 'Protect-Dataset -RedactSpans' {
    It 'replaces only the spans and keeps the rest of the text' {
        $ds = @([pscustomobject]@{ id = 't1'; text = 'Mail ana.silva@example.com or call +1 415 555 0132 from 10.20.30.40, thanks.' }) | ConvertTo-Dataset
        ($ds | Protect-Dataset -RedactSpans email, phone, ip | ConvertFrom-Dataset).text | Should -Be 'Mail <EMAIL> or call <PHONE> from <IP>, thanks.'
        { $ds | Protect-Dataset -RedactSpans email -TextColumn body -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.ColumnNotFound,DataCenterTools.Commands.ProtectDatasetCommand'
    }
}
