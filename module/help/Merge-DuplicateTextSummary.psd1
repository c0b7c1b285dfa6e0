@{
    Synopsis    = 'Merges dedup summaries (.sketch files) from many hosts into one for Find-DuplicateText -Summary.'
    Description = @(
        'Merge-DuplicateTextSummary concatenates .sketch files written by Find-DuplicateText -AsSummary, in the order given, after checking that they were made with the same settings (otherwise DataCenterTools.DuplicateSummaryMismatch). The merged file is written through a temp file and renamed into place.'
    )
    Parameters  = @{
        Path = 'The .sketch files to merge (wildcards allowed; accepts pipeline input by value and by FullName).'
        OutputPath = 'The merged .sketch file to write.'
        Force = 'Replace an existing output file.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Merge the hosts summaries'
            Code    = 'Merge-DuplicateTextSummary -Path ./h1.sketch, ./h2.sketch -OutputPath ./all.sketch'
            Remarks = 'Then Find-DuplicateText -Summary ./all.sketch.'
        }
    )
    Notes       = @()
    Links       = @('Find-DuplicateText')
}
