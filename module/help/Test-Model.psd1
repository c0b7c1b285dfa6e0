@{
    Synopsis    = 'Measures a model on new labelled data.'
    Description = @(
        'Test-Model scores the labelled Dataset with the model and returns a ModelMetrics: the same figures as Start-ModelTraining reports for the task. Rows without a label are left out; in a multiclass test, rows of a class the model never saw are left out.'
    )
    Parameters  = @{
        Model   = 'The TrainedModel to measure.'
        Dataset = 'Labelled rows (with the model''s label column and features). Accepts Datasets from the pipeline.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{ Title = 'Check a model on this week''s data'; Code = 'Import-Dataset ./week.csv | Test-Model $model'; Remarks = 'RMSE, MAE and R2 for a regression model.' }
    )
    Links       = @('Start-ModelTraining', 'Invoke-ModelPrediction')
}
