# Ctrl+C on long work (issue 17): a hosted pipeline is stopped midway, as the console's Ctrl+C does (PowerShell.Stop()
# calls StopProcessing and ends the pipeline), and then nothing is half-done: no temp file in the output folder or in
# the temp folder, no partial output, and the stores (versions, backups, audit log) still verify.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = New-TestFolder
    $script:OldHome = $env:DATACENTERTOOLS_HOME
    $script:OldTemp = $env:TMPDIR
    $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home'
    # Scratch files the module makes go to the temp folder (.NET reads TMPDIR): a folder of our own, to check it is empty.
    $script:Scratch = Join-Path $Root 'tmp'
    New-Item -ItemType Directory $Scratch | Out-Null
    $env:TMPDIR = $Scratch

    # A large input of varied values (random numbers and times, so that no store compresses it to nothing): 2M rows,
    # ~120 MB, so every step below runs for seconds and is stopped well before it ends.
    $script:Data = Join-Path $Root 'data'
    New-Item -ItemType Directory $Data | Out-Null
    $script:BigCsv = Join-Path $Data 'big.csv'
    $script:BigRows = 2000000
    Add-Type -TypeDefinition @'
public static class CancellationTestData
{
    public static void Write(string path, int rows)
    {
        var random = new System.Random(17);
        var start = new System.DateTime(2026, 11, 1, 0, 0, 0, System.DateTimeKind.Utc);
        string[] regions = { "eu-central", "us-east", "cn-east", "ap-south" };
        using var writer = new System.IO.StreamWriter(path);
        writer.Write("timestamp,host,region,cpu_pct,gpu_pct,mem_pct,power_w,status\n");
        for (int i = 0; i < rows; i++)
        {
            double cpu = System.Math.Round(random.NextDouble() * 100, 2);
            writer.Write(System.FormattableString.Invariant(
                $"{start.AddSeconds(i * 7):yyyy-MM-ddTHH:mm:ssZ},gpu-{i % 97:D3},{regions[i % 4]},{cpu},{System.Math.Round(random.NextDouble() * 100, 2)},{System.Math.Round(random.NextDouble() * 100, 2)},{System.Math.Round(300 + cpu * 4 + random.NextDouble() * 50, 1)},{(cpu > 90 ? "warn" : "ok")}\n"));
        }
    }
}
'@
    [CancellationTestData]::Write($BigCsv, $BigRows)

    $script:Key = Join-Path $Root 'backup.key'
    New-DataProtectionKey -Path $Key | Out-Null

    # One runspace with the module, used by each stopped pipeline in turn.
    $script:Runspace = [runspacefactory]::CreateRunspace()
    $Runspace.Open()
    $ps = [powershell]::Create($Runspace)
    [void]$ps.AddCommand('Import-Module').AddArgument($manifest).AddParameter('ErrorAction', 'Stop')
    [void]$ps.Invoke()
    $ps.Dispose()

    # Runs $Script (with $Arguments as its param block's arguments) in the hosted runspace, waits until it is under
    # way ($MinimumSeconds), stops it and says how it ended.
    function Invoke-Stopped([string] $Script, [hashtable] $Arguments = @{}, [double] $MinimumSeconds = 0.4) {
        $ps = [powershell]::Create($Runspace)
        [void]$ps.AddScript($Script)
        foreach ($name in $Arguments.Keys) { [void]$ps.AddParameter($name, $Arguments[$name]) }
        $started = [Diagnostics.Stopwatch]::StartNew()
        $async = $ps.BeginInvoke()
        while ($ps.InvocationStateInfo.State -eq 'Running' -and $started.Elapsed.TotalSeconds -lt $MinimumSeconds) { Start-Sleep -Milliseconds 20 }
        $stateAtStop = $ps.InvocationStateInfo.State
        $stop = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $stop.Stop()
        $result = [pscustomobject]@{
            RunningAtStop = $stateAtStop -eq 'Running'
            State         = $ps.InvocationStateInfo.State
            StopSeconds   = $stop.Elapsed.TotalSeconds
            Errors        = @($ps.Streams.Error | ForEach-Object { $_.FullyQualifiedErrorId })
        }
        $ps.Dispose()
        Write-Information ("    stopped after {0:N1} s of work; Stop() took {1:N2} s" -f ($started.Elapsed.TotalSeconds - $stop.Elapsed.TotalSeconds), $result.StopSeconds) -InformationAction Continue
        $result
    }

    # A stop that hangs would hang the suite; this bound only catches a stop that was ignored (the issue asks for
    # under a second; the figure is printed above for each case). 15 s, not 5: at a load average of 45 on 2 cores a
    # prompt stop of Start-ModelTraining took 5.04 s, while an ignored one waits for the whole fit.
    function Assert-StoppedCleanly($Result) {
        $Result.RunningAtStop | Should -BeTrue -Because 'the work must still be under way when it is stopped'
        $Result.State | Should -Be 'Stopped'
        $Result.StopSeconds | Should -BeLessThan 15
        $Result.Errors | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $Scratch -Force -Recurse) | Should -BeNullOrEmpty -Because 'no scratch file is left in the temp folder'
    }

    function Get-FolderListing([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -Force -Recurse -File | ForEach-Object { $_.FullName.Substring($Folder.Length) } | Sort-Object)
    }
}

AfterAll {
    if ($Runspace) { $Runspace.Dispose() }
    $env:TMPDIR = $OldTemp
    $env:DATACENTERTOOLS_HOME = $OldHome
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'Stopping long work (Ctrl+C)' {
    BeforeAll {
        $script:Big = Import-Dataset $BigCsv
        $Big.RowCount | Should -Be $BigRows
        # Parquet export and pseudonymisation are fast: four times as many rows keep them busy long enough.
        $script:Bigger = Merge-Dataset $Big, $Big, $Big, $Big
    }

    It 'stops Import-Dataset of a large CSV' {
        $r = Invoke-Stopped 'param($p) $null = Import-Dataset -Path $p' @{ p = $BigCsv }
        Assert-StoppedCleanly $r
    }

    It 'stops a streaming profile (Get-DataDistribution -Path)' {
        $r = Invoke-Stopped 'param($p) $null = Get-DataDistribution -Path $p -AsSummary' @{ p = $BigCsv }
        Assert-StoppedCleanly $r
    }

    It 'stops Export-Dataset to <Format> with no output and no temp file left' -TestCases @(
        @{ Format = 'Csv'; Extension = 'csv' }
        @{ Format = 'Parquet'; Extension = 'parquet' }
        @{ Format = 'JsonLines'; Extension = 'jsonl' }
    ) {
        param($Format, $Extension)
        $folder = Join-Path $Root "export-$Extension"
        New-Item -ItemType Directory $folder | Out-Null
        $target = Join-Path $folder "out.$Extension"
        $r = Invoke-Stopped 'param($d, $p) Export-Dataset -Dataset $d -Path $p' @{ d = $Bigger; p = $target } -MinimumSeconds 0.2
        Assert-StoppedCleanly $r
        Get-FolderListing $folder | Should -BeNullOrEmpty -Because 'a stopped export leaves neither the output nor its temp file'
    }

    It 'stops Export-Dataset -Force over an existing file and keeps the old file whole' {
        $folder = Join-Path $Root 'export-force'
        New-Item -ItemType Directory $folder | Out-Null
        $target = Join-Path $folder 'out.csv'
        Set-Content -LiteralPath $target -Value 'kept,as,it,was'
        $before = (Get-FileHash $target).Hash
        $r = Invoke-Stopped 'param($d, $p) Export-Dataset -Dataset $d -Path $p -Force' @{ d = $Big; p = $target }
        Assert-StoppedCleanly $r
        (Get-FileHash $target).Hash | Should -Be $before
        Get-FolderListing $folder | Should -Be @('/out.csv')
    }

    It 'stops Backup-Dataset and the repository still verifies with its earlier snapshot' {
        $repo = Join-Path $Root 'repo'
        $small = Join-Path $Data 'small.csv'
        Copy-Item (Join-Path $ExamplesData 'telemetry_sample.csv') $small
        $first = Backup-Dataset -Path $small -Destination $repo -KeyPath $Key
        $r = Invoke-Stopped 'param($p, $repo, $key) $null = Backup-Dataset -Path $p -Destination $repo -KeyPath $key' @{ p = $BigCsv; repo = $repo; key = $Key }
        Assert-StoppedCleanly $r
        $snapshots = @(Get-DatasetBackup $repo -KeyPath $Key)
        $snapshots.Id | Should -Be @($first.Id)
        $check = Test-DatasetBackup $repo -KeyPath $Key -ReadData
        $check.Passed | Should -BeTrue
    }

    It 'stops Save-DatasetVersion and the version store keeps only the complete versions' {
        $small = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
        Save-DatasetVersion -Dataset $small -Name telemetry | Out-Null
        $r = Invoke-Stopped 'param($d) $null = Save-DatasetVersion -Dataset $d -Name telemetry' @{ d = $Big }
        Assert-StoppedCleanly $r
        $versions = @(Get-DatasetVersion -List -Name telemetry)
        $versions.Version | Should -Be @(1)
        (Get-DatasetVersion -Name telemetry).RowCount | Should -Be 720
    }

    It 'stops Start-ModelTraining' {
        $r = Invoke-Stopped 'param($d) $null = Start-ModelTraining -Dataset $d -Label power_w -Feature cpu_pct,gpu_pct,mem_pct,region -Seed 1' @{ d = $Big } -MinimumSeconds 1
        Assert-StoppedCleanly $r
    }

    It 'stops Protect-Dataset and the audit log stays whole' {
        $small = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
        $small | Protect-Dataset -Hash host -KeyPath $Key | Out-Null
        $r = Invoke-Stopped 'param($d, $key) $null = $d | Protect-Dataset -Hash host,region,status -KeyPath $key' @{ d = $Bigger; key = $Key } -MinimumSeconds 0.2
        Assert-StoppedCleanly $r
        $check = Test-DataAuditLog
        $check.Valid | Should -BeTrue
    }
}
