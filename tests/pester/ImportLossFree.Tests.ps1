# Issue 12 "Import that loses nothing" and issue 13 "Silent loss and unbounded memory", as a user drives Import-Dataset.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:TestData = Join-Path $PSScriptRoot '../data'
    $script:Manifest = (Get-Module DataCenterTools).Path -replace '\.dll$', '.psd1'
    if (-not (Test-Path $Manifest)) { $script:Manifest = Join-Path (Split-Path (Get-Module DataCenterTools).Path) 'DataCenterTools.psd1' }
    $script:AdultHeader = 'age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation', 'relationship',
        'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income'

    # Runs $Command in a fresh pwsh whose managed heap is capped (DOTNET_GCHeapHardLimit), so a read that does not stop in
    # time fails with OutOfMemory instead of the expected DataCenterTools error. Returns what the command printed.
    function Invoke-Capped([string] $Command, [string] $Limit = '0x30000000') {
        $old = $env:DOTNET_GCHeapHardLimit
        $env:DOTNET_GCHeapHardLimit = $Limit
        try {
            $out = & dotnet pwsh -NoProfile -Command "Import-Module '$Manifest'; try { $Command } catch { `$_.FullyQualifiedErrorId }" 2>&1
        }
        finally { $env:DOTNET_GCHeapHardLimit = $old }
        ($out | Out-String).Trim()
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Import-Dataset reads real files completely' {
    It 'reads the IMDB excerpt whole with -Quote None, and warns naming line 19 without it' {
        $file = Join-Path $TestData 'imdb_labelled_excerpt.txt'
        $ds = Import-Dataset $file -NoHeader -Header sentence, label -Delimiter tab -Quote None
        $ds.RowCount | Should -Be 120
        $ds.ImportReport.Complete | Should -BeTrue
        $lossy = Import-Dataset $file -NoHeader -Delimiter tab -WarningVariable w -WarningAction SilentlyContinue -Verbose 4>&1
        $verbose = $lossy | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $data = $lossy | Where-Object { $_ -is [DataCenterTools.Core.Data.Dataset] }
        $data.RowCount | Should -BeLessThan 120
        ($w -join "`n") | Should -Match 'Line 19 .*to line 20 \(2 lines\).*-Quote None'
        ($verbose.Message -join "`n") | Should -Match "rows from 120 lines.*fewer rows than lines"
    }

    It 'reads the Adult excerpt: 400 rows, trimmed strings, ? as missing (and all 32,561 rows of the shared file when present)' {
        $ds = Import-Dataset (Join-Path $TestData 'adult_excerpt.data') -NoHeader -Header $AdultHeader -TrimSpace -NullValue '?'
        $ds.RowCount | Should -Be 400
        $ds.Schema['workclass'].Nulls | Should -Be 22
        ($ds | ConvertFrom-Dataset -First 1).workclass | Should -Be 'State-gov'
        $shared = Join-Path $PSScriptRoot '../../../shared/data/adult/adult.data'
        if (Test-Path $shared) {
            $full = Import-Dataset $shared -NoHeader -Header $AdultHeader -Delimiter ', ' -NullValue '?'
            $full.RowCount | Should -Be 32561
            $full.Schema['occupation'].Nulls | Should -Be 1843
        }
    }

    It 'names a headerless file with -Header and rejects a count that does not match' {
        $f = Join-Path $Dir 'nohead.csv'
        Set-Content $f "1,a`n2,b" -NoNewline
        (Import-Dataset $f -NoHeader -Header id, host).Schema.Name | Should -Be @('id', 'host')
        { Import-Dataset $f -NoHeader -Header id -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.HeaderMismatch,*'
    }

    It 'keeps codes and big integers as text and warns when a number column turns to text' {
        $f = Join-Path $Dir 'codes.csv'
        Set-Content $f "zip,id,n`n00501,9223372036854775807,1`n02134,9223372036854775808,x" -NoNewline
        $ds = Import-Dataset $f -WarningVariable w -WarningAction SilentlyContinue
        $ds.Schema.Type | Should -Be @('String', 'String', 'String')
        ($ds | ConvertFrom-Dataset -First 1).zip | Should -Be '00501'
        ($w -join "`n") | Should -Match "'n'.*line 3.*'x'"
        ($w -join "`n") | Should -Match "'id'.*too large for Int64"
    }

    It 'fails a "1"x field with CsvQuoteInvalid' {
        $f = Join-Path $Dir 'quote.csv'
        Set-Content $f "a,b`n`"1`"x,2" -NoNewline
        { Import-Dataset $f -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.CsvQuoteInvalid,*'
    }
}

Describe 'Import-Dataset fails loudly instead of losing data' {
    It 'reports a truncated .gz as CompressedFileTruncated and returns nothing' {
        $raw = [Text.Encoding]::ASCII.GetBytes("id,v`n" + (([string[]](0..99999) -replace '^(\d+)$', '$1,7') -join "`n") + "`n")
        $ms = [IO.MemoryStream]::new()
        $gz = [IO.Compression.GZipStream]::new($ms, [IO.Compression.CompressionLevel]::Optimal, $true)
        $gz.Write($raw, 0, $raw.Length); $gz.Dispose()
        $bytes = $ms.ToArray()
        $f = Join-Path $Dir 'cut.csv.gz'
        [IO.File]::WriteAllBytes($f, $bytes[0..([int]($bytes.Length * 2 / 3))])
        $result = Import-Dataset $f -ErrorVariable err -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CompressedFileTruncated,*'
        $err[0].Exception.Message | Should -Match 'cut\.csv\.gz'
    }

    It 'stops a 4 GiB gzip bomb of 1,2 rows and a JSON Lines file adding a key per line early, under a 768 MB heap cap' {
        $row = [Text.Encoding]::ASCII.GetBytes("1,2`n" * (4 * 1024 * 1024)) # 16 MiB
        $ms = [IO.MemoryStream]::new()
        $gz = [IO.Compression.GZipStream]::new($ms, [IO.Compression.CompressionLevel]::SmallestSize, $true)
        $gz.Write($row, 0, $row.Length); $gz.Dispose()
        $member = $ms.ToArray()
        $bomb = Join-Path $Dir 'bomb.csv.gz'
        $file = [IO.File]::Create($bomb)
        try { for ($i = 0; $i -lt 256; $i++) { $file.Write($member, 0, $member.Length) } } finally { $file.Dispose() } # 4 GiB of rows
        (Get-Item $bomb).Length | Should -BeLessThan 8MB
        $keys = Join-Path $Dir 'keys.jsonl'
        [IO.File]::WriteAllLines($keys, [string[]]([string[]](1..49997) -replace '^(\d+)$', '{"key$1":$1}')) # 49,997 columns
        (Get-Item $keys).Length | Should -BeLessThan 1MB
        $ids = Invoke-Capped "Import-Dataset '$bomb', '$keys' -NoHeader -ErrorAction SilentlyContinue -ErrorVariable e; `$e | ForEach-Object FullyQualifiedErrorId; 'done'"
        $ids | Should -Match 'DataCenterTools\.DecompressionLimitExceeded,'
        $ids | Should -Match 'DataCenterTools\.TooManyColumns,'
        $ids | Should -Not -Match 'OutOfMemory'
    }

    It 'says how to raise a limit: <Id>' -ForEach @(
        @{ Id = 'TooManyColumns'; Text = ((1..20 | ForEach-Object { "c$_" }) -join ',') + "`n" + ((1..20) -join ','); Arguments = @{ MaxColumns = 10 }; Hint = '-MaxColumns' }
        @{ Id = 'TooManyCells'; Text = "a,b`n" + ((1..100 | ForEach-Object { "$_,$_" }) -join "`n"); Arguments = @{ MaxCells = 50 }; Hint = '-MaxCells' }
        @{ Id = 'FieldTooLarge'; Text = "a`n" + ('x' * 5000); Arguments = @{ MaxFieldLength = 100 }; Hint = '-MaxFieldLength' }
    ) {
        $f = Join-Path $Dir "$Id.csv"
        Set-Content $f $Text -NoNewline
        $result = Import-Dataset $f @Arguments -ErrorVariable err -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
        $err[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($Hint))
    }
}
