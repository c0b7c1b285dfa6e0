using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;

namespace DataCenterTools.Core.Tests;

/// <summary>Data contracts: drafts worked out by hand, pandera-style violations, file lines, and bad contract files.</summary>
public class DataContractTests
{
    private static readonly DateTime Hour0 = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTimeColumn Times(string name, params DateTime?[] values) =>
        new(name, values.Select(v => v ?? default).ToArray(), ValidityBitmap.FromFlags(values.Select(v => v.HasValue).ToArray()));

    /// <summary>Six good rows: ids, identifier-like hosts, two regions, cpu with one gap, memory, hourly times.</summary>
    private static Dataset Servers() => new("servers",
    [
        TestColumns.Longs("id", 1, 2, 3, 4, 5, 6),
        TestColumns.Strings("host", "vm-001", "vm-002", "vm-017", "vm-100", "vm-101", "vm-102"),
        TestColumns.Strings("region", "east", "west", "east", "west", "east", "west"),
        TestColumns.Doubles("cpu", 10, 20, 30, 40, 50, null),
        TestColumns.Longs("mem", 100, 200, 300, 400, 500, 600),
        Times("t", Hour0, Hour0.AddHours(1), Hour0.AddHours(2), Hour0.AddHours(3), Hour0.AddHours(4), Hour0.AddHours(5)),
    ]);

    private static ContractInferenceOptions Draft => new() { KeyColumns = ["id"], TimestampColumn = "t", Now = Hour0.AddHours(11) };

    [Fact]
    public void Infers_each_rule_from_good_data_as_worked_by_hand()
    {
        var c = DataContractInference.Infer(Servers(), Draft);
        Assert.Equal((5L, 7L), (c.MinRows!.Value, c.MaxRows!.Value)); // 6 rows: floor(5.4), ceil(6.6)
        Assert.Equal(["id"], c.Key);
        Assert.Equal("t", c.FreshnessColumn);
        Assert.Equal(TimeSpan.FromHours(7), c.MaxAge); // newest 05:00, now 11:00: 6 h x 1.1 = 6.6 h, up to the hour
        var id = c.Columns[0];
        Assert.Equal((ColumnType.Int64, false, 0.0, 7.0), (id.Type!.Value, id.Nullable!.Value, id.Min!.Value, id.Max!.Value)); // 1..6, span 5: 0.5..6.5 -> whole 0..7
        Assert.Equal("^[a-z]{2}-[0-9]{3}$", c.Columns[1].Pattern);
        Assert.Null(c.Columns[1].AllowedValues); // six distinct values in six rows are not a set
        Assert.Equal(["east", "west"], c.Columns[2].AllowedValues!);
        Assert.Null(c.Columns[2].Pattern);
        var cpu = c.Columns[3];
        Assert.Equal((true, 6.0, 54.0), (cpu.Nullable!.Value, cpu.Min!.Value, cpu.Max!.Value)); // 10..50, span 40: 4 each side
        Assert.Equal((50.0, 650.0), (c.Columns[4].Min!.Value, c.Columns[4].Max!.Value));
        Assert.Equal((ColumnType.DateTime, null, null), (c.Columns[5].Type!.Value, c.Columns[5].Min, c.Columns[5].Max));
        Assert.Equal(19, c.RuleCount); // rows, key, freshness + 3 + 3 + 3 + 2 (cpu may be missing) + 3 + 2
    }

    [Theory]
    [InlineData(0, 100, false, 0, 110)]              // -10 is clamped: no value was negative
    [InlineData(0.123, 0.456, false, 0.089, 0.49)]    // span 0.333: step 0.001, outward
    [InlineData(-5, -5, false, -5.5, -4.5)]          // one value: its size is the span
    [InlineData(7, 7, true, 6, 8)]                    // 6.3..7.7, whole
    [InlineData(-20, 80, false, -30, 90)]
    public void Widens_bounds_by_the_margin_and_rounds_outward(double min, double max, bool whole, double low, double high)
    {
        Assert.Equal((low, high), DataContractInference.Widen(min, max, 0.1, whole));
    }

    [Theory]
    [InlineData("^[a-z]{2}-[0-9]{3}$", "vm-001", "vm-017", "vm-100")]
    [InlineData("^[a-z]{4}[0-9]{1,2}$", "host1", "host22")]
    [InlineData("^[A-Za-z][0-9][A-Za-z]$", "A1b", "c2D")]
    [InlineData("^[A-Za-z0-9]{4}$", "ab12", "12ab")]
    [InlineData(@"^[0-9]{2,3}\.[0-9]{1,3}\.[0-9]\.[0-9]{1,2}$", "10.0.0.1", "192.168.1.20")]
    [InlineData(null, "a b", "c d")]        // spaces: text, not identifiers
    [InlineData(null, "ab-1", "ab")]        // two shapes
    [InlineData(null, "café1", "thé22")]    // not ASCII
    public void Infers_an_identifier_pattern_only_when_every_value_has_one_shape(string? expected, params string[] values)
    {
        var pattern = IdentifierPattern.Infer(values);
        Assert.Equal(expected, pattern);
        if (pattern != null) Assert.All(values, v => Assert.Matches(pattern, v));
    }

    [Fact]
    public void A_draft_checked_against_its_own_data_passes_and_survives_a_JSON_round_trip()
    {
        var data = Servers();
        var contract = DataContractInference.Infer(data, Draft);
        var json = DataContractFile.ToJson(contract);
        Assert.Contains("\"$schema\": \"" + DataContract.SchemaUri + "\"", json);
        Assert.Contains("\"version\": 1", json);
        Assert.Contains("\"pattern\": \"^[a-z]{2}-[0-9]{3}$\"", json);
        Assert.Contains("\"maxAge\": \"07:00:00\"", json);
        var back = DataContractFile.Parse(json, "servers.json");
        Assert.Equal(json, DataContractFile.ToJson(back));
        var report = DataContractChecker.Check(data, back, Hour0.AddHours(11));
        Assert.Empty(report.Violations);
        Assert.True(report.Result.Passed);
        Assert.Equal((19, 0, 6L), (report.Result.RulesChecked, report.Result.Violations, report.Result.Rows));
    }

    /// <summary>A hand-made contract and five rows that break it in every pandera-style way.</summary>
    [Fact]
    public void Reports_each_broken_rule_with_its_count_rows_and_values()
    {
        var contract = DataContractFile.Parse("""
            {
              "version": 1,
              "rows": { "min": 2, "max": 10 },
              "key": ["id"],
              "freshness": { "column": "t", "maxAge": "01:00:00" },
              // people may comment their rules
              "columns": [
                { "name": "id", "type": "Int64", "nullable": false },
                { "name": "cpu", "type": "Double", "min": 0, "max": 100 },
                { "name": "region", "allowedValues": ["east", "west"] },
                { "name": "host", "type": "String", "pattern": "^vm-[0-9]{3}$" },
              ]
            }
            """);
        var data = new Dataset("bad",
        [
            TestColumns.Longs("id", 1, 2, 2, null, 5),
            TestColumns.Doubles("cpu", 50, 101, -1, double.NaN, 20),
            TestColumns.Strings("region", "east", "north", "west", "east", "south"),
            TestColumns.Strings("host", "vm-001", "vm-002", "vm-3", "VM-004", "vm-005"),
            Times("t", Hour0, Hour0.AddHours(1), Hour0.AddHours(2), Hour0.AddHours(3), Hour0.AddHours(4)),
        ]);
        var report = DataContractChecker.Check(data, contract, Hour0.AddHours(10));
        var v = report.Violations;
        Assert.Equal(["Unique", "Freshness", "NotNull", "Range", "AllowedValues", "Pattern"], v.Select(x => x.Rule));
        Assert.All(v, x => Assert.Equal(RowLocation.RowIndex, x.LineKind));
        Assert.Equal(1L, v[0].Count);
        Assert.Equal(new long[] { 2 }, v[0].Lines);
        Assert.Equal(new[] { "2" }, v[0].Samples);
        Assert.Equal(5L, v[1].Count);
        Assert.Equal(new long[] { 4 }, v[1].Lines);
        Assert.Equal(new[] { "2026-12-01T04:00:00Z" }, v[1].Samples);
        Assert.Contains("6 hours old", v[1].Message);
        Assert.Equal("id", v[2].Column);
        Assert.Equal(1L, v[2].Count);
        Assert.Equal(new long[] { 3 }, v[2].Lines);
        Assert.Equal("cpu", v[3].Column);
        Assert.Equal(3L, v[3].Count);
        Assert.Equal(new long[] { 1, 2, 3 }, v[3].Lines);
        Assert.Equal(new[] { "101", "-1", "NaN" }, v[3].Samples);
        Assert.Equal(2L, v[4].Count);
        Assert.Equal(new long[] { 1, 4 }, v[4].Lines);
        Assert.Equal(new[] { "north", "south" }, v[4].Samples);
        Assert.Equal(2L, v[5].Count);
        Assert.Equal(new long[] { 2, 3 }, v[5].Lines);
        Assert.Equal(new[] { "vm-3", "VM-004" }, v[5].Samples);
        Assert.False(report.Result.Passed);
        Assert.Equal((10, 6, 5L), (report.Result.RulesChecked, report.Result.Violations, report.Result.Rows));
    }

    [Fact]
    public void Checks_types_whatever_the_column_holds()
    {
        var contract = new DataContract
        {
            Columns =
            [
                new ContractColumn { Name = "count", Type = ColumnType.Int64 },
                new ContractColumn { Name = "load", Type = ColumnType.Double, Max = 100 },
                new ContractColumn { Name = "up", Type = ColumnType.Boolean },
            ],
        };
        var data = new Dataset("mixed",
        [
            TestColumns.Doubles("count", 1.0, 2.5, 3.0, null),
            TestColumns.Strings("load", "1.5", "abc", null, "200"),
            TestColumns.Longs("up", 1, null, 0, 1),
        ]);
        var v = DataContractChecker.Check(data, contract, Hour0).Violations;
        Assert.Equal(["Type", "Type", "Range", "Type"], v.Select(x => x.Rule));
        Assert.Equal("count", v[0].Column);
        Assert.Equal(new long[] { 1 }, v[0].Lines);
        Assert.Equal(new[] { "2.5" }, v[0].Samples);
        Assert.Equal("load", v[1].Column);
        Assert.Equal(new long[] { 1 }, v[1].Lines);
        Assert.Equal(new[] { "abc" }, v[1].Samples);
        Assert.Equal("load", v[2].Column);
        Assert.Equal(new long[] { 3 }, v[2].Lines);
        Assert.Equal(new[] { "200" }, v[2].Samples);
        Assert.Equal("up", v[3].Column);
        Assert.Equal(3L, v[3].Count);
        Assert.Equal(new long[] { 0, 2, 3 }, v[3].Lines);
        Assert.Contains("not Boolean (the column is Int64)", v[3].Message);
    }

    [Fact]
    public void Row_count_bounds_and_a_missing_timestamp_fail()
    {
        var contract = new DataContract { MinRows = 10, FreshnessColumn = "t", MaxAge = TimeSpan.FromDays(1) };
        var data = new Dataset("few", [Times("t", null, null)]);
        var v = DataContractChecker.Check(data, contract, Hour0).Violations;
        Assert.Equal(["RowCount", "Freshness"], v.Select(x => x.Rule));
        Assert.Equal(2, v[0].Count);
        Assert.Equal("2 rows; the contract allows 10 to any number.", v[0].Message);
        Assert.Contains("has no value", v[1].Message);
    }

    [Fact]
    public void Reports_the_file_lines_of_bad_rows_read_whole_or_in_chunks()
    {
        using var folder = new TempFolder();
        // Header on line 1, a blank line 4, rows on lines 2, 3, 5, 6 and 7.
        var path = folder.File("hosts.csv", "id,cpu,region\n1,50,east\n2,150,west\n\n3,20,north\n2,30,east\n4,x,west\n");
        var contract = new DataContract
        {
            Key = ["id"],
            Columns =
            [
                new ContractColumn { Name = "cpu", Type = ColumnType.Double, Max = 100 },
                new ContractColumn { Name = "region", AllowedValues = ["east", "west"] },
            ],
        };
        var whole = DataContractChecker.Check(CsvDatasetReader.Read(path, new ReadOptions()), contract, Hour0).Violations;
        var chunked = new DataContractChecker(contract, "hosts", Hour0);
        foreach (var chunk in CsvDatasetReader.ReadChunks(path, new ReadOptions(), rowsPerChunk: 2)) chunked.Add(chunk);
        var streamed = DataContractChecker.CheckFile(path, contract, Hour0, new ReadOptions()).Violations;
        foreach (var v in new[] { whole, chunked.Finish().Violations, streamed })
        {
            Assert.Equal(["Unique", "Type", "Range", "AllowedValues"], v.Select(x => x.Rule));
            Assert.All(v, x => Assert.Equal(RowLocation.SourceLine, x.LineKind));
            Assert.Equal([6L], v[0].Lines);
            Assert.Equal([7L], v[1].Lines);
            Assert.Equal(["x"], v[1].Samples);
            Assert.Equal([3L], v[2].Lines);
            Assert.Equal([5L], v[3].Lines);
        }
    }

    [Fact]
    public void Streams_a_key_whose_type_changes_between_chunks()
    {
        using var folder = new TempFolder();
        // Chunks of two rows: Int64 ids, then an id of text, so the key set moves from numbers to text midway.
        var path = folder.File("ids.csv", "id\n1\n2\n3\nx7\n1\nx7\n");
        var checker = new DataContractChecker(new DataContract { Key = ["id"] }, "ids", Hour0);
        foreach (var chunk in CsvDatasetReader.ReadChunks(path, new ReadOptions(), rowsPerChunk: 2)) checker.Add(chunk);
        var v = Assert.Single(checker.Finish().Violations);
        Assert.Equal(2L, v.Count);
        Assert.Equal(new long[] { 6, 7 }, v.Lines);
        Assert.Equal(new[] { "1", "x7" }, v.Samples);
    }

    [Fact]
    public void String_columns_of_a_file_are_read_as_text_so_leading_zeros_stay()
    {
        using var folder = new TempFolder();
        var path = folder.File("codes.csv", "code\n007\n012\n123\n");
        var contract = new DataContract { Columns = [new ContractColumn { Name = "code", Type = ColumnType.String, Pattern = "^[0-9]{3}$" }] };
        Assert.True(DataContractChecker.CheckFile(path, contract, Hour0, new ReadOptions()).Result.Passed);
    }

    [Theory]
    [InlineData("{ \"version\": 2, \"columns\": [] }", "DataContractUnsupportedVersion", "version 2")]
    [InlineData("{ \"columns\": [ { \"name\": \"a\", \"type\": \"Int64\" } ] }", "DataContractUnsupportedVersion", "no \"version\"")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\" } ] }", "DataContractEmpty", "no rule")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\", \"nullable\": true } ] }", "DataContractEmpty", "no rule")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\", \"nulable\": false } ] }", "DataContractInvalid", "columns[0].nulable")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\", \"min\": 5, \"max\": 1 } ] }", "DataContractInvalid", "min 5 above max 1")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\", \"pattern\": \"([a-z\" } ] }", "DataContractInvalid", "not a valid regular expression")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\", \"type\": \"Integer32\" } ] }", "DataContractInvalid", "'Integer32' is not a column type")]
    [InlineData("{ \"version\": 1, \"columns\": [ { \"name\": \"a\", \"type\": \"String\", \"min\": 0 } ] }", "DataContractInvalid", "min and max apply to Int64 and Double")]
    [InlineData("{ \"version\": 1, \"freshness\": { \"column\": \"t\", \"maxAge\": \"soon\" } }", "DataContractInvalid", "'soon' is not a duration")]
    [InlineData("{ \"version\": 1, \"rows\": { \"min\": \"5\" } }", "DataContractInvalid", "rows.min: is not a whole number")]
    [InlineData("[1, 2]", "DataContractInvalid", "not a JSON object")]
    public void A_contract_file_that_checks_nothing_or_cannot_be_read_is_an_error(string json, string errorId, string message)
    {
        var e = Assert.Throws<DataException>(() => DataContractFile.Parse(json, "c.json"));
        Assert.Equal("DataCenterTools." + errorId, e.ErrorId);
        Assert.Contains(message, e.Message);
        Assert.Equal("c.json", e.File);
    }

    [Fact]
    public void Malformed_JSON_names_its_line_and_column()
    {
        var json = "{\n  \"version\": 1,\n  \"columns\": [ { \"name\": \"a\" \"type\": \"Int64\" } ]\n}";
        var e = Assert.Throws<DataException>(() => DataContractFile.Parse(json, "c.json"));
        Assert.Equal("DataCenterTools.DataContractMalformed", e.ErrorId);
        Assert.Equal(3, e.Line);
        Assert.Contains("line 3, column 30", e.Message);
    }

    [Theory]
    [InlineData("06:00:00", 6)]
    [InlineData("1.00:00:00", 24)]
    [InlineData("P1D", 24)]
    [InlineData("PT6H", 6)]
    public void Reads_ages_as_TimeSpans_or_ISO_8601_durations(string text, double hours)
    {
        var c = DataContractFile.Parse($$"""{ "version": 1, "freshness": { "column": "t", "maxAge": "{{text}}" } }""");
        Assert.Equal(TimeSpan.FromHours(hours), c.MaxAge);
    }

    [Fact]
    public void A_rule_on_a_column_the_data_lacks_is_an_error_not_a_pass()
    {
        var contract = new DataContract { Columns = [new ContractColumn { Name = "cpu_pct", Nullable = false }], Key = ["hots"] };
        var e = Assert.Throws<DataException>(() => DataContractChecker.Check(Servers(), contract, Hour0));
        Assert.Equal("DataCenterTools.DataContractColumnNotFound", e.ErrorId);
        Assert.Contains("'cpu_pct', 'hots'", e.Message);
        Assert.Equal(DataErrorKind.ObjectNotFound, e.Kind);
    }

    [Fact]
    public void A_draft_key_must_be_unique_in_the_good_data()
    {
        var e = Assert.Throws<DataException>(() => DataContractInference.Infer(Servers(), new ContractInferenceOptions { KeyColumns = ["region"] }));
        Assert.Equal("DataCenterTools.DataContractKeyNotUnique", e.ErrorId);
        Assert.Contains("4 row(s)", e.Message);
        var composite = DataContractInference.Infer(Servers(), new ContractInferenceOptions { KeyColumns = ["region", "host"] });
        Assert.Equal(["region", "host"], composite.Key);
    }

    [Fact]
    public void Writes_contracts_atomically_and_never_over_a_file_without_overwrite()
    {
        using var folder = new TempFolder();
        var path = folder.File("c.json");
        var contract = DataContractInference.Infer(Servers(), Draft);
        DataContractFile.Write(contract, path, overwrite: false);
        Assert.Equal(DataContractFile.ToJson(contract), File.ReadAllText(path));
        var e = Assert.Throws<DataException>(() => DataContractFile.Write(contract, path, overwrite: false));
        Assert.Equal("DataCenterTools.FileExists", e.ErrorId);
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }
}
