<#
.SYNOPSIS
    Model training side by side with scikit-learn on the same data, split and folds; writes the Training sections of
    bench/RESULTS.md (telemetry, text, MovieLens). Run by 'Invoke-Benchmarks.ps1 -Suite Training' or on its own, whole
    or one -Part at a time.
.DESCRIPTION
    1. Makes sure Debian's scikit-learn is there for /usr/bin/python3 (apt-get install python3-sklearn when missing)
       and that bench/work/telemetry.csv exists with -Rows rows (New-TelemetryCsv.ps1 writes it when missing).
    2. Telemetry regression: power_w from the eight numeric metrics, earliest 80% of the rows train (Split-Dataset
       -TimeColumn timestamp), the latest 20% test. Start-ModelTraining -Trainer LightGbm against scikit-learn's
       HistGradientBoostingRegressor and RandomForestRegressor(n_estimators=100), RF timed on the first -RfRows
       training rows and scaled linearly (train_sklearn.py). power_w needs no derived target: the generator makes
       it 180 + 4.2 x cpu_pct + 7 x gpu_pct (gpu_pct is 0 on hosts without a GPU), so it is predictable from the
       metrics, short of the ~2% of missing cells.
    3. Text (-Part Text): the 3,000 sentiment sentences (examples/data) and their IMDB subset (1,000). train_sklearn.py
       textfolds draws seeded StratifiedKFold(5) folds, writes them to bench/work/<name>.folds.csv and cross-validates
       TfidfVectorizer(ngram_range=(1,2)) + LogisticRegression(C=10) on them; Start-ModelTraining -FoldColumn fold reads the
       same file and trains on the same folds: the default trainer for text (the TF-IDF fast path) and -Trainer Auto (within its
       default -MaxTime). Three interleaved rounds; medians. Our first training in the process (JIT) is
       reported apart.
    4. MovieLens (-Part MovieLens): ml-latest-small and ml-100k read from -MovieLensPath (never copied into the project;
       skipped, loudly, when absent). train_sklearn.py movielens draws seeded KFold(5) folds into bench/work, fits one
       RandomForestRegressor(n_estimators=100, n_jobs=-1) on userId, movieId, timestamp of 80% (the seed's own model) and
       scores the mean and popularity baselines; Start-ModelTraining -Task Recommendation -FoldColumn fold trains the
       matrix factorization on the same folds (the whole 5-fold run plus the final model, timed), and -Implicit ALS too.
    5. Replaces each part's section of RESULTS.md (between its markers) and prints it.
    DataCenterTools runs in this process (Import-Module first, so the first training pays JIT start-up, as a fresh
    session does); scikit-learn in a fresh /usr/bin/python3. Seconds are training (fit) time only, not file reading;
    Start-ModelTraining's seconds include its featurization and scoring the test rows, so they are, if anything,
    in scikit-learn's favour.
.PARAMETER Rows
    Rows of bench/work/telemetry.csv (1,000,000 by default).
.PARAMETER RfRows
    Training rows RandomForestRegressor is timed on (0: all of them; it is slow: minutes per million rows).
.PARAMETER Part
    All (default), Telemetry, Text or MovieLens.
.PARAMETER MovieLensPath
    The folder holding ml-latest-small/ and ml-100k/ (default: ../shared/data/movielens beside the repository, then
    /work/shared/data/movielens).
.NOTES
    -ModuleManifest: as in Invoke-Benchmarks.ps1, which passes them (see its help).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Training.ps1 -ModuleManifest out/DataCenterTools/DataCenterTools.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    [ValidateRange(1000, [int]::MaxValue)]
    [int] $Rows = 1000000,

    [ValidateRange(0, [int]::MaxValue)]
    [int] $RfRows = 100000,

    [int] $Seed = 1,

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),

    [ValidateSet('All', 'Telemetry', 'Text', 'MovieLens')]
    [string] $Part = 'All',

    [string] $MovieLensPath
)

. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
$sentimentCsv = Join-Path $PSScriptRoot '../examples/data/sentiment_labelled_combined.csv'
$metrics = 'cpu_pct', 'mem_pct', 'gpu_pct', 'temp_c', 'disk_read_mbps', 'disk_write_mbps', 'net_rx_mbps', 'net_tx_mbps'

# ---------------------------------------------------------------- prerequisites
# train_sklearn.py reads with pandas, which Invoke-Benchmarks.ps1 installs but a run of this script alone may not have.
& $python -c 'import sklearn, pandas' 2>$null
if ($LASTEXITCODE -ne 0) {
    Write-Host 'Installing python3-sklearn and python3-pandas with apt-get'
    # As root there is no sudo to call ('& @()' is not a command).
    function Invoke-AptGet { if ((& id -u) -eq '0') { & apt-get @args } else { & sudo apt-get @args } }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-AptGet update -q
    Invoke-AptGet install -y -q python3-sklearn python3-pandas
    & $python -c 'import sklearn, pandas'
    if ($LASTEXITCODE -ne 0) { throw "$python cannot import sklearn and pandas after installing python3-sklearn and python3-pandas." }
}

function Invoke-Sklearn([string[]] $Arguments) {
    $line = & $python (Join-Path $PSScriptRoot 'train_sklearn.py') @Arguments
    if ($LASTEXITCODE -ne 0) { throw "train_sklearn.py $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
    @($line)[-1] | ConvertFrom-Json
}

function Measure-Seconds([scriptblock] $Script) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $Script
    [pscustomobject]@{ Result = $result; Seconds = $clock.Elapsed.TotalSeconds }
}

function F($Value, [string] $Format) { if ($null -eq $Value) { 'n/a' } else { ([double]$Value).ToString($Format, $inv) } }
function Get-Load { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' }
function Get-MachineLine([string] $Before, [string] $After) {
    "Machine: nproc $([Environment]::ProcessorCount), $(((Get-Content /proc/cpuinfo | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -split ':', 2)[-1].Trim()); date $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC; pwsh $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription); scikit-learn $script:SklearnVersion; commit $(& git -C $PSScriptRoot rev-parse --short HEAD 2>$null); load average (1/5/15 min) $Before before, $After after. The machine is shared with other engineers' builds and tests, so the seconds are noisy; the ratios are what this run measured."
}
$script:SklearnVersion = (& $python -c 'import sklearn, sys; print(sklearn.__version__, "on Python", sys.version.split()[0])')

Import-Module $ModuleManifest

# ---------------------------------------------------------------- telemetry regression
function Measure-Telemetry {
    $csv = Join-Path $work 'telemetry.csv'
    $metaPath = "$csv.json"
    $meta = if ((Test-Path $csv) -and (Test-Path $metaPath)) { Get-Content -Raw $metaPath | ConvertFrom-Json } else { $null }
    if (-not $meta -or $meta.Rows -ne $Rows) {
        # The same file and metadata Invoke-Benchmarks.ps1 uses, so the two suites share it.
        $generated = & (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1') -Rows $Rows -Path $csv
        $meta = [pscustomobject]@{ Rows = $Rows; Bytes = $generated.Bytes; Sha256 = $generated.Sha256
            GeneratorSha256 = (Get-FileHash -Algorithm SHA256 (Join-Path $PSScriptRoot 'New-TelemetryCsv.ps1')).Hash; Seconds = $generated.Seconds }
        $meta | ConvertTo-Json | Set-Content -Path $metaPath
    }
    $loadBefore = Get-Load
    Write-Host "Telemetry regression on $($Rows.ToString('N0', $inv)) rows: DataCenterTools"
    $read = Measure-Seconds { Import-Dataset -LiteralPath $csv }
    $split = $read.Result | Split-Dataset -TrainFraction 0.8 -TimeColumn timestamp
    $dct = Measure-Seconds {
        $split.Train | Start-ModelTraining -Label power_w -Feature $metrics -Task Regression -Trainer LightGbm -TestDataset $split.Test -Seed $Seed
    }
    $read = $null; $split = $null
    [GC]::Collect()
    Write-Host ("  LightGbm: {0:0.00} s, R2 {1:0.0000}" -f $dct.Seconds, $dct.Result.Metrics.RSquared)
    Write-Host 'Telemetry regression: scikit-learn'
    $sk = Invoke-Sklearn @('telemetry', $csv, '--rf-rows', $RfRows, '--seed', $Seed)
    Write-Host ("  HistGradientBoosting: {0:0.00} s, R2 {1:0.0000}; RandomForest on {2:N0} rows: {3:0.00} s" -f $sk.hgb.seconds, $sk.hgb.r2, $sk.rf.rows, $sk.rf.seconds)
    $loadAfter = Get-Load

    $m = $dct.Result.Metrics
    $rfScaled = [double]$sk.rf.secondsScaled
    $rfPartial = [int]$sk.rf.rows -lt [int]$sk.trainRows
    $speedRf = $rfScaled / $dct.Seconds
    $rfLabel = if ($rfPartial) { "RandomForestRegressor(n_estimators=100, n_jobs=-1) ¹" } else { 'RandomForestRegressor(n_estimators=100, n_jobs=-1)' }
    $section = @(
        '<!-- training:begin -->'
        '## Training'
        ''
        "Generated by ``bench/Measure-Training.ps1`` (``Invoke-Benchmarks.ps1 -Suite Training``; this part: ``-Part Telemetry``). DataCenterTools in one pwsh process, scikit-learn $script:SklearnVersion (``bench/train_sklearn.py``) in another, one after the other on the same files and split. Seconds are training time only (not reading the file); Start-ModelTraining's include featurizing and scoring the test rows. Text classification and MovieLens are in the next two sections."
        ''
        "### Telemetry regression: power_w from 8 numeric metrics, $($Rows.ToString('N0', $inv)) rows"
        ''
        "``bench/work/telemetry.csv`` (SHA-256 ``$($meta.Sha256)``), time-ordered split: the earliest 80% train ($(([int]$sk.trainRows).ToString('N0', $inv)) rows with a power_w), the latest 20% test ($(([int]$sk.testRows).ToString('N0', $inv)) rows). power_w is not random in the generator: it is 180 + 4.2 x cpu_pct + 7 x gpu_pct, so it is predictable from the metrics (exactly, but for the ~2% missing cells); no derived target was needed. Missing feature cells: Start-ModelTraining fills the training mean plus a missing indicator, HistGradientBoosting handles them natively, the random forest gets a median SimpleImputer."
        ''
        '| Tool | Training rows | Seconds | Test R2 | Test RMSE (W) |'
        '|---|---:|---:|---:|---:|'
        "| Start-ModelTraining -Trainer LightGbm (31 leaves, rate 0.1, 100 iterations) | $(([int]$sk.trainRows).ToString('N0', $inv)) | $(F $dct.Seconds '0.00') | $(F $m.RSquared '0.00000') | $(F $m.RootMeanSquaredError '0.000') |"
        "| HistGradientBoostingRegressor (defaults: 31 leaves, rate 0.1, 100 iterations) | $(([int]$sk.trainRows).ToString('N0', $inv)) | $(F $sk.hgb.seconds '0.00') | $(F $sk.hgb.r2 '0.00000') | $(F $sk.hgb.rmse '0.000') |"
        "| $rfLabel | $(([int]$sk.rf.rows).ToString('N0', $inv)) | $(F $sk.rf.seconds '0.00') measured$(if ($rfPartial) { ", $(F $rfScaled '0.0') scaled to all rows" }) | $(F $sk.rf.r2 '0.00000') | $(F $sk.rf.rmse '0.000') |"
        ''
    )
    if ($rfPartial) {
        $section += "¹ **Extrapolated:** the random forest was fitted on the first $(([int]$sk.rf.rows).ToString('N0', $inv)) training rows only and its seconds scaled linearly by $(F ([double]$sk.trainRows / [double]$sk.rf.rows) '0.0')x to the whole training part (tree building is a little worse than linear in the rows, so the real figure would be higher). Its R2 is that of the subsample model."
        $section += ''
    }
    $section += @(
        (Get-MachineLine $loadBefore $loadAfter)
        ''
        '### Telemetry targets'
        ''
        "- LightGbm R2 at least HistGradientBoostingRegressor's: $(Format-Met ($m.RSquared -ge $sk.hgb.r2)) ($(F $m.RSquared '0.00000') vs $(F $sk.hgb.r2 '0.00000'))."
        "- LightGbm training at least 5x faster than RandomForestRegressor(n_estimators=100): $(Format-Met ($speedRf -ge 5)) ($(F $speedRf '0.0')x$(if ($rfPartial) { ', RF extrapolated from ' + ([int]$sk.rf.rows).ToString('N0', $inv) + ' rows' }))."
        '<!-- training:end -->'
    )
    Write-ResultsSection 'training' $section $ResultsPath
    $section
}

# ---------------------------------------------------------------- text classification
function Measure-Text {
    $loadBefore = Get-Load
    $corpora = @(
        [pscustomobject]@{ Name = 'sentiment'; Title = 'all 3,000 sentiment sentences (Amazon, IMDb, Yelp)'; Source = $null }
        [pscustomobject]@{ Name = 'imdb'; Title = 'the IMDB subset (1,000 sentences)'; Source = 'imdb' }
    )
    # Our first training in this process pays the JIT (ReadyToRun code, then tiering): measured apart, on the IMDB folds.
    $cold = $null
    $rows = foreach ($c in $corpora) {
        $folds = Join-Path $work "$($c.Name).folds.csv"
        $arguments = @('textfolds', $sentimentCsv, '--folds-out', $folds, '--seed', $Seed) + $(if ($c.Source) { @('--source', $c.Source) } else { @() })
        $sk = @(); $auto = @(); $lbfgs = @()
        foreach ($round in 1..3) {
            Write-Host "Text ($($c.Name)) round ${round}: scikit-learn"
            $sk += Invoke-Sklearn $arguments
            $data = Import-Dataset -LiteralPath $folds
            if (-not $cold) {
                $cold = Measure-Seconds { $data | Start-ModelTraining -Label label -Feature sentence -Task BinaryClassification -Trainer LbfgsLogisticRegression -FoldColumn fold -Seed $Seed }
                Write-Host ("  first training in the process (JIT): {0:0.00} s" -f $cold.Seconds)
            }
            Write-Host "Text ($($c.Name)) round ${round}: DataCenterTools"
            $lbfgs += Measure-Seconds { $data | Start-ModelTraining -Label label -Feature sentence -Task BinaryClassification -FoldColumn fold -Seed $Seed }
            $auto += Measure-Seconds { $data | Start-ModelTraining -Label label -Feature sentence -Task BinaryClassification -Trainer Auto -FoldColumn fold -Seed $Seed }
            Write-Host ("  scikit-learn {0:0.00} s acc {1:0.0000}; default (fast path) {2:0.00} s acc {3:0.0000}; -Trainer Auto {4:0.00} s" -f $sk[-1].seconds, $sk[-1].accuracy, $lbfgs[-1].Seconds, $lbfgs[-1].Result.Metrics.Accuracy, $auto[-1].Seconds)
        }
        [pscustomobject]@{
            Corpus = $c; Rows = [int]$sk[0].rows; Sklearn = $sk[0]; SklearnSeconds = Get-Median ($sk | ForEach-Object seconds)
            Auto = $auto[0].Result; AutoSeconds = Get-Median ($auto | ForEach-Object Seconds)
            Lbfgs = $lbfgs[0].Result; LbfgsSeconds = Get-Median ($lbfgs | ForEach-Object Seconds)
        }
    }
    $loadAfter = Get-Load
    function CvCell($Model, [string] $Name) { "$(F $Model.CrossValidation.Mean[$Name] '0.0000') ± $(F $Model.CrossValidation.Std[$Name] '0.0000')" }
    $section = @(
        '<!-- training-text:begin -->'
        '## Training: text classification'
        ''
        "Generated by ``bench/Measure-Training.ps1 -Part Text``. The same folds for both tools: ``train_sklearn.py textfolds`` draws StratifiedKFold(5, shuffle=True, random_state=$Seed) folds and writes them to ``bench/work/<name>.folds.csv``; scikit-learn cross-validates on them (PredefinedSplit) and Start-ModelTraining reads the same file (``-FoldColumn fold``). Seconds: medians of 3 interleaved rounds; scikit-learn's are cross_validate's fit and score of the 5 folds; Start-ModelTraining's also include its final model on all rows, which -FoldColumn returns (a sixth fit), and featurizing every fold's rows (TF-IDF fitted on each fold's training rows only). Our first training in the process, which pays the JIT, took $(F $cold.Seconds '0.00') s on the sentiment folds with -Trainer LbfgsLogisticRegression (not in the table)."
        ''
        'Where the time of the old path went (measured while building this, same machine, loaded): ML.NET FeaturizeText + SDCA took 22-35 s for 5 folds of the 3,000 sentences because the pipeline had no cache, so every SDCA pass featurized every row again; a cache checkpoint alone brought it to 1-3 s. The fast path now featurizes with its own sparse TF-IDF (word 1-2-grams and char_wb 2-5-grams, sublinear tf, smooth idf, L2 per block: scikit-learn''s definitions, checked against TfidfVectorizer in the tests), tokenizes each sentence once for all folds, and trains ML.NET''s L-BFGS logistic regression (L2 0.1, i.e. C = 10, no L1, tolerance 1e-4).'
        ''
        '| Corpus | Tool | Accuracy (mean ± sd) | F1 (mean ± sd) | Seconds | scikit-learn / ours |'
        '|---|---|---:|---:|---:|---:|'
    )
    foreach ($r in $rows) {
        $section += "| $($r.Corpus.Title) | TfidfVectorizer(ngram_range=(1,2)) + LogisticRegression(C=10) | $(F $r.Sklearn.accuracy '0.0000') ± $(F $r.Sklearn.accuracyStd '0.0000') | $(F $r.Sklearn.f1 '0.0000') ± $(F $r.Sklearn.f1Std '0.0000') | $(F $r.SklearnSeconds '0.00') | 1 |"
        $section += "| | Start-ModelTraining, default trainer for text (the fast path: $($r.Lbfgs.Trainer)) | $(CvCell $r.Lbfgs 'Accuracy') | $(CvCell $r.Lbfgs 'F1Score') | $(F $r.LbfgsSeconds '0.00') | $(F ($r.SklearnSeconds / $r.LbfgsSeconds) '0.00')x |"
        $section += "| | Start-ModelTraining -Trainer Auto (best of $($r.Auto.Leaderboard.Count) candidate(s) tried within its default -MaxTime; round 1) | $(CvCell $r.Auto 'Accuracy') | $(CvCell $r.Auto 'F1Score') | $(F $r.AutoSeconds '0.00') | $(F ($r.SklearnSeconds / $r.AutoSeconds) '0.00')x |"
    }
    $section += @('', (Get-MachineLine $loadBefore $loadAfter), '', '### Text targets', '')
    foreach ($r in $rows) {
        $acc = $r.Lbfgs.CrossValidation.Mean['Accuracy']
        $section += "- $($r.Corpus.Title): 5-fold accuracy (default trainer) at least scikit-learn's on the same folds: $(Format-Met ($acc -ge $r.Sklearn.accuracy)) ($(F $acc '0.0000') vs $(F $r.Sklearn.accuracy '0.0000')); in no more time: $(Format-Met ($r.LbfgsSeconds -le $r.SklearnSeconds)) ($(F $r.LbfgsSeconds '0.00') s vs $(F $r.SklearnSeconds '0.00') s)."
        $section += "  -Trainer Auto: $(F $r.Auto.CrossValidation.Mean['Accuracy'] '0.0000') in $(F $r.AutoSeconds '0.00') s; it may use its whole -MaxTime (3 s per 10,000 rows, at least 2 s) on more candidates."
    }
    $section += '<!-- training-text:end -->'
    Write-ResultsSection 'training-text' $section $ResultsPath
    $section
}

# ---------------------------------------------------------------- MovieLens recommendation
function Measure-MovieLens {
    $candidates = @($MovieLensPath, $env:DCT_MOVIELENS, (Join-Path $PSScriptRoot '../../shared/data/movielens'), '/work/shared/data/movielens') | Where-Object { $_ }
    $root = $candidates | Where-Object { Test-Path (Join-Path $_ 'ml-latest-small/ratings.csv') } | Select-Object -First 1
    $sets = @(
        [pscustomobject]@{ Name = 'ml-latest-small'; File = 'ml-latest-small/ratings.csv'; Title = 'MovieLens ml-latest-small (100,836 ratings)' }
        [pscustomobject]@{ Name = 'ml-100k'; File = 'ml-100k/u.data'; Title = 'MovieLens ml-100k (100,000 ratings)' }
    )
    $loadBefore = Get-Load
    $section = @(
        '<!-- training-movielens:begin -->'
        '## Training: recommendation (MovieLens)'
        ''
    )
    if (-not $root) {
        Write-Warning "MovieLens not found (looked in: $($candidates -join ', ')); the MovieLens part is SKIPPED. It is never copied into the project (GroupLens terms); give -MovieLensPath."
        $section += @("**Skipped:** MovieLens was not found on the machine that ran this ($([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC); give ``-MovieLensPath``.", '<!-- training-movielens:end -->')
        Write-ResultsSection 'training-movielens' $section $ResultsPath
        return $section
    }
    # Our first training in this process pays the JIT: on the synthetic ratings of examples/data, measured apart.
    $shipped = Import-Dataset -LiteralPath (Join-Path $PSScriptRoot '../examples/data/ratings.csv')
    $cold = Measure-Seconds { $shipped | Start-ModelTraining -Task Recommendation -User user -Item item -Label rating -CrossValidation 5 -Seed $Seed }
    Write-Host ("First recommender training in the process (JIT), 12,704 shipped ratings, 5 folds: {0:0.00} s" -f $cold.Seconds)
    $results = foreach ($set in $sets) {
        $source = Join-Path $root $set.File
        if (-not (Test-Path $source)) { Write-Warning "$source not found: $($set.Name) SKIPPED."; continue }
        $folds = Join-Path $work "$($set.Name).folds.csv"
        Write-Host "$($set.Name): scikit-learn (folds, RandomForestRegressor on 80%, baselines)"
        $sk = Invoke-Sklearn @('movielens', $source, '--folds-out', $folds, '--seed', $Seed)
        Write-Host ("  RandomForest fit {0:0.00} s, RMSE {1:0.0000}" -f $sk.rf.seconds, $sk.rf.rmse)
        $data = Import-Dataset -LiteralPath $folds
        Write-Host "$($set.Name): DataCenterTools (5-fold matrix factorization, then implicit ALS)"
        $mf = Measure-Seconds { $data | Start-ModelTraining -Task Recommendation -User userId -Item movieId -Label rating -FoldColumn fold -Seed $Seed }
        $als = Measure-Seconds { $data | Start-ModelTraining -Task Recommendation -User userId -Item movieId -Implicit -Epochs 10 -FoldColumn fold -Seed $Seed }
        Write-Host ("  MF {0:0.00} s RMSE {1:0.0000} NDCG@10 {2:0.0000}; implicit ALS {3:0.00} s NDCG@10 {4:0.0000}" -f $mf.Seconds, $mf.Result.Metrics.RootMeanSquaredError, $mf.Result.Metrics.NdcgAtK, $als.Seconds, $als.Result.Metrics.NdcgAtK)
        [pscustomobject]@{ Set = $set; Sk = $sk; Mf = $mf; Als = $als }
    }
    $loadAfter = Get-Load
    $section += @(
        "Generated by ``bench/Measure-Training.ps1 -Part MovieLens`` from ``$root`` (read there, never copied into the project: GroupLens terms). The same folds for both tools: ``train_sklearn.py movielens`` draws KFold(5, shuffle=True, random_state=$Seed) folds and writes them to ``bench/work/<name>.folds.csv``, which Start-ModelTraining reads (``-FoldColumn fold``). The matrix factorization is Start-ModelTraining -Task Recommendation with its defaults (50 factors, 20 SGD epochs, L2 0.1, step 0.02, seed $Seed); its seconds are the whole run: 5 folds, each scored for ratings and for top-10 lists over the whole catalogue, plus the final model on all rows, after one first training in the process on the 12,704 synthetic ratings of examples/data (5-fold, $(F $cold.Seconds '0.00') s), which pays the JIT. The random forest is the seed's own model, RandomForestRegressor(n_estimators=100, n_jobs=-1) on userId, movieId and timestamp, one fit on the 80% outside fold 0 and scored on fold 0. Top-10 figures: each held-out user's list of the training items they did not rate in training; relevant = a held-out rating of at least 4 (implicit ALS: every held-out pair); the popularity baseline (the most rated items) is scored by train_sklearn.py with the same definitions."
        ''
        '| Data | Model | RMSE | MAE | R2 | NDCG@10 | P@10 | Recall@10 | Hit rate | Coverage | Seconds |'
        '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
    )
    foreach ($r in $results) {
        $m = $r.Mf.Result.Metrics; $cv = $r.Mf.Result.CrossValidation; $a = $r.Als.Result.Metrics
        $section += "| $($r.Set.Title) | Matrix factorization (SGD), 5-fold mean ± sd | $(F $m.RootMeanSquaredError '0.0000') ± $(F $cv.Std['RootMeanSquaredError'] '0.0000') | $(F $m.MeanAbsoluteError '0.0000') | $(F $m.RSquared '0.0000') | $(F $m.NdcgAtK '0.0000') | $(F $m.PrecisionAtK '0.0000') | $(F $m.RecallAtK '0.0000') | $(F $m.HitRate '0.000') | $(F $m.CatalogCoverage '0.000') | $(F $r.Mf.Seconds '0.00') (5 folds + final) |"
        $section += "| | Implicit ALS (-Implicit -Epochs 10, ratings as plays), 5-fold mean | | | | $(F $a.NdcgAtK '0.0000') | $(F $a.PrecisionAtK '0.0000') | $(F $a.RecallAtK '0.0000') | $(F $a.HitRate '0.000') | $(F $a.CatalogCoverage '0.000') | $(F $r.Als.Seconds '0.00') (5 folds + final) |"
        $section += "| | RandomForestRegressor(n_estimators=100, n_jobs=-1), fold 0 | $(F $r.Sk.rf.rmse '0.0000') | | $(F $r.Sk.rf.r2 '0.0000') | | | | | | $(F $r.Sk.rf.seconds '0.00') (one fit) |"
        $section += "| | Training mean, 5-fold mean | $(F $r.Sk.baselineRmse '0.0000') | | | | | | | | |"
        $section += "| | Most popular items, 5-fold mean (relevant ≥ 4 / every pair) | | | | $(F $r.Sk.popularityNdcg '0.0000') / $(F $r.Sk.popularityNdcgAll '0.0000') | | | | | |"
    }
    $section += @('', 'A factorization trained on ratings predicts ratings well but ranks by predicted rating, which favours rarely rated items: its top-10 figures are below the popularity baseline''s. For top-N lists, implicit ALS (or blending with popularity) is the model to use; the table shows both.', '', (Get-MachineLine $loadBefore $loadAfter), '', '### Recommendation targets', '')
    foreach ($r in $results) {
        $m = $r.Mf.Result.Metrics
        $speed = [double]$r.Sk.rf.seconds / $r.Mf.Seconds
        if ($r.Set.Name -eq 'ml-latest-small') { $section += "- $($r.Set.Name): matrix factorization 5-fold RMSE at most 0.88: $(Format-Met ($m.RootMeanSquaredError -le 0.88)) ($(F $m.RootMeanSquaredError '0.0000'); random forest $(F $r.Sk.rf.rmse '0.0000'), training mean $(F $r.Sk.baselineRmse '0.0000'))." }
        else { $section += "- $($r.Set.Name): matrix factorization 5-fold RMSE $(F $m.RootMeanSquaredError '0.0000') (random forest $(F $r.Sk.rf.rmse '0.0000'), training mean $(F $r.Sk.baselineRmse '0.0000')); the 0.88 target is set for ml-latest-small: $(Format-Met ($m.RootMeanSquaredError -le 0.88)) here." }
        $section += "- $($r.Set.Name): the whole 5-fold run at least 5x faster than one random-forest fit on 80%: $(Format-Met ($speed -ge 5)) ($(F $speed '0.0')x: $(F $r.Mf.Seconds '0.00') s vs $(F $r.Sk.rf.seconds '0.00') s)."
    }
    $section += '<!-- training-movielens:end -->'
    Write-ResultsSection 'training-movielens' $section $ResultsPath
    $section
}

$written = @()
if ($Part -in 'All', 'MovieLens') { $written += Measure-MovieLens }
if ($Part -in 'All', 'Text') { $written += Measure-Text }
if ($Part -in 'All', 'Telemetry') { $written += Measure-Telemetry }
Write-Host ''
$written | ForEach-Object { Write-Host $_ }
Write-Host "`nWrote the Training section(s) of $ResultsPath"
