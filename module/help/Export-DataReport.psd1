@{
    Synopsis    = 'Writes one self-contained HTML report of a dataset: overview, columns, missing values, correlations, alerts and drift.'
    Description = @(
        'Export-DataReport describes -Dataset in a single HTML file at -Path that opens in any browser without a network: charts are embedded as SVG images (data: URIs), the style is inline, and nothing is loaded from elsewhere. Every name and value taken from the data is HTML-escaped, so a cell such as <script> shows as text. The dataset is not changed.'
        'Sections: Overview (rows, columns, estimated memory, missing cells, duplicate rows, i.e. rows equal in every column to an earlier one, as pandas'' duplicated().sum()); Alerts; Columns (per column the statistics of Get-DataDistribution: count, missing, distinct, and mean, std, min, median, max, zeros, skewness and kurtosis for numbers, earliest and latest for times, with a 20-bin histogram for numeric columns or the 10 most frequent values for the others); Missing values (per column, most missing first); Correlations (Pearson, pairwise over rows where both values are present as pandas'' DataFrame.corr(), as a heatmap and a table); and Drift when -Reference is given (Compare-DataDistribution with its default method for every column both datasets have; columns only one side has are listed).'
        'Alerts (after ydata-profiling''s defaults): HighMissing (more than 20% of a column missing), Constant (one distinct value), HighCardinality (a string column with more distinct values than half the rows), HighlySkewed (|skewness| above 2), HighCorrelation (|Pearson r| above 0.9 between two columns).'
        'The report is written to a temporary file in the same folder and renamed into place. An existing file is replaced only with -Force; -WhatIf shows what would be written and writes nothing.'
        'Errors: DataCenterTools.FileExists (without -Force), DirectoryNotFound, PathIsDirectory; ColumnTypeMismatch when a column is numeric in one dataset and not in the other (-Reference).'
    )
    Parameters  = @{
        Dataset   = 'The Dataset to describe. Accepts Datasets from the pipeline.'
        Path      = 'The HTML file to write, relative to the current location.'
        Reference = 'A baseline Dataset (e.g. the training data): adds a drift section comparing -Dataset with it column by column.'
        Force     = 'Replace the file if it exists.'
        PassThru  = 'Return the written file as a FileInfo object.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'A report to share before training'
            Code    = 'Import-Dataset ./telemetry.csv | Export-DataReport -Path ./telemetry-report.html'
            Remarks = 'Open the file in a browser; it works offline and can be mailed as one attachment.'
        }
        @{
            Title   = 'This week against the training data'
            Code    = '$train = Import-Dataset ./train.parquet; Import-Dataset ./this-week.csv | Export-DataReport -Path ./week.html -Reference $train -Force'
            Remarks = 'Adds the drift section; -Force replaces last week''s report.'
        }
    )
    Notes       = @(
        'Statistics follow pandas (std with ddof 1, bias-corrected skewness and kurtosis, linear quantiles); the drift verdicts are those of Compare-DataDistribution.'
    )
    Links       = @('Export-DataChart', 'Get-DataDistribution', 'Compare-DataDistribution')
}
