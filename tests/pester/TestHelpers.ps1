# Shared by the Pester tests: imports the published module (DCT_MODULE_MANIFEST is set by tools/Invoke-PesterTests.ps1).
$manifest = if ($env:DCT_MODULE_MANIFEST) { $env:DCT_MODULE_MANIFEST } else { Join-Path $PSScriptRoot '../../out/DataCenterTools/DataCenterTools.psd1' }
Import-Module $manifest -ErrorAction Stop
$script:ExamplesData = Join-Path $PSScriptRoot '../../examples/data'

function New-TestFolder {
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("dct-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null
    $dir
}

# A file of ../shared/data (real data the project may not ship), found by walking up from the tests: its full path,
# or $null where it is absent (CI clones the project without it). Tests that need it skip, and ./build.sh test names them.
function Find-SharedData([string] $RelativePath) {
    for ($dir = Get-Item -LiteralPath $PSScriptRoot; $dir; $dir = $dir.Parent) {
        $candidate = Join-Path $dir.FullName "shared/data/$RelativePath"
        if (Test-Path -LiteralPath $candidate) { return $candidate }
    }
    $null
}

# Points the module's home (keys, audit log, catalog) at a test folder and returns what was there, for
# Restore-TestHome in AfterAll; -NoCatalog also clears DATACENTERTOOLS_CATALOG so the catalog is the home's SQLite file.
function Save-TestHome([string] $Path, [switch] $NoCatalog) {
    $saved = @{ Home = $env:DATACENTERTOOLS_HOME; Catalog = $env:DATACENTERTOOLS_CATALOG }
    if ($Path) { $env:DATACENTERTOOLS_HOME = $Path }
    if ($NoCatalog) { $env:DATACENTERTOOLS_CATALOG = $null }
    $saved
}

function Restore-TestHome([hashtable] $Saved) {
    $env:DATACENTERTOOLS_HOME = $Saved.Home
    $env:DATACENTERTOOLS_CATALOG = $Saved.Catalog
}
