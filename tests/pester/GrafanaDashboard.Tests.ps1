# The example Grafana dashboard (examples/grafana-dashboard.json) against what Export-DataMetric really writes: one
# run feeds it every kind of result the module produces, and every metric the dashboard's PromQL names must be in
# that file. Each expression is parsed by Debian's promtool (package prometheus, installed by ./build.sh test):
# wrapped in a recording rule, as `promtool check rules` parses rule expressions with Prometheus' own PromQL parser.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = New-TestFolder
    $script:Promtool = '/usr/bin/promtool'
    if (-not (Test-Path $Promtool)) { throw "$Promtool is missing: ./build.sh test installs the prometheus package." }
    $script:Dashboard = Get-Content -Raw (Join-Path $PSScriptRoot '../../examples/grafana-dashboard.json') | ConvertFrom-Json
    $savedHome = $env:DATACENTERTOOLS_HOME
    $env:DATACENTERTOOLS_HOME = Join-Path $Root 'home'
    try {
        $csv = (Resolve-Path (Join-Path $ExamplesData 'telemetry_sample.csv')).Path
        $ds = Import-Dataset $csv
        $contract = Join-Path $Root 'telemetry.contract.json'
        Set-Content -LiteralPath $contract -Value '{ "version": 1, "rows": { "min": 1000 }, "columns": [ { "name": "cpu_pct", "max": 50 } ] }'
        $key = Join-Path $Root 'backup.key'
        New-DataProtectionKey -Path $key | Out-Null
        $repo = Join-Path $Root 'backups'
        Backup-Dataset -Path $csv -Destination $repo -KeyPath $key | Out-Null
        $null = Register-Dataset -Path $csv -Name telemetry
        $null = Save-DatasetVersion -Dataset $ds -Name telemetry
        $null = Import-Dataset (Join-Path $ExamplesData 'text/demo-dataset.jsonl') | Measure-TextToken -Tokenizer o200k_base -ReportVariable tokens
        $inventory = New-Item -ItemType Directory (Join-Path $Root 'inventory')
        Copy-Item (Join-Path $ExamplesData 'iris.csv') $inventory
        $corpus = New-Item -ItemType Directory (Join-Path $Root 'corpus')
        Copy-Item (Join-Path $ExamplesData 'text/demo-dataset.jsonl') $corpus
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $script:Inputs = @(
            $ds
            Test-DataContract -Dataset $ds -Contract $contract
            Compare-DataDistribution -Reference $ds -Difference $ds -Column cpu_pct, region
            Import-DatasetLabel (Join-Path $ExamplesData 'diagnoses.csv') -Format Wide | Measure-LabelAgreement
            Get-DatasetBackup $repo -KeyPath $key
            Test-DatasetBackup $repo -KeyPath $key
            Get-DatasetCatalog
            Get-DatasetVersion -List -Name telemetry
            Get-DatasetInventory -Path $inventory
            $tokens
            Test-TextQuality -Path $corpus -OutputPath (Join-Path $Root 'corpus-out')
            $clock.Elapsed
            $clock
            @{ Name = 'rows_rejected'; Value = 0 }
        )
    }
    finally { $env:DATACENTERTOOLS_HOME = $savedHome }
    $script:Prom = Join-Path $Root 'all.prom'
    # The TimeSpan and the Stopwatch both give dct_run_duration_seconds{run="total"}: the one warning expected.
    $Inputs | Export-DataMetric -Path $Prom -DatasetLabel telemetry -HostName gpu-1 -WarningVariable warnings -WarningAction SilentlyContinue
    "$warnings" | Should -BeLike '*dct_run_duration_seconds{run="total"*'
    $script:Produced = @(Get-Content $Prom | Where-Object { $_ -match '^# TYPE (\S+) ' } | ForEach-Object { $Matches[1] })

    # The metric names a PromQL expression selects: strings, matchers, label lists and ranges are cut out first, then
    # what is left of the names is a word not followed by '(' (a function or an aggregation) and not a keyword.
    function Get-MetricName([string] $Expr) {
        $e = $Expr -replace '"(\\.|[^"\\])*"', '""' -replace '\{[^}]*\}', '' -replace '\[[^\]]*\]', ''
        $e = $e -replace '\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)', ''
        $keywords = 'and', 'or', 'unless', 'bool', 'offset', 'group_left', 'group_right', 'inf', 'nan'
        [regex]::Matches($e, '(?<![\w:.])[a-zA-Z_:][\w:]*\b(?!\s*\()').Value | Where-Object { $_ -notin $keywords } | Sort-Object -Unique
    }
    # Every expression of the panels and, for a templating query label_values(selector, label), its selector.
    $script:Expressions = @(
        foreach ($panel in $Dashboard.panels) { foreach ($target in $panel.targets) { [pscustomobject]@{ Place = "panel $($panel.id) '$($panel.title)' $($target.refId)"; Expr = $target.expr } } }
        foreach ($variable in $Dashboard.templating.list) {
            $query = if ($variable.query -is [string]) { $variable.query } else { $variable.query.query }
            $query | Should -Match '^label_values\((.+),\s*\w+\)$' -Because "variable $($variable.name) lists label values"
            [pscustomobject]@{ Place = "variable $($variable.name)"; Expr = ($query -replace '^label_values\((.+),\s*\w+\)$', '$1') }
        }
    )
}

AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

Describe 'examples/grafana-dashboard.json' {
    It 'is a dashboard for a Prometheus picked at import: panels with unique ids, each with a datasource and PromQL targets' {
        $Dashboard.schemaVersion | Should -BeOfType [long]
        $Dashboard.schemaVersion | Should -BeGreaterOrEqual 36
        $Dashboard.title | Should -Not -BeNullOrEmpty
        $Dashboard.uid | Should -Match '^[a-zA-Z0-9_-]{1,40}$'
        $prometheus = @($Dashboard.__inputs | Where-Object name -EQ 'DS_PROMETHEUS')
        $prometheus.Count | Should -Be 1
        $prometheus[0].type | Should -Be 'datasource'
        $prometheus[0].pluginId | Should -Be 'prometheus'
        @($Dashboard.panels).Count | Should -BeGreaterThan 10
        @($Dashboard.panels.id | Sort-Object -Unique).Count | Should -Be @($Dashboard.panels).Count
        foreach ($panel in $Dashboard.panels) {
            $panel.datasource.type | Should -Be 'prometheus' -Because "panel $($panel.id)"
            $panel.datasource.uid | Should -Be '${DS_PROMETHEUS}' -Because "panel $($panel.id)"
            @($panel.targets).Count | Should -BeGreaterThan 0 -Because "panel $($panel.id)"
            foreach ($target in $panel.targets) {
                $target.expr | Should -Not -BeNullOrEmpty -Because "panel $($panel.id)"
                $target.datasource.uid | Should -Be '${DS_PROMETHEUS}' -Because "panel $($panel.id)"
            }
            $panel.gridPos.x + $panel.gridPos.w | Should -BeLessOrEqual 24 -Because "panel $($panel.id) fits the 24-column grid"
        }
        $Dashboard.templating.list.name | Should -Be @('host', 'dataset')
        foreach ($variable in $Dashboard.templating.list) { $variable.datasource.uid | Should -Be '${DS_PROMETHEUS}' }
    }

    It 'was fed every kind of result Export-DataMetric takes' {
        foreach ($type in [DataCenterTools.Core.Operations.DataMetricCollector]::SupportedTypes) {
            $kind = if ($type -eq [DataCenterTools.Core.Operations.CustomMetric]) { [hashtable] } else { $type }
            @($Inputs | Where-Object { $kind.IsInstanceOfType($_) }).Count | Should -BeGreaterThan 0 -Because "the run feeds a $($type.Name)"
        }
        $out = Get-Content -Raw $Prom | & $Promtool check metrics 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
    }

    It 'names only metrics that run wrote, in every expression' {
        $Produced | Should -Contain 'dct_contract_violation_rows'
        foreach ($expression in $Expressions) {
            $names = @(Get-MetricName $expression.Expr)
            $names.Count | Should -BeGreaterThan 0 -Because "$($expression.Place) selects a metric"
            foreach ($name in $names) { $Produced | Should -Contain $name -Because "$($expression.Place) uses $name ($($expression.Expr))" }
        }
    }

    It 'has expressions that Prometheus'' PromQL parser accepts (promtool check rules)' {
        $rules = Join-Path $Root 'dashboard.rules.yml'
        $lines = @('groups:', '  - name: grafana-dashboard', '    rules:')
        $i = 0
        foreach ($expression in $Expressions) {
            # A YAML single-quoted scalar: only the quote itself is doubled.
            $lines += "      - record: dct:dashboard_expr_$((++$i))"
            $lines += "        expr: '$($expression.Expr -replace "'", "''")'"
        }
        Set-Content -LiteralPath $rules -Value $lines
        $out = & $Promtool check rules $rules 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        ($out | Out-String) | Should -Match "SUCCESS: $i rules found"

        # The check is real: a broken expression is refused.
        Set-Content -LiteralPath $rules -Value @('groups:', '  - name: broken', '    rules:', '      - record: dct:broken', "        expr: 'sum by (host (dct_dataset_rows)'")
        $null = & $Promtool check rules $rules 2>&1
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'finds the metric names in PromQL as worked by hand' {
        Get-MetricName 'time() - max by (host, repository) (dct_backup_last_snapshot_timestamp_seconds{host=~"$host"})' | Should -Be 'dct_backup_last_snapshot_timestamp_seconds'
        Get-MetricName 'dct_dataset_missing_cells{a="b{c}"} / ignoring (column) group_left () dct_dataset_rows' | Should -Be @('dct_dataset_missing_cells', 'dct_dataset_rows')
        Get-MetricName 'rate(up[5m]) > bool 0 or on(job) vector(1)' | Should -Be 'up'
    }
}
