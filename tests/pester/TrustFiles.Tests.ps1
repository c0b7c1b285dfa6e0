# Files left behind, formula injection, store errors and access policies, as a user meets them from pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:OldHome = $env:DATACENTERTOOLS_HOME
    $script:OldCatalog = $env:DATACENTERTOOLS_CATALOG
    $script:Root = New-TestFolder
    $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home'
    $env:DATACENTERTOOLS_CATALOG = $null
    $script:Fixture = Join-Path $PSScriptRoot '../fixtures/store-format-1'
    $script:Key = Join-Path $Root 'k.key'
    New-DataProtectionKey -Path $Key | Out-Null
    $script:Formulas = @(
        [pscustomobject]@{ note = "=cmd|' /C calc'!A0"; delta = -1.5 }
        [pscustomobject]@{ note = '+1+1'; delta = 2.0 }
        [pscustomobject]@{ note = '@SUM(1+1)'; delta = 0.5 }
        [pscustomobject]@{ note = '=HYPERLINK("http://x","y")'; delta = -3.0 }
        [pscustomobject]@{ note = 'plain'; delta = 1.0 }
    ) | ConvertTo-Dataset
}

AfterAll {
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    $env:DATACENTERTOOLS_HOME = $OldHome
    $env:DATACENTERTOOLS_CATALOG = $OldCatalog
}

Describe 'Export-Dataset -EscapeFormula' {
    It 'prefixes a quote to string cells a spreadsheet would run, never to numbers' {
        $out = Join-Path $Root 'escaped.csv'
        $Formulas | Export-Dataset $out -EscapeFormula
        Get-Content $out | Should -Be @(
            'note,delta'
            "'=cmd|' /C calc'!A0,-1.5"
            "'+1+1,2.0"
            "'@SUM(1+1),0.5"
            '"''=HYPERLINK(""http://x"",""y"")",-3.0'
            'plain,1.0'
        )
    }

    It 'is off by default for data without personal data, and on for .csv when Find-SensitiveData finds some' {
        $plain = Join-Path $Root 'plain.csv'
        $Formulas | Export-Dataset $plain
        (Get-Content $plain)[1] | Should -Be "=cmd|' /C calc'!A0,-1.5"
        $people = @(
            [pscustomobject]@{ email = 'ann.lee@example.com'; note = '=1+2' }
            [pscustomobject]@{ email = 'bo.chen@example.org'; note = '-x' }
            [pscustomobject]@{ email = 'cy.diaz@example.net'; note = 'ok' }
        ) | ConvertTo-Dataset
        ($people | Find-SensitiveData).Column | Should -Contain 'email'
        $sensitive = Join-Path $Root 'people.csv'
        $people | Export-Dataset $sensitive
        Get-Content $sensitive | Select-Object -Skip 1 | Should -Be @('ann.lee@example.com,''=1+2', 'bo.chen@example.org,''-x', 'cy.diaz@example.net,ok')
        $people | Export-Dataset (Join-Path $Root 'people-raw.csv') -EscapeFormula:$false
        (Get-Content (Join-Path $Root 'people-raw.csv'))[1] | Should -Be 'ann.lee@example.com,=1+2'
        $people | Export-Dataset (Join-Path $Root 'people.tsv')
        (Get-Content (Join-Path $Root 'people.tsv'))[1] | Should -Be "ann.lee@example.com`t=1+2"
    }
}

Describe 'Temp files and races' {
    It 'leaves no temp file when the export fails, and a second export to the same new path is refused' {
        $out = Join-Path $Root 'once.parquet'
        $Formulas | Export-Dataset $out
        $Formulas | Export-Dataset $out -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        Get-ChildItem -Force $Root -Filter '.*.tmp' | Should -BeNullOrEmpty
    }
}

Describe 'Store errors carry DataCenterTools ids' {
    It 'a damaged backup config.json is BackupCorrupt, an unknown format StoreFormatUnsupported' {
        $repo = Join-Path $Root 'repo'
        Copy-Item -Recurse (Join-Path $Fixture 'backup') $repo
        Copy-Item (Join-Path $Fixture 'backup.key') (Join-Path $Root 'fixture.key'); chmod 600 (Join-Path $Root 'fixture.key')
        (Get-DatasetBackup $repo -KeyPath (Join-Path $Root 'fixture.key')).Files.Name | Should -Be 'hosts.csv'
        [IO.File]::WriteAllText((Join-Path $repo 'config.json'), 'null')
        { Get-DatasetBackup $repo -KeyPath (Join-Path $Root 'fixture.key') -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.BackupCorrupt,*'
        [IO.File]::WriteAllText((Join-Path $repo 'config.json'), '{"Format":99,"KeyKind":"keyfile","Salt":null,"KeyCheck":"466da2708e3736a8e262e51750521b117b2f2a1821a84f52a8e5ea76a130b65b"}')
        { Get-DatasetBackup $repo -KeyPath (Join-Path $Root 'fixture.key') -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.StoreFormatUnsupported,*'
    }

    It 'a version manifest that fails its check is VersionManifestCorrupt, for -List too' {
        $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home-fixture'
        try {
            Copy-Item -Recurse (Join-Path $Fixture 'versions') (Join-Path $env:DATACENTERTOOLS_HOME 'versions') -Force -ErrorAction SilentlyContinue
            if (-not (Test-Path (Join-Path $env:DATACENTERTOOLS_HOME 'versions/names'))) { New-Item -ItemType Directory $env:DATACENTERTOOLS_HOME -Force | Out-Null; Copy-Item -Recurse (Join-Path $Fixture 'versions') (Join-Path $env:DATACENTERTOOLS_HOME 'versions') }
            (Get-DatasetVersion hosts -Version 1).RowCount | Should -Be 3
            [IO.File]::WriteAllText((Join-Path $env:DATACENTERTOOLS_HOME 'versions/names/hosts/1.json'), 'null')
            Get-DatasetVersion -List -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.VersionManifestCorrupt,*'
            Get-DatasetVersion hosts -Version 1 -ErrorVariable err2 -ErrorAction SilentlyContinue | Out-Null
            $err2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.VersionManifestCorrupt,*'
            (Get-DatasetVersion hosts -Version 2).RowCount | Should -Be 4
        }
        finally { $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home' }
    }
}

Describe 'Access policies and encryption at rest' {
    It 'an encrypted version store needs its key' {
        $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home-encrypted'
        try {
            $Formulas | Save-DatasetVersion -Name notes -KeyPath $Key | Out-Null
            { Get-DatasetVersion notes -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.VersionStoreKeyRequired,*'
            (Get-DatasetVersion notes -KeyPath $Key).RowCount | Should -Be 5
            Get-ChildItem -Recurse -File (Join-Path $env:DATACENTERTOOLS_HOME 'versions') | ForEach-Object { [IO.File]::ReadAllText($_.FullName) } | Should -Not -Match 'HYPERLINK|notes'
        }
        finally { $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home' }
    }

    It 'Import-Dataset -CatalogName refuses a reader the policy does not name, and audits it; catalog.db is owner-only' {
        $csv = Join-Path $Root 'gpu.csv'
        "host,gpus`nnode-01,8`n" | Set-Content $csv
        $me = [Environment]::UserName
        (Register-Dataset -Path $csv -Name gpu -Reader 'someone-else').Access.Readers | Should -Be 'user:someone-else'
        (Get-Item (Join-Path $env:DATACENTERTOOLS_HOME 'catalog.db')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        { Import-Dataset -CatalogName gpu -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.AccessDenied,*'
        $denial = Get-Content (Join-Path $env:DATACENTERTOOLS_HOME 'audit.jsonl') | ConvertFrom-Json | Select-Object -Last 1
        $denial.operation | Should -Be 'Import-Dataset denied'
        $denial.target | Should -Be "catalog entry 'gpu'"
        $denial.user | Should -Be $me
        Get-DatasetCatalog | Where-Object Name -eq gpu | Should -BeNullOrEmpty
        (Register-Dataset -Path $csv -Name gpu -Reader $me).Version | Should -Be 2
        (Import-Dataset -CatalogName gpu).RowCount | Should -Be 1
    }

    It 'Restore-Dataset refuses a symlink under the destination' {
        $repo = Join-Path $Root 'repo-links'
        $src = Join-Path $Root 'tree'; New-Item -ItemType Directory (Join-Path $src 'sub2') -Force | Out-Null
        'a,b' | Set-Content (Join-Path $src 'sub2/file.csv')
        Backup-Dataset -Path $src -Destination $repo -KeyPath $Key | Out-Null
        $dest = Join-Path $Root 'dest'; $outside = Join-Path $Root 'outside'
        New-Item -ItemType Directory $dest, $outside | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $dest 'tree') -Target $outside | Out-Null
        Restore-Dataset -Source $repo -Destination $dest -KeyPath $Key -Force -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DestinationHasSymlink,*'
        Get-ChildItem -Force -Recurse $outside | Should -BeNullOrEmpty
    }
}
