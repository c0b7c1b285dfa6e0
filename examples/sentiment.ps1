<#
.SYNOPSIS
    Text classification: positive or negative review sentences, on the data shipped in examples/data.
.DESCRIPTION
    1. Import 3,000 labelled sentences from Amazon, IMDb and Yelp reviews (UCI "Sentiment Labelled Sentences",
       Kotzias et al., KDD 2015, CC BY 4.0; see examples/data/NOTICE.md). label is 1 for positive, 0 for negative.
    2. Train a text classifier with the default trainer for text, the fast path: a sparse TF-IDF vector of word
       1-2-grams and character 2-5-grams fed to an L-BFGS logistic regression (-Trainer Auto would try more within its
       -MaxTime), and measure it by 5-fold cross-validation: accuracy and F1, mean and standard deviation over the folds.
    3. Score new sentences: ConvertTo-Dataset of a few strings, then Invoke-ModelPrediction.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/sentiment.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    [int] $Seed = 42
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Start-ModelTraining -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}

Write-Host "`n== 1. Labelled sentences" -ForegroundColor Cyan
$sentences = Import-Dataset (Join-Path $DataPath 'sentiment_labelled_combined.csv')
$sentences.Schema | Format-Table | Out-Host
$sentences | ConvertFrom-Dataset | Group-Object source, label | Format-Table Count, Name | Out-Host

Write-Host "== 2. TF-IDF + logistic regression on the text, 5-fold cross-validation" -ForegroundColor Cyan
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$model = $sentences | Start-ModelTraining -Label label -Feature sentence -Task BinaryClassification -CrossValidation 5 -Seed $Seed
$model | Format-Table | Out-Host
'Trained {0} ({1}) on the {2} vector of the sentence in {3:N1} s' -f $model.Trainer, $model.Hyperparameters,
    $model.Features[0].Kind, $clock.Elapsed.TotalSeconds | Out-Host
$cv = $model.CrossValidation
'5-fold CV accuracy {0:N3} (sd {1:N3}), F1 {2:N3} (sd {3:N3}), AUC {4:N3}' -f $cv.Mean['Accuracy'], $cv.Std['Accuracy'],
    $cv.Mean['F1Score'], $cv.Std['F1Score'], $cv.Mean['AreaUnderRocCurve'] | Out-Host
$cv.Folds | ForEach-Object -Begin { $fold = 0 } -Process {
    $fold++; [pscustomobject]@{ Fold = $fold; Rows = $_.Rows; Accuracy = '{0:N3}' -f $_.Accuracy; F1 = '{0:N3}' -f $_.F1Score }
} | Format-Table | Out-Host

Write-Host "== 3. Scoring new sentences (the model is trained on all 3,000)" -ForegroundColor Cyan
$new = 'The battery lasts all day and the screen is gorgeous.',
       'Terrible service, cold food and we waited an hour.',
       'I would not recommend this movie to anyone.',
       'Great value, works exactly as described.' |
    ForEach-Object { [pscustomobject]@{ sentence = $_ } } | ConvertTo-Dataset -Name new-sentences
$new | Invoke-ModelPrediction -Model $model | ConvertFrom-Dataset |
    Format-Table @{ n = 'Positive'; e = { $_.PredictedLabel } }, @{ n = 'P(positive)'; e = { '{0:N2}' -f $_.Probability } }, sentence -Wrap | Out-Host
