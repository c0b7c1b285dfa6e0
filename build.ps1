<#
.SYNOPSIS
    One entry point for DataCenterTools: build, test, demo, bench, clean.
.DESCRIPTION
    build  publishes the importable module to out/DataCenterTools: managed code precompiled (ReadyToRun) for the current
           runtime, native libraries for every platform in $ShippedRuntimes under runtimes/<rid>/native, no debug files.
    package builds, then makes out/packages/DataCenterTools.<version>.nupkg (Publish-PSResource, for a PowerShell
           repository) and out/packages/DataCenterTools.Core.<version>.nupkg (the core as a .NET library).
    test   builds, runs the xunit tests of the core and the Pester tests of the module (in a fresh pwsh), and ends with
           one line 'N passed, N failed'. Exits non-zero on any failure.
    demo   builds and runs every example script in examples/ that needs no arguments (quickstart.ps1 first, then the
           rest by name), each in its own fresh pwsh, on the data shipped in examples/data; stops at the first failure.
    bench  builds and runs the benchmarks in bench/, writing bench/RESULTS.md.
    clean  removes out/ and the bin/obj folders.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'package', 'test', 'demo', 'bench', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Extra arguments for the bench task (e.g. -Rows 200000).
    [Parameter(ValueFromRemainingArguments)]
    [string[]] $Rest
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'DataCenterTools'
$manifest = Join-Path $moduleOut 'DataCenterTools.psd1'

# A plain (non-advanced) function, so native switches such as -v or -c pass through untouched.
function Invoke-Native {
    $file, $rest = $args
    & $file @rest
    if ($LASTEXITCODE -ne 0) { throw "'$file $($rest -join ' ')' failed with exit code $LASTEXITCODE." }
}

# The platforms whose native libraries the module ships (where a package has them: see the README's table).
$ShippedRuntimes = 'linux-x64', 'linux-arm64', 'win-x64', 'osx-x64', 'osx-arm64', 'osx'

function Build-Module {
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    Write-Host "Publishing DataCenterTools for $rid ($Configuration) to $moduleOut"
    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    Invoke-Native dotnet publish (Join-Path $root 'src/DataCenterTools/DataCenterTools.csproj') -c $Configuration -r $rid `
        --self-contained false -o $moduleOut --nologo -v quiet
    Copy-NativeRuntimes -CurrentRuntime $rid
    # Debug files stay out of the shipped module: our .pdb files and the packages' native .dbg/.dwarf symbols.
    # deps.json describes the one-platform layout publish made (PowerShell does not read it), and the core's XML docs
    # belong to the DataCenterTools.Core package (help for the cmdlets is the MAML under en-US).
    Get-ChildItem -LiteralPath $moduleOut -Recurse -File -Include *.pdb, *.dbg, *.dwarf, *.deps.json | Remove-Item -Force
    Get-ChildItem -LiteralPath $moduleOut -File -Filter *.xml | Where-Object { Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.dll')) } | Remove-Item -Force
    Copy-Item -Path (Join-Path $root 'module/DataCenterTools/*') -Destination $moduleOut -Recurse -Force
    Copy-Item -LiteralPath (Join-Path $root 'LICENSE'), (Join-Path $root 'THIRD-PARTY-NOTICES.md') -Destination $moduleOut
    # Help for Get-Help -Full, generated from module/help and the compiled parameter metadata.
    Invoke-Native dotnet pwsh -NoProfile -File (Join-Path $root 'tools/New-ModuleHelp.ps1') -ManifestPath $manifest -HelpSource (Join-Path $root 'module/help')
}

# Puts every package's native libraries for $ShippedRuntimes where NuGet puts them (runtimes/<rid>/native), read from
# the restore's project.assets.json, so one module runs on each platform; ModuleInitializer's ResolvingUnmanagedDll
# hook finds them. The copies publish flattened next to the assemblies for the build's own platform are removed.
function Copy-NativeRuntimes([string] $CurrentRuntime) {
    $assets = Get-Content -Raw (Join-Path $root 'src/DataCenterTools/obj/project.assets.json') | ConvertFrom-Json -AsHashtable
    $packageFolder = $assets.project.restore.packagesPath
    $target = $assets.targets[@($assets.targets.Keys | Where-Object { $_ -notmatch '/' })[0]]
    $flattened = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($library in $target.GetEnumerator()) {
        if (-not $library.Value.ContainsKey('runtimeTargets')) { continue }
        $libraryFolder = Join-Path $packageFolder $assets.libraries[$library.Key].path
        foreach ($asset in $library.Value.runtimeTargets.GetEnumerator()) {
            $rid = $asset.Value.rid
            # Shared libraries only: not LightGBM's lightgbm.exe, nor symbols or placeholders (_._).
            if ($asset.Value.assetType -ne 'native' -or $rid -notin $ShippedRuntimes -or $asset.Key -notmatch '\.(dll|so|dylib)$') { continue }
            $destination = Join-Path $moduleOut "runtimes/$rid/native"
            New-Item -ItemType Directory -Force -Path $destination | Out-Null
            Copy-Item -LiteralPath (Join-Path $libraryFolder $asset.Key) -Destination $destination
            if ($rid -eq $CurrentRuntime) { [void]$flattened.Add([IO.Path]::GetFileName($asset.Key)) }
        }
    }
    foreach ($name in $flattened) { Remove-Item -LiteralPath (Join-Path $moduleOut $name) -ErrorAction SilentlyContinue }
}

# out/packages: the module as Publish-PSResource packs it, and the core as a NuGet library package, one version.
function New-Packages {
    $packages = Join-Path $out 'packages'
    if (Test-Path $packages) { Remove-Item -Recurse -Force $packages }
    Invoke-Native dotnet pwsh -NoProfile -File (Join-Path $root 'tools/New-Packages.ps1') -ModulePath $moduleOut -Destination $packages
    Get-ChildItem -LiteralPath $packages -Filter *.nupkg | ForEach-Object { Write-Host ("  {0} ({1:N1} MB)" -f $_.FullName, ($_.Length / 1MB)) }
}

function Get-PesterManifest {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 5.7.1 is not restored at '$path'. Run 'dotnet restore' on the solution first." }
    $path
}

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -Raw $Path
    $c = $trx.TestRun.ResultSummary.Counters
    # Skipped tests by name and reason (xunit's Skip text), for the closing count.
    $skipped = @($trx.TestRun.Results.UnitTestResult | Where-Object outcome -eq 'NotExecuted' | ForEach-Object {
        $reason = $_.SelectSingleNode("*[local-name()='Output']/*[local-name()='ErrorInfo']/*[local-name()='Message']")
        if ($reason) { "$($_.testName): $($reason.InnerText.Trim())" } else { $_.testName }
    })
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout; Skipped = [int]$c.notExecuted; SkippedTests = $skipped }
}

# LightGBM's native library needs the GNU OpenMP runtime; install it once where it is missing (Debian/Ubuntu).
function Confirm-NativeDependencies {
    if (-not $IsLinux) { return }
    # Debian packages the module needs at run time: GNU OpenMP for LightGBM, and a font for chart text
    # (SkiaSharp draws with system fonts; without any, titles and labels come out empty); and gpg, which the
    # OpenPGP interoperability tests and the PrivacyFiles benchmark run against.
    $missing = @()
    if (-not ((& ldconfig -p 2>$null) -match 'libgomp\.so\.1')) { $missing += 'libgomp1' }
    if (-not (Test-Path '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) { $missing += 'fonts-dejavu-core' }
    if (-not (Get-Command gpg -ErrorAction SilentlyContinue)) { $missing += 'gnupg' }
    # Headless chromium renders the HTML model report in the tests (tests/pester/ModelReport.Tests.ps1).
    if (-not (Test-Path '/usr/bin/chromium')) { $missing += 'chromium' }
    # The catalog tests start their own PostgreSQL server (initdb + pg_ctl); Debian keeps them in /usr/lib/postgresql/<n>/bin.
    # The package also starts a cluster on 5432, which the tests neither use nor touch.
    # The fleet tests (tests/pester/Fleet.Tests.ps1) start their own sshd with a pwsh subsystem on a loopback port.
    if (-not (Test-Path '/usr/sbin/sshd')) { $missing += 'openssh-server' }
    # The metrics tests (tests/pester/DataMetric.Tests.ps1) check files with promtool and start their own node_exporter
    # on a loopback port; the packages' own services (prometheus on 9090, node_exporter on 9100) are not used.
    if (-not (Test-Path '/usr/bin/promtool')) { $missing += 'prometheus' }
    if (-not (Test-Path '/usr/bin/prometheus-node-exporter')) { $missing += 'prometheus-node-exporter' }
    if (-not (Get-Item '/usr/lib/postgresql/*/bin/initdb' -ErrorAction SilentlyContinue) -and -not (Get-Command initdb -ErrorAction SilentlyContinue)) {
        $missing += 'postgresql'
    }
    if ($missing.Count -eq 0) { return }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Warning "$($missing -join ' and ') missing and apt-get is not available: install them (libgomp1 for LightGBM training, fonts-dejavu-core for chart text, gnupg for the OpenPGP tests, postgresql for the catalog tests, chromium to render the HTML model report, openssh-server for the fleet tests, prometheus and prometheus-node-exporter for the metrics tests)."
        return
    }
    Write-Host "Installing $($missing -join ', ') (libgomp1: OpenMP for LightGBM; fonts-dejavu-core: text in charts; gnupg: OpenPGP interop tests; postgresql: server for the catalog tests; chromium: renders the HTML model report in the tests; openssh-server: sshd for the fleet tests; prometheus, prometheus-node-exporter: promtool and node_exporter for the metrics tests)"
    $sudo = if ((& id -u) -ne '0') { 'sudo' } else { $null }
    $env:DEBIAN_FRONTEND = 'noninteractive'   # postgresql pulls in packages that would otherwise ask questions
    # A fresh machine has no package lists yet: update them first.
    if ($sudo) { Invoke-Native sudo apt-get update -q; Invoke-Native sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q @missing }
    else { Invoke-Native apt-get update -q; Invoke-Native apt-get install -y -q @missing }
}

function Test-All {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    New-Item -ItemType Directory -Path $results | Out-Null

    Invoke-Native dotnet restore (Join-Path $root 'DataCenterTools.sln') --nologo -v quiet
    Confirm-NativeDependencies
    Build-Module

    Write-Host "`n== xunit: DataCenterTools.Core.Tests"
    & dotnet test (Join-Path $root 'tests/DataCenterTools.Core.Tests') -c $Configuration --nologo `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=minimal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trxPath = Join-Path $results 'core.trx'
    $core = if (Test-Path $trxPath) { Read-TrxCounts $trxPath } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; SkippedTests = @() } }
    if ($xunitExit -ne 0 -and $core.Failed -eq 0) { $core.Failed = 1 }   # a build failure counts as a failure

    Write-Host "`n== Pester: tests/pester (fresh pwsh, module from $manifest)"
    $countsPath = Join-Path $results 'pester-counts.json'
    & dotnet pwsh -NoProfile -File (Join-Path $root 'tools/Invoke-PesterTests.ps1') -PesterManifest (Get-PesterManifest) `
        -ModuleManifest $manifest -TestPath (Join-Path $root 'tests/pester') -ResultsPath $results -CountsPath $countsPath
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $countsPath) { Get-Content -Raw $countsPath | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; SkippedTests = @() } }
    if ($pesterExit -ne 0 -and $pester.Failed -eq 0) { $pester.Failed = 1 }

    $passed = $core.Passed + $pester.Passed
    $failed = $core.Failed + $pester.Failed
    $skipped = $core.Skipped + $pester.Skipped
    Write-Host ""
    Write-Host "xunit: $($core.Passed) passed, $($core.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    if ($skipped -gt 0) {
        # Said loudly: a skipped check is one that did not run here (data not shipped, a tool or platform missing).
        Write-Host "NOT RUN here, $skipped skipped test(s):" -ForegroundColor Yellow
        foreach ($name in @($core.SkippedTests) + @($pester.SkippedTests)) { if ($name) { Write-Host "  skipped: $name" -ForegroundColor Yellow } }
        Write-Host "$passed passed, $failed failed, $skipped skipped"
    }
    else { Write-Host "$passed passed, $failed failed" }
    if ($failed -gt 0) { exit 1 }
}

# The example scripts that run without arguments (no mandatory parameter), quickstart.ps1 first, then by name.
function Get-RunnableExample {
    Get-ChildItem -Path (Join-Path $root 'examples') -Filter *.ps1 |
        Where-Object { -not ((Get-Command $_.FullName).Parameters.Values.Attributes | Where-Object { $_ -is [Parameter] -and $_.Mandatory }) } |
        Sort-Object { $_.Name -ne 'quickstart.ps1' }, Name
}

Push-Location $root
try {
    switch ($Task) {
        'build' { Build-Module }
        'package' { Build-Module; New-Packages }
        'test' { Test-All }
        'demo' {
            Build-Module
            foreach ($example in Get-RunnableExample) {
                Write-Host "`n######## examples/$($example.Name)" -ForegroundColor Green
                Invoke-Native dotnet pwsh -NoProfile -Command "Import-Module '$manifest'; & '$($example.FullName)'"
            }
        }
        'bench' {
            Build-Module
            Invoke-Native dotnet pwsh -NoProfile -File (Join-Path $root 'bench/Invoke-Benchmarks.ps1') -ModuleManifest $manifest @Rest
        }
        'clean' {
            foreach ($dir in @($out) + (Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory -Recurse -Include bin, obj).FullName) {
                if ($dir -and (Test-Path $dir)) { Remove-Item -Recurse -Force $dir }
            }
        }
    }
}
finally { Pop-Location }
