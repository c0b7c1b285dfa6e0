@{
    Synopsis    = 'Describes how the values of each column are distributed: counts, missing, distinct, moments, quantiles, histogram or top values.'
    Description = @(
        'Get-DataDistribution returns one ColumnDistribution per column (per group and time bucket when grouped) for a Dataset from the pipeline, or for files read straight from -Path with Import-Dataset''s readers (CSV, TSV, JSON Lines, Parquet, .gz).'
        'Every column gets Count (present values), Missing and MissingPercent, and Distinct (missing values are not counted, as pandas'' nunique()). Int64 and Double columns also get Mean, Std, Min, the -Quantile values (Quantiles; Median always), Max, Skewness, Kurtosis, Zeros and a Histogram of -Bins equal-width bins. String and Boolean columns get TopValues: the -Top most frequent values with count and percent (ties in ordinal order). DateTime columns get Earliest, Latest and a Histogram over time (its edges are DateTime ticks).'
        'Definitions match pandas so results can be checked: Std is the sample standard deviation (ddof 1); quantiles interpolate linearly between the closest ranks (pandas'' default); Skewness and Kurtosis are pandas'' bias-corrected skew() and kurt() (excess kurtosis, 0 for a normal distribution); NaN counts as missing. The histogram follows numpy.histogram: bins [lo, hi) with the last closed.'
        'Each result keeps its exact Moments (Count, Mean, M2, M3, M4: sums of powers of deviations from the mean), which merge exactly across parts (Chan/Pébay), so summaries of parts can later be combined.'
        'The default table shows Column, Type, Count, Missing%, Mean, Std, Min, P50, Max and the histogram as a sparkline (the top value for categorical columns), in 80 columns; grouped results are headed by their group and bucket. Use Format-List * for every field, and .Quantiles, .TopValues or .Histogram for the details.'
        'Errors: DataCenterTools.ColumnNotFound (a -Column, -GroupBy, -TimeColumn or -Numeric name that is not in the dataset), TimeColumnNotDateTime, InvalidInterval, IntervalWithoutTimeColumn, InvalidQuantile. An empty dataset gives results with count 0 and a warning; a -Numeric column that is not numeric is described with categorical (or DateTime) statistics and a warning.'
        'With -Path, -ThrottleLimit N (1-64) describes up to N files at once. The results still come out file by file in input order; a bad file (missing, unreadable, malformed) is a non-terminating error naming the file (TargetObject is its path) and the rest are described. Files arriving one per pipeline object are gathered and described when the input ends; one progress bar counts the files and bytes done. The default is 1, not the number of cores, because the readers already parse one large file on all cores: files one after another use the machine well and keep the per-file progress and each result written as soon as its file is done. More at once pays off for many small or gzip-compressed files (a .gz inflates on one core); each file then parses with its share of the cores.'
    )
    Parameters  = @{
        ThrottleLimit  = 'With -Path: how many files are described at once (1-64, default 1). Output keeps the input order of the files.'
        Dataset    = 'The Dataset to describe. Accepts Datasets from the pipeline.'
        Path       = 'Data files to read and describe (wildcards allowed), each giving its own results. Accepts Get-ChildItem output. CSV, TSV and JSON Lines files (also .gz) are streamed chunk by chunk into mergeable column summaries (per group and time bucket with -GroupBy and -TimeColumn), so memory stays small whatever the file size, unless -Numeric is given (it reads the whole file); Parquet files are read whole.'
        Column     = 'Describe only these columns (default: all but the -GroupBy and -TimeColumn columns).'
        Quantile   = 'The quantiles to report, as fractions (0.01, 0.5) or percentages (1, 50: used when any value is above 1). Default 1, 5, 25, 50, 75, 95, 99 percent.'
        Bins       = 'The number of equal-width histogram bins (default 20).'
        Top        = 'How many of the most frequent values to report for String and Boolean columns (default 10).'
        GroupBy    = 'Describe each group of rows that share these columns'' values separately (e.g. region,host).'
        TimeColumn = 'A DateTime column that splits the rows into time buckets of -Interval; rows without a time are left out with a warning.'
        Interval   = 'The width of the -TimeColumn buckets: a number and a unit (s, m, h, d, w), e.g. 15m, 1h, 1d, 7d, or a TimeSpan such as 06:00:00. Default 1d. Buckets start at whole multiples of the interval (midnight for 1d).'
        AsSummary  = 'Return one mergeable ColumnSummary per column instead of the distribution: exact Count, Missing, Min, Max, Zeros and moments (Mean, M2, M3, M4), a KLL quantile sketch (K 400: rank error below about 0.7% with 99% confidence) of the values or DateTime ticks, a HyperLogLog distinct-count sketch (precision 14: about 0.8% standard error) and, for String and Boolean columns, a Misra-Gries heavy-hitters summary of 10,000 counters (Values, ValueCounts): exact value counts for up to 10,000 distinct values; beyond that ValueCountsExact is False, the most frequent values are kept with counts that are lower bounds, and ValueCountError = (Count - sum of ValueCounts) / 10,001 is the most any count is below the true one (every value occurring more often than that is kept). Every property is plain (numbers, strings, arrays) so Export-Clixml, Receive-Job and ConvertTo-Json | ConvertFrom-Json carry it (use ConvertTo-Json -Depth 10: the sketches are nested); combine the parts with Merge-DataDistribution. Does not combine with -GroupBy or -TimeColumn (SummaryNotGrouped).'
        Numeric    = 'Columns that should get numeric statistics; one that is not Int64 or Double is described as categorical (or DateTime) with a warning.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset', 'System.String (paths, by property name)')
    Examples    = @(
        @{
            Title   = 'Summarise a day of hourly files, four at a time'
            Code    = 'Get-ChildItem ./hourly/*.csv | Get-DataDistribution -ThrottleLimit 4 -AsSummary | Merge-DataDistribution'
            Remarks = 'Each file streams in chunks; the summaries come out in the order of the files and merge into one.'
        }
        @{
            Title   = 'Describe every column of a file'
            Code    = 'Import-Dataset ./examples/data/iris.csv | Get-DataDistribution'
            Remarks = 'One row per column with count, missing %, mean, std, min, median, max and a sparkline of the histogram.'
        }
        @{
            Title   = 'Per region and per day'
            Code    = 'Get-DataDistribution -Path ./examples/data/telemetry_sample.csv -Column cpu_pct,power_w -GroupBy region -TimeColumn timestamp -Interval 1d'
            Remarks = 'One result per region, day and column, headed by the region and the day.'
        }
        @{
            Title   = 'Chosen quantiles and the top values'
            Code    = '$d = $ds | Get-DataDistribution -Column temp_c,status -Quantile 10,50,90 -Top 3; $d[0].Quantiles; $d[1].TopValues'
            Remarks = 'Quantiles lists the 10th, 50th and 90th percentiles; TopValues the three most frequent statuses.'
        }
    )
    Notes       = @(
        'Expected values in the tests were computed with pandas (describe, quantile, skew, kurt, nunique, value_counts) and numpy.histogram on the same data.'
        'With -Path, CSV, TSV and JSON Lines files are streamed: they are read 16,384 rows at a time, each chunk is split by -GroupBy and -TimeColumn when given, each part is summarised (exact counts, missing, min, max and moments; KLL quantile and HyperLogLog distinct sketches; heavy-hitters value counts, exact up to 10,000 distinct values) and merged into the summary of its column (in its group and time bucket), so memory holds one chunk and the summaries rather than the file (each summary takes about 30 KB, so thousands of groups x columns add up). Count, Missing, Mean, Std, Min and Max are then exact; quantiles, median and histogram are KLL estimates once a column has more values than the sketch keeps (within about 0.7% in rank), the distinct count of numeric and DateTime columns is a HyperLogLog estimate (about 0.8% standard error), and top values are heavy-hitters estimates once a column has more than 10,000 distinct values (each TopValues entry then has CountError > 0: the true count is between Count and Count + CountError). The EstimatedFields property of each result lists exactly which of its figures are estimates; it is empty when every figure is exact.'
        'Types when streaming: a column takes the type inferred from its first chunk that has values (or its -Schema type); an Int64 column widens to Double at the first later decimal number; any other later cell that is not of the column''s type (a word in a numeric column) is counted as missing, with a warning giving how many. Import-Dataset instead reads the file again and makes such a column String. JSON Lines chunks are typed each on their own: a key absent from some lines counts them as missing, Int64 and Double chunks merge as Double, and a key holding numbers in some chunks and text in others makes Get-DataDistribution warn and read the whole file, so the column is text as Import-Dataset reads it.'
        'A Dataset from the pipeline, and -Path with -Numeric or a Parquet file, is held in memory whole. To describe data too large for one machine, summarise the parts (per file, per host, in jobs) with -AsSummary and merge them with Merge-DataDistribution.'
    )
    Links       = @('Merge-DataDistribution', 'Compare-DataDistribution', 'Get-DatasetInventory', 'Import-Dataset')
}
