@{
    Synopsis    = 'Applies a fitted categorical encoder to a Dataset.'
    Description = @(
        'Invoke-DataEncoding returns a new Dataset in which each of the encoder''s columns is replaced, at the same position, by its Int64 encoding: one <column>_<category> indicator column per category for OneHot, one column of category numbers for Ordinal. Other columns are shared unchanged and the input Dataset is not modified. Missing cells stay missing.'
        'Each call adds a lineage step (Invoke-DataEncoding with Method, Columns, HandleUnknown and FittedOn).'
        '-Encoder accepts the object New-DataEncoder returned, or a copy read back with Import-Clixml or ConvertFrom-Json: it is rebuilt from its properties and checked.'
    )
    Parameters  = @{
        Dataset = 'The Dataset to encode. Accepts Datasets from the pipeline. It must have every column the encoder was fitted on (DataCenterTools.ColumnNotFound otherwise).'
        Encoder = 'The fitted encoder: a DataEncoder, or its Import-Clixml / ConvertFrom-Json copy. An incomplete one is refused with DataCenterTools.InvalidEncoder.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Encode training and test data alike'
            Code    = '$encoder = $split.Train | New-DataEncoder -Method Ordinal -Column region
$train = $split.Train | Invoke-DataEncoding -Encoder $encoder
$test  = $split.Test  | Invoke-DataEncoding -Encoder $encoder'
            Remarks = 'A region seen only in the test data stops with DataCenterTools.UnknownCategory unless the encoder was fitted with -HandleUnknown Ignore.'
        }
    )
    Links       = @('New-DataEncoder', 'Invoke-DataScaling')
}
