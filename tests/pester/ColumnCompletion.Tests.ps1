# Column names complete on every cmdlet parameter that names columns of a Dataset (ColumnNameCompleter).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:T = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
    function Get-Completion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText }
    # Parameter names that always name columns of the Dataset the command takes.
    $script:ColumnParameters = 'Column', 'GroupBy', 'By', 'Label', 'Feature', 'TextColumn', 'IdColumn', 'TimeColumn', 'FoldColumn',
        'QuasiIdentifier', 'Hash', 'Mask', 'Redact', 'Tokenize', 'Encrypt', 'Generalize', 'Noise', 'Drop', 'OrderBy', 'On', 'StratifyBy', 'Key'
}

Describe 'Column name completion' {
    It 'completes the columns on <Line>' -TestCases @(
        @{ Line = '$T | Get-DataDistribution -Column cp'; Expected = @('cpu_pct') }
        @{ Line = '$T | Start-ModelTraining -Label po'; Expected = @('power_w') }
        @{ Line = '$T | Start-ModelTraining -Label power_w -Feature g'; Expected = @('gpu_pct') }
        @{ Line = '$T | Protect-Dataset -Hash own'; Expected = @('owner_email') }
        @{ Line = 'Export-DataChart -Dataset $T -Kind Box -Column te'; Expected = @('temp_c') }
        @{ Line = '$T | Invoke-DataCleaning -Key ho'; Expected = @('host') }
        @{ Line = '$T | Split-Dataset -StratifyBy st'; Expected = @('status') }
    ) {
        param($Line, $Expected)
        Get-Completion $Line | Should -Be $Expected
    }

    It 'is offered by every parameter that names columns' {
        $missing = foreach ($command in Get-Command -Module DataCenterTools -CommandType Cmdlet) {
            if (-not ($command.Parameters.Keys | Where-Object { $_ -in 'Dataset', 'Left' })) { continue }
            foreach ($parameter in $command.Parameters.Values | Where-Object Name -In $ColumnParameters) {
                if ($parameter.ParameterType -notin [string], [string[]]) { continue }
                $completer = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
                if (-not $completer -or $completer.Type.Name -ne 'ColumnNameCompleter') { "$($command.Name) -$($parameter.Name)" }
            }
        }
        $missing | Should -BeNullOrEmpty
    }
}
