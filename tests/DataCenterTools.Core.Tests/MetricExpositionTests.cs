using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Operations;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class MetricExpositionTests
{
    private static readonly MetricFamily Rows = new("dct_dataset_rows", MetricType.Gauge, "Rows of the dataset.");
    private static readonly MetricFamily Bytes = new("dct_a_bytes", MetricType.Gauge, "Bytes.");

    private static MetricSample Sample(MetricFamily family, double value, params (string, string)[] labels) =>
        new(family, labels.Select(l => KeyValuePair.Create(l.Item1, l.Item2)).ToArray(), value);

    [Fact]
    public void Families_come_in_name_order_with_one_help_and_type_line_each_and_samples_in_label_order()
    {
        var text = MetricExposition.ToText([
            Sample(Rows, 150, ("dataset", "iris")),
            Sample(Bytes, 7),
            Sample(Rows, 3, ("dataset", "adult")),
        ]);
        Assert.Equal(
            "# HELP dct_a_bytes Bytes.\n# TYPE dct_a_bytes gauge\ndct_a_bytes 7\n" +
            "# HELP dct_dataset_rows Rows of the dataset.\n# TYPE dct_dataset_rows gauge\n" +
            "dct_dataset_rows{dataset=\"adult\"} 3\ndct_dataset_rows{dataset=\"iris\"} 150\n", text);
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_help_escapes_backslash_and_newline()
    {
        var family = new MetricFamily("dct_x", MetricType.Counter, "a \\ b\nc \"d\"");
        var text = MetricExposition.ToText([Sample(family, 1, ("path", "C:\\data\\\"q\"\nend"))]);
        Assert.Equal("# HELP dct_x a \\\\ b\\nc \"d\"\n# TYPE dct_x counter\ndct_x{path=\"C:\\\\data\\\\\\\"q\\\"\\nend\"} 1\n", text);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(42.0, "42")]
    [InlineData(-7.0, "-7")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e20, "1E+20")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(0.1, "0.1")]
    [InlineData(2.5e-7, "2.5E-07")]
    public void Numbers_are_written_as_the_format_reads_them(double value, string expected)
    {
        Assert.Equal(expected, MetricExposition.FormatValue(value));
        if (!double.IsNaN(value)) Assert.Equal(value, ParseLikeGo(expected));
    }

    // Go's strconv.ParseFloat, which Prometheus uses, reads these spellings; .NET reads them the same way.
    private static double ParseLikeGo(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory]
    [InlineData("dct_rows", "dct_rows")]
    [InlineData("cpu pct-95%", "cpu_pct_95_")]
    [InlineData("9lives", "_9lives")]
    [InlineData("a:b", "a:b")]
    [InlineData("", "_")]
    [InlineData("吞吐", "__")]
    public void Metric_names_are_sanitized(string name, string expected) =>
        Assert.Equal(expected, MetricExposition.SanitizeMetricName(name));

    [Theory]
    [InlineData("a:b", "a_b")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("rack-7", "rack_7")]
    public void Label_names_are_sanitized_and_never_reserved(string name, string expected) =>
        Assert.Equal(expected, MetricExposition.SanitizeLabelName(name));

    [Fact]
    public void A_label_with_an_empty_value_is_left_out_and_a_duplicate_sample_keeps_the_last_value_with_a_warning()
    {
        var warnings = new List<string>();
        var text = new StringWriter();
        MetricExposition.Write(text, [Sample(Bytes, 1, ("dataset", "")), Sample(Bytes, 2)], warnings.Add);
        Assert.Equal("# HELP dct_a_bytes Bytes.\n# TYPE dct_a_bytes gauge\ndct_a_bytes 2\n", text.ToString());
        Assert.Single(warnings);
    }
}

public class DataMetricCollectorTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Export(DataMetricContext context, params object[] inputs)
    {
        var collector = new DataMetricCollector(context);
        foreach (var input in inputs) Assert.True(collector.TryAdd(input), input.GetType().Name);
        return MetricExposition.ToText(collector.Samples());
    }

    private static string[] SampleLines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();

    [Fact]
    public void A_dataset_gives_rows_columns_bytes_and_missing_cells_per_column()
    {
        var ds = new Dataset("telemetry", [TestColumns.Doubles("cpu", 1, null, 3), TestColumns.Strings("host", "a", null, null)]);
        var text = Export(new DataMetricContext { Host = "gpu-1", NowUtc = Now }, ds);
        Assert.Equal(
        [
            "dct_dataset_columns{dataset=\"telemetry\",host=\"gpu-1\"} 2",
            $"dct_dataset_memory_bytes{{dataset=\"telemetry\",host=\"gpu-1\"}} {ds.EstimatedBytes}",
            "dct_dataset_missing_cells{dataset=\"telemetry\",column=\"cpu\",host=\"gpu-1\"} 1",
            "dct_dataset_missing_cells{dataset=\"telemetry\",column=\"host\",host=\"gpu-1\"} 2",
            "dct_dataset_rows{dataset=\"telemetry\",host=\"gpu-1\"} 3",
            "dct_metrics_written_timestamp_seconds{host=\"gpu-1\"} 1796083200",
        ], SampleLines(text));
        Assert.Contains("# TYPE dct_dataset_rows gauge\n", text);
        Assert.Single(text.Split('\n'), l => l == "# HELP dct_dataset_missing_cells Missing (null) cells of one column.");
    }

    [Fact]
    public void Drift_gives_score_threshold_and_verdict_per_column_under_the_dataset_label_and_extra_labels()
    {
        var drift = new ColumnDrift { Column = "cpu", Type = ColumnType.Double, Kind = "numeric", Method = DriftMethod.Psi, Score = 0.25, Threshold = 0.2, Drifted = true };
        var context = new DataMetricContext { Host = "h", Dataset = "telemetry", NowUtc = Now, Labels = [KeyValuePair.Create("env", "prod")] };
        var lines = SampleLines(Export(context, drift));
        Assert.Contains("dct_drift_detected{dataset=\"telemetry\",column=\"cpu\",method=\"Psi\",env=\"prod\",host=\"h\"} 1", lines);
        Assert.Contains("dct_drift_score{dataset=\"telemetry\",column=\"cpu\",method=\"Psi\",env=\"prod\",host=\"h\"} 0.25", lines);
        Assert.Contains("dct_drift_threshold{dataset=\"telemetry\",column=\"cpu\",method=\"Psi\",env=\"prod\",host=\"h\"} 0.2", lines);
    }

    [Fact]
    public void A_contract_check_gives_its_verdict_rule_counts_and_rows_per_broken_rule_under_the_contract_file_name()
    {
        // Three rows: cpu 250 breaks Max 100, region "north" is not allowed, 3 rows are under MinRows 5; host is fine.
        var contract = new DataContract
        {
            MinRows = 5,
            Path = "/etc/dct/servers.contract.json",
            Columns =
            [
                new ContractColumn { Name = "cpu", Max = 100 },
                new ContractColumn { Name = "region", AllowedValues = ["east", "west"] },
                new ContractColumn { Name = "host", Nullable = false },
            ],
        };
        var data = new Dataset("servers", [TestColumns.Doubles("cpu", 10, 250, 30), TestColumns.Strings("region", "east", "north", "north"), TestColumns.Strings("host", "a", "b", "c")]);
        var report = DataContractChecker.Check(data, contract, Now);
        var passed = DataContractChecker.Check(data, new DataContract { Path = "hosts.json", Columns = [new ContractColumn { Name = "host", Nullable = false }] }, Now);
        var lines = SampleLines(Export(new DataMetricContext { Host = "h", NowUtc = Now }, [.. report.Violations, report.Result, .. passed.Violations, passed.Result]));
        var labels = "dataset=\"servers\",contract=\"servers.contract.json\"";
        Assert.Equal(
        [
            $"dct_contract_check_duration_seconds{{dataset=\"servers\",contract=\"hosts.json\",host=\"h\"}} {MetricExposition.FormatValue(passed.Result.Elapsed.TotalSeconds)}",
            $"dct_contract_check_duration_seconds{{{labels},host=\"h\"}} {MetricExposition.FormatValue(report.Result.Elapsed.TotalSeconds)}",
            "dct_contract_passed{dataset=\"servers\",contract=\"hosts.json\",host=\"h\"} 1",
            $"dct_contract_passed{{{labels},host=\"h\"}} 0",
            "dct_contract_rows{dataset=\"servers\",contract=\"hosts.json\",host=\"h\"} 3",
            $"dct_contract_rows{{{labels},host=\"h\"}} 3",
            "dct_contract_rules{dataset=\"servers\",contract=\"hosts.json\",host=\"h\"} 1",
            $"dct_contract_rules{{{labels},host=\"h\"}} 4",
            "dct_contract_rules_violated{dataset=\"servers\",contract=\"hosts.json\",host=\"h\"} 0",
            $"dct_contract_rules_violated{{{labels},host=\"h\"}} 3",
            $"dct_contract_violation_rows{{{labels},rule=\"AllowedValues\",column=\"region\",host=\"h\"}} 2",
            $"dct_contract_violation_rows{{{labels},rule=\"Range\",column=\"cpu\",host=\"h\"}} 1",
            $"dct_contract_violation_rows{{{labels},rule=\"RowCount\",host=\"h\"}} 3",
            "dct_metrics_written_timestamp_seconds{host=\"h\"} 1796083200",
        ], lines);
    }

    [Fact]
    public void A_label_the_metrics_set_themselves_is_refused()
    {
        var e = Assert.Throws<DataException>(() => new DataMetricCollector(new DataMetricContext { Host = "h", Labels = [KeyValuePair.Create("dataset", "x")] }));
        Assert.Equal("DataCenterTools.MetricLabelReserved", e.ErrorId);
    }

    [Fact]
    public void A_custom_metric_is_prefixed_and_sanitized_and_a_type_without_metrics_is_refused()
    {
        var custom = new CustomMetric("rows rejected", 3, null, new Dictionary<string, string> { ["step"] = "import", ["host"] = "spoofed" });
        var lines = SampleLines(Export(new DataMetricContext { Host = "h", NowUtc = Now }, custom));
        Assert.Contains("dct_rows_rejected{step=\"import\",host=\"h\"} 3", lines);
        Assert.False(new DataMetricCollector(new DataMetricContext { Host = "h" }).TryAdd("a string"));
    }

    [Fact]
    public void Every_family_name_follows_the_conventions_and_total_is_only_for_counters()
    {
        foreach (var family in DataMetricFamilies.All)
        {
            Assert.Matches("^dct_[a-z0-9_]+$", family.Name);
            Assert.Equal(family.Type == MetricType.Counter, family.Name.EndsWith("_total", StringComparison.Ordinal));
            Assert.DoesNotMatch("_(ms|milliseconds|kb|mb|gb|kib|mib|gib)(_|$)", family.Name);
            // promtool check metrics refuses these suffixes on anything but a histogram or summary.
            Assert.DoesNotMatch("_(count|sum|bucket)$", family.Name);
        }
        Assert.Equal(DataMetricFamilies.All.Count, DataMetricFamilies.All.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void The_file_is_written_atomically_refused_without_force_and_an_unwritable_folder_is_a_clear_error()
    {
        using var folder = new TempFolder();
        var path = folder.File("dct.prom");
        var samples = new DataMetricCollector(new DataMetricContext { Host = "h", NowUtc = Now }).Samples();
        DataMetricFile.Write(path, samples, overwrite: false);
        Assert.Equal("# HELP dct_metrics_written_timestamp_seconds When Export-DataMetric wrote this file, seconds since the Unix epoch.\n" +
            "# TYPE dct_metrics_written_timestamp_seconds gauge\ndct_metrics_written_timestamp_seconds{host=\"h\"} 1796083200\n", File.ReadAllText(path));
        Assert.Equal("DataCenterTools.FileExists", Assert.Throws<DataException>(() => DataMetricFile.Write(path, samples, overwrite: false)).ErrorId);
        DataMetricFile.Write(path, samples, overwrite: true);
        Assert.Equal(["dct.prom"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        if (OperatingSystem.IsLinux())
        {
            // sysfs refuses new files even to root, so this holds however the tests run.
            var e = Assert.Throws<DataException>(() => DataMetricFile.Write("/sys/kernel/dct.prom", samples, overwrite: false));
            Assert.Equal("DataCenterTools.MetricsFolderNotWritable", e.ErrorId);
            Assert.Contains("/sys/kernel", e.Message);
        }
    }
}
