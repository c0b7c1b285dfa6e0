using System.Globalization;
using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Features;
using ScottPlot;

namespace DataCenterTools.Core.Reporting;

/// <summary>Draws a Dataset's columns with ScottPlot: titled, with labelled axes, as PNG or SVG.</summary>
public static class DataChart
{
    /// <summary>Longer category names are cut so the axis keeps room for the bars.</summary>
    private const int MaxLabelLength = 28;

    /// <summary>The chart as the bytes of a PNG or SVG file.</summary>
    public static byte[] Render(Dataset dataset, ChartRequest request, ChartFormat format)
    {
        if (request.Width < 100 || request.Height < 100)
            throw new DataException("ChartTooSmall", DataErrorKind.InvalidArgument,
                $"A chart of {request.Width}x{request.Height} pixels is too small to read.", "Give {option:Width} and {option:Height} of at least 100 pixels.");
        var plot = Build(dataset, request);
        return format == ChartFormat.Png
            ? plot.GetImageBytes(request.Width, request.Height, ImageFormat.Png)
            : System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(request.Width, request.Height));
    }

    /// <summary>Renders the chart and writes it to <paramref name="path"/> (format from the extension) through a temp file.</summary>
    public static void Save(Dataset dataset, ChartRequest request, string path, bool overwrite) =>
        AtomicFile.WriteAllBytes(path, Render(dataset, request, ChartFormats.FromPath(path)), overwrite);

    private static Plot Build(Dataset dataset, ChartRequest request)
    {
        if (request.GroupBy != null && request.Kind is not (ChartKind.Box or ChartKind.Scatter or ChartKind.TimeSeries))
            throw new DataException("GroupByNotSupported", DataErrorKind.InvalidArgument,
                $"{{option:GroupBy}} does not apply to a {request.Kind} chart.", "Use {option:GroupBy} with a Box, Scatter or TimeSeries chart.", column: request.GroupBy);
        var plot = NewPlot();
        var title = request.Kind switch
        {
            ChartKind.Histogram => Histogram(plot, dataset, request),
            ChartKind.Box => Box(plot, dataset, request),
            ChartKind.Bar => Bar(plot, dataset, request),
            ChartKind.TimeSeries => TimeSeries(plot, dataset, request),
            ChartKind.Scatter => Scatter(plot, dataset, request),
            _ => Heatmap(plot, Correlation.Pearson(dataset, request.Columns.Count == 0 ? null : request.Columns), dataset.Name),
        };
        plot.Title(request.Title ?? title);
        return plot;
    }

    /// <summary>Tableau's blue (matplotlib's C0), the colour of single-series bars.</summary>
    private static readonly Color BarColor = new(31, 119, 180);

    /// <summary>Sans-serif fonts in order of preference; Skia otherwise falls back to whatever it finds, often a serif.</summary>
    private static readonly string[] SansFonts = ["DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI", "Helvetica", "Noto Sans"];
    private static readonly string? SansFont = SansFonts.FirstOrDefault(name =>
        SkiaSharp.SKFontManager.Default.GetFontFamilies().Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>A plot in a readable sans-serif font where one is installed.</summary>
    internal static Plot NewPlot()
    {
        var plot = new Plot();
        if (SansFont != null) plot.Font.Set(SansFont);
        return plot;
    }

    private static IReadOnlyList<string> RequireColumnCount(ChartRequest request, int min, int max, string what)
    {
        if (request.Columns.Count >= min && request.Columns.Count <= max) return request.Columns;
        throw new DataException("ChartColumnCount", DataErrorKind.InvalidArgument,
            $"A {request.Kind} chart takes {what}; {{option:Column}} named {request.Columns.Count}.",
            $"Give {{option:Column}} {what}.");
    }

    private static string Histogram(Plot plot, Dataset dataset, ChartRequest request)
    {
        var name = RequireColumnCount(request, 1, 1, "one numeric column")[0];
        var column = FeatureColumns.RequireNumeric(dataset, name, "a Histogram");
        var values = NumericStats.PresentValues(column);
        AddHistogram(plot, Distribution.Histogram.Of(values, request.Bins));
        plot.XLabel(column.Name);
        plot.YLabel("Rows");
        return $"Distribution of {column.Name} ({values.Length:N0} values)";
    }

    /// <summary>The histogram's bins as touching bars over their edges.</summary>
    internal static void AddHistogram(Plot plot, Histogram histogram)
    {
        var bars = new List<Bar>();
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            double lo = histogram.Edges[i], hi = histogram.Edges[i + 1];
            bars.Add(new Bar { Position = (lo + hi) / 2, Value = histogram.Counts[i], Size = hi - lo, LineWidth = 0.5f, FillColor = BarColor });
        }
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
    }

    private static string Box(Plot plot, Dataset dataset, ChartRequest request)
    {
        var name = RequireColumnCount(request, 1, 1, "one numeric column")[0];
        var column = FeatureColumns.RequireNumeric(dataset, name, "a Box chart");
        var groups = Groups(dataset, request.GroupBy);
        var boxes = new List<ScottPlot.Box>();
        var outliersX = new List<double>();
        var outliersY = new List<double>();
        var labels = new List<string>();
        foreach (var (label, rows) in groups)
        {
            var values = rows.Where(r => NumericStats.TryGetNumber(column, r, out _)).Select(r => FeatureColumns.NumberAt(column, r)).ToArray();
            if (values.Length == 0) continue;
            Array.Sort(values);
            var position = boxes.Count;
            var (q1, median, q3) = (NumericStats.Quantile(values, 0.25), NumericStats.Quantile(values, 0.5), NumericStats.Quantile(values, 0.75));
            // Tukey's whiskers: the furthest values within 1.5 IQR of the box; beyond them are outliers.
            double low = q1 - 1.5 * (q3 - q1), high = q3 + 1.5 * (q3 - q1);
            boxes.Add(new ScottPlot.Box
            {
                Position = position, BoxMin = q1, BoxMax = q3, BoxMiddle = median,
                WhiskerMin = values.First(v => v >= low), WhiskerMax = values.Last(v => v <= high),
            });
            foreach (var v in values.Where(v => v < low || v > high)) { outliersX.Add(position); outliersY.Add(v); }
            labels.Add(Shorten(label));
        }
        plot.Add.Boxes(boxes);
        if (outliersX.Count > 0) plot.Add.ScatterPoints(outliersX.ToArray(), outliersY.ToArray()).MarkerSize = 4;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.XLabel(request.GroupBy ?? "");
        plot.YLabel(column.Name);
        return request.GroupBy == null ? $"{column.Name}: quartiles and outliers" : $"{column.Name} by {request.GroupBy}";
    }

    private static string Bar(Plot plot, Dataset dataset, ChartRequest request)
    {
        var name = RequireColumnCount(request, 1, 1, "one column")[0];
        var column = FeatureColumns.Require(dataset, name, "a Bar chart");
        var top = DistributionAnalyzer.Describe(column, new DistributionOptions { Top = request.Top, Bins = 1 }).TopValues;
        var distinct = DistributionAnalyzer.CategoryCounts(column).Count;
        AddTopValues(plot, top);
        plot.XLabel("Rows");
        plot.YLabel(column.Name);
        return top.Count < distinct ? $"Top {top.Count} of {distinct:N0} values of {column.Name}" : $"Values of {column.Name}";
    }

    /// <summary>Horizontal bars, most frequent at the top, so long category names stay readable.</summary>
    internal static void AddTopValues(Plot plot, IReadOnlyList<ValueCount> top)
    {
        var bars = top.Select((v, i) => new Bar { Position = top.Count - 1 - i, Value = v.Count, FillColor = BarColor }).ToArray();
        plot.Add.Bars(bars).Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            bars.Select(b => b.Position).ToArray(), top.Select(v => Shorten(v.Value)).ToArray());
        plot.Axes.Margins(left: 0);
    }

    private static string TimeSeries(Plot plot, Dataset dataset, ChartRequest request)
    {
        var names = RequireColumnCount(request, 2, int.MaxValue, "a DateTime column, then one or more numeric columns");
        var time = FeatureColumns.Require(dataset, names[0], "the TimeSeries time axis") as DateTimeColumn
            ?? throw new DataException("TimeColumnNotDateTime", DataErrorKind.InvalidArgument,
                $"The first {{option:Column}} of a TimeSeries chart, '{names[0]}', is {dataset[names[0]].Type}, not DateTime.",
                "Name the DateTime column first, or import with {option:Schema} @{ " + names[0] + " = 'DateTime' }.", column: names[0]);
        var values = names.Skip(1).Select(n => FeatureColumns.RequireNumeric(dataset, n, "a TimeSeries value")).ToArray();
        var groups = Groups(dataset, request.GroupBy);
        foreach (var (label, rows) in groups)
            foreach (var column in values)
            {
                var points = rows.Where(r => !time.IsNull(r) && NumericStats.TryGetNumber(column, r, out _))
                    .Select(r => (X: time[r].ToOADate(), Y: FeatureColumns.NumberAt(column, r))).OrderBy(p => p.X).ToArray();
                var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                line.MarkerSize = points.Length > 200 ? 0 : 3;
                line.LegendText = Shorten(string.Join(" ", new[] { values.Length > 1 ? column.Name : null, request.GroupBy != null ? label : null }.Where(s => s != null)));
            }
        plot.Axes.DateTimeTicksBottom();
        if (values.Length * groups.Count > 1) plot.ShowLegend();
        plot.XLabel(time.Name);
        plot.YLabel(values.Length == 1 ? values[0].Name : "Value");
        return $"{string.Join(", ", values.Select(v => v.Name))} over time{(request.GroupBy != null ? $" by {request.GroupBy}" : "")}";
    }

    private static string Scatter(Plot plot, Dataset dataset, ChartRequest request)
    {
        var names = RequireColumnCount(request, 2, 2, "two numeric columns, x then y");
        var x = FeatureColumns.RequireNumeric(dataset, names[0], "a Scatter x axis");
        var y = FeatureColumns.RequireNumeric(dataset, names[1], "a Scatter y axis");
        var groups = Groups(dataset, request.GroupBy);
        foreach (var (label, rows) in groups)
        {
            var present = rows.Where(r => NumericStats.TryGetNumber(x, r, out _) && NumericStats.TryGetNumber(y, r, out _)).ToArray();
            var points = plot.Add.ScatterPoints(present.Select(r => FeatureColumns.NumberAt(x, r)).ToArray(), present.Select(r => FeatureColumns.NumberAt(y, r)).ToArray());
            points.MarkerSize = 5;
            if (request.GroupBy != null) points.LegendText = Shorten(label);
        }
        if (request.GroupBy != null) plot.ShowLegend();
        plot.XLabel(x.Name);
        plot.YLabel(y.Name);
        return $"{y.Name} against {x.Name}" + (request.GroupBy != null ? $" by {request.GroupBy}" : "");
    }

    /// <summary>The correlation matrix as coloured cells (blue -1, white 0, red +1), each labelled with its r.</summary>
    internal static string Heatmap(Plot plot, CorrelationMatrix matrix, string datasetName)
    {
        var n = matrix.Columns.Count;
        if (n < 2)
            throw new DataException("TooFewNumericColumns", DataErrorKind.InvalidArgument,
                $"A correlation heatmap needs at least two numeric columns; dataset '{datasetName}' has {n}.",
                "Name two or more Int64 or Double columns with {option:Column}.");
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var r = matrix.Values[i, j];
                // Row 0 at the top, as a table reads.
                double left = j, bottom = n - 1 - i;
                var cell = plot.Add.Rectangle(left - 0.5, left + 0.5, bottom - 0.5, bottom + 0.5);
                cell.FillColor = DivergingColor(r);
                cell.LineWidth = 0;
                var text = plot.Add.Text(double.IsNaN(r) ? "-" : r.ToString("0.00", CultureInfo.InvariantCulture), left, bottom);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = n > 10 ? 10 : 13;
                text.LabelFontColor = Math.Abs(r) > 0.6 ? Colors.White : Colors.Black;
            }
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var labels = matrix.Columns.Select(Shorten).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        // Rotated labels need room below the axis (and to the right for the last one), or they are cut off.
        // About 0.6 em per character of a sans-serif font: enough room without measuring each glyph.
        var longest = labels.Max(l => l.Length) * plot.Axes.Bottom.TickLabelStyle.FontSize * 0.6f;
        plot.Axes.Bottom.MinimumSize = longest * 0.75f + 12;
        plot.Axes.Right.MinimumSize = longest * 0.7f;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        return $"Pearson correlation of {n} numeric columns";
    }

    private static Color DivergingColor(double r)
    {
        if (double.IsNaN(r)) return Colors.LightGray;
        var t = Math.Clamp(Math.Abs(r), 0, 1);
        var (tr, tg, tb) = r >= 0 ? (178, 24, 43) : (33, 102, 172);
        byte Mix(int target) => (byte)Math.Round(255 + (target - 255) * t);
        return new Color(Mix(tr), Mix(tg), Mix(tb));
    }

    /// <summary>The rows of each value of the -GroupBy column (missing last, as "(missing)"), or all rows as one group.</summary>
    private static List<(string Label, int[] Rows)> Groups(Dataset dataset, string? groupBy)
    {
        if (groupBy == null) return [("", Enumerable.Range(0, dataset.RowCount).ToArray())];
        var column = FeatureColumns.Require(dataset, groupBy, "{option:GroupBy}");
        var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var row = 0; row < dataset.RowCount; row++)
        {
            var key = FeatureColumns.TextAt(column, row) ?? "(missing)";
            if (!rows.TryGetValue(key, out var list)) rows[key] = list = [];
            list.Add(row);
        }
        return rows.OrderBy(kv => kv.Key == "(missing)").ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, kv.Value.ToArray())).ToList();
    }

    private static string Shorten(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
}
