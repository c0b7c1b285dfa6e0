@{
    Synopsis    = 'Writes one self-contained HTML report of a trained model: metrics, cross-validation spread, importance, residuals or calibration, confusion matrix, metrics per group and lineage.'
    Description = @(
        'Export-ModelReport scores -Dataset (labelled rows, best ones the model did not train on) with -Model and writes a single HTML file at -Path that opens in any browser without a network: charts are SVG images embedded as data: URIs, the style is inline, nothing is loaded from elsewhere, and every text from the data or the model is HTML-escaped. The model and the dataset are not changed.'
        'Sections: Model (task, trainer and hyperparameters, label, features and how each is encoded, the training data and its source file and SHA-256, evaluation, seed, time); Metrics (as measured when trained, and on -Dataset: Test-Model''s figures); Cross-validation (mean, standard deviation, min, max and every fold per metric, and a chart of the primary metric per fold; or a note that the model was measured on a hold-out); Feature importance (from -Explain: permutation importance as bars, negative ones in red, and the change of the held-out metric when the model is trained without each feature, "better without it" flagged); Residuals (regression and rating recommenders: actual - predicted against predicted, at most 5,000 points) or Calibration (binary classifiers with probabilities: a 10-bin reliability diagram and its table); Confusion matrix (classifiers, with precision and recall); Metrics per group (-GroupBy: Test-Model''s figures on each value''s rows, the 50 largest groups); Lineage (the training data''s steps, then the training itself).'
        'The report is written to a temporary file in the same folder and renamed into place. An existing file is replaced only with -Force; -WhatIf writes nothing. Errors: DataCenterTools.LabelNotFound and FeatureNotFound (the rows lack the label or a feature), ColumnNotFound (-GroupBy), FileExists, DirectoryNotFound.'
    )
    Parameters  = @{
        Model    = 'The TrainedModel to report on.'
        Dataset  = 'Labelled rows to score: the model''s features and label. Accepts Datasets from the pipeline.'
        Path     = 'The HTML file to write, relative to the current location.'
        GroupBy  = 'A column of -Dataset: the metrics are also given per value of it (e.g. region or rack).'
        Force    = 'Replace the file if it exists.'
        PassThru = 'Return the written file as a FileInfo object.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'A report to review a model before it ships'
            Code    = '$split = Import-Dataset ./telemetry.csv | Split-Dataset -TimeColumn timestamp
$m = $split.Train | Start-ModelTraining -Label power_w -Trainer LightGbm -Explain -Seed 1
$split.Test | Export-ModelReport -Model $m -Path ./power-model.html -GroupBy region'
            Remarks = 'Residuals, importance and the RMSE per region on the latest 20% of the rows.'
        }
    )
    Links       = @('Start-ModelTraining', 'Test-Model', 'Export-DataReport')
}
