BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Three annotators on five items (the xunit GoldLabelTests case): majority x, y, y, x, y against gold x, y, x, x, y.
    $script:Labels = @(
        foreach ($row in 'x,x,y', 'y,y,y', 'x,y,y', 'x,x,x', 'y,x,y') {
            $item = ++$i
            $votes = $row -split ','
            foreach ($a in 0..2) { [pscustomobject]@{ item = "$item"; annotator = 'abc'[$a].ToString(); label = $votes[$a] } }
        }
        [pscustomobject]@{ item = '6'; annotator = 'a'; label = 'x' }
    ) | ConvertTo-Dataset -Name crowd
    $script:Gold = @(
        foreach ($pair in '1=x', '2=y', '3=x', '4=x', '5=y', '7=x') { $k, $v = $pair -split '='; [pscustomobject]@{ item = $k; truth = $v } }
    ) | ConvertTo-Dataset -Name gold
}

Describe 'Test-DatasetLabel' {
    It 'scores the merged labels and each annotator against gold, and warns about items on one side only' {
        $r = $Labels | Test-DatasetLabel -Gold $Gold -GoldLabelColumn truth -WarningVariable warned -WarningAction SilentlyContinue
        $r.Items | Should -Be 5
        $r.Correct | Should -Be 4
        $r.Accuracy | Should -Be 0.8
        $r.Method | Should -Be 'MajorityVote'
        # scikit-learn precision_score / recall_score(gold, merged, average=None): [1.0, 0.667] and [0.667, 1.0].
        $r.PerClass[0].Precision | Should -Be 1
        [math]::Round($r.PerClass[1].Precision, 4) | Should -Be 0.6667
        ($r.Annotators | ForEach-Object { '{0}={1}' -f $_.Annotator, $_.Accuracy }) -join ' ' | Should -Be 'a=1 b=0.6 c=0.6'
        $warned[0] | Should -Match '1 labelled item\(s\) have no gold label and 1 gold item\(s\) have no label'
        $text = $r | Format-Table | Out-String -Width 80
        $text | Should -Match 'crowd\s+MajorityVote\s+5\s+4\s+0\.8000\s+3'
        ($r.Annotators | Format-Table | Out-String) | Should -Match '(?m)^a\s+5\s+5\s+1\.0000'
    }

    It 'compares one label per item as it is, and names a missing column' {
        $merged = $Labels | Merge-DatasetLabel
        $r = $merged | Test-DatasetLabel -Gold $Gold -GoldLabelColumn truth -WarningAction SilentlyContinue
        $r.Method | Should -BeNullOrEmpty
        $r.Accuracy | Should -Be 0.8
        $err = $null
        try { $Labels | Test-DatasetLabel -Gold $Gold -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
    }
}
