# Shared by the Pester tests: imports the published module (DCT_MODULE_MANIFEST is set by tools/Invoke-PesterTests.ps1).
$manifest = if ($env:DCT_MODULE_MANIFEST) { $env:DCT_MODULE_MANIFEST } else { Join-Path $PSScriptRoot '../../out/DataCenterTools/DataCenterTools.psd1' }
Import-Module $manifest -ErrorAction Stop
$script:ExamplesData = Join-Path $PSScriptRoot '../../examples/data'

function New-TestFolder {
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("dct-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null
    $dir
}
