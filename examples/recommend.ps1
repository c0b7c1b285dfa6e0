<#
.SYNOPSIS
    A matrix-factorization recommender on the synthetic ratings shipped in examples/data, measured on each user's latest
    ratings, and its top-N lists.
.DESCRIPTION
    1. Import the synthetic ratings (user, item, timestamp, rating; see examples/data/NOTICE.md) and hold out each user's
       latest two ratings ("leave last 2 out"): every user is known in training and asked about their next items.
    2. Train biased matrix factorization (global mean + user and item biases + 50 latent factors, SGD, seeded) on the rest
       and measure it on the held-out ratings: RMSE, MAE and R2, and top-10 lists (NDCG, precision, recall, hit rate,
       catalogue coverage) among the items each user had not rated.
    3. Compare its RMSE with the baseline that predicts the training mean for everyone.
    4. Recommend the top items for one user among the items they have not rated, and for a user the model has never seen
       (the fallback: the items with the highest bias, said in the Basis column and a warning).
    5. Save the model, import it again and check that it predicts the same.
    Run it with: Import-Module ./out/DataCenterTools/DataCenterTools.psd1; ./examples/recommend.ps1
#>
[CmdletBinding()]
param(
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    # The user to recommend for.
    [string] $User = 'u042',
    [int] $Top = 5,
    [int] $Seed = 42
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Start-ModelTraining -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../out/DataCenterTools/DataCenterTools.psd1')
}

Write-Host "`n== 1. Ratings; each user's latest two ratings held out" -ForegroundColor Cyan
$ratings = Import-Dataset (Join-Path $DataPath 'ratings.csv')
$split = $ratings | Split-Dataset -GroupBy user -LeaveLastOut 2 -OrderBy timestamp
$split | Format-Table | Out-Host

Write-Host "== 2. Matrix factorization, measured on the held-out ratings" -ForegroundColor Cyan
$model = $split.Train | Start-ModelTraining -Task Recommendation -User user -Item item -Label rating -TestDataset $split.Test -Seed $Seed
$model | Format-Table | Out-Host
$m = $model.Metrics
'{0:N0} users x {1:N0} items, {2} factors; held out: {3:N0} ratings of {4:N0} users' -f $model.Recommender.Users, $model.Recommender.Items,
    $model.Recommender.Factors, $m.Rows, ($split.Test | ConvertFrom-Dataset | Select-Object -ExpandProperty user -Unique).Count | Out-Host
'Ratings: RMSE {0:N4}, MAE {1:N4}, R2 {2:N4}' -f $m.RootMeanSquaredError, $m.MeanAbsoluteError, $m.RSquared | Out-Host
'Top-{0}: NDCG {1:N4}, precision {2:N4}, recall {3:N4}, hit rate {4:N4}, coverage {5:N4} ({6} users with a held-out rating of 4 or more)' -f $m.TopK,
    $m.NdcgAtK, $m.PrecisionAtK, $m.RecallAtK, $m.HitRate, $m.CatalogCoverage, $m.RankedUsers | Out-Host

Write-Host "== 3. Against the baseline: everyone gets the training mean rating" -ForegroundColor Cyan
$trainMean = ($split.Train | ConvertFrom-Dataset | Measure-Object rating -Average).Average
$heldOut = @($split.Test | ConvertFrom-Dataset | ForEach-Object rating)
$baselineRmse = [math]::Sqrt(($heldOut | ForEach-Object { ($_ - $trainMean) * ($_ - $trainMean) } | Measure-Object -Sum).Sum / $heldOut.Count)
'Baseline (training mean {0:N3}): RMSE {1:N4}' -f $trainMean, $baselineRmse | Out-Host
'Matrix factorization:          RMSE {0:N4}; beats the baseline: {1}' -f $m.RootMeanSquaredError, ($m.RootMeanSquaredError -lt $baselineRmse) | Out-Host

Write-Host "`n== 4. Top $Top for $User (items not rated in training), and for a new user" -ForegroundColor Cyan
Get-DataRecommendation -Model $model -User $User, 'new-user' -Top $Top -ExcludeSeen $split.Train | ConvertFrom-Dataset |
    Format-Table user, item, @{ n = 'Predicted'; e = { '{0:N2}' -f $_.Score } }, Rank, Basis | Out-Host

Write-Host "== 5. Save, import, predict the held-out ratings again" -ForegroundColor Cyan
$path = Join-Path ([System.IO.Path]::GetTempPath()) "recommender-$([guid]::NewGuid().ToString('N')).zip"
try {
    $model | Save-Model -Path $path
    $loaded = Import-Model $path
    $before = ($split.Test | Invoke-ModelPrediction $model)['Score']
    $after = ($split.Test | Invoke-ModelPrediction $loaded)['Score']
    $same = -not (0..($before.Length - 1) | Where-Object { $before.GetValue($_) -ne $after.GetValue($_) } | Select-Object -First 1)
    'Imported model predicts the same: {0}' -f $same | Out-Host
}
finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
