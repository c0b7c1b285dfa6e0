@{
    Synopsis    = 'Draws a chart of a dataset''s columns (histogram, box, bar, time series, scatter or correlation heatmap) to a PNG or SVG file.'
    Description = @(
        'Export-DataChart draws one chart of -Dataset with ScottPlot and writes it to -Path: a PNG picture for a .png path, a scalable SVG for a .svg path. Every chart has a title (replace it with -Title) and labelled axes, and is 800 x 500 pixels unless -Width and -Height say otherwise. The dataset is not changed.'
        'Kinds: Histogram (one Int64 or Double -Column, -Bins equal-width bins over its range, as numpy.histogram); Box (one numeric -Column: quartiles by linear interpolation, whiskers at the furthest values within 1.5 IQR, outliers as points; one box per value of -GroupBy); Bar (the -Top most frequent values of one column, most frequent at the top, as horizontal bars so long names stay readable); TimeSeries (-Column names a DateTime column, then one or more numeric columns: one line per value column, and per -GroupBy value, in time order); Scatter (-Column x,y, two numeric columns; one colour per -GroupBy value); CorrelationHeatmap (the Pearson correlation of the numeric -Column columns, default every Int64 and Double column, computed over the rows where both values are present as pandas'' DataFrame.corr(); cells from blue (-1) through white (0) to red (+1), each labelled with r).'
        'Missing values are left out of every chart. Category names longer than 28 characters are shortened with an ellipsis.'
        'The file is written to a temporary file in the same folder and renamed into place, so an interrupted export never leaves half a picture. An existing file is replaced only with -Force; -WhatIf shows what would be written and writes nothing.'
        'Errors: DataCenterTools.ColumnNotFound (a -Column or -GroupBy not in the dataset), ColumnNotNumeric (e.g. a string column for Histogram, Box or Scatter), TimeColumnNotDateTime (the first TimeSeries column is not DateTime), ChartColumnCount (the wrong number of -Column names for the kind), GroupByNotSupported (-GroupBy with Histogram, Bar or CorrelationHeatmap), TooFewNumericColumns (a heatmap of fewer than two numeric columns), UnsupportedChartFormat (-Path does not end in .png or .svg), FileExists (without -Force).'
    )
    Parameters  = @{
        Dataset  = 'The Dataset to draw. Accepts Datasets from the pipeline.'
        Path     = 'The image file to write, relative to the current location; .png or .svg decides the format.'
        Kind     = 'The chart: Histogram, Box, Bar, TimeSeries, Scatter or CorrelationHeatmap.'
        Column   = 'The columns to draw: one for Histogram, Box and Bar; x then y for Scatter; the DateTime column then the value columns for TimeSeries; the numeric columns for CorrelationHeatmap (default all).'
        GroupBy  = 'One box (Box), one colour (Scatter) or one line (TimeSeries) per value of this column; missing values form a group "(missing)".'
        Width    = 'The image width in pixels, 100-10000 (default 800).'
        Height   = 'The image height in pixels, 100-10000 (default 500).'
        Title    = 'The chart title, instead of the one generated from the kind and columns.'
        Bins     = 'The number of equal-width histogram bins (default 20).'
        Top      = 'How many of the most frequent values a Bar chart shows (default 10).'
        Force    = 'Replace the file if it exists.'
        PassThru = 'Return the written file as a FileInfo object.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'How CPU load is distributed'
            Code    = 'Import-Dataset ./telemetry.csv | Export-DataChart -Kind Histogram -Column cpu_pct -Path ./cpu.png'
            Remarks = 'A 20-bin histogram of cpu_pct, 800 x 500 pixels.'
        }
        @{
            Title   = 'Power draw per region, and over time per region'
            Code    = '$t = Import-Dataset ./telemetry.csv; $t | Export-DataChart -Kind Box -Column power_w -GroupBy region -Path ./power.svg; $t | Export-DataChart -Kind TimeSeries -Column timestamp, power_w -GroupBy region -Path ./power-time.png'
            Remarks = 'One box per region (SVG for a web page), then one line per region over time.'
        }
        @{
            Title   = 'Which features move together'
            Code    = 'Import-Dataset ./iris.csv | Export-DataChart -Kind CorrelationHeatmap -Path ./corr.png -Width 900 -Height 900 -PassThru'
            Remarks = 'The Pearson correlation of every numeric column; -PassThru returns the file.'
        }
    )
    Notes       = @(
        'Charts are drawn with ScottPlot on SkiaSharp; text needs a system font (Debian/Ubuntu: fonts-dejavu-core, which ./build.sh test installs when missing).'
    )
    Links       = @('Export-DataReport', 'Get-DataDistribution')
}
