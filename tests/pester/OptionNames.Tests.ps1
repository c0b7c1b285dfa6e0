# Core messages name options as {option:Name}; the cmdlets render them as their parameters (-KeyPath), a C# program
# reads the option's name (KeyPath). Here: the same core failure as the cmdlet shows it and as the core throws it
# (tests/DataCenterTools.Core.Tests/OptionNamesTests.cs checks the core side and scans the core for raw -Name).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Folder = New-TestFolder
    $script:PreviousHome = $env:DATACENTERTOOLS_HOME
    $env:DATACENTERTOOLS_HOME = Join-Path $Folder 'home'
    $script:KeyFile = Join-Path $Folder 'k.key'
    $key = [DataCenterTools.Core.Security.DataProtectionKey]::Generate()
    $key.Save($KeyFile, $false)
    $key.Dispose()
    $script:People = @(
        [pscustomobject]@{ id = 1; email = 'alice@example.com' }
        [pscustomobject]@{ id = 2; email = 'bob@example.org' }
    ) | ConvertTo-Dataset
}

AfterAll {
    $env:DATACENTERTOOLS_HOME = $PreviousHome
    Remove-Item -Recurse -Force $Folder -ErrorAction SilentlyContinue
}

Describe 'Option names in core messages' {
    It 'names the parameters (-KeyPath) from a cmdlet, and the options (KeyPath) from the core, for the same failure' {
        $passphrase = ConvertTo-SecureString 'correct horse battery staple' -AsPlainText -Force
        $fromCmdlet = $null
        try { $People | Protect-Dataset -Hash email -KeyPath $KeyFile -Passphrase $passphrase -ErrorAction Stop } catch { $fromCmdlet = $_ }
        $fromCmdlet.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.KeyConflict,*'
        $fromCmdlet.ErrorDetails.Message | Should -Be 'Give -KeyPath or -Passphrase, not both.'
        $fromCmdlet.Exception.Message | Should -Be 'Give -KeyPath or -Passphrase, not both.'
        $fromCmdlet.Exception.ErrorId | Should -Be 'DataCenterTools.KeyConflict'

        $fromCore = $null
        try {
            $k = [DataCenterTools.Core.Security.DataProtectionKey]::Generate()
            [DataCenterTools.Core.Security.ProtectionCredential]::Create($k, [Func[byte[], DataCenterTools.Core.Security.DataProtectionKey]] { param($salt) $k }, $null)
        }
        catch { $fromCore = $_.Exception.InnerException ?? $_.Exception }
        $fromCore.ErrorId | Should -Be 'DataCenterTools.KeyConflict'
        $fromCore.Message | Should -Be 'Give KeyPath or Passphrase, not both.'
    }

    It 'says the parameter a cmdlet declares for a core option of another name (-CrossValidation for CrossValidationFolds)' {
        $rows = 1..8 | ForEach-Object { [pscustomobject]@{ x = [double]$_; y = [double](2 * $_) } } | ConvertTo-Dataset
        $failure = $null
        try { $rows | Start-ModelTraining -Label y -Task Regression -CrossValidation 20 -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FoldsOutOfRange,*'
        $failure.Exception.Message | Should -BeLike '-CrossValidation 20 needs between 2 and 8 folds for 8 rows.*'
        $failure.Exception.Message | Should -Not -Match 'CrossValidationFolds'
    }
}
