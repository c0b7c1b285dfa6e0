@{
    Synopsis    = 'Groups the rows of a Dataset by columns and/or time and computes aggregates per group.'
    Description = @(
        'Group-Dataset returns a Dataset with one row per distinct key, ordered by the keys: the -By columns, then (with -TimeColumn -Interval) the start of the time bucket under the time column''s name, then (with -CalendarPart) columns such as hour_of_day or day_of_week. Next comes rows, the number of rows in the group (not "count", which PowerShell reads as the length of an array), then one column per aggregate, named column_aggregate (cpu_pct_mean, cpu_pct_p95, host_count_distinct). Missing key values form a group of their own: no row is dropped.'
        'Aggregates: count (present values), missing, sum, mean (avg), std and var (the sample figures, n - 1, as pandas and polars), min, max, median, pN for any percentile (p50, p95, p99.9; linear interpolation between the closest ranks, pandas'' default), first and last (first or last present value in row order), count_distinct. They skip missing cells and NaN; a group with nothing to aggregate gets a missing cell (sum gives 0). Numbers take every aggregate (Boolean counts as 0/1 for sum and mean); text and DateTime take count, missing, count_distinct, min, max, first and last; anything else is DataCenterTools.AggregateTypeMismatch before any work.'
        '-Interval buckets are aligned to UTC: fixed widths (30s, 15m, 1h, 6h, 1d, 7d, 1w) start at multiples of the width from Monday 2000-01-03 00:00 UTC (DuckDB''s time_bucket origin), so days start at midnight and 7-day buckets and weeks on Mondays; 1mo, 3mo and 1y follow the calendar. -CalendarPart HourOfDay profiles the 24 hours of the day across all days (24 groups), not 168 separate hours of a week.'
        'The -Aggregate table maps columns to aggregates. A plain @{} hashtable has no order, so its columns are taken in the Dataset''s order; use [ordered]@{} to choose the order.'
    )
    Parameters  = @{
        Dataset      = 'The Dataset to group. Accepts Datasets from the pipeline; one result per Dataset. It is not modified.'
        By           = 'The key columns. Without -By (and without time options) the whole Dataset is one group.'
        TimeColumn   = 'A DateTime column to bucket with -Interval and/or -CalendarPart.'
        Interval     = 'The width of time buckets: 30s, 15m, 1h, 6h, 1d, 7d, 1w, 1mo, 3mo, 1y (or second, minute, hour, day, week, month, quarter, year).'
        CalendarPart = 'Parts of the calendar to group by: HourOfDay, DayOfWeek (0 = Sunday), DayOfMonth, DayOfYear, WeekOfYear (ISO 8601), Month, Quarter, Year.'
        Aggregate    = 'What to compute per group: @{ cpu_pct = ''mean'', ''p95''; host = ''count_distinct'' }.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Mean and 95th percentile of CPU per region and hour'
            Code    = '$t | Group-Dataset -By region -TimeColumn timestamp -Interval 1h -Aggregate @{ cpu_pct = ''mean'', ''p95''; host = ''count_distinct'' }'
            Remarks = 'One row per region and hour with rows, cpu_pct_mean, cpu_pct_p95 and host_count_distinct.'
        }
        @{
            Title   = 'A profile of the 24 hours of the day'
            Code    = '$t | Group-Dataset -By region -TimeColumn timestamp -CalendarPart HourOfDay -Aggregate @{ gpu_pct = ''median'' }'
            Remarks = 'Every day''s 14:00 lands in hour_of_day 14.'
        }
    )
    Links       = @('Select-DataRow', 'Join-Dataset', 'Get-DataDistribution')
}
