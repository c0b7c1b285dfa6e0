@{
    Synopsis    = 'Trains an ML.NET model on a Dataset and returns it with its metrics, feature importance and lineage.'
    Description = @(
        'Start-ModelTraining builds an ML.NET pipeline from the Dataset''s schema: numeric and boolean features as floats (a missing value is replaced by the training mean, plus a 0/1 <column>.Missing indicator when the training data has missing values); strings with up to 100 distinct values one-hot encoded, more hashed into 1024 slots (target encoding is not offered); free text (3 or more words per value on average) as a sparse TF-IDF vector of word 1-2-grams and character 2-5-grams within words, each block L2-normalised (the fast text path: fitted on the training rows only, smooth idf, sublinear tf, as scikit-learn''s TfidfVectorizer); DateTime split into the parts -DateParts names (default hour, day of week, day of month and month). Rows without a label are left out and counted in a warning.'
        '-Task Recommendation -User <column> -Item <column> [-Label <rating>] trains a biased matrix factorization (Koren, Bell and Volinsky 2009: rating = global mean + user bias + item bias + user factors · item factors, L2-regularized) by SGD (default; blocks of users x items that share nothing run in parallel, so the result does not depend on the thread count) or ALS (-TrainerOption @{ Solver = ''Als'' }; users, then items, solved in parallel), seeded and deterministic; -Factors (default 50), -Epochs (20), -Regularization (0.1), -LearningRate (0.02, SGD). -Implicit fits implicit ALS (Hu, Koren and Volinsky 2008) to clicks or plays: -Label is then an optional count (confidence 1 + Alpha x count, Alpha 20). Rows with a missing user, item or rating are left out and counted; a rating column that is not numeric is an error (DataCenterTools.RatingNotNumeric). Metrics: RMSE, MAE and R2 of the held-out ratings (users or items unseen in training are scored from the biases; Metrics.UnseenUserRows and UnseenItemRows count them), and for the top-N lists of each held-out user (all training items that user did not rate in training, ranked): precision@k, recall@k, NDCG@k, MAP@k, hit rate and catalogue coverage at k = 10, an item being relevant when its held-out rating is at least 4 (implicit: every held-out pair). Other options by -TrainerOption: Solver, Alpha, TopK, RelevantRating, InitialStandardDeviation, ClipPredictions. Split by time or "leave last N out" per user with Split-Dataset -GroupBy user -LeaveLastOut N -OrderBy time and pass -TestDataset.'
        'With -Task Auto the task comes from the label: Boolean or two distinct values is binary classification; a String, or an integer with at most 20 distinct values, is multiclass; anything else is regression.'
        'The model is measured on a seeded hold-out (-TestFraction, default 0.2), on -TestDataset, or by k-fold -CrossValidation (mean and sample standard deviation per metric in .CrossValidation; the returned model is then trained on all rows). Regression: RMSE, MSE, MAE, R2. Binary: accuracy, AUC, AUC-PR (average precision), F1, precision and recall of the positive class (the second class in sorted order, True for a Boolean label), log-loss (natural log), confusion matrix. Multiclass: micro and macro accuracy, log-loss, per-class precision and recall, confusion matrix. The figures follow scikit-learn''s definitions.'
        '-Trainer Auto tries each suitable trainer with a small grid of hyperparameters and keeps the best by R2, AUC or macro accuracy; .Leaderboard lists what was tried. Before each candidate it estimates its time from the last one''s and skips it when it would end after -MaxTime (the first always runs); the progress bar says what it tries, how long it expects and how much time is left. Naming no trainer for a free-text feature trains the fast path directly (no search). With -Trainer Auto and a free-text feature the linear models on the TF-IDF vector go first (L-BFGS logistic regression or maximum entropy, L2 0.1 then 1, no L1), then SDCA, then LightGBM, and -MaxTime defaults to 3 seconds per 10,000 rows (at least 2 s), so text never takes minutes by surprise; otherwise it defaults to 5 minutes. LinearSvm (no probabilities) is used only when asked for.'
        '-TrainerOption @{ NumberOfLeaves = 63; LearningRate = 0.05 } sets options of the chosen trainer by the name of its ML.NET Options field (e.g. LightGbmRegressionTrainer.Options): numbers, booleans and enum names. An unknown name is an error that lists the valid ones (DataCenterTools.TrainerOptionUnknown), a value of the wrong type or out of ML.NET''s range is DataCenterTools.TrainerOptionInvalid, and -Trainer Auto with -TrainerOption is DataCenterTools.TrainerOptionNeedsTrainer; all before any training.'
        '-Explain adds permutation importance (.FeatureImportance: the drop in the primary metric when a feature''s values are shuffled; negative when the model does better with the feature shuffled, shown with its sign) and, with two or more features, trains again without each feature on the same evaluation: RemovalGain is the change of the held-out metric (positive: the model is better without it), and such features are flagged (RemovalImproves) and warned about.'
        'Errors: DataCenterTools.LabelRequired, LabelNotFound, LabelSingleClass, LabelNotBinary, LabelTypeNotSupported, FeatureNotFound, AllMissingFeature, EmptyTextFeature (a text feature blank in every row), EmptySplit, TrainerNotSuitable, TrainerOptionUnknown, TrainerOptionInvalid, TrainerOptionNeedsTrainer, FoldsOutOfRange, FoldColumnNotInteger; for recommendation UserRequired, ItemRequired, RecommenderKeyType, RatingNotNumeric, RatingRequired, RecommenderOptionOutOfRange, RecommenderOptionWithoutTask. Nothing half-trained is returned. Ctrl+C cancels the training promptly.'
    )
    Parameters  = @{
        Dataset         = 'The labelled Dataset to learn from. Accepts Datasets from the pipeline; it is not modified.'
        Label           = 'The column to predict (with -Task Recommendation: the rating; optional with -Implicit, where it is a count).'
        Feature         = 'The columns to learn from. Default: every column except the label.'
        Task            = 'Auto (default; inferred from the label), Regression, BinaryClassification, MulticlassClassification or Recommendation (needs -User and -Item).'
        Trainer         = 'Auto (tries the suitable trainers; the default, except that with a free-text feature the default is the fast path: LbfgsLogisticRegression, LbfgsMaximumEntropy for multiclass, Sdca for regression), LightGbm, FastTree, FastForest, Sdca, LbfgsLogisticRegression (binary), LinearSvm (binary, no probabilities) or LbfgsMaximumEntropy (multiclass).'
        TrainerOption   = 'A hashtable of options of the chosen trainer, by ML.NET Options field name (e.g. @{ NumberOfLeaves = 63; LearningRate = 0.05 } for LightGbm), or of the recommender (Solver, Alpha, TopK, RelevantRating, ...). Validated before training.'
        DateParts       = 'How DateTime features are encoded: any of Hour, DayOfWeek, Day, Month, Year, Ordinal (days since 1970-01-01). Default Hour, DayOfWeek, Day, Month.'
        FoldColumn      = 'Cross-validate on the folds an Int64 column gives (one fold per distinct value), e.g. folds exported to compare with another tool on the same split.'
        User            = '-Task Recommendation: the user id column (Int64 or String).'
        Item            = '-Task Recommendation: the item id column (Int64 or String).'
        Factors         = '-Task Recommendation: the length of the latent factor vectors. Default 50.'
        Epochs          = '-Task Recommendation: passes over the ratings (SGD) or alternating sweeps (ALS). Default 20.'
        Regularization  = '-Task Recommendation: the L2 penalty on biases and factors. Default 0.1.'
        LearningRate    = '-Task Recommendation: the SGD step size. Default 0.02.'
        Implicit        = '-Task Recommendation: the rows are clicks, plays or purchases, not ratings; fitted by implicit ALS.'
        TestFraction    = 'The share of labelled rows held out to measure the model, between 0.01 and 0.99. Default 0.2.'
        TestDataset     = 'A separate labelled Dataset to measure the model on, instead of a hold-out.'
        CrossValidation = 'The number of folds (2-100) for k-fold cross-validation, instead of a hold-out.'
        Seed            = 'The seed for the split, the folds, the trainers and the permutations: the same seed gives the same metrics. Without it a seed is drawn and kept in the model''s Seed.'
        MaxTime         = 'With -Trainer Auto: no candidate starts that is expected to end after this time (at least one always runs). Default 5 minutes; with a free-text feature 3 seconds per 10,000 rows, at least 2 seconds.'
        Explain         = 'Computes permutation feature importance on the evaluation rows (can be negative) and, with two or more features, the held-out metric when trained without each feature; flags the features the model is better off without.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Predict power draw from host metrics'
            Code    = '$m = Import-Dataset ./telemetry_sample.csv | Start-ModelTraining -Label power_w -Feature cpu_pct, gpu_pct, mem_pct, temp_c -Trainer LightGbm -Seed 1 -Explain
$m.Metrics
$m.FeatureImportance | Select-Object -First 3'
            Remarks = 'A regression model, measured on a seeded 20 % hold-out.'
        }
        @{
            Title   = 'Five-fold cross-validation'
            Code    = '$m = $ds | Start-ModelTraining -Label species -CrossValidation 5 -Seed 7
$m.CrossValidation.Mean; $m.CrossValidation.Std'
            Remarks = 'Mean and standard deviation of each metric over the folds.'
        }
        @{
            Title   = 'Matrix factorization on ratings, measured on each user''s last two ratings'
            Code    = '$split = Import-Dataset ./ratings.csv | Split-Dataset -GroupBy userId -LeaveLastOut 2 -OrderBy timestamp
$m = $split.Train | Start-ModelTraining -Task Recommendation -User userId -Item movieId -Label rating -TestDataset $split.Test -Seed 1
$m.Metrics | Format-List RootMeanSquaredError, NdcgAtK, PrecisionAtK, RecallAtK, HitRate, CatalogCoverage'
            Remarks = 'Then Get-DataRecommendation -Model $m -User 42 -Top 10 -ExcludeSeen $split.Train.'
        }
        @{
            Title   = 'LightGBM with chosen hyperparameters and calendar parts of a timestamp'
            Code    = '$m = $ds | Start-ModelTraining -Label power_w -Trainer LightGbm -TrainerOption @{ NumberOfLeaves = 63; LearningRate = 0.05 } -DateParts Hour, DayOfWeek -Explain -Seed 1
$m.FeatureImportance'
            Remarks = 'A feature with a positive WithoutIt is one the model does better without.'
        }
    )
    Notes       = 'Models are ML.NET 5 models (recommenders: DataCenterTools matrix factorizations); Save-Model writes them with their metadata.'
    Links       = @('Save-Model', 'Import-Model', 'Invoke-ModelPrediction', 'Test-Model', 'Split-Dataset', 'Get-DataRecommendation', 'Export-ModelReport', 'Export-Model')
}
