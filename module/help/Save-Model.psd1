@{
    Synopsis    = 'Saves a trained model to an ML.NET model zip with its metadata inside.'
    Description = @(
        'Save-Model writes ML.NET''s model zip with one more entry, DataCenterTools/model.json: task, trainer, label and its classes, the feature schema (name, type, encoding), metrics, feature importance, the lineage of the training data (its source hash and steps) and the package versions; a free-text feature''s TF-IDF vocabulary is one more entry (DataCenterTools/tfidf/<n>.bin). A recommender has no ML.NET pipeline: the zip holds model.json and DataCenterTools/recommender.bin (keys, biases and factors). The file is written to a temp file and renamed into place; an existing file is replaced only with -Force.'
    )
    Parameters  = @{
        Model    = 'The TrainedModel from Start-ModelTraining or Import-Model. Accepts it from the pipeline.'
        Path     = 'The file to write, e.g. model.zip.'
        Force    = 'Replaces an existing file.'
        PassThru = 'Outputs the written file.'
        WhatIf   = 'Shows what would be written without writing.'
        Confirm  = 'Asks before writing.'
    }
    Inputs      = @('DataCenterTools.Core.Training.TrainedModel')
    Examples    = @(
        @{ Title = 'Save a model'; Code = '$model | Save-Model ./power.zip -Force'; Remarks = 'Replaces power.zip if it exists.' }
    )
    Links       = @('Import-Model', 'Start-ModelTraining')
}
