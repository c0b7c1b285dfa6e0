BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Folder = New-TestFolder
    $script:SavedEnvironment = Save-TestHome
    $script:SavedJournal = $env:DATACENTERTOOLS_AUDIT_SYSLOG
    $script:KeyFile = Join-Path $Folder 'pii.key'
    New-DataProtectionKey -Path $KeyFile | Out-Null
    $script:People = [pscustomobject]@{ email = 'ada@example.com' }, [pscustomobject]@{ email = 'bob@example.org' } | ConvertTo-Dataset -Name people
    function Protect-People { [CmdletBinding()] param() $People | Protect-Dataset -Hash email -KeyPath $KeyFile }
    function Get-Sha256([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }
}

AfterAll {
    Restore-TestHome $SavedEnvironment
    $env:DATACENTERTOOLS_AUDIT_SYSLOG = $SavedJournal
    Remove-Item -Recurse -Force $Folder -ErrorAction SilentlyContinue
}

Describe 'The audit log is tamper-evident' {
    BeforeEach {
        # Each test damages its own log: a fresh home with three records, sealed with its own audit key.
        $env:DATACENTERTOOLS_HOME = Join-Path $Folder ([guid]::NewGuid().ToString('N'))
        $env:DATACENTERTOOLS_AUDIT_SYSLOG = 'off'
        1..3 | ForEach-Object { $null = Protect-People }
        $script:Log = Join-Path $env:DATACENTERTOOLS_HOME 'audit.jsonl'
        $script:Lines = @(Get-Content -LiteralPath $Log)
    }

    It 'an intact log is valid and its head anchors every record' {
        $result = Test-DataAuditLog
        $result.Valid | Should -BeTrue
        $result.RecordCount | Should -Be 3
        $result.AnchoredRecords | Should -Be 3
        $result.LastMac | Should -Be ($Lines[2] | ConvertFrom-Json).mac
        Test-Path (Join-Path $env:DATACENTERTOOLS_HOME 'audit.key') | Should -BeTrue
        if (-not $IsWindows) {
            (Get-Item (Join-Path $env:DATACENTERTOOLS_HOME 'audit.key')).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
            (Get-Item "$Log.head").UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        }
    }

    It 'deleting the last record is seen, and Protect-Dataset refuses to continue the damaged log' {
        Set-Content -LiteralPath $Log -Value $Lines[0..1]
        $result = Test-DataAuditLog -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Valid | Should -BeFalse
        $result.FirstInvalidLine | Should -Be 3
        $result.Reason | Should -Match 'record 3 was removed'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogTampered,*'
        Protect-People -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogDamaged,*'
        @(Get-Content -LiteralPath $Log).Count | Should -Be 2
    }

    It 'a forged record chained to the real last one is seen' {
        $forged = $Lines[2] | ConvertFrom-Json
        $forged.seq = 4
        $forged.operation = 'Unprotect-Dataset'
        $forged.prev = ($Lines[2] | ConvertFrom-Json).mac
        Add-Content -LiteralPath $Log -Value ($forged | ConvertTo-Json -Compress)
        $result = Test-DataAuditLog -ErrorAction SilentlyContinue
        $result.Valid | Should -BeFalse
        $result.FirstInvalidLine | Should -Be 4
        $result.Reason | Should -Match 'record 4 was altered or forged'
    }

    It 'a rewritten chain is seen at the first rewritten record' {
        $records = $Lines | ConvertFrom-Json
        $records[1].target = 'somewhere-else'
        # Re-chained as far as anyone without the audit key can: each prev points at the forged MAC before it.
        $sha = [System.Security.Cryptography.SHA256]
        for ($i = 1; $i -lt 3; $i++) {
            $records[$i].prev = $records[$i - 1].mac
            $records[$i].mac = [Convert]::ToHexString($sha::HashData([Text.Encoding]::UTF8.GetBytes($records[$i].target + $i))).ToLowerInvariant()
        }
        Set-Content -LiteralPath $Log -Value (@($Lines[0]) + ($records[1..2] | ForEach-Object { $_ | ConvertTo-Json -Compress }))
        $result = Test-DataAuditLog -ErrorAction SilentlyContinue
        $result.Valid | Should -BeFalse
        $result.FirstInvalidLine | Should -Be 2
        $result.Reason | Should -Match 'record 2 was altered or forged'
    }

    It 'an emptied log is seen and not silently restarted' {
        Set-Content -LiteralPath $Log -Value $null -NoNewline
        $result = Test-DataAuditLog -ErrorAction SilentlyContinue
        $result.Valid | Should -BeFalse
        $result.Reason | Should -Match 'emptied'
        Protect-People -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogDamaged,*'
        (Get-Item -LiteralPath $Log).Length | Should -Be 0
    }

    It 'an append cut off by a crash does not block later operations; the repair is a record' {
        [System.IO.File]::AppendAllText($Log, $Lines[2].Replace('"seq":3', '"seq":4').Substring(0, 187))
        (Test-DataAuditLog -WarningVariable note 3>$null).Valid | Should -BeTrue
        $note | Should -Match 'incomplete record of 187 bytes'
        Protect-People | Should -Not -BeNullOrEmpty
        $records = Get-DataAuditLog
        $records.Count | Should -Be 5
        $records[3].Operation | Should -Be 'Repair-DataAuditLog'
        $records[3].Detail | Should -Match 'removed 187 bytes of an incomplete record after record 3'
        (Test-DataAuditLog).Valid | Should -BeTrue
    }
}

Describe 'A full disk in the middle of an append' -Skip:($IsWindows -or (& id -u) -ne '0') {
    # A real ENOSPC: a 64 KiB tmpfs holds the home, the log is brought to just under a page boundary and the
    # rest of the file system filled, so the next record gets its first bytes into the log's last page and then
    # fails: the torn append of issue 13.
    BeforeAll {
        $script:Mount = Join-Path $Folder 'small-disk'
        New-Item -ItemType Directory -Path $Mount | Out-Null
        & mount -t tmpfs -o size=64k,mode=0700 tmpfs $Mount 2>$null
        $script:Mounted = $LASTEXITCODE -eq 0
    }
    AfterAll {
        if ($Mounted) { & umount $Mount }
    }

    It 'leaves the log byte for byte as it was, says why, and the next operation after space is freed is audited' {
        if (-not $Mounted) { Set-ItResult -Skipped -Because 'this machine does not allow mounting a tmpfs'; return }
        $env:DATACENTERTOOLS_HOME = $Mount
        $env:DATACENTERTOOLS_AUDIT_SYSLOG = 'off'
        $null = Protect-People
        $log = [DataCenterTools.Core.Security.DataAuditLog]::new()
        # Pad records until the log ends 150 to 250 bytes before a 4 KiB page boundary (a Protect record is ~300 bytes).
        $base = 300
        for ($i = 0; $i -lt 40; $i++) {
            $length = (Get-Item -LiteralPath $log.Path).Length
            if ($length % 4096 -ge 3846 -and $length % 4096 -le 3946) { break }
            $pad = [Math]::Max(1, [Math]::Min(3000, (3896 - $length % 4096 + 4096) % 4096 - $base))
            $log.Append([DataCenterTools.Core.Security.DataAuditEntry]::new('Pad', ('p' * $pad), $null, [string[]]@(), $null, $null))
            $base = (Get-Item -LiteralPath $log.Path).Length - $length - $pad
        }
        (Get-Item -LiteralPath $log.Path).Length % 4096 | Should -BeGreaterOrEqual 3846
        $before = Get-Sha256 $log.Path
        $records = @(Get-Content -LiteralPath $log.Path).Count
        & dd if=/dev/zero "of=$Mount/filler" bs=4096 2>$null
        Protect-People -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.AuditLogUnavailable,*'
        $failed[0].Exception.Message | Should -Match 'left as it was'
        Get-Sha256 $log.Path | Should -Be $before

        Remove-Item -LiteralPath (Join-Path $Mount 'filler')
        Protect-People | Should -Not -BeNullOrEmpty
        $result = Test-DataAuditLog
        $result.Valid | Should -BeTrue
        $result.RecordCount | Should -Be ($records + 1)
        Get-ChildItem -LiteralPath $Mount -Force -Filter '*.tmp' | Should -BeNullOrEmpty
    }
}

Describe 'The head goes to the system journal' -Skip:$IsWindows {
    It 'each append sends log, record count and last MAC to the syslog socket' {
        $env:DATACENTERTOOLS_HOME = Join-Path $Folder 'journal-home'
        $socketPath = Join-Path $Folder 'log.sock'
        $socket = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Dgram, [System.Net.Sockets.ProtocolType]::Unspecified)
        try {
            $socket.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($socketPath))
            $socket.ReceiveTimeout = 10000
            $env:DATACENTERTOOLS_AUDIT_SYSLOG = $socketPath
            $null = Protect-People
            $null = Protect-People
            $buffer = [byte[]]::new(4096)
            $first = [Text.Encoding]::UTF8.GetString($buffer, 0, $socket.Receive($buffer))
            $second = [Text.Encoding]::UTF8.GetString($buffer, 0, $socket.Receive($buffer))
        } finally {
            $socket.Dispose()
            $env:DATACENTERTOOLS_AUDIT_SYSLOG = 'off'
        }
        $result = Test-DataAuditLog
        $log = Join-Path $env:DATACENTERTOOLS_HOME 'audit.jsonl'
        # <86>: facility authpriv (10 x 8) + severity info (6), as logger -p authpriv.info writes it.
        $first | Should -Match ('^<86>DataCenterTools-audit\[\d+\]: log=' + [regex]::Escape($log) + ' records=1 mac=[0-9a-f]{64}$')
        $second | Should -Match (' records=2 mac=' + $result.LastMac + '$')
    }
}
