using System.Globalization;
using System.Net;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using ScottPlot;

namespace DataCenterTools.Core.Reporting;

/// <summary>What Export-DataReport puts in the report.</summary>
public sealed record DataReportOptions
{
    /// <summary>When set, the report has a drift section comparing the dataset with this one.</summary>
    public Dataset? Reference { get; init; }
    /// <summary>Called with (columns done, columns in all) while the per-column sections are drawn.</summary>
    public Action<int, int>? Progress { get; init; }
    public Action<string>? Warning { get; init; }
}

/// <summary>
/// One self-contained HTML file describing a Dataset: overview, a section per column, missing values,
/// correlations, alerts and (with a reference) drift. Charts are embedded as SVG data URIs (each its own
/// document, so element ids of one chart cannot clash with another's), nothing is loaded from elsewhere,
/// and every value taken from the data is HTML-escaped.
/// </summary>
public static class DataReport
{
    private const int ColumnChartWidth = 640, ColumnChartHeight = 320;

    public static string Build(Dataset dataset, DataReportOptions options)
    {
        var overview = DatasetOverview.Of(dataset);
        var distributions = DistributionAnalyzer.Analyze(dataset, new DistributionOptions { Warning = options.Warning });
        var correlations = Correlation.Pearson(dataset);
        var alerts = DataAlerts.Find(distributions, correlations, dataset.RowCount);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<title>Data report: ").Append(E(dataset.Name)).Append("</title>\n<style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>Data report: ").Append(E(dataset.Name)).Append("</h1>\n")
            .Append("<p class=\"muted\">Generated ").Append(E(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" by DataCenterTools Export-DataReport.</p>\n")
            .Append("<nav><a href=\"#overview\">Overview</a> <a href=\"#alerts\">Alerts</a> <a href=\"#columns\">Columns</a> <a href=\"#missing\">Missing values</a> <a href=\"#correlations\">Correlations</a>")
            .Append(options.Reference != null ? " <a href=\"#drift\">Drift</a>" : "").Append("</nav>\n");

        Overview(html, overview);
        Alerts(html, alerts);
        Columns(html, dataset, distributions, options);
        Missing(html, distributions);
        Correlations(html, correlations, dataset.Name);
        if (options.Reference != null) Drift(html, options.Reference, dataset, options);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>Builds the report and writes it to <paramref name="path"/> (UTF-8) through a temp file.</summary>
    public static void Save(Dataset dataset, DataReportOptions options, string path, bool overwrite) =>
        AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(Build(dataset, options)), overwrite);

    private static void Overview(StringBuilder html, DatasetOverview o)
    {
        html.Append("<section id=\"overview\"><h2>Overview</h2>\n<table class=\"kv\">");
        Row(html, "Rows", o.Rows.ToString("N0", CultureInfo.InvariantCulture));
        Row(html, "Columns", o.Columns.ToString("N0", CultureInfo.InvariantCulture));
        Row(html, "Memory (estimated)", DisplayFormat.Bytes(o.EstimatedBytes));
        Row(html, "Missing cells", $"{o.MissingCells.ToString("N0", CultureInfo.InvariantCulture)} ({Percent(o.MissingCellsPercent)})");
        Row(html, "Duplicate rows", o.DuplicateRows.ToString("N0", CultureInfo.InvariantCulture));
        html.Append("</table></section>\n");
    }

    private static void Alerts(StringBuilder html, IReadOnlyList<DataAlert> alerts)
    {
        html.Append("<section id=\"alerts\"><h2>Alerts</h2>\n");
        if (alerts.Count == 0) html.Append("<p>No alerts.</p>");
        else
        {
            html.Append("<table><tr><th>Alert</th><th>Column</th><th>Detail</th></tr>");
            foreach (var a in alerts)
                html.Append("<tr><td class=\"alert\">").Append(E(a.Kind.ToString())).Append("</td><td>").Append(E(a.Column))
                    .Append("</td><td>").Append(E(a.Message)).Append("</td></tr>");
            html.Append("</table>");
        }
        html.Append("</section>\n");
    }

    private static void Columns(StringBuilder html, Dataset dataset, IReadOnlyList<ColumnDistribution> distributions, DataReportOptions options)
    {
        html.Append("<section id=\"columns\"><h2>Columns</h2>\n");
        for (var i = 0; i < distributions.Count; i++)
        {
            var d = distributions[i];
            options.Progress?.Invoke(i, distributions.Count);
            html.Append("<div class=\"column\"><h3>").Append(E(d.Column)).Append(" <span class=\"muted\">").Append(E(d.Type.ToString())).Append("</span></h3>\n<div class=\"flex\"><table class=\"kv\">");
            Row(html, "Present", d.Count.ToString("N0", CultureInfo.InvariantCulture));
            Row(html, "Missing", $"{d.Missing.ToString("N0", CultureInfo.InvariantCulture)} ({Percent(d.MissingPercent)})");
            Row(html, "Distinct", d.Distinct.ToString("N0", CultureInfo.InvariantCulture));
            if (d.Kind == "numeric")
            {
                Row(html, "Mean", Number(d.Mean));
                Row(html, "Std", Number(d.Std));
                Row(html, "Min", Number(d.Min));
                Row(html, "Median", Number(d.Median));
                Row(html, "Max", Number(d.Max));
                Row(html, "Zeros", d.Zeros?.ToString("N0", CultureInfo.InvariantCulture) ?? "");
                Row(html, "Skewness", Number(d.Skewness));
                Row(html, "Kurtosis", Number(d.Kurtosis));
            }
            else if (d.Kind == "datetime")
            {
                Row(html, "Earliest", d.Earliest?.ToString("o", CultureInfo.InvariantCulture) ?? "");
                Row(html, "Latest", d.Latest?.ToString("o", CultureInfo.InvariantCulture) ?? "");
            }
            html.Append("</table>");
            if (d.TopValues.Count > 0)
            {
                html.Append("<table><tr><th>Value</th><th>Rows</th><th>%</th></tr>");
                foreach (var v in d.TopValues)
                    html.Append("<tr><td>").Append(E(v.Value)).Append("</td><td class=\"num\">").Append(v.Count.ToString("N0", CultureInfo.InvariantCulture))
                        .Append("</td><td class=\"num\">").Append(Percent(v.Percent)).Append("</td></tr>");
                html.Append("</table>");
            }
            var chart = ColumnChart(d);
            if (chart != null) Image(html, chart, $"Chart of {d.Column}");
            html.Append("</div></div>\n");
        }
        options.Progress?.Invoke(distributions.Count, distributions.Count);
        html.Append("</section>\n");
    }

    /// <summary>A histogram for numeric columns, the top values for the rest; none for DateTime or empty columns.</summary>
    private static Plot? ColumnChart(ColumnDistribution d)
    {
        var plot = DataChart.NewPlot();
        if (d.Kind == "numeric" && d.Histogram != null)
        {
            DataChart.AddHistogram(plot, d.Histogram);
            plot.XLabel(d.Column);
            plot.YLabel("Rows");
            plot.Title($"Histogram of {d.Column}");
            return plot;
        }
        if (d.Kind == "categorical" && d.TopValues.Count > 0)
        {
            DataChart.AddTopValues(plot, d.TopValues);
            plot.XLabel("Rows");
            plot.Title(d.TopValues.Count < d.Distinct ? $"Top {d.TopValues.Count} values of {d.Column}" : $"Values of {d.Column}");
            return plot;
        }
        return null;
    }

    private static void Missing(StringBuilder html, IReadOnlyList<ColumnDistribution> distributions)
    {
        html.Append("<section id=\"missing\"><h2>Missing values</h2>\n<table><tr><th>Column</th><th>Missing</th><th>%</th><th></th></tr>");
        foreach (var d in distributions.OrderByDescending(d => d.Missing))
            html.Append("<tr><td>").Append(E(d.Column)).Append("</td><td class=\"num\">").Append(d.Missing.ToString("N0", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"num\">").Append(Percent(d.MissingPercent))
                .Append("</td><td><div class=\"bar\"><div style=\"width:").Append(d.MissingPercent.ToString("0.##", CultureInfo.InvariantCulture)).Append("%\"></div></div></td></tr>");
        html.Append("</table></section>\n");
    }

    private static void Correlations(StringBuilder html, CorrelationMatrix matrix, string datasetName)
    {
        html.Append("<section id=\"correlations\"><h2>Correlations (Pearson)</h2>\n");
        if (matrix.Columns.Count < 2)
        {
            html.Append("<p>Fewer than two numeric columns: nothing to correlate.</p></section>\n");
            return;
        }
        var plot = DataChart.NewPlot();
        plot.Title(DataChart.Heatmap(plot, matrix, datasetName));
        var side = Math.Clamp(160 + 60 * matrix.Columns.Count, 480, 1000);
        Image(html, plot, "Correlation heatmap", side, side);
        html.Append("<table><tr><th></th>");
        foreach (var c in matrix.Columns) html.Append("<th>").Append(E(c)).Append("</th>");
        html.Append("</tr>");
        for (var i = 0; i < matrix.Columns.Count; i++)
        {
            html.Append("<tr><th>").Append(E(matrix.Columns[i])).Append("</th>");
            for (var j = 0; j < matrix.Columns.Count; j++)
                html.Append("<td class=\"num\">").Append(double.IsNaN(matrix.Values[i, j]) ? "" : matrix.Values[i, j].ToString("0.000", CultureInfo.InvariantCulture)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table></section>\n");
    }

    private static void Drift(StringBuilder html, Dataset reference, Dataset current, DataReportOptions options)
    {
        html.Append("<section id=\"drift\"><h2>Drift from ").Append(E(reference.Name)).Append("</h2>\n");
        // Columns only one side has cannot drift; they are listed instead of failing the whole report.
        var shared = reference.Columns.Select(c => c.Name).Where(n => current.TryGetColumn(n, out _)).ToArray();
        var onlyOneSide = reference.Columns.Select(c => c.Name).Concat(current.Columns.Select(c => c.Name))
            .Where(n => !reference.TryGetColumn(n, out _) || !current.TryGetColumn(n, out _)).ToArray();
        var drift = DriftAnalyzer.Compare(reference, current, new DriftOptions { Columns = shared, Warning = options.Warning });
        html.Append("<p>").Append(drift.Count(d => d.Drifted)).Append(" of ").Append(drift.Count).Append(" columns drifted.</p>\n")
            .Append("<table><tr><th>Column</th><th>Kind</th><th>Method</th><th>Score</th><th>Threshold</th><th>Drifted</th><th>PSI</th><th>Jensen-Shannon</th></tr>");
        foreach (var d in drift)
            html.Append(d.Drifted ? "<tr class=\"drifted\">" : "<tr>").Append("<td>").Append(E(d.Column)).Append("</td><td>").Append(E(d.Kind))
                .Append("</td><td>").Append(E(d.Method.ToString())).Append("</td><td class=\"num\">").Append(Number(d.Score))
                .Append("</td><td class=\"num\">").Append(Number(d.Threshold)).Append("</td><td>").Append(d.Drifted ? "yes" : "no")
                .Append("</td><td class=\"num\">").Append(Number(d.Psi)).Append("</td><td class=\"num\">").Append(Number(d.JensenShannon)).Append("</td></tr>");
        html.Append("</table>");
        if (onlyOneSide.Length > 0)
            html.Append("<p>Not compared (in one dataset only): ").Append(E(string.Join(", ", onlyOneSide))).Append("</p>");
        html.Append("</section>\n");
    }

    internal static void Image(StringBuilder html, Plot plot, string alt, int width = ColumnChartWidth, int height = ColumnChartHeight)
    {
        var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height)));
        html.Append("<img alt=\"").Append(E(alt)).Append("\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" src=\"data:image/svg+xml;base64,").Append(svg).Append("\"/>");
    }

    internal static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string Number(double? value) => value is { } v ? E(v.ToString("G6", CultureInfo.InvariantCulture)) : "";
    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>HTML-escapes text from the data (names, values, messages): &lt; &gt; &amp; and both quotes.</summary>
    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    internal const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
        h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin-bottom:.3em}
        nav a{margin-right:1em}table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
        th{background:#f5f5f5}.kv th{width:11em}.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#777;font-weight:normal;font-size:.9em}
        .flex{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}.alert{color:#b2182b;font-weight:bold}.drifted td{background:#fde0dd}
        .bar{width:12em;background:#eee;height:.8em}.bar div{background:#d6604d;height:100%}img{max-width:100%;height:auto}
        """;
}
