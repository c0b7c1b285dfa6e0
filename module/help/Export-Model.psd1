@{
    Synopsis    = 'Writes a trained model as ONNX, so it can be served outside PowerShell (ONNX Runtime, Triton, ...).'
    Description = @(
        'Export-Model converts the model''s ML.NET pipeline with ML.NET''s own converter (Microsoft.ML.OnnxConverter 0.23.1) and writes the ONNX graph to -Path through a temporary file renamed into place. The graph takes one [N, 1] tensor per feature input: float for numeric and boolean features (NaN for missing), string for categorical strings, and for a DateTime feature its parts as floats named <column>.<part> (e.g. timestamp.Hour, as chosen by -DateParts); -Verbose lists the inputs. Its outputs are ML.NET''s: Score.output, and for classifiers PredictedLabel.output and Probability.output (binary) or the Score vector (multiclass).'
        'Supported: LightGbm, FastTree, FastForest, Sdca, LbfgsLogisticRegression, LbfgsMaximumEntropy and LinearSvm models on numeric, boolean, DateTime and categorical (one-hot or hashed) features. Not supported, with an error before anything is written (DataCenterTools.OnnxNotSupported): recommenders (the matrix factorization is computed by DataCenterTools, not by an ML.NET pipeline) and models with a free-text feature (its TF-IDF vectors are computed outside the pipeline). Keep those as model files (Save-Model).'
        'An existing file is replaced only with -Force; -WhatIf writes nothing. Errors: DataCenterTools.OnnxNotSupported, FileExists, DirectoryNotFound.'
    )
    Parameters  = @{
        Model    = 'The TrainedModel to export. Accepts models from the pipeline.'
        Path     = 'The file to write (e.g. power.onnx), relative to the current location.'
        Format   = 'Onnx (the default and only format; Save-Model writes the ML.NET model).'
        Force    = 'Replace the file if it exists.'
        PassThru = 'Return the written file as a FileInfo object.'
    }
    Inputs      = @('DataCenterTools.Core.Training.TrainedModel')
    Examples    = @(
        @{
            Title   = 'Serve a power model with ONNX Runtime'
            Code    = '$m = Import-Dataset ./telemetry.csv | Start-ModelTraining -Label power_w -Feature cpu_pct, gpu_pct, temp_c -Trainer LightGbm -Seed 1
$m | Export-Model -Path ./power.onnx -Verbose'
            Remarks = 'The verbose line lists the inputs (cpu_pct, gpu_pct, temp_c as float). Score.output is the predicted power.'
        }
    )
    Links       = @('Save-Model', 'Start-ModelTraining')
}
