@{
    Synopsis    = 'Fits a categorical encoder (OneHot or Ordinal) on columns of a training Dataset.'
    Description = @(
        'New-DataEncoder learns the categories of String, Int64 or Boolean columns from one Dataset - the training data - and returns them as a DataEncoder object for Invoke-DataEncoding, which applies the same categories to any later Dataset.'
        'Categories are sorted as scikit-learn sorts them: numbers numerically, text by code point, False before True. OneHot (like OneHotEncoder) replaces a column, in place, by one Int64 column per category holding 1 or 0, named <column>_<category> (scikit-learn''s feature names). Ordinal (like OrdinalEncoder) replaces it by one Int64 column holding the category''s position 0..n-1.'
        'Missing cells are not a category: they stay missing (with OneHot, every indicator column of that row is missing).'
        '-HandleUnknown says what to do at apply time with a value that was not seen when fitting: Error (the default, as scikit-learn) stops with DataCenterTools.UnknownCategory naming the column and the value; Ignore gives all zeros (OneHot) or a missing cell (Ordinal).'
    )
    Parameters  = @{
        Method        = 'The encoding: OneHot or Ordinal.'
        Column        = 'The columns to fit (String, Int64 or Boolean). By default every String column. A missing column is DataCenterTools.ColumnNotFound; a Double or DateTime column is DataCenterTools.ColumnNotCategorical.'
        Dataset       = 'The training Dataset to fit on. Accepts Datasets from the pipeline; one encoder is returned per Dataset. It is not modified.'
        HandleUnknown = 'What to do with a category not seen when fitting: Error (default) or Ignore.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'One-hot encode the host column'
            Code    = '$encoder = $train | New-DataEncoder -Method OneHot -Column host -HandleUnknown Ignore
$test | Invoke-DataEncoding -Encoder $encoder'
            Remarks = 'A host that appears only in the test data encodes as all zeros.'
        }
        @{
            Title   = 'See the categories'
            Code    = '$encoder.Columns'
            Remarks = 'One row per column with its sorted categories.'
        }
    )
    Links       = @('Invoke-DataEncoding', 'New-DataScaler')
}
