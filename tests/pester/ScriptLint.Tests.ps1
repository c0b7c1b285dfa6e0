# A small lint of the repository's PowerShell scripts on the parser's AST (PSScriptAnalyzer is not served by the
# registry here): aliases (% ? select gci ...: scripts say what they call), empty catch blocks (an error swallowed
# without a word) and Write-Host outside the scripts whose console output is their product (build.ps1, tools/,
# bench/, examples/). Each rule is checked on a fixture with a known count first, so the repository check can fail.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:Aliases = @{}
    foreach ($alias in Get-Alias) { $Aliases[$alias.Name] = $alias.Definition }

    function Get-ScriptLintFinding([System.Management.Automation.Language.Ast] $Ast, [switch] $WriteHostAllowed) {
        foreach ($command in $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $command.GetCommandName()
            if (-not $name) { continue }
            if ($Aliases.ContainsKey($name)) { [pscustomobject]@{ Rule = 'Alias'; Line = $command.Extent.StartLineNumber; Text = "$name (write $($Aliases[$name]))" } }
            elseif ($name -eq 'Write-Host' -and -not $WriteHostAllowed) { [pscustomobject]@{ Rule = 'WriteHost'; Line = $command.Extent.StartLineNumber; Text = $command.Extent.Text } }
        }
        foreach ($catch in $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CatchClauseAst] }, $true)) {
            if ($catch.Body.Statements.Count -eq 0) { [pscustomobject]@{ Rule = 'EmptyCatch'; Line = $catch.Extent.StartLineNumber; Text = $catch.Extent.Text } }
        }
    }

    function ConvertTo-Ast([string] $Text) {
        $tokens = $errors = $null
        [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors)
    }
}

Describe 'The script lint' {
    It 'finds each kind of violation in a fixture with known ones' {
        $ast = ConvertTo-Ast @'
Get-ChildItem | % { $_.Name } | ? Length -gt 3 | select -First 1
gci -Recurse
try { Remove-Item x } catch { }
try { Remove-Item y } catch { Write-Warning $_ }
Write-Host 'done'
foreach ($i in 1..3) { $i }
'@
        $findings = @(Get-ScriptLintFinding $ast)
        ($findings | Where-Object Rule -eq 'Alias').Text | Should -Be @('% (write ForEach-Object)', '? (write Where-Object)', 'select (write Select-Object)', 'gci (write Get-ChildItem)')
        ($findings | Where-Object Rule -eq 'EmptyCatch').Line | Should -Be @(3)
        ($findings | Where-Object Rule -eq 'WriteHost').Line | Should -Be @(5)
        @(Get-ScriptLintFinding $ast -WriteHostAllowed | Where-Object Rule -eq 'WriteHost').Count | Should -Be 0
    }

    It 'finds nothing in a clean fixture' {
        $ast = ConvertTo-Ast @'
Get-ChildItem | ForEach-Object { $_.Name } | Where-Object Length -gt 3 | Select-Object -First 1
try { Remove-Item x } catch [System.IO.IOException] { Write-Verbose "kept: $_" }
foreach ($i in 1..3) { $i }
'@
        @(Get-ScriptLintFinding $ast).Count | Should -Be 0
    }

    It 'finds nothing in the repository''s scripts' {
        $scripts = Get-ChildItem -LiteralPath $Root -Recurse -File -Filter *.ps1 |
            Where-Object { [IO.Path]::GetRelativePath($Root, $_.FullName) -notmatch '(^|[\\/])(out|bin|obj|node_modules|work)[\\/]' }
        $scripts.Count | Should -BeGreaterThan 40 -Because 'the walk must reach the scripts in build.ps1, tools/, bench/, examples/ and tests/'
        $problems = foreach ($script in $scripts) {
            $relative = [IO.Path]::GetRelativePath($Root, $script.FullName) -replace '\\', '/'
            $tokens = $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($script.FullName, [ref]$tokens, [ref]$errors)
            foreach ($e in $errors) { "${relative}:$($e.Extent.StartLineNumber) ParseError $($e.Message)" }
            $allowed = $relative -match '^(build\.ps1$|tools/|bench/|examples/)'
            foreach ($f in Get-ScriptLintFinding $ast -WriteHostAllowed:$allowed) { "${relative}:$($f.Line) $($f.Rule) $(($f.Text -split "`n")[0])" }
        }
        $problems | Should -BeNullOrEmpty
    }
}
