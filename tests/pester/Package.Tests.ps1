# The module as users get it: packed by Publish-PSResource, installed with Install-PSResource from a local file
# repository into an empty module path and imported by name in a fresh pwsh; and DataCenterTools.Core as a NuGet
# package that a small C# program builds against. The packages are made once, by tools/New-Packages.ps1 (what
# ./build.sh package runs), from the module under test.
# Expected figures: pandas 1.5.3 (Debian's /usr/bin/python3) on examples/data/telemetry_sample.csv:
#   b = d[d.gpu_pct > 50]; b.groupby('region').agg(rows=('host','size'), power=('power_w','mean'), hosts=('host','nunique'))
#   -> cn-east 198 618.8307291666666 4, eu-central 197 623.9 4, us-west 198 622.4778947368421 4 (593 of 720 rows);
#   d.power_w.count(), .isna().sum(), .mean() -> 701, 19, 593.4393723252497.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:ModuleBase = (Get-Module DataCenterTools).ModuleBase
    $script:Version = (Import-PowerShellDataFile (Join-Path $ModuleBase 'DataCenterTools.psd1')).ModuleVersion
    $script:Telemetry = (Resolve-Path (Join-Path $ExamplesData 'telemetry_sample.csv')).ProviderPath
    $script:Dir = New-TestFolder
    $script:Repository = Join-Path $Dir 'repository'
    & dotnet pwsh -NoProfile -File (Join-Path $Root 'tools/New-Packages.ps1') -ModulePath $ModuleBase -Destination $Repository
    if ($LASTEXITCODE -ne 0) { throw "tools/New-Packages.ps1 failed with exit code $LASTEXITCODE." }
    $script:ModulePackage = Join-Path $Repository "DataCenterTools.$Version.nupkg"
    $script:CorePackage = Join-Path $Repository "DataCenterTools.Core.$Version.nupkg"

    # A pwsh whose HOME (and LOCALAPPDATA) is a folder of this test: PSResourceGet's settings and the CurrentUser module
    # path start empty, the user's own are neither read nor changed, and PSModulePath is the default one of that HOME.
    # .config and .local/share must exist, or .NET reports no application-data folder and NuGet (inside PSResourceGet)
    # writes its settings relative to the working directory.
    $script:SandboxHome = Join-Path $Dir 'home'
    foreach ($folder in '.config', '.local/share', '.cache') { New-Item -ItemType Directory -Force -Path (Join-Path $SandboxHome $folder) | Out-Null }
    $hostPath = [Environment]::ProcessPath
    $script:Pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
    function Invoke-SandboxPwsh([string] $Command) {
        $names = 'HOME', 'USERPROFILE', 'LOCALAPPDATA', 'APPDATA', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'DATACENTERTOOLS_HOME'
        $saved = @{}
        foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $savedDirectory = [Environment]::CurrentDirectory
        try {
            foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $null) }
            $env:HOME = $SandboxHome; $env:DATACENTERTOOLS_HOME = Join-Path $SandboxHome 'dct'
            if ($IsWindows) { $env:USERPROFILE = $env:LOCALAPPDATA = $env:APPDATA = $SandboxHome }
            [Environment]::CurrentDirectory = $SandboxHome
            $out = & $Pwsh[0] @($Pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; $Command" 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
            $out
        }
        finally {
            [Environment]::CurrentDirectory = $savedDirectory
            foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
    function Get-PackageEntry([string] $Path) {
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
    }
    function Get-Nuspec([string] $Path) {
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $entry = $zip.Entries | Where-Object { $_.FullName -like '*.nuspec' }
            $reader = [IO.StreamReader]::new($entry.Open())
            try { ([xml]$reader.ReadToEnd()).package.metadata } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'The module package (Publish-PSResource)' {
    It 'holds the built module, native libraries for Linux, Windows and macOS, and no debug files' {
        $entries = Get-PackageEntry $ModulePackage
        $built = Get-ChildItem -LiteralPath $ModuleBase -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($ModuleBase, $_.FullName) -replace '\\', '/' }
        foreach ($file in $built) { $entries | Should -Contain $file }
        $entries | Where-Object { $_ -match '\.(pdb|dbg|dwarf)$' } | Should -BeNullOrEmpty
        # Native code only in runtimes/<rid>/native, so one package serves every platform.
        $entries | Where-Object { $_ -match '\.(so|dylib)$' -and $_ -notmatch '^runtimes/[^/]+/native/' } | Should -BeNullOrEmpty
        $entries | Should -Contain 'runtimes/win-x64/native/e_sqlite3.dll'
        foreach ($native in 'runtimes/linux-x64/native/libSkiaSharp.so', 'runtimes/linux-x64/native/lib_lightgbm.so', 'runtimes/linux-x64/native/libe_sqlite3.so',
            'runtimes/linux-arm64/native/libSkiaSharp.so', 'runtimes/win-x64/native/libSkiaSharp.dll', 'runtimes/win-x64/native/lib_lightgbm.dll',
            'runtimes/osx/native/libSkiaSharp.dylib', 'runtimes/osx/native/libHarfBuzzSharp.dylib', 'runtimes/osx-x64/native/lib_lightgbm.dylib',
            'runtimes/osx-x64/native/libe_sqlite3.dylib', 'runtimes/osx-arm64/native/libe_sqlite3.dylib') {
            $entries | Should -Contain $native
        }
        # LightGBM's package has no osx-arm64 or linux-arm64 library (the README says training with it is missing there).
        $entries | Where-Object { $_ -match '^runtimes/(osx|linux)-arm64/native/lib_lightgbm' } | Should -BeNullOrEmpty
    }

    It 'carries the manifest''s metadata: version, licence, project, release notes, no help address' {
        $nuspec = Get-Nuspec $ModulePackage
        $nuspec.id | Should -Be 'DataCenterTools'
        $nuspec.version | Should -Be $Version
        $nuspec.licenseUrl | Should -Be 'https://opensource.org/licenses/MIT'
        $nuspec.projectUrl | Should -Match '^https://'
        $nuspec.releaseNotes | Should -Match "^$([regex]::Escape($Version)):"
        $nuspec.tags -split ' ' | Should -Contain 'PSModule'
        (Get-PackageEntry $ModulePackage) | Should -Contain 'LICENSE'
    }

    It 'installs from a local repository into an empty module path and runs a pipeline imported by name' {
        $chart = Join-Path $Dir 'cpu.png'
        # One new pwsh (to keep the test short): install, then import by name what the module path now holds.
        $script = @"
Register-PSResourceRepository -Name DctLocal -Uri '$Repository' -Trusted
`$before = @(Get-Module -ListAvailable DataCenterTools).Count
Install-PSResource -Name DataCenterTools -Version '$Version' -Repository DctLocal -Scope CurrentUser -Quiet
`$found = @(Get-Module -ListAvailable DataCenterTools)
Import-Module DataCenterTools
`$groups = Import-Dataset '$Telemetry' | Select-DataRow -Filter 'gpu_pct > 50' | Group-Dataset -By region -Aggregate ([ordered]@{ power_w = 'mean'; host = 'count_distinct' }) | ConvertFrom-Dataset
`$profile = Import-Dataset '$Telemetry' | Get-DataDistribution -Column power_w
Import-Dataset '$Telemetry' | Export-DataChart -Kind Histogram -Column cpu_pct -Path '$chart'
`$skia = @(Get-Content /proc/self/maps -ErrorAction SilentlyContinue | Where-Object { `$_ -match 'libSkiaSharp' } | ForEach-Object { (`$_ -split '\s+', 6)[5] } | Select-Object -Unique)
[pscustomobject]@{
    Before = `$before; Installed = (Get-InstalledPSResource -Name DataCenterTools).InstalledLocation; Found = `$found.ModuleBase
    Base = (Get-Module DataCenterTools).ModuleBase; Groups = `$groups; Count = `$profile.Count; Missing = `$profile.Missing; Mean = `$profile.Mean; Skia = `$skia
} | ConvertTo-Json -Depth 4 -Compress
"@
        $result = @(Invoke-SandboxPwsh $script)[-1] | ConvertFrom-Json
        $result.Before | Should -Be 0 -Because 'the module path starts empty'
        $result.Installed | Should -BeLike "$SandboxHome*"
        @($result.Found).Count | Should -Be 1 -Because 'the fresh module path holds only the installed copy'
        $result.Base | Should -Be $result.Found
        $result.Base | Should -BeLike "$SandboxHome*"
        $result.Groups.region | Should -Be @('cn-east', 'eu-central', 'us-west')
        $result.Groups.rows | Should -Be @(198, 197, 198)
        $result.Groups.host_count_distinct | Should -Be @(4, 4, 4)
        $expected = 618.8307291666666, 623.9, 622.4778947368421
        for ($i = 0; $i -lt 3; $i++) { [math]::Abs($result.Groups[$i].power_w_mean - $expected[$i]) | Should -BeLessThan 1e-9 }
        $result.Count, $result.Missing | Should -Be @(701, 19)
        [math]::Abs($result.Mean - 593.4393723252497) | Should -BeLessThan 1e-9
        (Get-Item $chart).Length | Should -BeGreaterThan 10000
        # Skia came from the package's runtimes folder for this platform, found by the module's ResolvingUnmanagedDll hook.
        if ($IsLinux) { $result.Skia | Should -Be @(Join-Path $result.Base "runtimes/$([Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)/native/libSkiaSharp.so") }
    }
}

Describe 'The DataCenterTools.Core package' {
    It 'has its README, XML docs and the module''s version' {
        $entries = Get-PackageEntry $CorePackage
        $entries | Should -Contain 'README.md'
        $entries | Should -Contain 'lib/net10.0/DataCenterTools.Core.dll'
        $entries | Should -Contain 'lib/net10.0/DataCenterTools.Core.xml'
        $nuspec = Get-Nuspec $CorePackage
        $nuspec.version | Should -Be $Version
        $nuspec.readme | Should -Be 'README.md'
        $nuspec.license.'#text' | Should -Be 'MIT'
        $nuspec.dependencies.group.dependency.id | Should -Not -Contain 'PowerShellStandard.Library'
    }

    It 'builds a C# program against it that imports, shapes and profiles a file' {
        $project = Join-Path $Dir 'sdk-client'
        New-Item -ItemType Directory -Path $project | Out-Null
        $globalPackages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        # The package is restored into a folder of this test (never into the machine's package cache, where a rebuilt
        # package of the same version would not replace the old one); its dependencies come from the machine's cache.
        Set-Content -LiteralPath (Join-Path $project 'nuget.config') -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="local" value="$Repository" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$globalPackages" /></fallbackPackageFolders>
</configuration>
"@
        Set-Content -LiteralPath (Join-Path $project 'SdkClient.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="DataCenterTools.Core" Version="[$Version]" />
  </ItemGroup>
</Project>
"@
        Set-Content -LiteralPath (Join-Path $project 'Program.cs') -Value @'
using System.Globalization;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Query;

var inv = CultureInfo.InvariantCulture;
var telemetry = DatasetReader.Read(args[0], new ReadOptions());
var busy = RowSelection.Select(telemetry, new RowSelectionOptions { Filter = "gpu_pct > 50" }).Dataset;
var perRegion = DatasetGrouping.Group(busy, new GroupOptions
{
    By = ["region"],
    Aggregates = [AggregateFunction.Parse("power_w", "mean"), AggregateFunction.Parse("host", "count_distinct")],
});
Console.WriteLine($"rows {telemetry.RowCount} busy {busy.RowCount}");
for (var r = 0; r < perRegion.RowCount; r++)
    Console.WriteLine(string.Join(" ", perRegion.Columns.Select(c => Convert.ToString(c.GetValue(r), inv))));
foreach (var profile in DistributionAnalyzer.Analyze(telemetry, new DistributionOptions { Columns = ["power_w"] }))
    Console.WriteLine(string.Create(inv, $"{profile.Column} count {profile.Count} missing {profile.Missing} mean {profile.Mean:R}"));
'@
        $saved = $env:NUGET_PACKAGES
        try {
            $env:NUGET_PACKAGES = Join-Path $Dir 'nuget-packages'
            $out = & dotnet run --project $project -c Release -- $Telemetry 2>&1
        }
        finally { $env:NUGET_PACKAGES = $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $lines = @($out | ForEach-Object { "$_" } | Where-Object { $_ -match '^(rows|cn-east|eu-central|us-west|power_w) ' })
        $lines[0] | Should -Be 'rows 720 busy 593'
        $lines[1] | Should -Match '^cn-east 198 618\.8307291666\d* 4$'
        $lines[2] | Should -Match '^eu-central 197 623\.9(0000000\d*)? 4$'
        $lines[3] | Should -Match '^us-west 198 622\.4778947368\d* 4$'
        $lines[4] | Should -Match '^power_w count 701 missing 19 mean 593\.43937232524\d*$'
        Test-Path (Join-Path $Dir 'nuget-packages/datacentertools.core') | Should -BeTrue -Because 'the package came from the test''s own folder'
    }
}
