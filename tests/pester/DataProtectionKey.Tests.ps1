BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:SavedEnvironment = Save-TestHome -Path (Join-Path $Dir 'home')
    $script:Pass = ConvertTo-SecureString 'pester passphrase' -AsPlainText -Force
}
AfterAll {
    Restore-TestHome $SavedEnvironment
    Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
}

Describe 'New-DataProtectionKey' {
    It 'writes an owner-only symmetric key and outputs its id, never the key' {
        $key = New-DataProtectionKey -Path (Join-Path $Dir 'k.key')
        $key.Algorithm | Should -Be 'Symmetric'
        $key.KeyId | Should -Match '^[0-9a-f]{16}$'
        $key.Path | Should -Be (Join-Path $Dir 'k.key')
        if ($IsLinux -or $IsMacOS) { (Get-Item (Join-Path $Dir 'k.key')).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
        # The key line is the only base64 of 32 bytes in the file; it must not appear in the output object.
        $material = ((Get-Content (Join-Path $Dir 'k.key')) -match '^dct-key-v1:')[0].Substring(11)
        ($key | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($material))
    }

    It 'refuses to overwrite without -Force and replaces the key with it' {
        $path = Join-Path $Dir 'again.key'
        $first = New-DataProtectionKey -Path $path
        $out = New-DataProtectionKey -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        (New-DataProtectionKey -Path $path -Force).KeyId | Should -Not -Be $first.KeyId
    }

    It 'writes nothing with -WhatIf' {
        New-DataProtectionKey -Path (Join-Path $Dir 'whatif.key') -WhatIf
        New-DataProtectionKey -KeyPair -Path (Join-Path $Dir 'whatif-pair.key') -WhatIf
        Test-Path (Join-Path $Dir 'whatif*') | Should -BeFalse
    }

    It 'writes an <Algorithm> key pair: private owner-only, public beside it' -TestCases @(@{ Algorithm = 'X25519' }, @{ Algorithm = 'RSA' }) {
        $path = Join-Path $Dir "role-$Algorithm.key"
        $pair = New-DataProtectionKey -KeyPair -Algorithm $Algorithm -Path $path
        $pair.Algorithm | Should -Be $Algorithm
        $pair.PublicKeyPath | Should -Be "$path.pub"
        Get-Content -Raw "$path.pub" | Should -Match "BEGIN DATACENTERTOOLS $Algorithm PUBLIC KEY"
        if ($IsLinux -or $IsMacOS) { (Get-Item $path).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
        # The key id is the public key's fingerprint: loading either half gives the same id.
        [DataCenterTools.Core.Security.RecipientPublicKey]::Load("$path.pub").KeyId | Should -Be $pair.KeyId
    }

    It 'honours -PublicKeyPath' {
        $pair = New-DataProtectionKey -KeyPair -Path (Join-Path $Dir 'ops.key') -PublicKeyPath (Join-Path $Dir 'ops-public.txt')
        Test-Path (Join-Path $Dir 'ops-public.txt') | Should -BeTrue
        $pair.PublicKeyPath | Should -Be (Join-Path $Dir 'ops-public.txt')
    }

    It 'a key file others can read is refused with KeyFileInsecure when used' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        $gpgDir = Join-Path $Dir 'insecure'
        New-Item -ItemType Directory $gpgDir | Out-Null
        $secret = Join-Path $gpgDir 'secret.asc'
        Set-Content -Path $secret -Value 'not even read'
        chmod 644 $secret
        Set-Content -Path (Join-Path $gpgDir 'x.gpg') -Value 'x'
        Unprotect-DataFile -Path (Join-Path $gpgDir 'x.gpg') -SecretKey $secret -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyFileInsecure,*'
        $err[0].Exception.Message | Should -Match '0644'

        $key = Join-Path $gpgDir 'k.key'
        New-DataProtectionKey -Path $key | Out-Null
        chmod 644 $key
        $thrown = try { [DataCenterTools.Core.Security.DataProtectionKey]::Load($key) } catch { $_.Exception.InnerException }
        $thrown.ErrorId | Should -Be 'DataCenterTools.KeyFileInsecure'
    }
}

Describe 'Test-DataAuditLog' {
    BeforeAll {
        $script:AuditDir = Join-Path $Dir 'audit'
        New-Item -ItemType Directory $AuditDir | Out-Null
        Set-Content -Path (Join-Path $AuditDir 'a.csv') -Value "id,email`n1,a@example.com"
        Set-Content -Path (Join-Path $AuditDir 'b.csv') -Value "id,email`n2,b@example.com"
        Set-Content -Path (Join-Path $AuditDir 'c.csv') -Value "id,email`n3,c@example.com"
        $script:Log = Join-Path $env:DATACENTERTOOLS_HOME 'audit.jsonl'
        Remove-Item $Log -ErrorAction SilentlyContinue
        Get-ChildItem (Join-Path $AuditDir '*.csv') | Protect-DataFile -Passphrase $Pass | Out-Null
        Unprotect-DataFile -Path (Join-Path $AuditDir 'b.csv.gpg') -Destination (Join-Path $AuditDir 'b-back.csv') -Passphrase $Pass | Out-Null
    }

    It 'verifies the records appended by Protect-DataFile and Unprotect-DataFile' {
        $result = Test-DataAuditLog
        $result.Valid | Should -BeTrue
        $result.RecordCount | Should -Be 4
        $result.Path | Should -Be $Log
        $records = Get-Content $Log | ConvertFrom-Json
        $records.operation | Should -Be @('Protect-DataFile', 'Protect-DataFile', 'Protect-DataFile', 'Unprotect-DataFile')
        $records[0].target | Should -Be (Join-Path $AuditDir 'a.csv.gpg')
        $records[0].keyId | Should -Be 'passphrase'
        $records[0].datasetSha256 | Should -Be (Get-FileHash (Join-Path $AuditDir 'a.csv') -Algorithm SHA256).Hash.ToLowerInvariant()
        # Decrypting b names the same plaintext hash as protecting it did.
        $records[3].datasetSha256 | Should -Be $records[1].datasetSha256
        Get-Content -Raw $Log | Should -Not -Match 'pester passphrase'
    }

    It 'names an edited record' {
        $copy = Join-Path $AuditDir 'edited.jsonl'
        $lines = Get-Content $Log
        $lines[1] = $lines[1] -replace 'b\.csv\.gpg', 'z.csv.gpg'
        Set-Content -Path $copy -Value $lines
        $result = Test-DataAuditLog -Path $copy -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Valid | Should -BeFalse
        $result.FirstInvalidLine | Should -Be 2
        $result.Reason | Should -Match 'record 2 was altered or forged'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogTampered,*'
        $err[0].Exception.Message | Should -Match 'line 2'
    }

    It 'names the gap where a record was deleted' {
        $copy = Join-Path $AuditDir 'deleted.jsonl'
        $lines = Get-Content $Log
        Set-Content -Path $copy -Value ($lines[0], $lines[2], $lines[3])
        $result = Test-DataAuditLog -Path $copy -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Valid | Should -BeFalse
        $result.FirstInvalidLine | Should -Be 2
        $result.Reason | Should -Match 'removed'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogTampered,*'
    }

    It 'Get-DataAuditLog reads the records, the last N and by operation' {
        $all = Get-DataAuditLog
        $all.Count | Should -Be 4
        $all.Sequence | Should -Be @(1, 2, 3, 4)
        $all[0].User | Should -Be ([Environment]::UserName)
        $all[0].Time.Kind | Should -Be 'Utc'
        $last = Get-DataAuditLog -Path $Log -Last 2
        $last.Sequence | Should -Be @(3, 4)
        $unprotect = @(Get-DataAuditLog -Operation 'Unprotect-*')
        $unprotect.Count | Should -Be 1
        $unprotect[0].Target | Should -Be (Join-Path $AuditDir 'b.csv.gpg')
        (Get-DataAuditLog -Operation 'Protect-DataFile' -Last 1).Target | Should -Be (Join-Path $AuditDir 'c.csv.gpg')
    }

    It 'reports a missing log as AuditLogNotFound' {
        Test-DataAuditLog -Path (Join-Path $AuditDir 'none.jsonl') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogNotFound,*'
        Get-DataAuditLog -Path (Join-Path $AuditDir 'none.jsonl') -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogNotFound,*'
    }
}
