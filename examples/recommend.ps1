<#
.SYNOPSIS
    A rating predictor and top-N recommendations, done without leaking the future, on the data shipped in examples/data.
.DESCRIPTION
    1. Import the synthetic ratings (user, item, timestamp, rating; see examples/data/NOTICE.md) and split them by
       time: the earliest 80% train, the latest 20% test, as a recommender meets tomorrow's ratings.
    2. Compute user and item statistics (mean rating, count) on the training part ONLY and join them onto both parts;
       a user or item unseen in training gets no mean (the model fills the training mean) and a count of 0.
    3. Train a LightGBM regression of the rating on those statistics, measured on the test part.
    4. Compare RMSE and R2 with the baseline that predicts the training mean rating for everyone.
    5. Recommend the top items for one user among the items that user has not rated yet.
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

# Mean rating and count per value of $Key (user or item), from the rows given: the training rows only.
function Get-RatingStatistic([object[]] $Rows, [string] $Key) {
    $stats = @{}
    foreach ($group in $Rows | Group-Object -Property $Key) {
        $stats[$group.Name] = [pscustomobject]@{ Mean = ($group.Group | Measure-Object rating -Average).Average; Count = $group.Count }
    }
    $stats
}

# The join: each row gets its user's and its item's training statistics (no mean and a count of 0 when unseen).
function Add-RatingStatistic([object[]] $Rows, [hashtable] $UserStats, [hashtable] $ItemStats, [string] $Name) {
    $Rows | ForEach-Object {
        $u = $UserStats[$_.user]; $i = $ItemStats[$_.item]
        [pscustomobject]@{
            user = $_.user; item = $_.item; rating = $_.rating
            user_mean = if ($u) { $u.Mean } else { $null }; user_count = if ($u) { $u.Count } else { 0 }
            item_mean = if ($i) { $i.Mean } else { $null }; item_count = if ($i) { $i.Count } else { 0 }
        }
    } | ConvertTo-Dataset -Name $Name
}

# RMSE and R2 (scikit-learn's r2_score: 1 - SSE / total sum of squares around the actual mean) of a constant guess.
function Measure-ConstantPrediction([double[]] $Actual, [double] $Guess) {
    $mean = ($Actual | Measure-Object -Average).Average
    $sse = 0.0; $sst = 0.0
    foreach ($a in $Actual) { $sse += ($a - $Guess) * ($a - $Guess); $sst += ($a - $mean) * ($a - $mean) }
    [pscustomobject]@{ Rmse = [math]::Sqrt($sse / $Actual.Count); R2 = 1 - $sse / $sst }
}

Write-Host "`n== 1. Ratings, split by time: the earliest 80% train, the latest 20% test" -ForegroundColor Cyan
$ratings = Import-Dataset (Join-Path $DataPath 'ratings.csv')
$split = $ratings | Split-Dataset -TrainFraction 0.8 -TimeColumn timestamp
$split | Format-Table | Out-Host

Write-Host "== 2. User and item statistics from the training part only, joined onto both parts" -ForegroundColor Cyan
$trainRows = @($split.Train | ConvertFrom-Dataset)
$testRows = @($split.Test | ConvertFrom-Dataset)
$userStats = Get-RatingStatistic $trainRows 'user'
$itemStats = Get-RatingStatistic $trainRows 'item'
$train = Add-RatingStatistic $trainRows $userStats $itemStats 'ratings-train'
$test = Add-RatingStatistic $testRows $userStats $itemStats 'ratings-test'
'Users in training: {0}, items: {1}; test rows with a user unseen in training: {2}, with an unseen item: {3}' -f $userStats.Count,
    $itemStats.Count, @($testRows | Where-Object { -not $userStats.ContainsKey($_.user) }).Count,
    @($testRows | Where-Object { -not $itemStats.ContainsKey($_.item) }).Count | Out-Host
$test | ConvertFrom-Dataset -First 3 | Format-Table | Out-Host

Write-Host "== 3. LightGBM regression of the rating on the statistics, measured on the test part" -ForegroundColor Cyan
$features = 'user_mean', 'user_count', 'item_mean', 'item_count'
$model = $train | Start-ModelTraining -Label rating -Feature $features -Task Regression -Trainer LightGbm -TestDataset $test -Seed $Seed
$model | Format-Table | Out-Host

Write-Host "== 4. Against the baseline: everyone gets the training mean rating" -ForegroundColor Cyan
$globalMean = ($trainRows | Measure-Object rating -Average).Average
$baseline = Measure-ConstantPrediction ([double[]]@($testRows.rating)) $globalMean
'Baseline (training mean {0:N3}): RMSE {1:N4}, R2 {2:N4}' -f $globalMean, $baseline.Rmse, $baseline.R2 | Out-Host
'LightGBM on the statistics:      RMSE {0:N4}, R2 {1:N4} on {2} test rows' -f $model.Metrics.RootMeanSquaredError,
    $model.Metrics.RSquared, $model.Metrics.Rows | Out-Host
'Beats the baseline RMSE: {0}' -f ($model.Metrics.RootMeanSquaredError -lt $baseline.Rmse) | Out-Host

Write-Host "`n== 5. Top $Top recommendations for $User (items not rated in training)" -ForegroundColor Cyan
$rated = @($trainRows | Where-Object user -eq $User | ForEach-Object item)
$candidates = $itemStats.Keys | Where-Object { $_ -notin $rated } | Sort-Object |
    ForEach-Object { [pscustomobject]@{ user = $User; item = $_; rating = $null } }
$scored = Add-RatingStatistic @($candidates) $userStats $itemStats 'candidates' | Invoke-ModelPrediction -Model $model
'{0} has {1} training ratings (mean {2:N2}); {3} candidate items' -f $User, $rated.Count, $userStats[$User].Mean, $scored.RowCount | Out-Host
$scored | ConvertFrom-Dataset -Column item, item_mean, item_count, Score | Sort-Object Score -Descending | Select-Object -First $Top |
    Format-Table item, @{ n = 'item_mean'; e = { '{0:N2}' -f $_.item_mean } }, item_count, @{ n = 'Predicted'; e = { '{0:N2}' -f $_.Score } } | Out-Host
