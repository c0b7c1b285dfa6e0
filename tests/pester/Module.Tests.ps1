BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Every exported cmdlet gets the help and output-type checks, including ones added later.
    $script:CmdletNames = @((Get-Module DataCenterTools).ExportedCmdlets.Keys | Sort-Object)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Get-Module DataCenterTools
}

Describe 'The DataCenterTools module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $expected = (Import-PowerShellDataFile (Join-Path $Module.ModuleBase 'DataCenterTools.psd1')).CmdletsToExport | Sort-Object
        ($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $expected
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($name in $Module.ExportedCmdlets.Keys) { ($name -split '-')[0] | Should -BeIn $approved }
    }

    It 'declares PowerShell 7.6 and the Core edition' {
        $data = Import-PowerShellDataFile (Join-Path $Module.ModuleBase 'DataCenterTools.psd1')
        $data.PowerShellVersion | Should -Be '7.6'
        $data.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'imports in a fresh process in under a few seconds and without errors' {
        $manifestPath = Join-Path $Module.ModuleBase 'DataCenterTools.psd1'
        $out = & dotnet pwsh -NoProfile -Command "`$s=[Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifestPath'; `$s.Elapsed.TotalSeconds; (Get-Command -Module DataCenterTools).Count" 2>&1
        $LASTEXITCODE | Should -Be 0
        [int]$out[-1] | Should -Be $Module.ExportedCmdlets.Count
    }

    Context 'help for <_>' -ForEach $CmdletNames {
        BeforeAll { $script:Help = Get-Help $_ -Full }

        It 'has a synopsis and a description' {
            $Help.Synopsis | Should -Not -BeNullOrEmpty
            $Help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*\[' # not the auto-generated syntax stub
            ($Help.description.Text -join ' ') | Should -Match '\w{20,}|\w+ \w+ \w+'
        }

        It 'describes every parameter' {
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            $names = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
            foreach ($n in $names) {
                $p = $Help.parameters.parameter | Where-Object name -eq $n
                $p | Should -Not -BeNullOrEmpty -Because "-$n needs help"
                ($p.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$n needs a description"
            }
        }

        It 'shows the positions the cmdlet really binds' {
            foreach ($p in (Get-Command $_).Parameters.Values) {
                $positions = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Position -ge 0 } | ForEach-Object Position)
                if ($positions.Count -eq 0) { continue }
                ($Help.parameters.parameter | Where-Object name -eq $p.Name).position | Should -Be "$($positions[0])" -Because "-$($p.Name) binds at that position"
            }
        }

        It 'has at least one example' {
            @($Help.examples.example).Count | Should -BeGreaterThan 0
            $Help.examples.example[0].code | Should -Match $_
        }

        It 'declares an output type' {
            (Get-Command $_).OutputType | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Format views' {
    It 'shows a Dataset as Name, Rows, Columns, Size, Source within 80 columns' {
        $ds = Import-Dataset (Join-Path $ExamplesData 'iris.csv')
        $text = $ds | Format-Table | Out-String -Width 80
        $text | Should -Match 'Name\s+Rows\s+Columns\s+Size\s+Source'
        $text | Should -Match 'iris\s+150\s+6'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'shows a schema as Name, Type, Nulls' {
        $ds = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
        $text = $ds.Schema | Format-Table | Out-String -Width 80
        $text | Should -Match 'Name\s+Type\s+Nulls'
        $text | Should -Match 'cpu_pct\s+Double\s+\d+'
        $text | Should -Match 'timestamp\s+DateTime\s+0'
    }
}
