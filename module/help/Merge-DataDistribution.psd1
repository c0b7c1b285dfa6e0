@{
    Synopsis    = 'Merges column summaries made by Get-DataDistribution -AsSummary (per file, per host, in jobs) into one distribution per column.'
    Description = @(
        'Merge-DataDistribution collects every ColumnSummary from the pipeline, merges the summaries of the same column (matched by name, ignoring case) and returns one ColumnDistribution per column, in the order the columns first appear: the same view Get-DataDistribution gives for the whole data.'
        'Summaries that crossed a process boundary (Import-Clixml, Receive-Job, ConvertFrom-Json) are rebuilt from their properties, so parts can be summarised on different machines or in background jobs.'
        'Exact after merging: Count, Missing, Min, Max, Zeros, Mean, Std, Skewness and Kurtosis (moments merge exactly), and the value counts of String and Boolean columns while there are at most 10,000 distinct values. Estimated (listed in the EstimatedFields property of each result): Quantiles, Median and Histogram from the KLL sketch (rank error below about 0.7% with 99% confidence, exact while a column has only a few hundred values), Distinct from the HyperLogLog sketch (about 0.8% standard error) for numeric and DateTime columns or when a categorical column had more than 10,000 distinct values, and then TopValues from the mergeable Misra-Gries heavy-hitters summary (Agarwal et al., Mergeable summaries): each count is a lower bound, at most CountError = (Count - sum of kept counts) / 10,001 below the true count, and every value occurring more often than that is kept.'
        'Int64 and Double parts of a column merge as Double. Errors: DataCenterTools.SummaryMismatch when a column is numeric in one summary and text (or DateTime) in another, naming the column; DataCenterTools.NotASummary for input that is not a column summary; InvalidQuantile.'
    )
    Parameters  = @{
        InputObject = 'The column summaries to merge (Get-DataDistribution -AsSummary output, live or deserialized). Accepts pipeline input.'
        Quantile    = 'The quantiles to report, as fractions (0.01, 0.5) or percentages (1, 50: used when any value is above 1). Default 1, 5, 25, 50, 75, 95, 99 percent.'
        Bins        = 'The number of equal-width histogram bins over the merged Min-Max range (default 20).'
        Top         = 'How many of the most frequent values to report for String and Boolean columns (default 10).'
        AsSummary   = 'Return the merged ColumnSummary objects instead of distributions, to save them or merge them further.'
    }
    Inputs      = @('DataCenterTools.Core.Distribution.ColumnSummary (also deserialized)')
    Examples    = @(
        @{
            Title   = 'Summaries of several files merged into one description'
            Code    = 'Get-ChildItem ./logs/*.csv | ForEach-Object { Get-DataDistribution -Path $_.FullName -AsSummary } | Merge-DataDistribution'
            Remarks = 'One result per column over every file, as if the files had been described together.'
        }
        @{
            Title   = 'Summaries made in background jobs, or saved to disk'
            Code    = '$jobs = ''a.csv'',''b.csv'' | ForEach-Object { Start-Job { param($p) Import-Module DataCenterTools; Get-DataDistribution -Path $p -AsSummary } -ArgumentList $_ }; $jobs | Receive-Job -Wait | Merge-DataDistribution'
            Remarks = 'Each job summarises one file; the deserialized summaries merge in this session. Export-Clixml and Import-Clixml work the same way.'
        }
    )
    Notes       = @(
        'The tests compare merged results with the figures of the whole data: exact for count, mean and standard deviation, within the stated error for quantiles (by true rank) and distinct counts.'
        'Summaries of the same data merged in a different order give the same exact figures; the sketch estimates may differ slightly but stay within their error.'
    )
    Links       = @('Get-DataDistribution', 'Export-Clixml', 'Receive-Job')
}
