@{
    Synopsis    = 'Trains an ML.NET model on a Dataset and returns it with its metrics, feature importance and lineage.'
    Description = @(
        'Start-ModelTraining builds an ML.NET pipeline from the Dataset''s schema: numeric and boolean features as floats (a missing value is replaced by the training mean, plus a 0/1 <column>.Missing indicator when the training data has missing values); strings with up to 100 distinct values one-hot encoded, more hashed into 1024 slots (target encoding is not offered); free text (3 or more words per value on average) featurized with ML.NET FeaturizeText; DateTime split into hour, day of week, day of month and month. Rows without a label are left out.'
        'With -Task Auto the task comes from the label: Boolean or two distinct values is binary classification; a String, or an integer with at most 20 distinct values, is multiclass; anything else is regression.'
        'The model is measured on a seeded hold-out (-TestFraction, default 0.2), on -TestDataset, or by k-fold -CrossValidation (mean and sample standard deviation per metric in .CrossValidation; the returned model is then trained on all rows). Regression: RMSE, MSE, MAE, R2. Binary: accuracy, AUC, AUC-PR (average precision), F1, precision and recall of the positive class (the second class in sorted order, True for a Boolean label), log-loss (natural log), confusion matrix. Multiclass: micro and macro accuracy, log-loss, per-class precision and recall, confusion matrix. The figures follow scikit-learn''s definitions.'
        '-Trainer Auto tries each suitable trainer with a small grid of hyperparameters until -MaxTime is spent and keeps the best by R2, AUC or macro accuracy; .Leaderboard lists what was tried.'
        'Errors: DataCenterTools.LabelNotFound, LabelSingleClass, LabelNotBinary, LabelTypeNotSupported, FeatureNotFound, AllMissingFeature, EmptySplit, TrainerNotSuitable, FoldsOutOfRange. Ctrl+C cancels the training promptly.'
    )
    Parameters  = @{
        Dataset         = 'The labelled Dataset to learn from. Accepts Datasets from the pipeline; it is not modified.'
        Label           = 'The column to predict.'
        Feature         = 'The columns to learn from. Default: every column except the label.'
        Task            = 'Auto (default; inferred from the label), Regression, BinaryClassification or MulticlassClassification.'
        Trainer         = 'Auto (default; tries the suitable trainers), LightGbm, FastTree, FastForest, Sdca, LbfgsLogisticRegression (binary) or LbfgsMaximumEntropy (multiclass).'
        TestFraction    = 'The share of labelled rows held out to measure the model, between 0.01 and 0.99. Default 0.2.'
        TestDataset     = 'A separate labelled Dataset to measure the model on, instead of a hold-out.'
        CrossValidation = 'The number of folds (2-100) for k-fold cross-validation, instead of a hold-out.'
        Seed            = 'The seed for the split, the folds, the trainers and the permutations: the same seed gives the same metrics. Without it a seed is drawn and kept in the model''s Seed.'
        MaxTime         = 'With -Trainer Auto: no new candidate starts after this time (at least one always runs). Default 5 minutes.'
        Explain         = 'Computes permutation feature importance on the evaluation rows: the drop in the primary metric when a feature''s values are shuffled.'
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
    )
    Notes       = 'Models are ML.NET 5 models; Save-Model writes them with their metadata.'
    Links       = @('Save-Model', 'Import-Model', 'Invoke-ModelPrediction', 'Test-Model', 'Split-Dataset')
}
