# Fan-out over real PowerShell remoting (issue 17): the tests start their own sshd (Debian openssh-server, installed
# by ./build.sh test) on a free loopback port with a pwsh subsystem, a throwaway host key and user key
# (tools/Start-TestSshd.ps1, shared with bench/Measure-Fleet.ps1), and reach it under several names (127.0.0.1,
# 127.0.0.2, 127.0.0.3 are all this machine). The remote side imports the module from the built output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = New-TestFolder
    $script:Sshd = & (Join-Path $PSScriptRoot '../../tools/Start-TestSshd.ps1') -Root $Root
    $script:Port = $Sshd.Port
    $script:UserKey = $Sshd.KeyFilePath
    $script:User = $Sshd.User
    $script:SshOptions = $Sshd.Options
    $script:Csv = (Resolve-Path (Join-Path $ExamplesData 'telemetry_sample.csv')).Path
    $script:Corpus = (Resolve-Path (Join-Path $ExamplesData 'text/demo-dataset.jsonl')).Path
    $script:Manifest = (Resolve-Path $manifest).Path
    $local = Import-Dataset $Csv
    # Two hosts serve the same file: the merged figures are those of the file twice over.
    $script:Twice = Merge-Dataset $local, $local | Get-DataDistribution -Column cpu_pct, power_w, region
    $null = Import-Dataset $Corpus | Measure-TextToken -Tokenizer o200k_base -ReportVariable localTokens
    $script:LocalTokens = $localTokens
    $LocalTokens.Tokens | Should -BeGreaterThan 0
}

AfterAll {
    if ($Sshd) { & $Sshd.Stop }
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'Invoke-Command over SSH into Merge-DataDistribution (the README fan-out)' {
    It 'merges the summaries of two hosts into the figures of the whole data' {
        $merged = Invoke-Command -HostName 127.0.0.1, 127.0.0.2 -Port $Port -UserName $User -KeyFilePath $UserKey -Options $SshOptions -ScriptBlock {
            param($Manifest, $Csv) Import-Module $Manifest; Get-DataDistribution -Path $Csv -Column cpu_pct, power_w, region -AsSummary
        } -ArgumentList $Manifest, $Csv | Merge-DataDistribution
        $merged.Column | Should -Be @('cpu_pct', 'power_w', 'region')
        foreach ($column in $Twice) {
            $m = $merged | Where-Object Column -EQ $column.Column
            $m.Count | Should -Be $column.Count
            $m.Missing | Should -Be $column.Missing
            if ($column.Kind -eq 'numeric') {
                $m.Mean | Should -BeGreaterThan ($column.Mean - 1e-9)
                $m.Mean | Should -BeLessThan ($column.Mean + 1e-9)
                [math]::Abs($m.Std - $column.Std) | Should -BeLessThan 1e-9
                $m.Min | Should -Be $column.Min
                $m.Max | Should -Be $column.Max
            }
        }
    }
}

Describe 'Invoke-DataFleet' {
    BeforeAll {
        # 127.0.0.1 answers, 127.0.0.2 runs past its limit, 127.0.0.3 fails, nosuchhost.invalid cannot be resolved.
        $script:Started = [Diagnostics.Stopwatch]::StartNew()
        $script:Run = Invoke-DataFleet -ComputerName 127.0.0.1, 127.0.0.2, '# a comment line', '', 127.0.0.3, nosuchhost.invalid, 127.0.0.1 `
            -Port $Port -UserName $User -KeyFilePath $UserKey -Options $SshOptions -TimeoutSeconds 25 -ThrottleLimit 4 -ScriptBlock {
                param($Manifest, $Csv, $Corpus)
                $server = ($env:SSH_CONNECTION -split ' ')[2]
                if ($server -eq '127.0.0.2') { Start-Sleep -Seconds 120 }
                if ($server -eq '127.0.0.3') { throw 'disk /data is not mounted' }
                Import-Module $Manifest
                Get-DataDistribution -Path $Csv -Column cpu_pct, power_w, region -AsSummary
                $null = Import-Dataset $Corpus | Measure-TextToken -Tokenizer o200k_base -ReportVariable tokens
                $tokens
            } -ArgumentList $Manifest, $Csv, $Corpus -ErrorVariable script:FleetErrors -ErrorAction SilentlyContinue
        $Started.Stop()
    }

    It 'returns one status per host, in the order given, blank lines, comments and repeats dropped' {
        $Run.Hosts.ComputerName | Should -Be @('127.0.0.1', '127.0.0.2', '127.0.0.3', 'nosuchhost.invalid')
        $Run.Hosts.Outcome | Should -Be @('Succeeded', 'TimedOut', 'Failed', 'Unreachable')
        $Run.Succeeded | Should -Be 1
        $Run.Failed | Should -Be 3
        ($Run.Hosts | Where-Object ComputerName -EQ 127.0.0.3).Error | Should -Match 'disk /data is not mounted'
    }

    It 'stops the slow host on its own time limit and keeps the good host''s results' {
        $slow = $Run.Hosts | Where-Object ComputerName -EQ 127.0.0.2
        $slow.Duration.TotalSeconds | Should -BeGreaterOrEqual 25
        $Started.Elapsed.TotalSeconds | Should -BeLessThan 110 -Because 'the 120 s sleep was stopped, not waited for'
        ($Run.Hosts | Where-Object ComputerName -EQ 127.0.0.1).OutputCount | Should -Be 4
        @($Run.Output | Where-Object PSComputerName -EQ 127.0.0.1).Count | Should -Be 4
    }

    It 'reports each bad host as its own DataCenterTools error' {
        $ids = @($FleetErrors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $ids | Should -Be @('DataCenterTools.FleetHostTimedOut', 'DataCenterTools.FleetHostFailed', 'DataCenterTools.FleetHostUnreachable')
        @($FleetErrors | ForEach-Object { "$($_.CategoryInfo.Category)" }) | Should -Be @('OperationTimeout', 'InvalidData', 'ConnectionError')
        $FleetErrors[2].TargetObject | Should -Be 'nosuchhost.invalid'
    }

    It 'merges the summaries and token counts of the hosts that succeeded' {
        $Run.Summaries.Column | Should -Be @('cpu_pct', 'power_w', 'region')
        $cpu = $Run.Distributions | Where-Object Column -EQ cpu_pct
        $one = Import-Dataset $Csv | Get-DataDistribution -Column cpu_pct
        $cpu.Count | Should -Be $one.Count
        [math]::Abs($cpu.Mean - $one.Mean) | Should -BeLessThan 1e-9
        $Run.Tokens.Tokens | Should -Be $LocalTokens.Tokens
        $Run.Tokens.Documents | Should -Be $LocalTokens.Documents
    }

    It 'merges two good hosts into the figures of the data twice over' {
        $two = Invoke-DataFleet 127.0.0.1, 127.0.0.2 -Port $Port -UserName $User -KeyFilePath $UserKey -Options $SshOptions -ScriptBlock {
            param($Manifest, $Csv, $Corpus) Import-Module $Manifest
            Get-DataDistribution -Path $Csv -Column cpu_pct, power_w, region -AsSummary
            $null = Import-Dataset $Corpus | Measure-TextToken -Tokenizer o200k_base -ReportVariable tokens
            $tokens
        } -ArgumentList $Manifest, $Csv, $Corpus
        $two.AllSucceeded | Should -BeTrue
        foreach ($column in $Twice) {
            $m = $two.Distributions | Where-Object Column -EQ $column.Column
            $m.Count | Should -Be $column.Count
            if ($column.Kind -eq 'numeric') { [math]::Abs($m.Std - $column.Std) | Should -BeLessThan 1e-9 }
        }
        $two.Tokens.Tokens | Should -Be (2 * $LocalTokens.Tokens)
        $two.Tokens.MaxTokens | Should -Be $LocalTokens.MaxTokens
    }

    It 'refuses a host list with no host and a missing key file' {
        { Invoke-DataFleet -ComputerName '', '# only a comment' -ScriptBlock { 1 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'DataCenterTools.FleetNoHosts,DataCenterTools.Commands.InvokeDataFleetCommand'
        { Invoke-DataFleet -ComputerName h1 -KeyFilePath (Join-Path $Root 'nokey') -ScriptBlock { 1 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'DataCenterTools.KeyFileNotFound,DataCenterTools.Commands.InvokeDataFleetCommand'
    }
}
