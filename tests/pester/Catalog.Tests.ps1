BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:SavedEnvironment = Save-TestHome -NoCatalog
    # 4 rows, 3 columns, 57 bytes; SHA-256 from `printf ... | sha256sum`.
    $script:Csv = Join-Path $Dir 'telemetry.csv'
    Set-Content -Path $Csv -Value "host,power_w,up`nr1,120.5,true`nr2,98,false`nr3,101.25,true`n" -NoNewline
    $script:CsvSha256 = '010aa6d4d15e9ebfdffbf5faccaf080898989e1341e7d537fe7a1e5e89eeca2d'

    # Each test gets its own empty catalog home.
    function Use-NewCatalogHome {
        $env:DATACENTERTOOLS_HOME = Join-Path $Dir ([guid]::NewGuid().ToString('N'))
        $env:DATACENTERTOOLS_HOME
    }

    function Get-ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }
}

AfterAll {
    Restore-TestHome $SavedEnvironment
    Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
}

Describe 'Register-Dataset and Get-DatasetCatalog' {
    BeforeEach { $script:CatalogHome = Use-NewCatalogHome }

    It 'records a file with its facts in catalog.db under DATACENTERTOOLS_HOME and numbers versions per name' {
        $first = Register-Dataset -Path $Csv -Name telemetry -Tag prod, gpu -Owner ops -Description 'rack power'
        Test-Path (Join-Path $CatalogHome 'catalog.db') | Should -BeTrue
        $first.Version | Should -Be 1
        $first.Location | Should -Be $Csv
        $first.Format | Should -Be 'Csv'
        $first.Rows | Should -Be 3
        $first.Columns | Should -Be 3
        $first.SizeBytes | Should -Be 57
        $first.Sha256 | Should -Be $CsvSha256
        ($first.Schema | ForEach-Object { "$($_.Name):$($_.Type)" }) -join ',' | Should -Be 'host:String,power_w:Double,up:Boolean'
        $first.Tags -join ',' | Should -Be 'prod,gpu'
        $first.Owner | Should -Be 'ops'
        $first.Sensitivity | Should -Be 'None'   # host names, numbers and booleans: nothing sensitive
        $first.RegisteredBy | Should -Be "$([Environment]::UserName)@$([Environment]::MachineName)"

        (Register-Dataset -Path $Csv -Name telemetry -Tag dev).Version | Should -Be 2
        Import-Dataset $Csv | Register-Dataset -Name sales -Owner finance | Out-Null

        $latest = Get-DatasetCatalog
        ($latest | ForEach-Object { "$($_.Name)/$($_.Version)" }) -join ' ' | Should -Be 'sales/1 telemetry/2'
        (Get-DatasetCatalog TELE* -AllVersions).Version -join ',' | Should -Be '1,2'
        (Get-DatasetCatalog -Tag pr* -AllVersions).Version | Should -Be 1
        @(Get-DatasetCatalog -Tag prod).Count | Should -Be 0   # the latest telemetry is tagged dev
        (Get-DatasetCatalog -Owner fin*).Name | Should -Be 'sales'
        (Get-DatasetCatalog telemetry -Version 1).Description | Should -Be 'rack power'
    }

    It 'shows entries in a table that fits 80 columns' {
        Register-Dataset -Path $Csv -Name a-rather-long-dataset-name -Tag prod, gpu, nightly | Out-Null
        $text = Get-DatasetCatalog | Format-Table | Out-String -Width 80
        $text | Should -Match 'Name\s+Ver\s+Rows\s+Cols\s+Size\s+Sensitivity\s+Tags\s+Registered'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'refuses a Dataset that is not a file and says to export it first' {
        $inMemory = Get-Process -Id $PID | ConvertTo-Dataset
        $inMemory | Register-Dataset -Name procs -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogDatasetNotSaved,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Export-Dataset'
        @(Get-DatasetCatalog -AllVersions).Count | Should -Be 0
    }

    It 'registers nothing with -WhatIf' {
        Register-Dataset -Path $Csv -Name telemetry -WhatIf | Should -BeNullOrEmpty
        @(Get-DatasetCatalog).Count | Should -Be 0
    }

    It 'gives two processes registering 20 entries each into one catalog 40 distinct versions' {
        $jobs = 1..2 | ForEach-Object {
            Start-Job -ScriptBlock {
                param($manifest, $catalogHome, $csv, $writer)
                $env:DATACENTERTOOLS_HOME = $catalogHome
                Import-Module $manifest
                1..20 | ForEach-Object { (Register-Dataset -Path $csv -Name shared -Tag "writer$writer" -ErrorAction Stop).Version }
            } -ArgumentList $env:DCT_MODULE_MANIFEST, $CatalogHome, $Csv, $_
        }
        $versions = $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        ($versions | Sort-Object) -join ',' | Should -Be ((1..40) -join ',')
        $entries = Get-DatasetCatalog shared -AllVersions
        $entries.Count | Should -Be 40
        @($entries | Where-Object { $_.Tags -contains 'writer1' }).Count | Should -Be 20
    }
}

Describe 'Import-Dataset -CatalogName' {
    BeforeAll {
        Use-NewCatalogHome | Out-Null
        $script:Copy = Join-Path $Dir 'registered.csv'
        Copy-Item $Csv $Copy
        Register-Dataset -Path $Copy -Name power | Out-Null
        Register-Dataset -Path $Csv -Name power | Out-Null
    }

    It 'opens the latest version, or the one asked for, after checking its hash' {
        $ds = Import-Dataset -CatalogName power
        $ds.RowCount | Should -Be 3
        $ds.Source.Path | Should -Be $Csv
        (Import-Dataset -CatalogName power -Version 1).Source.Path | Should -Be $Copy
    }

    It 'loads nothing from a file changed since registration and names both hashes' {
        Add-Content -Path $Copy -Value 'r4,77,true' -NoNewline
        $actual = (Get-FileHash $Copy -Algorithm SHA256).Hash.ToLowerInvariant()
        $result = Import-Dataset -CatalogName power -Version 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogHashMismatch,*'
        $err[0].ErrorDetails.Message | Should -Match ([regex]::Escape($Copy))
        $err[0].ErrorDetails.Message | Should -Match $CsvSha256
        $err[0].ErrorDetails.Message | Should -Match $actual
    }

    It 'reports an unknown name or version as CatalogEntryNotFound' {
        Import-Dataset -CatalogName nothing -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogEntryNotFound,*'
        Import-Dataset -CatalogName power -Version 9 -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogEntryNotFound,*'
    }
}

Describe 'Unregister-Dataset' {
    BeforeEach {
        Use-NewCatalogHome | Out-Null
        1..3 | ForEach-Object { Register-Dataset -Path $Csv -Name telemetry } | Out-Null
        Register-Dataset -Path $Csv -Name sales | Out-Null
    }

    It 'removes nothing with -WhatIf' {
        Unregister-Dataset telemetry -WhatIf
        @(Get-DatasetCatalog -AllVersions).Count | Should -Be 4
    }

    It 'removes the piped version only, keeps the file, and never reuses its number' {
        $removed = Get-DatasetCatalog telemetry | Unregister-Dataset -Confirm:$false -PassThru
        $removed.Version | Should -Be 3
        (Get-DatasetCatalog telemetry -AllVersions).Version -join ',' | Should -Be '1,2'
        Test-Path $Csv | Should -BeTrue
        (Register-Dataset -Path $Csv -Name telemetry).Version | Should -Be 4
    }

    It 'removes every version of a name and reports a name with no entries' {
        Unregister-Dataset tele* -Confirm:$false
        (Get-DatasetCatalog -AllVersions).Name | Should -Be 'sales'
        Unregister-Dataset nothing -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogEntryNotFound,*'
    }
}

Describe 'A PostgreSQL catalog that cannot be reached' {
    It 'is a quick CatalogUnavailable error naming host and port, from -ConnectionString or DATACENTERTOOLS_CATALOG' {
        $port = Get-ClosedPort
        Get-DatasetCatalog -ConnectionString "Host=127.0.0.1;Port=$port;Username=dct;Database=dct" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogUnavailable,*'
        $err[0].ErrorDetails.Message | Should -Match "127\.0\.0\.1:$port"

        $env:DATACENTERTOOLS_CATALOG = "Host=127.0.0.1;Port=$port;Username=dct;Database=dct"
        try {
            Register-Dataset -Path $Csv -Name t -ErrorVariable err2 -ErrorAction SilentlyContinue
            $err2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.CatalogUnavailable,*'
        }
        finally { $env:DATACENTERTOOLS_CATALOG = $null }
    }
}
