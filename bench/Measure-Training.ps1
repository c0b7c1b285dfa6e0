<#
.SYNOPSIS
    Model training side by side with scikit-learn on the same data and split; writes the Training section of
    bench/RESULTS.md. Run by 'Invoke-Benchmarks.ps1 -Suite Training' or on its own.
.DESCRIPTION
    1. Makes sure Debian's scikit-learn is there for /usr/bin/python3 (apt-get install python3-sklearn when missing)
       and that bench/work/telemetry.csv exists with -Rows rows (New-TelemetryCsv.ps1 writes it when missing).
    2. Telemetry regression: power_w from the eight numeric metrics, earliest 80% of the rows train (Split-Dataset
       -TimeColumn timestamp), the latest 20% test. Start-ModelTraining -Trainer LightGbm against scikit-learn's
       HistGradientBoostingRegressor and RandomForestRegressor(n_estimators=100), RF timed on the first -RfRows
       training rows and scaled linearly (train_sklearn.py). power_w needs no derived target: the generator makes
       it 180 + 4.2 x cpu_pct + 7 x gpu_pct (gpu_pct is 0 on hosts without a GPU), so it is predictable from the
       metrics, short of the ~2% of missing cells.
    3. Sentiment sentences (examples/data): 5-fold CV accuracy and F1 of Start-ModelTraining -CrossValidation 5
       (-Trainer Sdca, SDCA logistic regression on FeaturizeText n-grams, as examples/sentiment.ps1; the target is
       judged on it) against TfidfVectorizer + LogisticRegression; -Trainer LbfgsLogisticRegression is shown too. The two tools
       draw their own (seeded) folds, so the fold assignment differs; the data and fold count are the same.
    4. Replaces the Training section of RESULTS.md (between its markers) and prints it.
    DataCenterTools runs in this process (Import-Module first, so the first training pays JIT start-up, as a fresh
    session does); scikit-learn in a fresh /usr/bin/python3. Seconds are training (fit) time only, not file reading;
    Start-ModelTraining's seconds include its featurization and scoring the test rows, so they are, if anything,
    in scikit-learn's favour.
.PARAMETER Rows
    Rows of bench/work/telemetry.csv (1,000,000 by default).
.PARAMETER RfRows
    Training rows RandomForestRegressor is timed on (0: all of them; it is slow: minutes per million rows).
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

    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'
$inv = [System.Globalization.CultureInfo]::InvariantCulture
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
$python = '/usr/bin/python3'
$work = Join-Path $PSScriptRoot 'work'
$sentimentCsv = Join-Path $PSScriptRoot '../examples/data/sentiment_labelled_combined.csv'
$metrics = 'cpu_pct', 'mem_pct', 'gpu_pct', 'temp_c', 'disk_read_mbps', 'disk_write_mbps', 'net_rx_mbps', 'net_tx_mbps'
# RESULTS.md holds this section between its markers; Invoke-Benchmarks.ps1 keeps it when it rewrites the rest.
$begin = '<!-- training:begin -->'
$end = '<!-- training:end -->'

# ---------------------------------------------------------------- prerequisites and data
& $python -c 'import sklearn' 2>$null
if ($LASTEXITCODE -ne 0) {
    Write-Host 'Installing python3-sklearn with apt-get'
    $sudo = if ((& id -u) -ne '0') { @('sudo') } else { @() }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & @sudo apt-get update -q
    & @sudo apt-get install -y -q python3-sklearn
    & $python -c 'import sklearn'
    if ($LASTEXITCODE -ne 0) { throw "$python cannot import sklearn after installing python3-sklearn." }
}
if (-not (Test-Path $work)) { New-Item -ItemType Directory -Path $work | Out-Null }
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

$loadBefore = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
Import-Module $ModuleManifest

# ---------------------------------------------------------------- telemetry regression
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

# ---------------------------------------------------------------- sentiment
$sentences = Import-Dataset -LiteralPath $sentimentCsv
$dctText = @{}
foreach ($trainer in 'Sdca', 'LbfgsLogisticRegression') {
    Write-Host "Sentiment sentences, 5-fold CV: DataCenterTools -Trainer $trainer"
    $dctText[$trainer] = Measure-Seconds {
        $sentences | Start-ModelTraining -Label label -Feature sentence -Task BinaryClassification -Trainer $trainer -CrossValidation 5 -Seed $Seed
    }
    Write-Host ("  accuracy {0:0.0000}, {1:0.00} s" -f $dctText[$trainer].Result.CrossValidation.Mean['Accuracy'], $dctText[$trainer].Seconds)
}
$cv = $dctText['Sdca'].Result.CrossValidation
Write-Host 'Sentiment sentences, 5-fold CV: scikit-learn'
$skText = Invoke-Sklearn @('sentiment', $sentimentCsv, '--seed', $Seed)
Write-Host ("  accuracy {0:0.0000}, {1:0.00} s" -f $skText.accuracy, $skText.seconds)
$loadAfter = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '

# ---------------------------------------------------------------- report
function F($Value, [string] $Format) { ([double]$Value).ToString($Format, $inv) }
function Test-Target([bool] $Met) { if ($Met) { '**met**' } else { '**not met**' } }
$m = $dct.Result.Metrics
$rfScaled = [double]$sk.rf.secondsScaled
$rfPartial = [int]$sk.rf.rows -lt [int]$sk.trainRows
$speedRf = $rfScaled / $dct.Seconds
$accuracyGap = ($cv.Mean['Accuracy'] - $skText.accuracy) * 100
$rfLabel = if ($rfPartial) { "RandomForestRegressor(n_estimators=100, n_jobs=-1) ¹" } else { 'RandomForestRegressor(n_estimators=100, n_jobs=-1)' }

$section = @(
    '## Training'
    ''
    "Generated by ``bench/Measure-Training.ps1`` (``Invoke-Benchmarks.ps1 -Suite Training``). DataCenterTools in one pwsh process, scikit-learn $($sk.sklearn) on Python $($sk.python) (``bench/train_sklearn.py``) in another, one after the other on the same files and split. Seconds are training time only (not reading the file); Start-ModelTraining's include featurizing and scoring the test rows."
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
    '### Sentiment sentences: 5-fold cross-validation, 3,000 sentences'
    ''
    '`examples/data/sentiment_labelled_combined.csv` (UCI Sentiment Labelled Sentences, CC BY 4.0). Each tool draws its own seeded folds (Start-ModelTraining -Seed 1; StratifiedKFold(shuffle=True, random_state=1)): same data and fold count, not the same fold assignment.'
    ''
    '| Tool | Accuracy (mean ± sd) | F1 (mean ± sd) | Seconds (5 folds) |'
    '|---|---:|---:|---:|'
    foreach ($trainer in 'Sdca', 'LbfgsLogisticRegression') {
        $c = $dctText[$trainer].Result.CrossValidation
        "| Start-ModelTraining -Trainer $trainer -CrossValidation 5 (FeaturizeText word + char n-grams)$(if ($trainer -eq 'Sdca') { ' ³' }) | $(F $c.Mean['Accuracy'] '0.0000') ± $(F $c.Std['Accuracy'] '0.0000') | $(F $c.Mean['F1Score'] '0.0000') ± $(F $c.Std['F1Score'] '0.0000') | $(F $dctText[$trainer].Seconds '0.00') ² |"
    }
    "| TfidfVectorizer + LogisticRegression(max_iter=1000), cross_validate | $(F $skText.accuracy '0.0000') ± $(F $skText.accuracyStd '0.0000') | $(F $skText.f1 '0.0000') ± $(F $skText.f1Std '0.0000') | $(F $skText.seconds '0.00') |"
    ''
    '² Includes the final model trained on all 3,000 rows, which -CrossValidation returns.'
    '³ The trainer examples/sentiment.ps1 uses and the target is judged on (SDCA logistic regression, L2 chosen by ML.NET).'
    ''
    "Machine: nproc $([Environment]::ProcessorCount), $(((Get-Content /proc/cpuinfo | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -split ':', 2)[-1].Trim()); date $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC; pwsh $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription); commit $(& git -C $PSScriptRoot rev-parse --short HEAD 2>$null); load average (1/5/15 min) $loadBefore before, $loadAfter after. The machine is shared with other engineers' builds and tests, so the seconds are noisy; the ratios are what this run measured."
    ''
    '### Training targets'
    ''
    "- LightGbm R2 at least HistGradientBoostingRegressor's: $(Test-Target ($m.RSquared -ge $sk.hgb.r2)) ($(F $m.RSquared '0.00000') vs $(F $sk.hgb.r2 '0.00000'))."
    "- LightGbm training at least 5x faster than RandomForestRegressor(n_estimators=100): $(Test-Target ($speedRf -ge 5)) ($(F $speedRf '0.0')x$(if ($rfPartial) { ', RF extrapolated from ' + ([int]$sk.rf.rows).ToString('N0', $inv) + ' rows' }))."
    "- Sentiment 5-fold CV accuracy (-Trainer Sdca) within 2 points of TF-IDF + LogisticRegression, or better: $(Test-Target ($accuracyGap -ge -2)) ($(F $accuracyGap '+0.0;-0.0') points: $(F $cv.Mean['Accuracy'] '0.0000') vs $(F $skText.accuracy '0.0000'))."
)

$existing = if (Test-Path $ResultsPath) { Get-Content -Raw $ResultsPath } else { "# Benchmark results`n" }
$kept = [regex]::Replace($existing, '(?s)\r?\n?<!-- training:begin -->.*?<!-- training:end -->\r?\n?', "`n").TrimEnd()
(@($kept, '', $begin) + $section + @($end)) | Set-Content -Path $ResultsPath -Encoding utf8NoBOM
Write-Host ''
$section | ForEach-Object { Write-Host $_ }
Write-Host "`nWrote the Training section of $ResultsPath"
