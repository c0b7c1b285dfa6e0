@{
    Synopsis    = 'Turns any objects from the pipeline into one typed Dataset.'
    Description = @(
        'ConvertTo-Dataset collects the objects it receives (Get-Process output, Import-Csv rows, hashtables, PSCustomObjects) and builds one Dataset with a column per property, in first-seen order. An object that lacks a property gets a missing cell.'
        'Integers become Int64, other numbers Double, booleans Boolean, DateTime and DateTimeOffset DateTime. When every value of a property is a string (as Import-Csv produces) the strings are typed like CSV cells, so "42" becomes an Int64. Nested objects and collections are kept as their text. Plain values (1..10) become a column named Value.'
    )
    Parameters  = @{
        InputObject = 'The objects to convert. Accepts objects from the pipeline.'
        Property    = 'Keep only these properties, in this order.'
        Name        = 'The name of the new Dataset. Default "Dataset".'
        NullValue   = 'For string values: the texts that mean missing. Default: empty, NA, N/A, NULL, null, NaN, nan.'
    }
    Inputs      = @('System.Management.Automation.PSObject')
    Examples    = @(
        @{
            Title   = 'Profile the processes on this host'
            Code    = 'Get-Process | ConvertTo-Dataset -Property Name, Id, CPU, WorkingSet64 -Name procs'
            Remarks = 'Id and WorkingSet64 become Int64 columns, CPU a Double column.'
        }
        @{
            Title   = 'Type the output of Import-Csv'
            Code    = 'Import-Csv ./small.csv | ConvertTo-Dataset'
            Remarks = 'Numbers, booleans and ISO dates get their types back. For large files use Import-Dataset directly.'
        }
    )
    Links       = @('ConvertFrom-Dataset', 'Import-Dataset')
}
