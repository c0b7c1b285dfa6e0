@{
    Synopsis    = 'Fits a scaler (MinMax, ZScore, Robust, MaxAbs or Log1p) on the numeric columns of a training Dataset.'
    Description = @(
        'New-DataScaler learns scaling parameters from one Dataset - the training data - and returns them as a DataScaler object. Invoke-DataScaling then applies exactly those parameters to the training data and, later, to test or production data, so nothing about the test data leaks into the model.'
        'The methods are defined as in scikit-learn. MinMax: (x - Min) / (Max - Min), stretched onto -Range (default 0..1), values outside the fitted range are not clipped. ZScore: (x - Mean) / Std with the population standard deviation (ddof 0), like StandardScaler. Robust: (x - Median) / Iqr with linearly interpolated quartiles (numpy.percentile), like RobustScaler. MaxAbs: x / MaxAbs. Log1p: log(1 + x), nothing to fit; every value must be above -1.'
        'Missing cells are ignored when fitting and stay missing when applied. A constant column (zero spread) is scaled by 1, as scikit-learn does.'
        'The scaler is a plain object: its Method, Columns (one entry per column with Min, Max, Mean, Std, Median, Iqr or MaxAbs), RangeMin/RangeMax (MinMax only), FittedOn and FittedRows are visible, and it can be saved with Export-Clixml or ConvertTo-Json and read back for Invoke-DataScaling.'
    )
    Parameters  = @{
        Method  = 'The scaling method: MinMax, ZScore, Robust, MaxAbs or Log1p.'
        Column  = 'The columns to fit (Int64 or Double). By default every Int64 and Double column. A missing or non-numeric column is an error (DataCenterTools.ColumnNotFound, DataCenterTools.ColumnNotNumeric).'
        Dataset = 'The training Dataset to fit on. Accepts Datasets from the pipeline; one scaler is returned per Dataset. It is not modified.'
        Range   = 'MinMax only: the target range as two numbers, smallest first (scikit-learn''s feature_range). Default 0, 1.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Fit on training data, apply to both sides'
            Code    = '$split = Import-Dataset ./telemetry.csv | Split-Dataset -TrainFraction 0.8 -Seed 42
$scaler = $split.Train | New-DataScaler -Method ZScore -Column cpu_pct, temp_c
$train = $split.Train | Invoke-DataScaling -Scaler $scaler
$test  = $split.Test  | Invoke-DataScaling -Scaler $scaler'
            Remarks = 'The test rows are scaled with the training mean and standard deviation.'
        }
        @{
            Title   = 'Look at the fitted parameters and keep them'
            Code    = '$scaler.Columns
$scaler | Export-Clixml ./scaler.xml'
            Remarks = 'Import-Clixml ./scaler.xml gives an object that Invoke-DataScaling -Scaler accepts.'
        }
        @{
            Title   = 'Scale into -1..1'
            Code    = '$s = $train | New-DataScaler -Method MinMax -Range -1, 1'
            Remarks = 'Every numeric column is fitted when -Column is left out.'
        }
    )
    Notes       = @('Fit on training data only; fitting on the whole dataset before splitting leaks test statistics into training.')
    Links       = @('Invoke-DataScaling', 'Split-Dataset', 'New-DataEncoder')
}
