# House rules of the C# sources that the compiler does not check: a type other files use lives in a file named after
# it (companion options/results/enums used only beside their owner may share its file, and a family file is named in
# the plural: Vectors.cs, BoundExpressions.cs); a cmdlet's file is named after the cmdlet; progress activity ids come
# from the ProgressActivity enum, not from numbers picked per file. Each rule is checked on a fixture first.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    # A type referenced from this many other files is shared, not a companion.
    $script:SharedThreshold = 5
    $script:TypeDeclaration = '(?m)^(?:(?:public|internal|file|static|sealed|abstract|partial|readonly|ref|unsafe)\s+)*(?:class|record struct|record class|record|struct|enum|interface)\s+(\w+)'

    function Get-MisplacedType([hashtable] $Sources) {
        # How many files use each word, counted once, so each type costs one lookup.
        $filesUsing = [System.Collections.Generic.Dictionary[string, int]]::new([System.StringComparer]::Ordinal)
        foreach ($path in $Sources.Keys) {
            $set = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
            foreach ($word in [regex]::Matches($Sources[$path], '\w+')) { [void]$set.Add($word.Value) }
            foreach ($word in $set) { $count = 0; [void]$filesUsing.TryGetValue($word, [ref]$count); $filesUsing[$word] = $count + 1 }
        }
        foreach ($path in $Sources.Keys) {
            # A partial type may span Type.Part.cs files.
            $fileType = [System.IO.Path]::GetFileName($path).Split(".")[0]
            $declared = @([regex]::Matches($Sources[$path], $TypeDeclaration) | ForEach-Object { $_.Groups[1].Value })
            # A family file (Vectors.cs) is named in the plural and declares no type of its own name.
            if ($fileType.EndsWith('s') -and $declared -notcontains $fileType) { continue }
            foreach ($type in $declared) {
                if ($type -eq $fileType) { continue }
                $users = $filesUsing[$type] - 1
                if ($users -ge $SharedThreshold) { [pscustomobject]@{ Type = $type; File = $path; UsedBy = $users } }
            }
        }
    }

    function Get-SourceText {
        $sources = @{}
        foreach ($file in Get-ChildItem -Path (Join-Path $Root 'src') -Filter *.cs -Recurse) {
            if ($file.FullName -match '[\\/](obj|bin)[\\/]') { continue }
            $sources[$file.FullName.Substring($Root.Length + 1)] = [System.IO.File]::ReadAllText($file.FullName)
        }
        $sources
    }
}

Describe 'Types in files named after them' {
    It 'finds a shared type declared in another type''s file, and not a companion' {
        $fixture = @{ 'Data/Reader.cs' = "namespace N;`npublic sealed class Reader { }`npublic enum Shared { A }`npublic sealed record ReaderOptions;" }
        foreach ($i in 1..5) { $fixture["Use$i.cs"] = "class Use$i { Shared s; }" }
        $fixture['Other.cs'] = 'class Other { ReaderOptions o; }'
        $fixture['Things.cs'] = "namespace N;`npublic sealed class Thing { }"
        foreach ($i in 1..5) { $fixture["Use$i.cs"] += " Thing t;" }
        $found = @(Get-MisplacedType $fixture)
        $found.Type | Should -Be @('Shared')
        $found[0].UsedBy | Should -Be 5
    }

    It 'holds for the sources' {
        $found = Get-MisplacedType (Get-SourceText) | ForEach-Object { "$($_.Type) in $($_.File) (used by $($_.UsedBy) files)" }
        $found | Should -BeNullOrEmpty
    }
}

Describe 'Cmdlet files and progress ids' {
    It 'names every cmdlet file after its cmdlet' {
        $wrong = foreach ($file in Get-ChildItem -Path (Join-Path $Root 'src/DataCenterTools/Commands') -Filter *.cs) {
            $text = [System.IO.File]::ReadAllText($file.FullName)
            $cmdlet = [regex]::Match($text, '\[Cmdlet\((?:VerbsCommon|VerbsData|VerbsLifecycle|VerbsDiagnostic|VerbsSecurity|VerbsCommunications|VerbsOther)\.(\w+),\s*"(\w+)"')
            if (-not $cmdlet.Success) { "$($file.Name): no [Cmdlet] attribute"; continue }
            $expected = "$($cmdlet.Groups[1].Value)$($cmdlet.Groups[2].Value)Command.cs"
            if ($file.Name -ne $expected) { "$($file.Name) should be $expected" }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It 'takes every progress activity id from ProgressActivity' {
        [regex]::IsMatch('new ProgressRecord(7, "x", "y")', 'new ProgressRecord\(\s*\d') | Should -BeTrue
        $literal = foreach ($entry in (Get-SourceText).GetEnumerator()) {
            if ([regex]::IsMatch($entry.Value, 'new ProgressRecord\(\s*\d|const int activityId = \d')) { $entry.Key }
        }
        $literal | Should -BeNullOrEmpty
    }
}
