# Expected figures: Fleiss (1971) kappa 0.430 on examples/data/diagnoses.csv; Cohen's kappa from Debian's
# scikit-learn 1.2.1 cohen_kappa_score (/usr/bin/python3); fixtures follow Label Studio's documented export formats.
BeforeDiscovery {
    # Real crowd labels (RTE) live in ../shared, which is not shipped (no licence): that test skips without it.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Rte = Find-SharedData 'annotators/snow2008/rte.standardized.tsv'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Diagnoses = Join-Path $ExamplesData 'diagnoses.csv'
    $script:Rte = Find-SharedData 'annotators/snow2008/rte.standardized.tsv'
    $script:Dir = New-TestFolder
    $script:FullJson = Join-Path $Dir 'export.json'
    Set-Content -LiteralPath $FullJson -Value @'
[
  {"id": 1, "data": {"text": "great"}, "annotations": [
    {"id": 11, "completed_by": 1, "result": [{"value": {"choices": ["Positive"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]},
    {"id": 12, "completed_by": 2, "result": [{"value": {"choices": ["Positive"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]}]},
  {"id": 2, "data": {"text": "awful"}, "annotations": [
    {"id": 21, "completed_by": 1, "result": [{"value": {"choices": ["Negative"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]},
    {"id": 22, "completed_by": 2, "result": [{"value": {"choices": ["Positive"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]},
    {"id": 23, "completed_by": 3, "result": [{"value": {"choices": ["Negative"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]}]},
  {"id": 3, "data": {"text": "unseen"}, "annotations": []}
]
'@
}

AfterAll { Remove-Item -LiteralPath $Dir -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Import-DatasetLabel' {
    It 'reads a Label Studio JSON export into item, annotator, label and warns about the unlabelled task' {
        $labels = Import-DatasetLabel $FullJson -WarningVariable warn -WarningAction SilentlyContinue
        $labels | Should -BeOfType ([DataCenterTools.Core.Data.Dataset])
        $labels.Schema.Name | Should -Be @('item', 'annotator', 'label')
        $labels.RowCount | Should -Be 5
        $rows = $labels | ConvertFrom-Dataset
        ($rows | Where-Object item -EQ '2').label | Should -Be @('Negative', 'Positive', 'Negative')
        $warn | Should -HaveCount 1
        "$warn" | Should -BeLike '*1 task(s)*no label*'
    }

    It 'reads a Label Studio CSV export, naming the control with -LabelColumn' {
        $csv = Join-Path $Dir 'export.csv'
        Set-Content -LiteralPath $csv -Value @(
            'annotation_id,annotator,created_at,id,lead_time,sentiment,text,updated_at'
            '11,1,2024-03-01T10:00:00Z,1,3.2,Positive,great,2024-03-01T10:00:00Z'
            '12,2,2024-03-01T11:00:00Z,1,1.5,"{""choices"": [""Positive"", ""Neutral""]}",great,2024-03-01T11:00:00Z'
        )
        $err = $null
        Import-DatasetLabel $csv -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.LabelColumnRequired,*'
        $labels = Import-DatasetLabel $csv -LabelColumn sentiment -WarningVariable warn -WarningAction SilentlyContinue
        ($labels | ConvertFrom-Dataset).label | Should -Be @('Positive', 'Positive;Neutral')
        "$warn" | Should -BeLike '*several labels*'
        $labels.Schema.Name | Should -Contain 'time'
    }

    It 'turns a wide table into long form' {
        $labels = Import-DatasetLabel $Diagnoses -Format Wide
        $labels.RowCount | Should -Be 180
        ($labels | ConvertFrom-Dataset | Select-Object -First 2).annotator | Should -Be @('rater1', 'rater2')
    }

    It 'renames a long Dataset''s columns with -ItemColumn, -AnnotatorColumn and -LabelColumn' {
        $ds = [pscustomobject]@{ task = 'a'; who = 'w1'; answer = 'yes' }, [pscustomobject]@{ task = 'a'; who = 'w2'; answer = 'no' } | ConvertTo-Dataset
        $labels = $ds | Import-DatasetLabel -ItemColumn task -AnnotatorColumn who -LabelColumn answer -Format Long
        ($labels | ConvertFrom-Dataset).annotator | Should -Be @('w1', 'w2')
    }

    It 'rejects JSON that is not a Label Studio export with DataCenterTools.NotLabelStudioExport' {
        $bad = Join-Path $Dir 'bad.json'
        Set-Content -LiteralPath $bad -Value '{"tasks": []}'
        $err = $null
        Import-DatasetLabel $bad -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.NotLabelStudioExport,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }
}

Describe 'Measure-LabelAgreement' {
    It 'gives Fleiss'' published kappa 0.430 on the psychiatric diagnoses' {
        $agreement = Import-DatasetLabel $Diagnoses -Format Wide | Measure-LabelAgreement
        $agreement | Should -BeOfType ([DataCenterTools.Core.Labeling.LabelAgreement])
        [math]::Round($agreement.FleissKappa, 3) | Should -Be 0.430
        $agreement.Items | Should -Be 30
        $agreement.AnnotatorCount | Should -Be 6
        $agreement.Pairs | Should -HaveCount 15
        $agreement.Annotators | Should -HaveCount 6
        ($agreement | Format-Table | Out-String) | Should -BeLike '*FleissKappa*0.43*'
    }

    It 'warns that kappa is undefined for one annotator' {
        $solo = [pscustomobject]@{ item = '1'; annotator = 'a'; label = 'x' } | ConvertTo-Dataset
        $result = $solo | Measure-LabelAgreement -WarningVariable warn -WarningAction SilentlyContinue
        [double]::IsNaN($result.FleissKappa) | Should -BeTrue
        "$warn" | Should -BeLike '*undefined*'
    }

    It 'warns about labels outside -Order and keeps them' {
        $result = Import-DatasetLabel $FullJson -WarningAction SilentlyContinue |
            Measure-LabelAgreement -Order Positive -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -BeLike '*DataCenterTools.LabelNotDeclared*Negative*'
        $result.Categories | Should -Be @('Positive', 'Negative')
        $result.LabelRows | Should -Be 5
    }

    It 'weights kappa for the ordered vision grades as scikit-learn does' {
        # Stuart (1953): the grades of 7,477 women's right and left eyes, shipped as the published 4 x 4 table of
        # counts (tests/fixtures/annotators/NOTICE.md) and written out here as one row per woman.
        $wide = Join-Path $Dir 'vision.csv'
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add('r.eye,l.eye')
        foreach ($cell in Import-Csv (Join-Path $PSScriptRoot '../fixtures/annotators/stuart1953-vision.csv')) {
            for ($i = 0; $i -lt [int]$cell.women; $i++) { $lines.Add("$($cell.right_eye),$($cell.left_eye)") }
        }
        $lines.Count | Should -Be 7478
        Set-Content -LiteralPath $wide -Value $lines
        $labels = Import-DatasetLabel $wide -Format Wide
        # Debian's scikit-learn 1.2.1 on irr's vision data (the same counts):
        # cohen_kappa_score(r.eye, l.eye, weights=None/'linear'/'quadratic')
        $expected = @{ None = 0.5953888280894342; Linear = 0.6523804295005982; Quadratic = 0.7023342524900977 }
        foreach ($w in 'None', 'Linear', 'Quadratic') {
            $pair = ($labels | Measure-LabelAgreement -Weight $w).Pairs
            [math]::Abs($pair.Kappa - $expected[$w]) | Should -BeLessThan 1e-12
        }
    }

    It 'names the missing column with DataCenterTools.ColumnNotFound' {
        $err = $null
        Import-Dataset $Diagnoses | Measure-LabelAgreement -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
    }
}

Describe 'Merge-DatasetLabel' {
    It 'takes the majority label with its vote share and agreement' {
        $merged = Import-DatasetLabel $FullJson -WarningAction SilentlyContinue | Merge-DatasetLabel
        $merged.Schema.Name | Should -Be @('item', 'label', 'confidence', 'annotators', 'agreement', 'tied')
        $rows = $merged | ConvertFrom-Dataset
        $rows.label | Should -Be @('Positive', 'Negative')
        [math]::Abs($rows[1].confidence - 2 / 3) | Should -BeLessThan 1e-12
        [math]::Abs($rows[1].agreement - 1 / 3) | Should -BeLessThan 1e-12
        $rows.annotators | Should -Be @(2, 3)
    }

    It 'reports ties and leaves them empty with -TieBreak Missing' {
        $ds = [pscustomobject]@{ item = '1'; annotator = 'a'; label = 'x' }, [pscustomobject]@{ item = '1'; annotator = 'b'; label = 'y' } | ConvertTo-Dataset
        $rows = $ds | Merge-DatasetLabel -TieBreak Missing -WarningVariable warn -WarningAction SilentlyContinue | ConvertFrom-Dataset
        $rows.label | Should -BeNullOrEmpty
        $rows.tied | Should -BeTrue
        "$warn" | Should -BeLike '*1 item(s)*tied*'
    }

    It 'returns per-annotator accuracy with -AnnotatorReport' {
        $report = Import-DatasetLabel $FullJson -WarningAction SilentlyContinue | Merge-DatasetLabel -AnnotatorReport
        $report[0] | Should -BeOfType ([DataCenterTools.Core.Labeling.AnnotatorAccuracy])
        $report.Annotator | Should -Be @('1', '2', '3')
        $report.Accuracy | Should -Be @(1.0, 0.5, 1.0)
    }

    # The RTE labels are not shipped (no licence): where ../shared is absent this is skipped and ./build.sh test names it.
    It 'beats majority vote with Dawid-Skene on the RTE crowd labels (needs ../shared/data/annotators)' -Skip:(-not $Rte) {
        $raw = Import-Dataset $Rte
        $labels = $raw | Import-DatasetLabel -Format Long -ItemColumn orig_id -AnnotatorColumn '!amt_worker_ids' -LabelColumn response
        $gold = @{}
        foreach ($row in $raw | ConvertFrom-Dataset) { $gold["$($row.orig_id)"] = "$($row.gold)" }
        $score = {
            param($merged)
            $rows = $merged | ConvertFrom-Dataset
            @($rows | Where-Object { $_.label -eq $gold[$_.item] }).Count / $rows.Count
        }
        $mv = & $score ($labels | Merge-DatasetLabel -Method MajorityVote -WarningAction SilentlyContinue)
        $ds = & $score ($labels | Merge-DatasetLabel -Method DawidSkene)
        $ds | Should -BeGreaterThan $mv
    }
}
