# -ThrottleLimit on the cmdlets that take many files: N at once gives what one at a time gives, in input order, and a
# bad file is one non-terminating error naming it while the others still come out.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:SavedEnvironment = Save-TestHome -Path (Join-Path $Dir 'home')
    # Six different slices of the shipped telemetry (120 rows each), so a file out of place changes the output.
    $lines = Get-Content (Join-Path $ExamplesData 'telemetry_sample.csv')
    $script:Files = foreach ($i in 0..5) {
        $f = Join-Path $Dir "slice$i.csv"
        Set-Content -LiteralPath $f -Value (@($lines[0]) + $lines[(1 + 120 * $i)..(120 * ($i + 1))])
        $f
    }
    $script:Ragged = Join-Path $Dir 'ragged.csv'
    Set-Content -LiteralPath $Ragged -Value "a,b`n1,2`n3,4,5`n6,7"
    $script:Mixed = @($Files[0], $Files[1], $Ragged, $Files[2], $Files[3])
    $script:Pass = ConvertTo-SecureString 'correct horse battery' -AsPlainText -Force
    function script:ConvertTo-Text($Objects) { @($Objects | ForEach-Object { $_ | ConvertTo-Json -Depth 4 -Compress }) }
}
AfterAll {
    Restore-TestHome $SavedEnvironment
    Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
}

Describe 'Import-Dataset -ThrottleLimit' {
    It 'gives the same Datasets in the same order as -ThrottleLimit 1' {
        $serial = Import-Dataset $Files -ThrottleLimit 1
        $parallel = Import-Dataset $Files -ThrottleLimit 4
        $parallel.Count | Should -Be 6
        $parallel.Name | Should -Be @(0..5 | ForEach-Object { "slice$_" })
        $parallel.RowCount | Should -Be @(120, 120, 120, 120, 120, 120)
        ($parallel | ForEach-Object { ConvertTo-Text ($_ | ConvertFrom-Dataset) }) | Should -Be ($serial | ForEach-Object { ConvertTo-Text ($_ | ConvertFrom-Dataset) })
        ($parallel[3] | ConvertFrom-Dataset)[0].host | Should -Be (Import-Csv $Files[3])[0].host
    }

    It 'reports a bad file once, with its path, and still reads the others in order (pipeline input too)' {
        $out = $Mixed | Get-Item | Import-Dataset -ThrottleLimit 3 -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Name | Should -Be @('slice0', 'slice1', 'slice2', 'slice3')
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CsvRaggedRow,*'
        $err[0].TargetObject | Should -Be $Ragged
    }

    It 'rejects a -ThrottleLimit outside 1-64' {
        { Import-Dataset $Files -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Import-Dataset $Files -ThrottleLimit 65 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'Get-DataDistribution -Path -ThrottleLimit' {
    It 'gives the same results in the same order as -ThrottleLimit 1, streamed and as summaries' {
        $serial = Get-DataDistribution -Path $Files -Column power_w, status -ThrottleLimit 1
        $parallel = Get-DataDistribution -Path $Files -Column power_w, status -ThrottleLimit 4
        $parallel.Count | Should -Be 12
        ConvertTo-Text $parallel | Should -Be (ConvertTo-Text $serial)
        # Each file's power_w count is that slice's numeric values (empty and NA are missing), file by file.
        $expected = foreach ($f in $Files) { @(Import-Csv $f | Where-Object power_w -Match '^[0-9.]+$').Count }
        @($parallel | Where-Object Column -eq 'power_w' | ForEach-Object Count) | Should -Be $expected
        $summaries = Get-ChildItem $Files | Get-DataDistribution -AsSummary -ThrottleLimit 3
        ConvertTo-Text $summaries | Should -Be (ConvertTo-Text (Get-ChildItem $Files | Get-DataDistribution -AsSummary))
    }

    It 'reports a bad file once, with its path, and describes the others in order' {
        $out = Get-DataDistribution -Path $Mixed -Column power_w -ThrottleLimit 4 -ErrorVariable err -ErrorAction SilentlyContinue
        @($out | ForEach-Object Count) | Should -Be @(foreach ($f in $Files[0..3]) { @(Import-Csv $f | Where-Object power_w -Match '^[0-9.]+$').Count })
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CsvRaggedRow,*'
        $err[0].TargetObject | Should -Be $Ragged
    }
}

Describe 'Protect-DataFile and Unprotect-DataFile -ThrottleLimit' {
    BeforeAll {
        $script:Plain = Join-Path $Dir 'plain'
        New-Item -ItemType Directory $Plain | Out-Null
        foreach ($f in $Files) { Copy-Item $f $Plain }
        $script:AuditBefore = 0   # a fresh home: no audit log yet
    }

    It 'encrypts every file, in input order, with an audit record for each' {
        $sources = @(Get-ChildItem $Plain -Filter *.csv | Sort-Object Name)
        $one = Join-Path $Dir 'enc1'; $four = Join-Path $Dir 'enc4'
        New-Item -ItemType Directory $one, $four | Out-Null
        $serial = $sources | Protect-DataFile -Passphrase $Pass -Destination $one -ThrottleLimit 1
        $parallel = $sources | Protect-DataFile -Passphrase $Pass -Destination $four -ThrottleLimit 4
        $parallel.Source | Should -Be $sources.FullName
        $parallel.PlaintextSha256 | Should -Be @($sources | ForEach-Object { (Get-FileHash $_ -Algorithm SHA256).Hash.ToLowerInvariant() })
        $parallel.PlaintextSha256 | Should -Be $serial.PlaintextSha256
        $check = Test-DataAuditLog
        $check.Valid | Should -BeTrue
        $check.RecordCount | Should -Be ($AuditBefore + 12)
        $targets = @(Get-DataAuditLog | Select-Object -Skip ($AuditBefore + 6) | ForEach-Object Target | Sort-Object)
        $targets | Should -Be @($parallel.Destination | Sort-Object)
    }

    It 'decrypts them back in order and reports a damaged file once, with its path' {
        $four = Join-Path $Dir 'enc4'
        $bad = Join-Path $four 'slice2.csv.gpg'
        [System.IO.File]::WriteAllBytes($bad, [byte[]](1..200))
        $back = Join-Path $Dir 'back'
        New-Item -ItemType Directory $back | Out-Null
        $inputs = @(Get-ChildItem $four -Filter *.gpg | Sort-Object Name)
        $out = $inputs | Unprotect-DataFile -Passphrase $Pass -Destination $back -ThrottleLimit 4 -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Destination | Should -Be @(0, 1, 3, 4, 5 | ForEach-Object { Join-Path $back "slice$_.csv" })
        foreach ($i in 0, 1, 3, 4, 5) { (Get-FileHash (Join-Path $back "slice$i.csv")).Hash | Should -Be (Get-FileHash $Files[$i]).Hash }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.*'
        $err[0].TargetObject | Should -Be $bad
        @(Get-ChildItem -Force $back).Count | Should -Be 5 -Because 'the damaged file leaves no output or temp file'
    }

    It 'refuses two inputs that would write the same output' {
        $twin = Join-Path $Dir 'twin'
        New-Item -ItemType Directory $twin | Out-Null
        Copy-Item $Files[0] $twin
        $dest = Join-Path $Dir 'twin-out'
        New-Item -ItemType Directory $dest | Out-Null
        $out = Protect-DataFile -Path (Join-Path $Plain 'slice0.csv'), (Join-Path $twin 'slice0.csv') -Passphrase $Pass -Destination $dest -ThrottleLimit 2 -ErrorVariable err -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DestinationAmbiguous,*'
        $err[0].TargetObject | Should -Be (Join-Path $twin 'slice0.csv')
    }
}

Describe 'The text pipeline -ThrottleLimit (Test-TextQuality -Path)' {
    BeforeAll {
        $script:Corpus = Join-Path $Dir 'corpus'
        New-Item -ItemType Directory $Corpus | Out-Null
        $script:TextFiles = foreach ($name in 'cc_en_head-0091', 'cc_en_head-0174', 'demo-dataset', 'redpajama-c4-refined') {
            Copy-Item (Join-Path $ExamplesData "text/$name.jsonl") $Corpus -PassThru | ForEach-Object FullName
        }
        function script:Get-Outputs([string] $Folder) {
            @(Get-ChildItem $Folder -Filter *.jsonl.zst | Sort-Object Name | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" })
        }
    }

    It 'writes the same files and results, in the same order, as -ThrottleLimit 1' {
        $one = Join-Path $Dir 'q1'; $four = Join-Path $Dir 'q4'
        $serial = Test-TextQuality -Path $TextFiles -OutputPath $one -ThrottleLimit 1
        $parallel = Test-TextQuality -Path $TextFiles -OutputPath $four -ThrottleLimit 4
        $parallel.Name | Should -Be @('cc_en_head-0091', 'cc_en_head-0174', 'demo-dataset', 'redpajama-c4-refined')
        $parallel.DocumentsIn | Should -Be @(10, 10, 11, 10)
        $parallel.DocumentsOut | Should -Be $serial.DocumentsOut
        (Get-Outputs $four).Count | Should -Be 4
        Get-Outputs $four | Should -Be (Get-Outputs $one)
        # Every file is in the run manifest, so a second run skips them all.
        (Test-TextQuality -Path $TextFiles -OutputPath $four -ThrottleLimit 4).Skipped | Should -Be @($true, $true, $true, $true)
    }

    It 'reports a bad file once, with its path, and still writes the others' {
        $bad = Join-Path $Corpus 'broken.jsonl'
        Set-Content -LiteralPath $bad -Value "{`"text`": `"fine`"}`n{not json"
        $out = Test-TextQuality -Path ($TextFiles[0], $bad, $TextFiles[1]) -OutputPath (Join-Path $Dir 'qbad') -ThrottleLimit 3 -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Name | Should -Be @('cc_en_head-0091', 'cc_en_head-0174')
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.*'
        $err[0].TargetObject | Should -Be $bad
    }
}
