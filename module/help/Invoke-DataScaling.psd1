@{
    Synopsis    = 'Applies a fitted scaler to a Dataset, or undoes it with -Inverse.'
    Description = @(
        'Invoke-DataScaling returns a new Dataset in which each of the scaler''s columns is replaced by its scaled values, as Double; every other column is shared unchanged and the input Dataset is not modified. Missing cells stay missing.'
        'The parameters are those the scaler was fitted with (New-DataScaler), so applying it to test data uses the training statistics. -Inverse maps scaled values back to the original units (as Double).'
        'Each call adds a lineage step (Invoke-DataScaling with Method, Columns, Inverse and FittedOn).'
        '-Scaler accepts the object New-DataScaler returned, or a copy read back with Import-Clixml or ConvertFrom-Json (or a hashtable with the same properties): it is rebuilt from its properties and checked.'
    )
    Parameters  = @{
        Dataset = 'The Dataset to scale. Accepts Datasets from the pipeline. It must have every column the scaler was fitted on, as Int64 or Double (DataCenterTools.ColumnNotFound, DataCenterTools.ColumnNotNumeric otherwise).'
        Scaler  = 'The fitted scaler: a DataScaler, or its Import-Clixml / ConvertFrom-Json copy. An incomplete one is refused with DataCenterTools.InvalidScaler.'
        Inverse = 'Undo the scaling: map scaled values back to the original units.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Scale test data with the training parameters'
            Code    = '$scaler = $train | New-DataScaler -Method Robust -Column cpu_pct
$test | Invoke-DataScaling -Scaler $scaler | ConvertFrom-Dataset -First 5'
            Remarks = 'cpu_pct becomes (cpu_pct - training median) / training IQR.'
        }
        @{
            Title   = 'Use a scaler saved by an earlier session'
            Code    = '$new | Invoke-DataScaling -Scaler (Import-Clixml ./scaler.xml)'
            Remarks = 'The same parameters, months later, on another machine.'
        }
        @{
            Title   = 'Back to original units'
            Code    = '$predictions | Invoke-DataScaling -Scaler $scaler -Inverse'
            Remarks = 'Undoes the scaling of the scaler''s columns.'
        }
    )
    Links       = @('New-DataScaler', 'Invoke-DataEncoding')
}
