# Export-DataMetric against the real tools (issue 17): Debian's promtool (package prometheus) checks the file, and a
# prometheus-node-exporter started here on a free loopback port, with only the textfile collector reading a temp
# folder, serves it; the test scrapes it over HTTP and parses the values back. Both packages are installed by
# ./build.sh test; the system services they start are neither used nor touched.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = New-TestFolder
    $script:Promtool = '/usr/bin/promtool'
    $exporterPath = '/usr/bin/prometheus-node-exporter'
    foreach ($tool in $Promtool, $exporterPath) {
        if (-not (Test-Path $tool)) { throw "$tool is missing: ./build.sh test installs the prometheus and prometheus-node-exporter packages." }
    }
    $script:TextDir = Join-Path $Root 'textfile'
    New-Item -ItemType Directory -Path $TextDir | Out-Null
    $script:Port = & {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $p = $listener.LocalEndpoint.Port; $listener.Stop(); $p
    }
    $script:Exporter = Start-Process -FilePath $exporterPath -PassThru -RedirectStandardError (Join-Path $Root 'exporter.log') -ArgumentList @(
        "--web.listen-address=127.0.0.1:$Port", '--collector.disable-defaults', '--collector.textfile', "--collector.textfile.directory=$TextDir")

    # A Dataset with a name that needs escaping, missing cells, and a custom metric with NaN and +Inf.
    $script:Prom = Join-Path $TextDir 'dct.prom'
    $ds = @([pscustomobject]@{ cpu = 1.5; host = 'a' }, [pscustomobject]@{ cpu = $null; host = $null }, [pscustomobject]@{ cpu = 3.0; host = $null }) |
        ConvertTo-Dataset
    $ds | Export-DataMetric -Path $Prom -DatasetLabel "tele`"metry\x`nnew" -HostName 'gpu-1' -Label @{ env = 'prod' }
    @(@{ Name = 'odd value'; Value = [double]::NaN }, @{ Name = 'big'; Value = [double]::PositiveInfinity }) |
        Export-DataMetric -Path (Join-Path $TextDir 'custom.prom') -HostName 'gpu-1'

    # Test-DataContract's violations and summary: cpu 250 breaks max 100, two 'north' rows break the allowed regions,
    # 3 rows are fewer than 5; host has no missing cell.
    $csv = Join-Path $Root 'servers.csv'
    Set-Content -LiteralPath $csv -Value "host,cpu,region`na,10,east`nb,250,north`nc,30,north"
    $contract = Join-Path $Root 'servers.contract.json'
    Set-Content -LiteralPath $contract -Value ('{ "version": 1, "rows": { "min": 5 }, "columns": [ { "name": "host", "nullable": false }, ' +
        '{ "name": "cpu", "max": 100 }, { "name": "region", "allowedValues": [ "east", "west" ] } ] }')
    $script:ContractResults = @(Test-DataContract -Path $csv -Contract $contract)
    $ContractResults | Export-DataMetric -Path (Join-Path $TextDir 'contract.prom') -HostName 'gpu-1'

    function Get-Scrape {
        for ($i = 0; $i -lt 100; $i++) {
            try { return (Invoke-WebRequest -Uri "http://127.0.0.1:$Port/metrics" -TimeoutSec 5).Content }
            catch { if ($Exporter.HasExited) { throw "node_exporter exited: $(Get-Content -Raw (Join-Path $Root 'exporter.log'))" }; Start-Sleep -Milliseconds 100 }
        }
        throw "node_exporter did not answer on 127.0.0.1:$Port"
    }
    # One sample line's value, by its exact series text.
    function Get-Value([string] $Text, [string] $Series) {
        $line = ($Text -split "`n") | Where-Object { $_.StartsWith("$Series ") }
        @($line).Count | Should -Be 1 -Because "$Series is served once"
        $line.Substring($Series.Length + 1)
    }
}

AfterAll {
    if ($Exporter -and -not $Exporter.HasExited) { Stop-Process -Id $Exporter.Id; $Exporter.WaitForExit() }
    Remove-Item -Recurse -Force $Root -ErrorAction Ignore
}

Describe 'Export-DataMetric' {
    It 'writes a file promtool check metrics accepts, with no temp file left' {
        $out = Get-Content -Raw $Prom | & $Promtool check metrics 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $out = Get-Content -Raw (Join-Path $TextDir 'custom.prom') | & $Promtool check metrics 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $out = Get-Content -Raw (Join-Path $TextDir 'contract.prom') | & $Promtool check metrics 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        (Get-ChildItem -Force $TextDir).Name | Sort-Object | Should -Be @('contract.prom', 'custom.prom', 'dct.prom')
    }

    It 'is served by a real node_exporter with exact values and escaped labels' {
        $text = Get-Scrape
        $labels = 'dataset="tele\"metry\\x\nnew",env="prod",host="gpu-1"'
        Get-Value $text "dct_dataset_rows{$labels}" | Should -Be '3'
        Get-Value $text "dct_dataset_columns{$labels}" | Should -Be '2'
        Get-Value $text "dct_dataset_missing_cells{column=`"cpu`",$labels}" | Should -Be '1'
        Get-Value $text "dct_dataset_missing_cells{column=`"host`",$labels}" | Should -Be '2'
        Get-Value $text 'dct_odd_value{host="gpu-1"}' | Should -Be 'NaN'
        Get-Value $text 'dct_big{host="gpu-1"}' | Should -Be '+Inf'
        $text | Should -Match '# HELP dct_dataset_rows Rows of the dataset\.'
        $text | Should -Match '# TYPE dct_dataset_rows gauge'
        # The collector read both files without an error.
        Get-Value $text 'node_textfile_scrape_error' | Should -Be '0'
    }

    It 'turns a data contract check into its verdict, rule counts and rows per broken rule' {
        $labels = 'dataset="servers",contract="servers.contract.json",host="gpu-1"'
        $lines = @(Get-Content (Join-Path $TextDir 'contract.prom') | Where-Object { -not $_.StartsWith('#') })
        $duration = $lines | Where-Object { $_.StartsWith("dct_contract_check_duration_seconds{$labels} ") }
        [double]$duration.Split(' ')[1] | Should -Be $ContractResults[-1].Elapsed.TotalSeconds
        $lines | Where-Object { $_ -ne $duration -and -not $_.StartsWith('dct_metrics_written') } | Should -Be @(
            "dct_contract_passed{$labels} 0"
            "dct_contract_rows{$labels} 3"
            "dct_contract_rules{$labels} 4"
            "dct_contract_rules_violated{$labels} 3"
            'dct_contract_violation_rows{dataset="servers",contract="servers.contract.json",rule="AllowedValues",column="region",host="gpu-1"} 2'
            'dct_contract_violation_rows{dataset="servers",contract="servers.contract.json",rule="Range",column="cpu",host="gpu-1"} 1'
            'dct_contract_violation_rows{dataset="servers",contract="servers.contract.json",rule="RowCount",host="gpu-1"} 3'
        )
        # node_exporter serves the labels in name order.
        $scrape = Get-Scrape
        Get-Value $scrape 'dct_contract_passed{contract="servers.contract.json",dataset="servers",host="gpu-1"}' | Should -Be '0'
        Get-Value $scrape 'dct_contract_violation_rows{column="cpu",contract="servers.contract.json",dataset="servers",host="gpu-1",rule="Range"}' | Should -Be '1'
    }

    It 'refuses to replace a file without -Force and replaces it with -Force' {
        $path = Join-Path $Root 'again.prom'
        @{ Name = 'x'; Value = 1 } | Export-DataMetric -Path $path
        { @{ Name = 'x'; Value = 2 } | Export-DataMetric -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.FileExists*'
        @{ Name = 'x'; Value = 2 } | Export-DataMetric -Path $path -Force -HostName h
        Get-Content $path | Should -Contain 'dct_x{host="h"} 2'
    }

    It 'names an unwritable folder, a reserved label and an input without metrics as DataCenterTools errors' {
        # sysfs refuses new files even to root, so this holds however the tests run.
        { @{ Name = 'x'; Value = 1 } | Export-DataMetric -Path /sys/kernel/dct.prom -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.MetricsFolderNotWritable*'
        { @{ Name = 'x'; Value = 1 } | Export-DataMetric -Path (Join-Path $Root 'r.prom') -Label @{ dataset = 'x' } } | Should -Throw -ErrorId 'DataCenterTools.MetricLabelReserved*'
        'text' | Export-DataMetric -Path (Join-Path $Root 'n.prom') -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.MetricInputNotSupported*'
    }

    It 'documents every metric family it can write' {
        $help = (Get-Help Export-DataMetric -Full).description.Text -join ' '
        foreach ($family in [DataCenterTools.Core.Operations.DataMetricFamilies]::All) { $help | Should -Match "\b$($family.Name)\b" }
    }
}
