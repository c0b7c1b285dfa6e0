@{
    Synopsis    = 'Renames columns of a Dataset.'
    Description = @(
        'Rename-DataColumn returns a new Dataset where the columns named as keys of -NewName carry the names given as values; storage is shared and the step is recorded in the lineage. Names ignore case. An unknown column is DataCenterTools.ColumnNotFound; a new name that another column keeps is DataCenterTools.ColumnExists (swapping two names in one call is allowed).'
        'To name the columns of a file that has no header, Import-Dataset -NoHeader -Header a, b, c names them as it reads.'
    )
    Parameters  = @{
        Dataset = 'The Dataset whose columns to rename. Accepts Datasets from the pipeline. It is not modified.'
        NewName = 'A hashtable from old name to new name: @{ ''Timestamp [ms]'' = ''ts''; ''CPU usage [%]'' = ''cpu_pct'' }.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Short names for columns with units'
            Code    = '$vm | Rename-DataColumn @{ ''Timestamp [ms]'' = ''ts''; ''CPU usage [%]'' = ''cpu_pct'' }'
            Remarks = ''
        }
    )
    Links       = @('Select-DataColumn', 'Add-DataColumn')
}
