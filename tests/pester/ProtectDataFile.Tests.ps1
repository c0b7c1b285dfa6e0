# Protect-DataFile / Unprotect-DataFile, including interoperability with the real gpg (2.2) both ways.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:SavedEnvironment = Save-TestHome -Path (Join-Path $Dir 'home')
    $script:SavedGnupgHome = $env:GNUPGHOME
    $env:GNUPGHOME = Join-Path $Dir 'gnupg'
    New-Item -ItemType Directory $env:GNUPGHOME | Out-Null
    if ($IsLinux -or $IsMacOS) { chmod 700 $env:GNUPGHOME }
    $script:HasGpg = [bool](Get-Command gpg -ErrorAction SilentlyContinue)

    $script:PassText = 'correct horse battery'
    $script:Pass = ConvertTo-SecureString $PassText -AsPlainText -Force
    $script:KeyPassText = 'key passphrase'
    $script:KeyPass = ConvertTo-SecureString $KeyPassText -AsPlainText -Force
    # Data with every byte value and more than one 64 KiB buffer, so partial packets and binary content are exercised.
    $script:Plain = Join-Path $Dir 'data.bin'
    $bytes = [byte[]]::new(300001)
    for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [byte](($i * 7 + ($i -shr 8)) % 256) }
    [System.IO.File]::WriteAllBytes($Plain, $bytes)
    $script:PlainHash = (Get-FileHash $Plain -Algorithm SHA256).Hash

    function script:Invoke-Gpg([string[]] $Arguments) {
        $output = & gpg --batch --yes --quiet --no-tty --pinentry-mode loopback @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "gpg $($Arguments -join ' ') failed ($LASTEXITCODE): $output" }
    }
    # Files left in a folder, temp files included: a failed decryption must leave none.
    function script:Get-FileNames([string] $Folder) { @(Get-ChildItem -Force -File $Folder | ForEach-Object Name | Sort-Object) }
    function script:New-CaseFolder([string] $Name) { $d = Join-Path $Dir $Name; New-Item -ItemType Directory $d | Out-Null; $d }
}
AfterAll {
    if ($HasGpg) { & gpgconf --kill gpg-agent 2>$null }
    $env:GNUPGHOME = $SavedGnupgHome
    Restore-TestHome $SavedEnvironment
    Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
}

Describe 'Protect-DataFile and Unprotect-DataFile' {
    It 'round-trips a file byte for byte with a passphrase, binary and armored' {
        $case = New-CaseFolder 'roundtrip'
        $result = Protect-DataFile -Path $Plain -Destination (Join-Path $case 'd.gpg') -Passphrase $Pass
        $result.Destination | Should -Be (Join-Path $case 'd.gpg')
        $result.PlaintextBytes | Should -Be 300001
        $result.PlaintextSha256 | Should -Be $PlainHash.ToLowerInvariant()
        $result.KeyId | Should -Be 'passphrase'
        Protect-DataFile -Path $Plain -Destination (Join-Path $case 'd.asc') -Passphrase $Pass -Armor | Out-Null
        (Get-Content (Join-Path $case 'd.asc') -TotalCount 1) | Should -Be '-----BEGIN PGP MESSAGE-----'

        $back = Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -Passphrase $Pass
        $back.Destination | Should -Be (Join-Path $case 'd')
        (Get-FileHash (Join-Path $case 'd')).Hash | Should -Be $PlainHash
        if ($IsLinux -or $IsMacOS) { (Get-Item (Join-Path $case 'd')).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
        Unprotect-DataFile -Path (Join-Path $case 'd.asc') -Destination (Join-Path $case 'from-armor') -Passphrase $Pass | Out-Null
        (Get-FileHash (Join-Path $case 'from-armor')).Hash | Should -Be $PlainHash
    }

    It 'takes files from Get-ChildItem, writes next to each, and refuses to overwrite without -Force' {
        $case = New-CaseFolder 'pipeline'
        'a,b' | Set-Content (Join-Path $case 'one.csv')
        'c,d' | Set-Content (Join-Path $case 'two.csv')
        $results = Get-ChildItem (Join-Path $case '*.csv') | Protect-DataFile -Passphrase $Pass
        $results.Count | Should -Be 2
        Get-FileNames $case | Should -Be @('one.csv', 'one.csv.gpg', 'two.csv', 'two.csv.gpg')
        $before = (Get-FileHash (Join-Path $case 'one.csv.gpg')).Hash
        Protect-DataFile -Path (Join-Path $case 'one.csv') -Passphrase $Pass -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        (Get-FileHash (Join-Path $case 'one.csv.gpg')).Hash | Should -Be $before
        Protect-DataFile -Path (Join-Path $case 'one.csv') -Passphrase $Pass -Force | Out-Null
        (Get-FileHash (Join-Path $case 'one.csv.gpg')).Hash | Should -Not -Be $before   # fresh salt and session key
        Protect-DataFile -Path (Join-Path $case 'two.csv') -Destination (Join-Path $case 'w.gpg') -Passphrase $Pass -WhatIf
        Test-Path (Join-Path $case 'w.gpg') | Should -BeFalse
    }

    It 'needs exactly one of -Passphrase and -RecipientKey' {
        { Protect-DataFile -Path $Plain -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.KeyChoiceRequired,*'
    }

    It 'refuses a wrong passphrase with DecryptionFailed and leaves no output' {
        $case = New-CaseFolder 'wrongpass'
        Protect-DataFile -Path $Plain -Destination (Join-Path $case 'd.gpg') -Passphrase $Pass | Out-Null
        $wrong = ConvertTo-SecureString 'wrong horse' -AsPlainText -Force
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -Passphrase $wrong -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DecryptionFailed,*'
        Get-FileNames $case | Should -Be @('d.gpg')
    }

    It 'refuses a <Damage> file with IntegrityCheckFailed and leaves no output' -TestCases @(@{ Damage = 'flipped' }, @{ Damage = 'truncated' }) {
        $case = New-CaseFolder "damage-$Damage"
        Protect-DataFile -Path $Plain -Destination (Join-Path $case 'd.gpg') -Passphrase $Pass | Out-Null
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $case 'd.gpg'))
        if ($Damage -eq 'flipped') { $bytes[[int]($bytes.Length / 2)] = $bytes[[int]($bytes.Length / 2)] -bxor 0x10 }
        else { $bytes = $bytes[0..($bytes.Length - 1000)] }
        [System.IO.File]::WriteAllBytes((Join-Path $case 'd.gpg'), $bytes)
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -Passphrase $Pass -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.IntegrityCheckFailed,*'
        Get-FileNames $case | Should -Be @('d.gpg')
    }

    It 'asks for -Destination when the name has no .gpg/.pgp/.asc extension' {
        $case = New-CaseFolder 'noext'
        Protect-DataFile -Path $Plain -Destination (Join-Path $case 'd.enc') -Passphrase $Pass | Out-Null
        Unprotect-DataFile -Path (Join-Path $case 'd.enc') -Passphrase $Pass -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DestinationRequired,*'
    }
}

Describe 'gpg interoperability' -Skip:(-not (Get-Command gpg -ErrorAction SilentlyContinue)) {
    BeforeAll {
        # gpg 2.2's default key (RSA 3072 with an RSA encryption subkey) and a Curve25519 one (ed25519 + cv25519).
        Invoke-Gpg @('--passphrase', $KeyPassText, '--quick-gen-key', 'RSA Test <rsa@example.com>', 'default', 'default', 'never')
        Invoke-Gpg @('--passphrase', $KeyPassText, '--quick-gen-key', 'Curve Test <cv@example.com>', 'future-default', 'default', 'never')
        foreach ($who in 'rsa', 'cv') {
            Invoke-Gpg @('--armor', '--output', (Join-Path $Dir "$who.pub.asc"), '--export', "$who@example.com")
            Invoke-Gpg @('--passphrase', $KeyPassText, '--armor', '--output', (Join-Path $Dir "$who.sec.asc"), '--export-secret-keys', "$who@example.com")
            if ($IsLinux -or $IsMacOS) { chmod 600 (Join-Path $Dir "$who.sec.asc") }
        }
    }

    It 'gpg decrypts what we encrypt with a passphrase' {
        $case = New-CaseFolder 'to-gpg-pass'
        Protect-DataFile -Path $Plain -Destination (Join-Path $case 'd.gpg') -Passphrase $Pass | Out-Null
        Invoke-Gpg @('--passphrase', $PassText, '--output', (Join-Path $case 'by-gpg'), '--decrypt', (Join-Path $case 'd.gpg'))
        (Get-FileHash (Join-Path $case 'by-gpg')).Hash | Should -Be $PlainHash
    }

    It 'we decrypt gpg --symmetric --cipher-algo AES256 output (<Form>)' -TestCases @(@{ Form = 'binary' }, @{ Form = 'armored' }) {
        $case = New-CaseFolder "from-gpg-pass-$Form"
        $armor = if ($Form -eq 'armored') { @('--armor') } else { @() }
        Invoke-Gpg (@('--passphrase', $PassText, '--symmetric', '--cipher-algo', 'AES256') + $armor + @('--output', (Join-Path $case 'd.gpg'), $Plain))
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -Passphrase $Pass | Out-Null
        (Get-FileHash (Join-Path $case 'd')).Hash | Should -Be $PlainHash
    }

    It 'gpg decrypts what we encrypt to its <Who> public key, and we decrypt what gpg encrypts to it' -TestCases @(@{ Who = 'rsa' }, @{ Who = 'cv' }) {
        $case = New-CaseFolder "keys-$Who"
        $ours = Protect-DataFile -Path $Plain -Destination (Join-Path $case 'ours.gpg') -RecipientKey (Join-Path $Dir "$Who.pub.asc")
        $ours.KeyId | Should -Match '^[0-9A-F]{16}$'
        Invoke-Gpg @('--passphrase', $KeyPassText, '--output', (Join-Path $case 'ours.out'), '--decrypt', (Join-Path $case 'ours.gpg'))
        (Get-FileHash (Join-Path $case 'ours.out')).Hash | Should -Be $PlainHash

        Invoke-Gpg @('--trust-model', 'always', '--recipient', "$Who@example.com", '--output', (Join-Path $case 'theirs.gpg'), '--encrypt', $Plain)
        $back = Unprotect-DataFile -Path (Join-Path $case 'theirs.gpg') -SecretKey (Join-Path $Dir "$Who.sec.asc") -SecretKeyPassphrase $KeyPass
        $back.KeyId | Should -Be $ours.KeyId   # the same encryption subkey both ways
        (Get-FileHash (Join-Path $case 'theirs')).Hash | Should -Be $PlainHash
    }

    It 'a wrong secret key passphrase or another key is DecryptionFailed with no output' {
        $case = New-CaseFolder 'wrong-key'
        Invoke-Gpg @('--trust-model', 'always', '--recipient', 'rsa@example.com', '--output', (Join-Path $case 'd.gpg'), '--encrypt', $Plain)
        $wrong = ConvertTo-SecureString 'nope' -AsPlainText -Force
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -SecretKey (Join-Path $Dir 'rsa.sec.asc') -SecretKeyPassphrase $wrong -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DecryptionFailed,*'
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -SecretKey (Join-Path $Dir 'cv.sec.asc') -SecretKeyPassphrase $KeyPass -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DecryptionFailed,*'
        $err2[0].Exception.Message | Should -Match 'not encrypted to any key'
        Get-FileNames $case | Should -Be @('d.gpg')
    }

    It 'a gpg file with a wrong passphrase, a flipped byte or cut short gets the right ErrorId and no output' {
        $case = New-CaseFolder 'gpg-damage'
        Invoke-Gpg @('--passphrase', $PassText, '--symmetric', '--cipher-algo', 'AES256', '--compress-algo', 'none', '--output', (Join-Path $case 'd.gpg'), $Plain)
        $wrong = ConvertTo-SecureString 'wrong horse' -AsPlainText -Force
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -Passphrase $wrong -ErrorVariable e1 -ErrorAction SilentlyContinue
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DecryptionFailed,*'
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $case 'd.gpg'))
        $flipped = $bytes.Clone(); $flipped[150000] = $flipped[150000] -bxor 0x01
        [System.IO.File]::WriteAllBytes((Join-Path $case 'f.gpg'), $flipped)
        Unprotect-DataFile -Path (Join-Path $case 'f.gpg') -Passphrase $Pass -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.IntegrityCheckFailed,*'
        [System.IO.File]::WriteAllBytes((Join-Path $case 't.gpg'), $bytes[0..200000])
        Unprotect-DataFile -Path (Join-Path $case 't.gpg') -Passphrase $Pass -ErrorVariable e3 -ErrorAction SilentlyContinue
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.IntegrityCheckFailed,*'
        Get-FileNames $case | Should -Be @('d.gpg', 'f.gpg', 't.gpg')
    }

    It 'refuses a file without integrity protection' {
        $case = New-CaseFolder 'no-mdc'
        # --rfc2440 makes gpg write the old symmetrically encrypted packet (tag 9) without an MDC.
        Invoke-Gpg @('--passphrase', $PassText, '--rfc2440', '--cipher-algo', 'AES256', '--symmetric', '--output', (Join-Path $case 'd.gpg'), $Plain)
        Unprotect-DataFile -Path (Join-Path $case 'd.gpg') -Passphrase $Pass -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.IntegrityProtectionMissing,*'
        Get-FileNames $case | Should -Be @('d.gpg')
    }
}
