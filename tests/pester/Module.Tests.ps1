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
    BeforeAll {
        # ($ManifestData, not $Manifest: TestHelpers.ps1 keeps the manifest's path in $manifest.)
        $script:ManifestData = Import-PowerShellDataFile (Join-Path $Module.ModuleBase 'DataCenterTools.psd1')
        $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
        $script:Assembly = [DataCenterTools.Commands.ImportDatasetCommand].Assembly
    }

    It 'lists in its manifest exactly the cmdlets its assembly defines' {
        # From the compiled classes, not from what PowerShell exported (which the manifest's list itself decides).
        $defined = $Assembly.GetExportedTypes() | ForEach-Object {
            $attribute = [Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
            if ($attribute) { "$($attribute.VerbName)-$($attribute.NounName)" }
        }
        @($defined | Sort-Object) | Should -Be @($ManifestData.CmdletsToExport | Sort-Object)
        ($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($name in $Module.ExportedCmdlets.Keys) { ($name -split '-')[0] | Should -BeIn $approved }
    }

    It 'asks for the PowerShell its assemblies are built for: 7.6 (the first on .NET 10), Core edition' {
        # The version and edition in the manifest must follow from the code: DataCenterTools.dll targets .NET 10,
        # which PowerShell 7.6 is the first to run on, and Windows PowerShell (Desktop) cannot load it.
        $framework = ($Assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)).FrameworkName
        $framework | Should -Be '.NETCoreApp,Version=v10.0'
        $ManifestData.PowerShellVersion | Should -Be '7.6'
        $ManifestData.CompatiblePSEditions | Should -Be @('Core')
        $PSVersionTable.PSVersion | Should -BeGreaterOrEqual ([version]$ManifestData.PowerShellVersion)
        $ManifestData.RootModule | Should -Be ([IO.Path]::GetFileName($Assembly.Location))
        foreach ($file in @($ManifestData.FormatsToProcess) + @($ManifestData.TypesToProcess)) { Join-Path $Module.ModuleBase $file | Should -Exist }
    }

    It 'has one version: the manifest''s, the assemblies'', the core package''s and the newest CHANGELOG entry''s' {
        $version = [version]$ManifestData.ModuleVersion
        $Module.Version | Should -Be $version
        $Assembly.GetName().Version | Should -Be ([version]"$version.0")
        [DataCenterTools.Core.Data.Dataset].Assembly.GetName().Version | Should -Be ([version]"$version.0")
        $newest = Select-String -LiteralPath (Join-Path $Root 'CHANGELOG.md') -Pattern '^## \[(\d+\.\d+\.\d+)\]' | Select-Object -First 1
        $newest.Matches[0].Groups[1].Value | Should -Be "$version"
        $ManifestData.PrivateData.PSData.ReleaseNotes | Should -Match "^$([regex]::Escape("$version")):"
    }

    It 'ships its licence and says where the project lives, with no help address that points nowhere' {
        Join-Path $Module.ModuleBase 'LICENSE' | Should -Exist
        (Get-Content -Raw (Join-Path $Module.ModuleBase 'LICENSE')) | Should -Match '^MIT License'
        # Source derived from other projects carries their notices (Boost-1.0 asks it of the Ryu formatter).
        (Get-Content -Raw (Join-Path $Module.ModuleBase 'THIRD-PARTY-NOTICES.md')) | Should -Match 'Copyright 2018 Ulf Adams'
        $ManifestData.PrivateData.PSData.LicenseUri | Should -Be 'https://opensource.org/licenses/MIT'
        $ManifestData.Copyright | Should -Match 'MIT'
        $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
        $ManifestData.PrivateData.PSData.ProjectUri | Should -Be (@($props.Project.PropertyGroup.PackageProjectUrl | Where-Object { $_ })[0])
        $ManifestData.ContainsKey('HelpInfoURI') | Should -BeFalse
        Join-Path $Module.ModuleBase 'en-US/DataCenterTools.dll-Help.xml' | Should -Exist
    }

    It 'imports in a fresh process without errors and exports every cmdlet' {
        $manifestPath = Join-Path $Module.ModuleBase 'DataCenterTools.psd1'
        $out = & dotnet pwsh -NoProfile -Command "Import-Module '$manifestPath'; if (`$Error.Count) { throw `$Error[0] }; (Get-Command -Module DataCenterTools).Count" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        @($out).Count | Should -Be 1 -Because 'importing writes nothing but the count'
        [int]@($out)[-1] | Should -Be $ManifestData.CmdletsToExport.Count
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

        It 'names parameter types as people read them: Int32, not Nullable`1' {
            (($Help.syntax | Out-String) + ($Help.parameters | Out-String)) | Should -Not -Match 'Nullable'
            foreach ($p in (Get-Command $_).Parameters.Values) {
                $underlying = [Nullable]::GetUnderlyingType($p.ParameterType)
                if (-not $underlying) { continue }
                ($Help.parameters.parameter | Where-Object name -eq $p.Name).parameterValue | Should -Be $underlying.Name -Because "-$($p.Name) is an optional $($underlying.Name)"
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
