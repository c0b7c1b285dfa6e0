BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Folder = New-TestFolder
    # The audit log goes to a test folder, not the user's home.
    $script:PreviousHome = $env:DATACENTERTOOLS_HOME
    $env:DATACENTERTOOLS_HOME = Join-Path $Folder 'home'
    $script:KeyFile = Join-Path $Folder 'pii.key'
    $script:Key = [DataCenterTools.Core.Security.DataProtectionKey]::Generate()
    $Key.Save($KeyFile, $false)
    $script:OtherKeyFile = Join-Path $Folder 'other.key'
    [DataCenterTools.Core.Security.DataProtectionKey]::Generate().Save($OtherKeyFile, $false)
    $csv = Join-Path $Folder 'customers.csv'
    @(
        'id,email,card,note,age,phone,client_ip'
        '1,alice@example.com,4111111111111111,likes tea,34,+4915112345678,10.1.2.3'
        '2,bob@example.org,5500000000000004,,41,+8613812345678,10.1.2.77'
        '3,carol@example.net,0340000000000009,likes tea,29,+12025550143,192.168.9.1'
    ) | Set-Content -LiteralPath $csv
    $script:Customers = Import-Dataset -LiteralPath $csv -Schema @{ card = 'String'; phone = 'String' }
    # The key as its file holds it (Base64): the secret that must never show up anywhere else.
    $script:KeyBase64 = (Get-Content $KeyFile | Where-Object { $_ -like 'dct-key-v1:*' }).Substring('dct-key-v1:'.Length)
    function Get-Cells($Dataset, [string] $Column) { @($Dataset | ConvertFrom-Dataset | ForEach-Object { $_.$Column }) }
}

AfterAll {
    $env:DATACENTERTOOLS_HOME = $PreviousHome
    $Key.Dispose()
    Remove-Item -Recurse -Force $Folder -ErrorAction SilentlyContinue
}

Describe 'Protect-Dataset' {
    It 'hashes, tokenizes, encrypts, masks, generalizes and drops, leaving the input as it was' {
        $p = $Customers | Protect-Dataset -Hash email -Tokenize card -Encrypt note -Mask phone -Generalize client_ip, age -Drop id -KeyPath $KeyFile
        $p.Schema.Name | Should -Not -Contain 'id'
        $email = Get-Cells $p email
        $email[0] | Should -Match '^[0-9a-f]{32}$'
        $cards = Get-Cells $p card
        $cards | ForEach-Object { $_ | Should -Match '^\d{16}$' }
        $cards[0] | Should -Not -Be '4111111111111111'
        Get-Cells $p phone | Select-Object -First 1 | Should -Be '**********5678'
        Get-Cells $p client_ip | Should -Be @('10.1.2.0/24', '10.1.2.0/24', '192.168.9.0/24')
        Get-Cells $p age | Should -Be @('30-39', '40-49', '20-29')
        $step = $p.Lineage[-1]
        $step.Operation | Should -Be 'Protect-Dataset'
        $step.Parameters['KeyId'] | Should -Be $Key.KeyId
        $step.Parameters['Hash'] | Should -Be 'email'
        (Get-Cells $Customers card)[0] | Should -Be '4111111111111111'
    }

    It 'gives the same Hash token for the same value in another dataset and the same key' {
        $a = $Customers | Protect-Dataset -Hash email -KeyPath $KeyFile
        $other = [pscustomobject]@{ mail = 'carol@example.net' } | ConvertTo-Dataset
        $b = $other | Protect-Dataset -Hash mail -KeyPath $KeyFile
        Get-Cells $b mail | Should -Be (Get-Cells $a email)[2]
        $c = $Customers | Protect-Dataset -Hash email -KeyPath $OtherKeyFile
        (Get-Cells $c email)[2] | Should -Not -Be (Get-Cells $a email)[2]
    }

    It 'round-trips through lineage with Unprotect-Dataset' {
        $p = $Customers | Protect-Dataset -Tokenize card -Encrypt note, age -KeyPath $KeyFile -Tweak 'orders-2026'
        $back = $p | Unprotect-Dataset -KeyPath $KeyFile
        Get-Cells $back card | Should -Be (Get-Cells $Customers card)
        Get-Cells $back note | Should -Be (Get-Cells $Customers note)
        Get-Cells $back age | Should -Be @(34, 41, 29)
        ($back.Schema | Where-Object Name -eq age).Type | Should -Be 'Int64'
    }

    It 'round-trips through CSV with the envelope written beside it' {
        $envelope = Join-Path $Folder 'protected.envelope.json'
        $p = $Customers | Protect-Dataset -Tokenize card -Encrypt note -Deterministic -KeyPath $KeyFile -Tweak 'orders-2026' -EnvelopePath $envelope -Force
        $file = Join-Path $Folder 'protected.csv'
        $p | Export-Dataset -Path $file -Force
        $read = Import-Dataset -LiteralPath $file -Schema @{ card = 'String'; note = 'String' }
        $read.Lineage.Operation | Should -Not -Contain 'Protect-Dataset'
        (Get-Content -Raw $envelope | ConvertFrom-Json).columns.columnKeyId | Should -Be @($Key.KeyId, $Key.KeyId)
        $back = $read | Unprotect-Dataset -KeyPath $KeyFile -EnvelopePath $envelope
        Get-Cells $back card | Should -Be (Get-Cells $Customers card)
        Get-Cells $back note | Should -Be (Get-Cells $Customers note)
    }

    It 'the columns named explicitly: encrypted ones restore, tokens need the envelope or -Force' {
        $p = $Customers | Protect-Dataset -Tokenize card -Encrypt note -Deterministic -KeyPath $KeyFile -Tweak 'orders-2026'
        $file = Join-Path $Folder 'named.csv'
        $p | Export-Dataset -Path $file -Force
        $read = Import-Dataset -LiteralPath $file -Schema @{ card = 'String'; note = 'String' }
        Get-Cells ($read | Unprotect-Dataset -KeyPath $KeyFile -Decrypt note) note | Should -Be (Get-Cells $Customers note)
        $read | Unprotect-Dataset -KeyPath $KeyFile -Tokenize card -Tweak 'orders-2026' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyNotRecorded,*'
        $back = $read | Unprotect-Dataset -KeyPath $KeyFile -Tokenize card -Tweak 'orders-2026' -Force -WarningVariable warned 3>$null
        $warned | Should -Match 'restored with -Force'
        Get-Cells $back card | Should -Be (Get-Cells $Customers card)
    }

    It 'a passphrase with the same key name gives the same tokens and unprotects' {
        $pass = ConvertTo-SecureString 'correct horse battery staple' -AsPlainText -Force
        $a = $Customers | Protect-Dataset -Hash email -Encrypt note -Passphrase $pass -KeyName tests
        $b = $Customers | Protect-Dataset -Hash email -Passphrase $pass -KeyName tests
        Get-Cells $a email | Should -Be (Get-Cells $b email)
        $a.Lineage[-1].Parameters['KeyName'] | Should -Be 'tests'
        Get-Cells ($a | Unprotect-Dataset -Passphrase $pass) note | Should -Be (Get-Cells $Customers note)
    }

    It 'makes a table k-anonymous and reports the cost' {
        # The table worked by hand in the xunit KAnonymizerTests.
        $file = Join-Path $Folder 'people.csv'
        'age,zip', '21,13053', '23,13068', '27,13053', '33,14853', '36,14850', '38,14853' | Set-Content -LiteralPath $file
        $people = Import-Dataset -LiteralPath $file -Schema @{ zip = 'String' }
        $k = $people | Protect-Dataset -KAnonymity 2 -QuasiIdentifier age, zip -MaxSuppression 0 -WarningVariable cost 3>$null
        $cost | Should -Match '3-anonymity reached \(asked 2\)'
        Get-Cells $k zip | Should -Be @('130**', '130**', '130**', '148**', '148**', '148**')
        $k.Lineage[-1].Parameters['RowsSuppressed'] | Should -Be '0'
        $people | Protect-Dataset -KAnonymity 7 -QuasiIdentifier age, zip -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KAnonymityNotReached,*'
    }

    It '-WhatIf outputs nothing' {
        $Customers | Protect-Dataset -Hash email -KeyPath $KeyFile -WhatIf | Should -BeNullOrEmpty
    }

    It 'appends audit records with the key id and never the key' {
        $null = $Customers | Protect-Dataset -Hash email -KeyPath $KeyFile
        $log = Join-Path $env:DATACENTERTOOLS_HOME 'audit.jsonl'
        $last = Get-Content $log | Select-Object -Last 1 | ConvertFrom-Json
        $last.operation | Should -Be 'Protect-Dataset'
        $last.keyId | Should -Be $Key.KeyId
        $last.columns | Should -Be @('email')
        $last.datasetSha256 | Should -Be $Customers.Source.Sha256.ToLowerInvariant()
        $KeyBase64.Length | Should -Be 44
        Get-Content -Raw $log | Should -Not -Match ([regex]::Escape($KeyBase64))
    }
}

Describe 'Protect-Dataset -Auto' {
    It 'protects every flagged column by kind, and keeps explicitly named columns as given' {
        $p = $Customers | Protect-Dataset -Auto -Drop id -Encrypt note -KeyPath $KeyFile
        (Get-Cells $p email)[0] | Should -Match '^[0-9a-f]{32}$'
        Get-Cells $p client_ip | Should -Be @('10.1.2.0/24', '10.1.2.0/24', '192.168.9.0/24')
        (Get-Cells $p phone)[0] | Should -Be '**********5678'
        (Get-Cells $p card)[0] | Should -Match '^\d{16}$'
        (Get-Cells $p card)[0] | Should -Not -Be '4111111111111111'
        $p.Lineage[-1].Parameters['Encrypt'] | Should -Be 'note'
        $p.Lineage[-1].Parameters['Tokenize'] | Should -Be 'card'
    }

    It '-WhatIf prints the plan (column, operator, kind) and outputs nothing' {
        $manifestPath = (Get-Module DataCenterTools).Path -replace '\.dll$', '.psd1'
        $csv = $Customers.Source.Path
        $script = "Import-Module '$manifestPath'; `$r = Import-Dataset '$csv' -Schema @{ card = 'String'; phone = 'String' } | Protect-Dataset -Auto -KeyPath '$KeyFile' -WhatIf; 'outputs: ' + @(`$r).Count"
        $out = & dotnet pwsh -NoProfile -Command $script 2>&1 | Out-String
        $out | Should -Match 'What if: Performing the operation "Hash \(Email\)" on target "column ''email'' of ''customers''"'
        $out | Should -Match '"Tokenize \(CreditCard\)" on target "column ''card'''
        $out | Should -Match '"Mask \(Phone\)" on target "column ''phone'''
        $out | Should -Match '"Generalize \(IPv4\)" on target "column ''client_ip'''
        $out | Should -Match 'outputs: 0'
    }
}

Describe 'Errors' {
    It 'wrong key: KeyMismatch from lineage, DecryptionFailed from an encrypted cell, and no output' {
        $p = $Customers | Protect-Dataset -Encrypt note -Tokenize card -KeyPath $KeyFile
        $p | Unprotect-Dataset -KeyPath $OtherKeyFile -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyMismatch,*'
        $bare = $p | Protect-Dataset -Drop id
        $file = Join-Path $Folder 'wrongkey.csv'
        $p | Export-Dataset -Path $file -Force
        Import-Dataset $file | Unprotect-Dataset -KeyPath $OtherKeyFile -Decrypt note -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DecryptionFailed,*'
    }

    It 'corrupted ciphertext: DecryptionFailed' {
        $p = $Customers | Protect-Dataset -Encrypt email -KeyPath $KeyFile
        $file = Join-Path $Folder 'tampered.csv'
        $p | Export-Dataset -Path $file -Force
        $text = Get-Content -Raw $file
        $cell = (Get-Cells $p email)[1]
        $flipped = ($cell.Substring(0, 20) + ($(if ($cell[20] -eq 'A') { 'B' } else { 'A' })) + $cell.Substring(21))
        Set-Content -LiteralPath $file -Value $text.Replace($cell, $flipped) -NoNewline
        Import-Dataset $file | Unprotect-Dataset -KeyPath $KeyFile -Decrypt email -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DecryptionFailed,*'
    }

    It 'unknown column, operator not fitting the type, missing key' {
        $Customers | Protect-Dataset -Hash nope -KeyPath $KeyFile -ErrorVariable e1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.ColumnNotFound,*'
        $Customers | Protect-Dataset -Noise email -ErrorVariable e2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.OperatorTypeMismatch,*'
        $Customers | Protect-Dataset -Hash email -ErrorVariable e3 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyRequired,*'
    }

    It 'cells outside the alphabet are reported per column, nothing is output' {
        $Customers | Protect-Dataset -Tokenize email, phone -KeyPath $KeyFile -Alphabet '0123456789' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.TokenizeAlphabetMismatch,*' }
        $err[1].Exception.Message | Should -Match "Column 'phone': 3 cell"
    }

    It 'a missing or world-readable key file is refused' -Skip:$IsWindows {
        $Customers | Protect-Dataset -Hash email -KeyPath (Join-Path $Folder 'none.key') -ErrorVariable e1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyFileNotFound,*'
        $open = Join-Path $Folder 'open.key'
        Copy-Item $KeyFile $open
        chmod 644 $open
        $Customers | Protect-Dataset -Hash email -KeyPath $open -ErrorVariable e2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyFileInsecure,*'
    }
}

Describe 'Secrets stay secret' {
    It 'the key and the passphrase appear in no stream, lineage or error' {
        $secretText = 'Tr0ub4dor&3-very-secret-passphrase'
        $pass = ConvertTo-SecureString $secretText -AsPlainText -Force
        $all = & {
            $a = $Customers | Protect-Dataset -Hash email -Tokenize card -Encrypt note -KeyPath $KeyFile -Verbose
            $a
            $a.Lineage | Out-String
            $a | Unprotect-Dataset -KeyPath $KeyFile -Verbose
            $a | Unprotect-Dataset -KeyPath $OtherKeyFile -Verbose -ErrorAction Continue
            $b = $Customers | Protect-Dataset -Hash email -Encrypt note -Passphrase $pass -Verbose
            $b.Lineage | Out-String
            $b | Unprotect-Dataset -Passphrase (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -Verbose -ErrorAction Continue
        } *>&1 | Out-String
        $all | Should -Match 'Protected 3 column'
        $all | Should -Match 'DecryptionFailed|cannot be decrypted|was protected with key'
        $all | Should -Not -Match ([regex]::Escape($KeyBase64))
        $all | Should -Not -Match ([regex]::Escape([Convert]::ToHexString([Convert]::FromBase64String($KeyBase64))))
        $all | Should -Not -Match ([regex]::Escape($secretText))
    }
}

Describe 'Column access by recipient key' {
    It 'each role restores only its columns, from lineage and from a CSV with its envelope file' {
        $finance = [DataCenterTools.Core.Security.RecipientKeyPair]::Generate('X25519', (Join-Path $Folder 'finance.key'), (Join-Path $Folder 'finance.pub'), $false, 3072)
        $support = [DataCenterTools.Core.Security.RecipientKeyPair]::Generate('RSA', (Join-Path $Folder 'support.key'), (Join-Path $Folder 'support.pub'), $false, 2048)
        $envelope = Join-Path $Folder 'customers.envelope.json'
        $p = $Customers | Protect-Dataset -Tokenize card -Recipient $finance.Item2 |
            Protect-Dataset -Encrypt note -Recipient $support.Item2, $finance.Item2 -EnvelopePath $envelope
        Test-Path $envelope | Should -BeTrue
        Get-Content -Raw $envelope | Should -Not -Match '4111111111111111'

        $bySupport = $p | Unprotect-Dataset -PrivateKeyPath $support.Item1 -WarningVariable warned 3>$null
        $warned | Should -Match 'card stays protected'
        Get-Cells $bySupport note | Should -Be (Get-Cells $Customers note)
        Get-Cells $bySupport card | Should -Be (Get-Cells $p card)

        $file = Join-Path $Folder 'roles.csv'
        $p | Export-Dataset -Path $file -Force
        $byFinance = Import-Dataset $file -Schema @{ card = 'String'; note = 'String' } |
            Unprotect-Dataset -PrivateKeyPath $finance.Item1 -EnvelopePath $envelope
        Get-Cells $byFinance card | Should -Be (Get-Cells $Customers card)
        Get-Cells $byFinance note | Should -Be (Get-Cells $Customers note)

        $Customers | Protect-Dataset -Drop id -EnvelopePath (Join-Path $Folder 'nothing.json') -ErrorVariable nothing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $nothing[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.NothingToEnvelope,*'
        Test-Path (Join-Path $Folder 'nothing.json') | Should -BeFalse
    }
}

Describe 'Keys fail loudly, passphrases resist guessing' {
    It 'a wrong key for a re-imported tokenized CSV is KeyMismatch with the envelope, before any output' {
        $envelope = Join-Path $Folder 'cards.envelope.json'
        $file = Join-Path $Folder 'cards.csv'
        $Customers | Protect-Dataset -Tokenize card -KeyPath $KeyFile -EnvelopePath $envelope -Force | Export-Dataset -Path $file -Force
        $read = Import-Dataset -LiteralPath $file -Schema @{ card = 'String' }
        $out = $read | Unprotect-Dataset -KeyPath $OtherKeyFile -EnvelopePath $envelope -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyMismatch,*'
        $err[0].Exception.Message | Should -Match "protected with key $($Key.KeyId)"
    }

    It 'a passphrase key id is no passphrase verifier: every guess gives the recorded id' {
        $pass = ConvertTo-SecureString 'summer2024' -AsPlainText -Force
        $p = $Customers | Protect-Dataset -Hash email -Passphrase $pass -KeyName guessing
        $step = $p.Lineage[-1].Parameters
        $salt = [Convert]::FromBase64String($step['KeySalt'])
        $audit = Get-DataAuditLog -Last 1
        $audit.KeyId | Should -Be $step['KeyId']
        # The attack of issue 13: derive each guess with the recorded salt and compare key ids.
        foreach ($guess in 'summer2023', 'summer2024') {
            $candidate = [DataCenterTools.Core.Security.DataProtectionKey]::FromPassphrase($guess, $salt)
            $candidate.KeyId | Should -Be $step['KeyId']
            $candidate.Dispose()
        }
        # Only the host's owner-only record tells a wrong passphrase from the right one (KeysFailLoudlyTests checks KeyMismatch).
        $ring = Join-Path $env:DATACENTERTOOLS_HOME 'passphrase-keys.jsonl'
        if (-not $IsWindows) { (Get-Item $ring).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
    }

    It '-Hash warns when a column has fewer than 100,000 possible values' {
        $pins = 1..50 | ForEach-Object { [pscustomobject]@{ pin = '{0:D4}' -f ($_ * 173 % 10000); email = "user$_@example.com" } } | ConvertTo-Dataset
        $null = $pins | Protect-Dataset -Hash pin, email -KeyPath $KeyFile -WarningVariable warned 3>$null
        $warned.Count | Should -Be 1
        # The PINs keep their leading zeros (text): four digits, 10^4 possible values.
        $warned[0] | Should -Match "Column 'pin' has only about 10,000 possible values \(values shaped like 4 digits\)"
    }

    It 'Unprotect-Dataset -WhatIf restores nothing and writes no audit record' {
        $p = $Customers | Protect-Dataset -Encrypt note -KeyPath $KeyFile
        $before = @(Get-DataAuditLog).Count
        $p | Unprotect-Dataset -KeyPath $KeyFile -WhatIf | Should -BeNullOrEmpty
        @(Get-DataAuditLog).Count | Should -Be $before
        (Get-Command Unprotect-Dataset).Parameters.Keys | Should -Contain 'Confirm'
        $null = $p | Unprotect-Dataset -KeyPath $KeyFile
        (Get-DataAuditLog -Last 1).Operation | Should -Be 'Unprotect-Dataset'
    }

    It 'a key file in a folder others can write is refused' -Skip:$IsWindows {
        $open = Join-Path $Folder 'open-folder'
        New-Item -ItemType Directory $open | Out-Null
        Copy-Item $KeyFile (Join-Path $open 'k.key')
        chmod 600 (Join-Path $open 'k.key')
        chmod 777 $open
        $Customers | Protect-Dataset -Hash email -KeyPath (Join-Path $open 'k.key') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyFolderInsecure,*'
        $err[0].Exception.Message | Should -Match '0777'
    }

    It '-PadTo tokenizes 5-digit numbers and Unprotect-Dataset gives them back' {
        $weights = [pscustomobject]@{ fnlwgt = 77516 }, [pscustomobject]@{ fnlwgt = 83311 } | ConvertTo-Dataset
        $weights | Protect-Dataset -Tokenize fnlwgt -KeyPath $KeyFile -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].Exception.ErrorRecord.ErrorDetails.RecommendedAction + $err[0].ErrorDetails.RecommendedAction | Should -Match '-PadTo 6'
        $t = $weights | Protect-Dataset -Tokenize fnlwgt -PadTo 6 -KeyPath $KeyFile -WarningAction SilentlyContinue
        Get-Cells $t fnlwgt | ForEach-Object { $_ | Should -Match '^\d{6}$' }
        Get-Cells ($t | Unprotect-Dataset -KeyPath $KeyFile) fnlwgt | Should -Be @(77516, 83311)
    }
}
