<#
.SYNOPSIS
    Generates the MAML help (en-US/DataCenterTools.dll-Help.xml) that Get-Help -Full shows for the binary cmdlets.
.DESCRIPTION
    Prose comes from module/help/<Cmdlet>.psd1 (synopsis, description, one line per parameter, examples).
    Syntax, types, positions and pipeline input come from the compiled cmdlets, so help never drifts from code.
    Fails when an exported cmdlet has no help file, or a parameter has no description.
#>
param(
    [Parameter(Mandatory)][string] $ManifestPath,
    [Parameter(Mandatory)][string] $HelpSource
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$module = Import-Module $ManifestPath -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }
function Paras($text) { (@($text) | Where-Object { $_ } | ForEach-Object { "<maml:para>$(Esc $_)</maml:para>" }) -join '' }

# A parameter type as people read it: an optional number ([int]? in C#) shows as Int32, not Nullable`1.
function Get-HelpType([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying } else { $Type }
}

function Get-PipelineText($p) {
    $by = @()
    if ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipeline }) { $by += 'ByValue' }
    if ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }) { $by += 'ByPropertyName' }
    if ($by) { "True ($($by -join ', '))" } else { 'False' }
}

$sb = [System.Text.StringBuilder]::new()
[void]$sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
[void]$sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
    $cmd = Get-Command $name
    $file = Join-Path $HelpSource "$name.psd1"
    if (-not (Test-Path $file)) { $problems.Add("$name has no help file ($file)."); continue }
    $help = Import-PowerShellDataFile $file
    foreach ($key in 'Synopsis', 'Description', 'Parameters', 'Examples') {
        if (-not $help.ContainsKey($key) -or -not $help[$key]) { $problems.Add("$name help lacks $key.") }
    }
    $params = $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }
    foreach ($p in $params) {
        if (-not $help.Parameters.ContainsKey($p.Name)) { $problems.Add("$name -$($p.Name) has no description.") }
    }
    $verb, $noun = $name -split '-', 2
    [void]$sb.AppendLine('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$sb.AppendLine("<command:details><command:name>$name</command:name><command:verb>$verb</command:verb><command:noun>$noun</command:noun><maml:description>$(Paras $help.Synopsis)</maml:description></command:details>")
    [void]$sb.AppendLine("<maml:description>$(Paras $help.Description)</maml:description>")
    [void]$sb.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        [void]$sb.Append("<command:syntaxItem><maml:name>$name</maml:name>")
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $pos = if ($sp.Position -ge 0) { $sp.Position } else { 'named' }
            $value = if ($sp.ParameterType -eq [System.Management.Automation.SwitchParameter]) { '' } else { "<command:parameterValue required=`"true`">$(Esc (Get-HelpType $sp.ParameterType).Name)</command:parameterValue>" }
            [void]$sb.Append("<command:parameter required=`"$($sp.IsMandatory.ToString().ToLower())`" position=`"$pos`"><maml:name>$($sp.Name)</maml:name>$value</command:parameter>")
        }
        [void]$sb.AppendLine('</command:syntaxItem>')
    }
    [void]$sb.AppendLine('</command:syntax><command:parameters>')
    foreach ($p in $params) {
        $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $required = [bool]($attr | Where-Object Mandatory)
        $positions = @($attr | Where-Object { $_.Position -ge 0 } | ForEach-Object Position)
        $pos = if ($positions.Count -gt 0) { $positions[0] } else { 'named' }
        $desc = if ($help.Parameters.ContainsKey($p.Name)) { $help.Parameters[$p.Name] } else { '' }
        $validate = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        if ($validate) { $desc = @($desc) + "Accepted values: $($validate.ValidValues -join ', ')." }
        elseif ((Get-HelpType $p.ParameterType).IsEnum) { $desc = @($desc) + "Accepted values: $([Enum]::GetNames((Get-HelpType $p.ParameterType)) -join ', ')." }
        $globbing = if ($p.Name -eq 'Path' -and $cmd.Verb -eq 'Import') { 'true' } else { 'false' }
        $type = Get-HelpType $p.ParameterType
        [void]$sb.AppendLine("<command:parameter required=`"$($required.ToString().ToLower())`" globbing=`"$globbing`" pipelineInput=`"$(Get-PipelineText $p)`" position=`"$pos`" aliases=`"$(if ($p.Aliases) { $p.Aliases -join ', ' } else { 'none' })`"><maml:name>$($p.Name)</maml:name><maml:description>$(Paras $desc)</maml:description><command:parameterValue required=`"true`">$(Esc $type.Name)</command:parameterValue><dev:type><maml:name>$(Esc $type.FullName)</maml:name></dev:type><dev:defaultValue>None</dev:defaultValue></command:parameter>")
    }
    [void]$sb.AppendLine('</command:parameters>')
    if ($help.ContainsKey('Inputs')) {
        [void]$sb.Append('<command:inputTypes>')
        foreach ($i in @($help.Inputs)) { [void]$sb.Append("<command:inputType><dev:type><maml:name>$(Esc $i)</maml:name></dev:type></command:inputType>") }
        [void]$sb.AppendLine('</command:inputTypes>')
    }
    [void]$sb.Append('<command:returnValues>')
    foreach ($o in $cmd.OutputType) { [void]$sb.Append("<command:returnValue><dev:type><maml:name>$(Esc $o.Name)</maml:name></dev:type></command:returnValue>") }
    [void]$sb.AppendLine('</command:returnValues>')
    if ($help.ContainsKey('Notes')) { [void]$sb.AppendLine("<maml:alertSet><maml:alert>$(Paras $help.Notes)</maml:alert></maml:alertSet>") }
    [void]$sb.AppendLine('<command:examples>')
    $n = 0
    foreach ($ex in @($help.Examples)) {
        $n++
        [void]$sb.AppendLine("<command:example><maml:title>-------------------------- Example ${n}: $(Esc $ex.Title) --------------------------</maml:title><dev:code>$(Esc $ex.Code)</dev:code><dev:remarks>$(Paras $ex.Remarks)</dev:remarks></command:example>")
    }
    [void]$sb.AppendLine('</command:examples>')
    [void]$sb.Append('<command:relatedLinks>')
    foreach ($l in @($help['Links'])) { if ($l) { [void]$sb.Append("<maml:navigationLink><maml:linkText>$(Esc $l)</maml:linkText></maml:navigationLink>") } }
    [void]$sb.AppendLine('</command:relatedLinks>')
    [void]$sb.AppendLine('</command:command>')
}
[void]$sb.AppendLine('</helpItems>')

if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
$dir = Join-Path $module.ModuleBase 'en-US'
New-Item -ItemType Directory -Force -Path $dir | Out-Null
$target = Join-Path $dir 'DataCenterTools.dll-Help.xml'
[xml]$sb.ToString() | Out-Null   # well-formed or fail here
Set-Content -Path $target -Value $sb.ToString() -Encoding utf8NoBOM
Write-Host "Help written for $($module.ExportedCmdlets.Count) cmdlets to $target"
