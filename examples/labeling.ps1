<#
.SYNOPSIS
    A labeling round end to end on the data shipped in examples/data: agreement, consensus, then label issues.
.DESCRIPTION
    1. Import six psychiatrists' diagnoses of 30 patients (Fleiss 1971, examples/data/diagnoses.csv, one column per rater).
    2. Measure their agreement: Fleiss' kappa (published: 0.430), Krippendorff's alpha, the least agreeing rater pair.
    3. Merge the labels by majority vote and by Dawid-Skene, and compare the two and the raters' estimated accuracy.
    4. Flip ten iris labels on purpose and let Find-LabelIssue (confident learning) find them; drop what it flags.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/labeling.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    [int] $Seed = 1
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Find-LabelIssue -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}
$inv = [cultureinfo]::InvariantCulture

Write-Host "`n== 1. Import: six raters' diagnoses of 30 patients (wide: one column per rater)" -ForegroundColor Cyan
$labels = Import-DatasetLabel (Join-Path $DataPath 'diagnoses.csv') -Format Wide
'Label rows: {0}' -f $labels.RowCount | Out-Host

Write-Host "`n== 2. Agreement" -ForegroundColor Cyan
$agreement = $labels | Measure-LabelAgreement
[string]::Format($inv, "Fleiss' kappa {0:0.000}, Krippendorff's alpha {1:0.000}, unanimous items {2:0.0}%",
    $agreement.FleissKappa, $agreement.KrippendorffAlpha, $agreement.PercentAgreement) | Out-Host
$low = $agreement.Pairs | Sort-Object Kappa | Select-Object -First 1
[string]::Format($inv, 'Least agreeing pair: {0} / {1}, kappa {2:0.000}', $low.AnnotatorA, $low.AnnotatorB, $low.Kappa) | Out-Host

Write-Host "`n== 3. Consensus: majority vote vs Dawid-Skene" -ForegroundColor Cyan
$majority = $labels | Merge-DatasetLabel -Method MajorityVote -WarningAction SilentlyContinue | ConvertFrom-Dataset
$dawidSkene = $labels | Merge-DatasetLabel -Method DawidSkene | ConvertFrom-Dataset
$differ = @(0..($majority.Count - 1) | Where-Object { $majority[$_].label -ne $dawidSkene[$_].label })
'Majority-vote ties: {0}; items where Dawid-Skene differs: {1}' -f @($majority | Where-Object tied).Count, $differ.Count | Out-Host
$labels | Merge-DatasetLabel -Method DawidSkene -AnnotatorReport | Sort-Object Accuracy -Descending | Format-Table | Out-Host

Write-Host "`n== 4. Label issues: iris with ten labels flipped on purpose" -ForegroundColor Cyan
$rows = Import-Dataset (Join-Path $DataPath 'iris.csv') | ConvertFrom-Dataset
$species = 'setosa', 'versicolor', 'virginica'
$flipped = 0..9 | ForEach-Object { 7 + 15 * $_ }
foreach ($r in $flipped) { $rows[$r].target_name = $species[($species.IndexOf($rows[$r].target_name) + 1) % 3] }
$iris = $rows | Select-Object * -ExcludeProperty target | ConvertTo-Dataset
$issues = @($iris | Find-LabelIssue target_name -Folds 5 -Seed $Seed)
$issues | Format-Table | Out-Host
'Flagged {0} rows: {1} of the {2} flipped labels, {3} clean rows' -f $issues.Count,
    @($issues | Where-Object Row -In $flipped).Count, $flipped.Count, @($issues | Where-Object Row -NotIn $flipped).Count | Out-Host
$clean = $iris | Find-LabelIssue target_name -Folds 5 -Seed $Seed -Remove
'Rows after removing them: {0} (input still {1})' -f $clean.RowCount, $iris.RowCount | Out-Host
