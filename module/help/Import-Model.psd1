@{
    Synopsis    = 'Imports a model written by Save-Model.'
    Description = @(
        'Import-Model restores the ML.NET model and its metadata (task, label, features, metrics, lineage). A file that is not a zip, a zip without DataCenterTools metadata (for example an ML.NET zip from another tool) or one ML.NET cannot load is refused with DataCenterTools.ModelInvalid.'
    )
    Parameters  = @{
        Path = 'The model file(s); wildcards allowed. Accepts FullName from the pipeline (Get-ChildItem).'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{ Title = 'Import and use a model'; Code = '$m = Import-Model ./power.zip
$new | Invoke-ModelPrediction $m'; Remarks = 'Adds a Score column to $new.' }
    )
    Links       = @('Save-Model', 'Invoke-ModelPrediction')
}
