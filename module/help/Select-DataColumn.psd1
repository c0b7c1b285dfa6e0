@{
    Synopsis    = 'Keeps, reorders or drops columns of a Dataset.'
    Description = @(
        'Select-DataColumn returns a new Dataset with the columns named by -Column, in the order given (a wildcard such as ''cpu*'' adds its matches in the Dataset''s order), less those -Exclude matches. Without -Column every column is kept, so -Exclude alone drops columns. The kept columns are shared with the input, not copied; the step is recorded in the lineage.'
        'Names ignore case. A name or wildcard in -Column that matches no column is DataCenterTools.ColumnNotFound, listing the nearest names; an -Exclude pattern that matches nothing changes nothing. This is the Dataset''s Select-Object -Property: Select-Object on a Dataset selects properties of the Dataset object, not columns.'
    )
    Parameters  = @{
        Dataset = 'The Dataset whose columns to choose. Accepts Datasets from the pipeline. It is not modified.'
        Column  = 'The columns to keep, in this order; wildcards (* ? [abc]) allowed. Completes the column names of the Dataset on the command line.'
        Exclude = 'Columns to leave out; wildcards allowed.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Only what the model needs, in this order'
            Code    = '$t | Select-DataColumn timestamp, host, cpu_pct, gpu_pct'
            Remarks = ''
        }
        @{
            Title   = 'Drop the personal columns'
            Code    = '$t | Select-DataColumn -Exclude owner_email, client_ip'
            Remarks = 'Every other column is kept.'
        }
    )
    Links       = @('Rename-DataColumn', 'Select-DataRow')
}
