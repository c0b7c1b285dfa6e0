using System.Buffers.Binary;
using System.Xml;
using System.Xml.Linq;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Reporting;
using static DataCenterTools.Core.Tests.TestColumns;

namespace DataCenterTools.Core.Tests;

public class ReportingTests
{
    private static Dataset Telemetry() => new("telemetry",
    [
        new DoubleColumn("cpu", [10, 20, 30, 40, 50, 60, 70, 80]),
        new DoubleColumn("power", [100, 190, 310, 400, 480, 610, 700, 790]),
        new StringColumn("region", ["eu", "us", "eu", "us", "eu", "us", "eu", "<script>alert(1)</script>"]),
        new DateTimeColumn("at", Enumerable.Range(0, 8).Select(h => new DateTime(2026, 11, 1, h, 0, 0, DateTimeKind.Utc)).ToArray()),
    ]);

    [Fact]
    public void PearsonMatchesScipy()
    {
        // scipy.stats.pearsonr([1,2,3,4,5], [2,4,5,4,5]).statistic = 0.7745966692414834 (= sqrt(0.6), worked by hand too:
        // sxy = 6, sxx = 10, syy = 6, r = 6 / sqrt(60)).
        Approx.Relative(0.7745966692414834, Correlation.Pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 1e-12);
        Assert.True(double.IsNaN(Correlation.Pearson([3, 3, 3], [1, 2, 3])));
    }

    [Fact]
    public void CorrelationMatrixUsesPairwiseCompleteRowsAsPandas()
    {
        var ds = new Dataset("d",
        [
            Doubles("a", 1, 2, 3, 4, null, 6),
            Doubles("b", 2, 1, 4, 3, 100, 7),
            Doubles("c", 6, 5, 4, 3, 2, 1),
            new StringColumn("s", ["x", "y", "x", "y", "x", "y"]),
        ]);
        var m = Correlation.Pearson(ds);
        Assert.Equal(["a", "b", "c"], m.Columns);
        // pandas DataFrame.corr() on the same frame (NaN for the missing a): a~b 0.8806955667454325, b~c -0.4344885346265592, a~c -1.
        Approx.Relative(0.8806955667454325, m.Values[0, 1], 1e-12);
        Approx.Relative(0.8806955667454325, m.Values[1, 0], 1e-12);
        Approx.Relative(-0.4344885346265592, m.Values[1, 2], 1e-12);
        Approx.Relative(-1, m.Values[0, 2], 1e-12);
        Assert.Equal(1, m.Values[1, 1]);
        Assert.Equal(3, m.Pairs().Count());
    }

    [Fact]
    public void AlertRulesFlagExactlyTheColumnsPastTheirThresholds()
    {
        var ten = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var ds = new Dataset("alerts",
        [
            Doubles("mostly_missing", 5, 1, 3, null, null, null, null, null, null, null), // 70% missing
            Doubles("edge_missing", 3, 1, 4, 1, 5, 9, 2, 6, null, null),               // exactly 20%: not over
            new Int64Column("constant", Enumerable.Repeat(7L, 10).ToArray()),
            new StringColumn("id", ten.Select(i => $"host-{i}").ToArray()),               // 10 distinct of 10 rows
            new StringColumn("half", ten.Select(i => $"v{i % 5}").ToArray()),             // 5 of 10: not over half
            new DoubleColumn("spiky", [1, 1, 1, 1, 1, 1, 1, 1, 1, 50]),                   // pandas skew() 3.162277660168379
            new DoubleColumn("linear", ten),
            new DoubleColumn("linear_too", ten.Select(v => 2 * v + 1).ToArray()),          // r = 1 with linear
        ]);
        var distributions = DistributionAnalyzer.Analyze(ds, new DistributionOptions());
        var alerts = DataAlerts.Find(distributions, Correlation.Pearson(ds), ds.RowCount);
        // pandas DataFrame.corr() of the numeric columns: every |r| is at most 0.655 (mostly_missing~edge_missing) except
        // linear~linear_too (1.0); constant has NaN r and spiky is NaN with the missing-heavy columns (constant on their rows).
        Assert.Equal(
            [
                (AlertKind.HighMissing, "mostly_missing"),
                (AlertKind.Constant, "constant"),
                (AlertKind.HighCardinality, "id"),
                (AlertKind.HighlySkewed, "spiky"),
                (AlertKind.HighCorrelation, "linear, linear_too"),
            ],
            alerts.Select(a => (a.Kind, a.Column)).ToArray());
        Assert.Contains("70%", alerts[0].Message);
        Assert.Contains("3.16", alerts[3].Message);
    }

    [Fact]
    public void OverviewCountsMissingCellsAndDuplicateRows()
    {
        var ds = new Dataset("d",
        [
            new Int64Column("n", [1, 1, 2, 2, 3]),
            new StringColumn("s", ["a", "a", null, null, "b"]),
        ]);
        var o = DatasetOverview.Of(ds);
        // pandas: df.isna().sum().sum() = 2, df.duplicated().sum() = 2 (rows 1 and 3 repeat rows 0 and 2).
        Assert.Equal((5, 2, 2L, 2), (o.Rows, o.Columns, o.MissingCells, o.DuplicateRows));
        Assert.Equal(20, o.MissingCellsPercent);
    }

    [Theory]
    [InlineData(ChartKind.Histogram, new[] { "cpu" }, null)]
    [InlineData(ChartKind.Box, new[] { "power" }, "region")]
    [InlineData(ChartKind.Bar, new[] { "region" }, null)]
    [InlineData(ChartKind.TimeSeries, new[] { "at", "cpu", "power" }, null)]
    [InlineData(ChartKind.Scatter, new[] { "cpu", "power" }, "region")]
    [InlineData(ChartKind.CorrelationHeatmap, new string[0], null)]
    public void PngHasTheSignatureAndTheAskedSize(ChartKind kind, string[] columns, string? groupBy)
    {
        var png = DataChart.Render(Telemetry(), new ChartRequest { Kind = kind, Columns = columns, GroupBy = groupBy, Width = 640, Height = 360 }, ChartFormat.Png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // The first chunk is IHDR: length (4 bytes), type, then width and height as big-endian 32-bit integers.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void SvgIsXmlWithTheTitle()
    {
        var svg = DataChart.Render(Telemetry(), new ChartRequest { Kind = ChartKind.Histogram, Columns = ["cpu"] }, ChartFormat.Svg);
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg));
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Equal("800", (string?)doc.Root.Attribute("width"));
        Assert.Contains("Distribution of cpu (8 values)", doc.Root.Value);

        var titled = DataChart.Render(Telemetry(), new ChartRequest { Kind = ChartKind.Bar, Columns = ["region"], Title = "Rows per region" }, ChartFormat.Svg);
        Assert.Contains("Rows per region", XDocument.Parse(System.Text.Encoding.UTF8.GetString(titled)).Root!.Value);
    }

    [Fact]
    public void SvgEscapesMarkupInNamesAndValues()
    {
        var ds = new Dataset("d", [new StringColumn("a<b & \"c\"", ["<script>", "x & y", "<script>"])]);
        var svg = System.Text.Encoding.UTF8.GetString(DataChart.Render(ds, new ChartRequest { Kind = ChartKind.Bar, Columns = ["a<b & \"c\""] }, ChartFormat.Svg));
        var text = XDocument.Parse(svg).Root!.Value;
        Assert.Contains("Values of a<b & \"c\"", text);
        Assert.Contains("<script>", text);
        Assert.DoesNotContain("<script>", svg);
    }

    [Theory]
    [InlineData(ChartKind.Histogram, new[] { "nope" }, null, "DataCenterTools.ColumnNotFound")]
    [InlineData(ChartKind.Histogram, new[] { "region" }, null, "DataCenterTools.ColumnNotNumeric")]
    [InlineData(ChartKind.Scatter, new[] { "cpu" }, null, "DataCenterTools.ChartColumnCount")]
    [InlineData(ChartKind.TimeSeries, new[] { "cpu", "power" }, null, "DataCenterTools.TimeColumnNotDateTime")]
    [InlineData(ChartKind.Histogram, new[] { "cpu" }, "region", "DataCenterTools.GroupByNotSupported")]
    [InlineData(ChartKind.CorrelationHeatmap, new[] { "cpu" }, null, "DataCenterTools.TooFewNumericColumns")]
    public void BadRequestsNameTheirError(ChartKind kind, string[] columns, string? groupBy, string errorId)
    {
        var e = Assert.Throws<DataException>(() => DataChart.Render(Telemetry(), new ChartRequest { Kind = kind, Columns = columns, GroupBy = groupBy }, ChartFormat.Png));
        Assert.Equal(errorId, e.ErrorId);
    }

    [Fact]
    public void SaveChoosesTheFormatByExtensionAndNeverOverwritesWithoutPermission()
    {
        using var folder = new TempFolder();
        var request = new ChartRequest { Kind = ChartKind.Histogram, Columns = ["cpu"] };
        Assert.Equal("DataCenterTools.UnsupportedChartFormat",
            Assert.Throws<DataException>(() => DataChart.Save(Telemetry(), request, folder.File("chart.jpg"), false)).ErrorId);
        var path = folder.File("chart.svg", "old");
        Assert.Equal("DataCenterTools.FileExists", Assert.Throws<DataException>(() => DataChart.Save(Telemetry(), request, path, false)).ErrorId);
        Assert.Equal("old", File.ReadAllText(path));
        DataChart.Save(Telemetry(), request, path, true);
        Assert.StartsWith("<", File.ReadAllText(path).TrimStart());
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    private static XDocument ParseHtml(string html)
    {
        // The report is written as well-formed XHTML-style HTML (void elements closed) so it can be checked as XML.
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void ReportIsSelfContainedEscapedAndHasEverySection()
    {
        var current = Telemetry();
        var reference = new Dataset("last_week",
        [
            new DoubleColumn("cpu", [110, 120, 130, 140, 150, 160, 170, 180]),
            new DoubleColumn("power", [100, 190, 310, 400, 480, 610, 700, 790]),
            new StringColumn("only_here", ["a", "b", "a", "b", "a", "b", "a", "b"]),
        ]);
        var html = DataReport.Build(current, new DataReportOptions { Reference = reference });

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("src=\"//", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);

        var doc = ParseHtml(html);
        var ids = doc.Descendants("section").Select(s => (string)s.Attribute("id")!).ToArray();
        Assert.Equal(["overview", "alerts", "columns", "missing", "correlations", "drift"], ids);
        var images = doc.Descendants("img").Select(i => (string)i.Attribute("src")!).ToArray();
        // cpu and power histograms, region's top values, the heatmap (the DateTime column gets none).
        Assert.Equal(4, images.Length);
        Assert.All(images, src => Assert.StartsWith("data:image/svg+xml;base64,", src));

        var section = (string id) => doc.Descendants("section").Single(s => (string?)s.Attribute("id") == id).Value;
        Assert.Contains("Duplicate rows0", section("overview"));
        // cpu and power: numpy.corrcoef = 0.998..., so the alert fires.
        Assert.Contains("HighCorrelation", section("alerts"));
        // The reference's cpu is shifted by 100: KS p-value 0.000155 (scipy ks_2samp exact), drifted; power is identical.
        Assert.Contains("1 of 2 columns drifted", section("drift"));
        Assert.Contains("only_here", section("drift"));
    }

    [Fact]
    public void ReportWithoutReferenceHasNoDriftSection()
    {
        var doc = ParseHtml(DataReport.Build(Telemetry(), new DataReportOptions()));
        Assert.DoesNotContain(doc.Descendants("section"), s => (string?)s.Attribute("id") == "drift");
    }
}
