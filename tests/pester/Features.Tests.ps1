BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
    # A small training set and a test set, as a user would build them from objects.
    $script:Train = @(
        [pscustomobject]@{ cpu = 10.0; mem = 1; host = 'a' }
        [pscustomobject]@{ cpu = 20.0; mem = 2; host = 'b' }
        [pscustomobject]@{ cpu = 30.0; mem = 3; host = 'a' }
        [pscustomobject]@{ cpu = 40.0; mem = 6; host = 'c' }
    ) | ConvertTo-Dataset -Name train
    $script:Test = @(
        [pscustomobject]@{ cpu = 50.0; mem = 4; host = 'b' }
        [pscustomobject]@{ cpu = $null; mem = 0; host = 'c' }
    ) | ConvertTo-Dataset -Name test

    # The errors a script block reports, whether non-terminating (written) or terminating (thrown).
    function script:Get-RunError([scriptblock] $Run) {
        try { @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        catch { @($_) }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'New-DataScaler and Invoke-DataScaling' {
    It 'scales test data with the training parameters' {
        $scaler = $Train | New-DataScaler -Method ZScore -Column cpu
        # By hand: training cpu 10,20,30,40 has mean 25 and population std sqrt(125) = 11.18034.
        $scaler.Columns[0].Mean | Should -Be 25
        $scaler.Columns[0].Std | Should -BeGreaterThan 11.18033
        $scaler.Columns[0].Std | Should -BeLessThan 11.18034
        $rows = $Test | Invoke-DataScaling -Scaler $scaler | ConvertFrom-Dataset
        $rows[0].cpu | Should -BeOfType ([double])
        [math]::Abs($rows[0].cpu - (50 - 25) / [math]::Sqrt(125)) | Should -BeLessThan 1e-12
        $rows[1].cpu | Should -BeNullOrEmpty          # missing stays missing
        $rows[0].mem | Should -Be 4                    # other columns untouched
        $rows[0].mem | Should -BeOfType ([long])
    }

    It 'fits every numeric column by default and honours -Range' {
        $scaler = $Train | New-DataScaler -Method MinMax -Range -1, 1
        $scaler.Columns.Column | Should -Be @('cpu', 'mem')
        $rows = $Test | Invoke-DataScaling -Scaler $scaler | ConvertFrom-Dataset
        # cpu 50 on training 10..40 into -1..1: (50-10)/30*2 - 1 = 1.6667; mem 4 on 1..6: (4-1)/5*2 - 1 = 0.2
        [math]::Abs($rows[0].cpu - 5 / 3) | Should -BeLessThan 1e-12
        [math]::Abs($rows[0].mem - 0.2) | Should -BeLessThan 1e-12
    }

    It 'undoes the scaling with -Inverse and records lineage' {
        $scaler = $Train | New-DataScaler -Method Robust -Column cpu, mem
        $scaled = $Train | Invoke-DataScaling -Scaler $scaler
        $back = $scaled | Invoke-DataScaling -Scaler $scaler -Inverse | ConvertFrom-Dataset
        $back.cpu | Should -Be @(10, 20, 30, 40)
        $back.mem | Should -Be @(1, 2, 3, 6)
        $scaled.Lineage[-1].Operation | Should -Be 'Invoke-DataScaling'
        $scaled.Lineage[-1].Parameters['Method'] | Should -Be 'Robust'
        $scaled.Lineage[-1].Parameters['Columns'] | Should -Be 'cpu,mem'
        ($Train.Schema | Where-Object Name -eq 'mem').Type | Should -Be 'Int64'   # the input is unchanged
    }

    It 'round-trips a scaler through Export-Clixml / Import-Clixml' {
        $scaler = $Train | New-DataScaler -Method ZScore -Column cpu, mem
        $file = Join-Path $Dir 'scaler.xml'
        $scaler | Export-Clixml $file
        $back = Import-Clixml $file
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.DataCenterTools.Core.Features.DataScaler'
        $a = $Test | Invoke-DataScaling -Scaler $scaler | ConvertFrom-Dataset | ConvertTo-Json -Compress
        $b = $Test | Invoke-DataScaling -Scaler $back | ConvertFrom-Dataset | ConvertTo-Json -Compress
        $b | Should -Be $a
    }

    It 'round-trips a scaler through ConvertTo-Json / ConvertFrom-Json' {
        $scaler = $Train | New-DataScaler -Method MinMax -Column cpu -Range 0, 10
        $json = $scaler | ConvertTo-Json -Depth 5
        ($json | ConvertFrom-Json).Columns[0].Max | Should -Be 40
        $rows = $Test | Invoke-DataScaling -Scaler ($json | ConvertFrom-Json) | ConvertFrom-Dataset
        [math]::Abs($rows[0].cpu - 40 / 3) | Should -BeLessThan 1e-12   # (50-10)/30*10
    }

    It 'shows a table view of the scaler and its columns within 80 columns' {
        $scaler = $Train | New-DataScaler -Method ZScore
        $text = ($scaler | Out-String -Width 200) -split "`n"
        ($text | Where-Object { $_ -match 'ZScore' }) | Should -Match 'cpu, mem'
        $columns = ($scaler.Columns | Out-String -Width 200) -split "`n"
        ($columns | Where-Object { $_ -match '^cpu' }) | Should -Match 'Mean=25\s+Std=11\.1803'
        ($text + $columns | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'reports <Case> as <Id>' -ForEach @(
        @{ Case = 'an unknown column'; Id = 'ColumnNotFound'; Run = { $Train | New-DataScaler -Method ZScore -Column nope } }
        @{ Case = 'a text column'; Id = 'ColumnNotNumeric'; Run = { $Train | New-DataScaler -Method MinMax -Column host } }
        @{ Case = 'a dataset lacking the columns'; Id = 'ColumnNotFound'; Run = { ConvertTo-Dataset -InputObject ([pscustomobject]@{ x = 1 }) | Invoke-DataScaling -Scaler ($Train | New-DataScaler -Method ZScore -Column cpu) } }
        @{ Case = 'a broken scaler'; Id = 'InvalidScaler'; Run = { $Test | Invoke-DataScaling -Scaler ([pscustomobject]@{ Method = 'ZScore'; Columns = @([pscustomobject]@{ Column = 'cpu' }) }) } }
        @{ Case = '-Range without MinMax'; Id = 'RangeNeedsMinMax'; Run = { $Train | New-DataScaler -Method ZScore -Range 0, 2 } }
    ) {
        $err = Get-RunError $Run
        $err[0].FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
    }

    It 'names the column in the error and leaves the input unchanged' {
        $Train | New-DataScaler -Method ZScore -Column cpu, host -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.ColumnName | Should -Be 'host'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        ($Train.Schema | Where-Object Name -eq 'cpu').Type | Should -Be 'Double'
    }
}

Describe 'New-DataEncoder and Invoke-DataEncoding' {
    It 'one-hot encodes in place with <col>_<value> Int64 columns' {
        $encoder = $Train | New-DataEncoder -Method OneHot -Column host
        $encoder.Columns[0].Categories | Should -Be @('a', 'b', 'c')
        $out = $Test | Invoke-DataEncoding -Encoder $encoder
        $out.Schema.Name | Should -Be @('cpu', 'mem', 'host_a', 'host_b', 'host_c')
        $rows = $out | ConvertFrom-Dataset
        $rows[0].host_b | Should -Be 1
        $rows[0].host_b | Should -BeOfType ([long])
        $rows[0].host_a | Should -Be 0
        $rows[1].host_c | Should -Be 1
    }

    It 'stops on an unknown category unless -HandleUnknown Ignore' {
        $unseen = ConvertTo-Dataset -InputObject ([pscustomobject]@{ host = 'zz' }) -Name unseen
        $strict = $Train | New-DataEncoder -Method Ordinal -Column host
        $unseen | Invoke-DataEncoding -Encoder $strict -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.UnknownCategory,*'
        $err[0].Exception.Message | Should -Match "'zz'"
        $lenient = $Train | New-DataEncoder -Method Ordinal -Column host -HandleUnknown Ignore
        ($unseen | Invoke-DataEncoding -Encoder $lenient | ConvertFrom-Dataset).host | Should -BeNullOrEmpty
    }

    It 'round-trips an encoder through Import-Clixml and JSON' {
        $encoder = $Train | New-DataEncoder -Method Ordinal
        $file = Join-Path $Dir 'encoder.xml'
        $encoder | Export-Clixml $file
        $fromXml = $Test | Invoke-DataEncoding -Encoder (Import-Clixml $file) | ConvertFrom-Dataset
        $fromJson = $Test | Invoke-DataEncoding -Encoder ($encoder | ConvertTo-Json -Depth 5 | ConvertFrom-Json) | ConvertFrom-Dataset
        $fromXml.host | Should -Be @(1, 2)
        $fromJson.host | Should -Be @(1, 2)
    }

    It 'reports a Double column as not categorical' {
        { $Train | New-DataEncoder -Method OneHot -Column cpu -ErrorAction Stop } | Should -Throw -ErrorId 'DataCenterTools.ColumnNotCategorical,*'
    }
}

Describe 'Split-Dataset' {
    It 'gives the same split for the same seed and names the sides' {
        $a = $Telemetry | Split-Dataset -TrainFraction 0.8 -Seed 42
        $b = $Telemetry | Split-Dataset -TrainFraction 0.8 -Seed 42
        $a.Train.Name | Should -Be 'telemetry_sample-train'
        $a.Test.Name | Should -Be 'telemetry_sample-test'
        $a.Train.RowCount | Should -Be 576     # round(0.8 x 720)
        $a.Test.RowCount | Should -Be 144
        ($a.Test | ConvertFrom-Dataset | ConvertTo-Json -Compress) | Should -Be ($b.Test | ConvertFrom-Dataset | ConvertTo-Json -Compress)
        $a.Train.Lineage[-1].Parameters['Seed'] | Should -Be '42'
    }

    It 'keeps every host on one side with -GroupBy' {
        $split = $Telemetry | Split-Dataset -GroupBy host -Seed 1 -TrainFraction 0.5
        $trainHosts = ($split.Train | ConvertFrom-Dataset -Column host).host | Sort-Object -Unique
        $testHosts = ($split.Test | ConvertFrom-Dataset -Column host).host | Sort-Object -Unique
        $trainHosts | Where-Object { $_ -in $testHosts } | Should -BeNullOrEmpty
        $split.Strategy | Should -Be 'Grouped'
    }

    It 'trains on the earliest rows with -TimeColumn' {
        $split = $Telemetry | Split-Dataset -TimeColumn timestamp -TrainFraction 0.75
        $lastTrain = ($split.Train | ConvertFrom-Dataset -Column timestamp).timestamp | Sort-Object | Select-Object -Last 1
        $firstTest = ($split.Test | ConvertFrom-Dataset -Column timestamp).timestamp | Sort-Object | Select-Object -First 1
        $lastTrain | Should -BeLessOrEqual $firstTest
        $split.Seed | Should -BeNullOrEmpty
    }

    It 'keeps the class proportions with -StratifyBy' {
        $iris = Import-Dataset (Join-Path $ExamplesData 'iris.csv')
        $split = $iris | Split-Dataset -StratifyBy target_name -TrainFraction 0.8 -Seed 5
        $counts = $split.Train | ConvertFrom-Dataset -Column target_name | Group-Object target_name
        $counts.Name | Should -Be @('setosa', 'versicolor', 'virginica')
        ($counts | ForEach-Object { $_.Count }) | Should -Be @(40, 40, 40)    # 50 of each species in iris; 0.8 of each trains
    }

    It 'reports <Case> as <Id>' -ForEach @(
        @{ Case = 'a fraction outside (0,1)'; Id = 'FractionOutOfRange'; Run = { $Telemetry | Split-Dataset -TrainFraction 1.2 } }
        @{ Case = 'an unknown stratify column'; Id = 'ColumnNotFound'; Run = { $Telemetry | Split-Dataset -StratifyBy nope } }
        @{ Case = 'a class of one row'; Id = 'StratifyClassTooSmall'; Run = { $Train | Split-Dataset -StratifyBy host -Seed 1 } }
    ) {
        $err = Get-RunError $Run
        $err[0].FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
    }

    It 'shows a table view within 80 columns' {
        $lines = ($Telemetry | Split-Dataset -Seed 42 | Out-String -Width 200) -split "`n"
        ($lines | Where-Object { $_ -match 'Random' }) | Should -Match '42\s+576\s+144\s+telemetry_sample'
        ($lines | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}
