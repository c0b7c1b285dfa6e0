BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:OldHome = $env:DATACENTERTOOLS_HOME
    $script:Root = New-TestFolder
    $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home'
    $script:Key = Join-Path $Root 'backup.key'
    New-DataProtectionKey -Path $Key | Out-Null
    $script:OtherKey = Join-Path $Root 'other.key'
    New-DataProtectionKey -Path $OtherKey | Out-Null
    $script:Data = Join-Path $Root 'data'
    New-Item -ItemType Directory $Data | Out-Null
    Copy-Item (Join-Path $ExamplesData '*.csv') $Data
    function Get-Hashes([string] $Folder) {
        Get-ChildItem -Recurse -File $Folder | Sort-Object Name | ForEach-Object { "$($_.Name)=$((Get-FileHash $_.FullName -Algorithm SHA256).Hash)" }
    }
    function Set-FlippedByte([string] $Path) {
        $bytes = [IO.File]::ReadAllBytes($Path)
        $bytes[[int]($bytes.Length / 2)] = $bytes[[int]($bytes.Length / 2)] -bxor 0x20
        [IO.File]::WriteAllBytes($Path, $bytes)
    }
}

AfterAll {
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    $env:DATACENTERTOOLS_HOME = $OldHome
}

Describe 'Backup-Dataset, Test-DatasetBackup and Restore-Dataset with a key file' {
    BeforeAll { $script:Repo = Join-Path $Root 'repo' }

    It 'backs up files, then only what changed' {
        $s1 = Backup-Dataset -Path (Join-Path $Data '*.csv') -Destination $Repo -KeyPath $Key
        $s1.FileCount | Should -Be (Get-ChildItem (Join-Path $Data '*.csv')).Count
        $s1.NewChunks | Should -BeGreaterThan 0
        $s2 = Backup-Dataset -Path $Data -Destination $Repo -KeyPath $Key
        $s2.NewChunks | Should -Be 0
        $s2.Files[0].Name | Should -BeLike 'data/*'
        (Get-DatasetBackup $Repo).Id | Should -Be @($s1.Id, $s2.Id)
        (Get-DatasetBackup $Repo -KeyPath $Key)[0].Host | Should -Be ([Environment]::MachineName)
    }

    It 'verifies with -ReadData and restores byte for byte' {
        $check = Test-DatasetBackup $Repo -ReadData -KeyPath $Key
        $check.Passed | Should -BeTrue
        $check.Snapshots | Should -Be 2
        $out = Join-Path $Root 'restored'
        $files = Restore-Dataset -Source $Repo -Destination $out -KeyPath $Key
        $files.Count | Should -Be (Get-ChildItem (Join-Path $Data '*.csv')).Count
        Get-Hashes (Join-Path $out 'data') | Should -Be (Get-Hashes $Data)
    }

    It 'refuses to overwrite without -Force and restores nothing partially' {
        $out = Join-Path $Root 'restored'
        $latest = (Get-DatasetBackup $Repo)[-1].Id
        $stamp = (Get-ChildItem -Recurse -File $out)[0].LastWriteTimeUtc
        Restore-Dataset -Source $Repo -Snapshot $latest -Destination $out -KeyPath $Key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        (Get-ChildItem -Recurse -File $out)[0].LastWriteTimeUtc | Should -Be $stamp
        Restore-Dataset -Source $Repo -Snapshot $latest -Destination $out -KeyPath $Key -Force | Should -HaveCount (Get-ChildItem (Join-Path $Data '*.csv')).Count
    }

    It 'says clearly when the key is wrong or missing' {
        { Test-DatasetBackup $Repo -KeyPath $OtherKey } | Should -Throw -ErrorId 'DataCenterTools.BackupKeyMismatch,*'
        $pw = ConvertTo-SecureString 'not the key' -AsPlainText -Force
        { Test-DatasetBackup $Repo -Passphrase $pw } | Should -Throw -ErrorId 'DataCenterTools.BackupKeyMismatch,*'
        { Test-DatasetBackup $Repo } | Should -Throw -ErrorId 'DataCenterTools.BackupKeyRequired,*'
    }

    It 'prunes by policy: -WhatIf removes nothing, then only unneeded snapshots go' {
        Remove-DatasetBackup $Repo -KeepLast 1 -KeyPath $Key -WhatIf
        (Get-DatasetBackup $Repo).Count | Should -Be 2
        { Remove-DatasetBackup $Repo -KeyPath $Key -Confirm:$false } | Should -Throw -ErrorId 'DataCenterTools.NoRetentionPolicy,*'
        $removed = Remove-DatasetBackup $Repo -KeepLast 1 -KeyPath $Key -Confirm:$false -PassThru
        $removed.Count | Should -Be 1
        (Get-DatasetBackup $Repo).Count | Should -Be 1
        (Test-DatasetBackup $Repo -ReadData -KeyPath $Key).Passed | Should -BeTrue
    }

    It 'names a flipped byte in a chunk and in a manifest' {
        $chunk = Get-ChildItem -Recurse -File (Join-Path $Repo 'chunks') | Select-Object -First 1
        Set-FlippedByte $chunk.FullName
        (Test-DatasetBackup $Repo -KeyPath $Key).Passed | Should -BeTrue  # present: only -ReadData reads it
        $check = Test-DatasetBackup $Repo -ReadData -KeyPath $Key -ErrorVariable err -ErrorAction SilentlyContinue
        $check.Passed | Should -BeFalse
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.BackupCorrupt,*'
        $err[0].ToString() | Should -Match $chunk.Name
        Restore-Dataset -Source $Repo -Destination (Join-Path $Root 'partial') -KeyPath $Key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.BackupCorrupt,*'
        Get-ChildItem -Recurse -File (Join-Path $Root 'partial') -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $manifest = Get-ChildItem (Join-Path $Repo 'snapshots') -Filter *.snapshot | Select-Object -First 1
        Set-FlippedByte $manifest.FullName
        Test-DatasetBackup $Repo -KeyPath $Key -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.BackupCorrupt,*'
        ($err | Out-String) | Should -Match 'manifest'
    }
}

Describe 'Backups with a passphrase and of saved versions' {
    It 'backs up every version of a name and restores them as Parquet files' {
        $ds = Import-Dataset (Join-Path $ExamplesData 'alibaba2018_machine_usage_300s.csv')
        $ds | Save-DatasetVersion -Name telemetry | Out-Null
        $ds | Save-DatasetVersion -Name telemetry | Out-Null
        $pw = ConvertTo-SecureString 'correct horse battery staple' -AsPlainText -Force
        $repo = Join-Path $Root 'pwrepo'
        $s = Backup-Dataset -Name telemetry -Destination $repo -Passphrase $pw
        $s.Files.Name | Should -Be @('telemetry/v1.parquet', 'telemetry/v2.parquet')
        Join-Path $repo 'config.json' | Should -Exist
        (Get-Content -Raw (Join-Path $repo 'config.json') | ConvertFrom-Json).KeyKind | Should -Be 'passphrase'
        $out = Join-Path $Root 'pwout'
        Restore-Dataset -Source $repo -Destination $out -Passphrase $pw | Out-Null
        (Import-Dataset (Join-Path $out 'telemetry/v2.parquet')).RowCount | Should -Be 2243
        { Test-DatasetBackup $repo -KeyPath $Key } | Should -Throw -ErrorId 'DataCenterTools.BackupKeyMismatch,*'
    }
}

Describe 'A backup process killed midway' -Skip:$IsWindows {
    It 'leaves earlier snapshots verifiable, and the next backup completes and restores byte for byte' {
        $repo = Join-Path $Root 'killrepo'
        $small = Get-ChildItem (Join-Path $Data '*.csv') | Select-Object -First 1
        $before = Backup-Dataset -Path $small.FullName -Destination $repo -KeyPath $Key
        # A 48 MB file; the killed backup reads it through a FIFO that is fed its first 40 MB and then
        # stalls, so the kill surely lands after chunks were written and before the manifest.
        $big = Join-Path $Root 'big.bin'
        $bytes = [byte[]]::new(48MB)
        [Random]::new(42).NextBytes($bytes)
        [IO.File]::WriteAllBytes($big, $bytes)
        $fifo = Join-Path $Root 'big.fifo'
        & mkfifo $fifo
        $manifest = (Get-Module DataCenterTools).Path -replace '\.dll$', '.psd1'
        $cmd = "Import-Module '$manifest'; Backup-Dataset -Path '$fifo' -Destination '$repo' -KeyPath '$Key'"
        $chunksBefore = (Get-ChildItem -Recurse -File (Join-Path $repo 'chunks')).Count
        $proc = Start-Process dotnet -ArgumentList @('pwsh', '-NoProfile', '-Command', $cmd) -PassThru
        $writer = [IO.FileStream]::new($fifo, 'Open', 'Write', 'ReadWrite')   # blocks until the backup opens the FIFO
        try {
            $writer.Write($bytes, 0, 40MB)
            $writer.Flush()
            $deadline = (Get-Date).AddSeconds(120)
            while ((Get-ChildItem -Recurse -File (Join-Path $repo 'chunks')).Count -lt $chunksBefore + 5 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $proc.Kill($true)
            $proc.WaitForExit()
        }
        finally {
            # The FIFO's reader was killed on purpose, so closing our end may fail with a broken pipe.
            try { $writer.Dispose() } catch [System.IO.IOException] { Write-Verbose "Closing the FIFO after the kill: $($_.Exception.Message)" }
        }
        (Get-ChildItem -Recurse -File (Join-Path $repo 'chunks')).Count | Should -BeGreaterOrEqual ($chunksBefore + 5)
        (Get-DatasetBackup $repo).Id | Should -Be @($before.Id)
        (Test-DatasetBackup $repo -ReadData -KeyPath $Key).Passed | Should -BeTrue

        $after = Backup-Dataset -Path $big -Destination $repo -KeyPath $Key
        $after.NewChunks | Should -BeLessThan $after.Files[0].Chunks.Count   # the killed run's chunks are reused
        (Test-DatasetBackup $repo -ReadData -KeyPath $Key).Passed | Should -BeTrue
        $out = Join-Path $Root 'killout'
        Restore-Dataset -Source $repo -Destination $out -KeyPath $Key | Out-Null
        (Get-FileHash (Join-Path $out 'big.bin')).Hash | Should -Be (Get-FileHash $big).Hash
    }
}
