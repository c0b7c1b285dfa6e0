using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Hive-style partitioned Parquet folders: the plan and the folder names for hand-worked rows, values that cannot be
/// folder names, the atomic folder write (exists, -Force, stop), reading back with typed partition columns and
/// merged schemas, and DuckDB reading ours and we reading DuckDB's.
/// </summary>
public class PartitionedParquetTests
{
    private static readonly DateTime Nov1 = new(2026, 11, 1);
    private static readonly DateTime Nov2 = new(2026, 11, 2);

    /// <summary>Four rows: three partitions with a value, one with a missing region.</summary>
    private static Dataset Sales() => new("sales",
    [
        new StringColumn("region", ["cn-east", "us-west", "cn-east", null]),
        new DateTimeColumn("day", [Nov1, Nov1, Nov2, Nov1]),
        new Int64Column("v", [1, 2, 3, 4]),
        new DoubleColumn("x", [0.5, 1.5, 2.5, 3.5], ValidityBitmap.FromFlags([true, true, false, true])),
    ]);

    private static IReadOnlyList<string> Write(Dataset ds, string folder, params string[] by) =>
        PartitionedDatasetWriter.Write(PartitionPlan.Create(ds, by), folder, new WriteOptions());

    private static string[] FilesUnder(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Writes_one_folder_per_value_combination_without_the_partition_columns_in_the_files()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "sales");
        var written = Write(Sales(), folder, "region", "day");
        Assert.Equal(
        [
            "region=cn-east/day=2026-11-01/part-0.parquet",
            "region=us-west/day=2026-11-01/part-0.parquet",
            "region=cn-east/day=2026-11-02/part-0.parquet",
            "region=__HIVE_DEFAULT_PARTITION__/day=2026-11-01/part-0.parquet",
        ], written);
        Assert.Equal(written.Order(StringComparer.Ordinal), FilesUnder(folder));
        var part = ParquetDatasetReader.Read(Path.Combine(folder, "region=cn-east/day=2026-11-01/part-0.parquet"), new ReadOptions());
        Assert.Equal(["v", "x"], part.Schema.Select(c => c.Name));
        Assert.Equal([1L], ((Int64Column)part["v"]).Values.ToArray());
        Assert.Equal([Path.GetFileName(folder)], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Reads_the_folder_back_in_sorted_path_order_with_typed_partition_columns()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "sales");
        Write(Sales(), folder, "region", "day");
        var back = PartitionedDatasetReader.Read(folder, new ReadOptions());
        Assert.Equal(["v", "x", "region", "day"], back.Schema.Select(c => c.Name));
        Assert.Equal([ColumnType.Int64, ColumnType.Double, ColumnType.String, ColumnType.DateTime], back.Schema.Select(c => c.Type));
        // Sorted paths: region=__HIVE_DEFAULT_PARTITION__ < region=cn-east/day=2026-11-01 < .../day=2026-11-02 < region=us-west.
        Assert.Equal([4L, 1, 3, 2], ((Int64Column)back["v"]).Values.ToArray());
        Assert.Equal([null, "cn-east", "cn-east", "us-west"], Enumerable.Range(0, 4).Select(i => (string?)back["region"].GetValue(i)));
        Assert.Equal([Nov1, Nov1, Nov2, Nov1], ((DateTimeColumn)back["day"]).Values.ToArray());
        Assert.Equal([3.5, 0.5, null, 1.5], Enumerable.Range(0, 4).Select(i => (double?)back["x"].GetValue(i)));
        Assert.Equal("sales", back.Name);
        Assert.Equal(folder, back.Source!.Path);
        Assert.Equal("Parquet+hive", back.Source.Format);
        var step = Assert.Single(back.Lineage);
        Assert.Equal(("Import-Dataset", folder, "4", "region,day"), (step.Operation, step.Parameters["Path"], step.Parameters["Files"], step.Parameters["PartitionBy"]));
    }

    [Fact]
    public void Partition_values_round_trip_with_their_types_and_schema_forces_text()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "t");
        var ds = new Dataset("t",
        [
            new Int64Column("rack", [7, -3]),
            new DoubleColumn("load", [2.0, 0.25]),
            new BooleanColumn("ok", [true, false]),
            new StringColumn("code", ["007", "12"]),
            new Int64Column("v", [10, 20]),
        ]);
        var written = Write(ds, folder, "rack", "load", "ok", "code");
        Assert.Equal("rack=7/load=2.0/ok=true/code=007/part-0.parquet", written[0]);
        var back = PartitionedDatasetReader.Read(folder, new ReadOptions());
        Assert.Equal([ColumnType.Int64, ColumnType.Int64, ColumnType.Double, ColumnType.Boolean, ColumnType.String], back.Schema.Select(c => c.Type));
        // rack=-3 sorts before rack=7.
        Assert.Equal([-3L, 7], ((Int64Column)back["rack"]).Values.ToArray());
        Assert.Equal([0.25, 2.0], ((DoubleColumn)back["load"]).Values.ToArray());
        Assert.Equal([false, true], ((BooleanColumn)back["ok"]).Values.ToArray());
        Assert.Equal(["12", "007"], Enumerable.Range(0, 2).Select(i => (string?)back["code"].GetValue(i)));

        var asText = PartitionedDatasetReader.Read(folder, new ReadOptions { Schema = new Dictionary<string, ColumnType> { ["rack"] = ColumnType.String } });
        Assert.Equal(ColumnType.String, asText["rack"].Type);
        Assert.Equal(["-3", "7"], Enumerable.Range(0, 2).Select(i => (string?)asText["rack"].GetValue(i)));
    }

    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a=b", "'='")]
    [InlineData("..", "not a folder name")]
    [InlineData("a\0b", "U+0000")]
    [InlineData("", "empty")]
    [InlineData("50%", "'%'")]
    [InlineData("c:d", "':'")]
    [InlineData("__HIVE_DEFAULT_PARTITION__", "missing")]
    public void A_value_that_cannot_be_a_folder_name_is_an_error_before_anything_is_written(string value, string why)
    {
        using var temp = new TempFolder();
        var ds = new Dataset("t", [new StringColumn("region", ["ok", value]), new Int64Column("v", [1, 2])]);
        var e = Assert.Throws<DataException>(() => Write(ds, Path.Combine(temp.Path, "out"), "region"));
        Assert.Equal("DataCenterTools.PartitionValueInvalid", e.ErrorId);
        Assert.Equal("region", e.ColumnName);
        Assert.Contains("(row 2)", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_time_of_day_or_a_partition_of_every_column_is_refused()
    {
        var ds = new Dataset("t", [new DateTimeColumn("ts", [Nov1.AddHours(3)]), new Int64Column("v", [1])]);
        var e = Assert.Throws<DataException>(() => PartitionPlan.Create(ds, ["ts"]));
        Assert.Equal("DataCenterTools.PartitionValueInvalid", e.ErrorId);
        Assert.Contains("date([ts])", e.Recommendation);
        Assert.Equal("DataCenterTools.InvalidArgument", Assert.Throws<DataException>(() => PartitionPlan.Create(ds, ["ts", "v"])).ErrorId);
        Assert.Equal("DataCenterTools.ColumnNotFound", Assert.Throws<DataException>(() => PartitionPlan.Create(ds, ["nope"])).ErrorId);
    }

    [Fact]
    public void An_existing_folder_is_kept_without_overwrite_and_replaced_whole_with_it()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "sales");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "old.txt"), "old");
        var plan = PartitionPlan.Create(Sales(), ["region"]);
        var e = Assert.Throws<DataException>(() => PartitionedDatasetWriter.Write(plan, folder, new WriteOptions()));
        Assert.Equal("DataCenterTools.FolderExists", e.ErrorId);
        Assert.Equal(["old.txt"], FilesUnder(folder));

        PartitionedDatasetWriter.Write(plan, folder, new WriteOptions { Overwrite = true });
        Assert.Equal(
        [
            "region=__HIVE_DEFAULT_PARTITION__/part-0.parquet", "region=cn-east/part-0.parquet", "region=us-west/part-0.parquet",
        ], FilesUnder(folder));
        Assert.Equal(["sales"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_stop_midway_leaves_neither_the_folder_nor_a_temp_folder()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "sales");
        using var stop = new CancellationTokenSource();
        var options = new WriteOptions { Cancellation = stop.Token, Progress = (_, _) => stop.Cancel() };
        Assert.ThrowsAny<OperationCanceledException>(() => PartitionedDatasetWriter.Write(PartitionPlan.Create(Sales(), ["region"]), folder, options));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_temp_folder_left_by_a_dead_process_is_removed_by_the_next_write_beside_it()
    {
        using var temp = new TempFolder();
        var stale = Path.Combine(temp.Path, ".sales.dct-1-0123456789ab.tmp");
        Directory.CreateDirectory(Path.Combine(stale, "region=a"));
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-1));
        Write(Sales(), Path.Combine(temp.Path, "other"), "region");
        Assert.False(Directory.Exists(stale));
    }

    [Fact]
    public void Files_whose_schemas_differ_widen_int_to_double_and_a_clash_names_the_file_and_column()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "mixed");
        Directory.CreateDirectory(Path.Combine(folder, "k=a"));
        Directory.CreateDirectory(Path.Combine(folder, "k=b"));
        ParquetDatasetWriter.Write(new Dataset("a", [new Int64Column("x", [1, 2])]), Path.Combine(folder, "k=a/part-0.parquet"), new WriteOptions());
        ParquetDatasetWriter.Write(new Dataset("b", [new DoubleColumn("x", [0.5])]), Path.Combine(folder, "k=b/part-0.parquet"), new WriteOptions());
        var back = PartitionedDatasetReader.Read(folder, new ReadOptions());
        Assert.Equal([1.0, 2.0, 0.5], ((DoubleColumn)back["x"]).Values.ToArray());

        var clash = Path.Combine(folder, "k=c/part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(clash)!);
        ParquetDatasetWriter.Write(new Dataset("c", [new StringColumn("x", ["text"])]), clash, new WriteOptions());
        var e = Assert.Throws<DataException>(() => PartitionedDatasetReader.Read(folder, new ReadOptions()));
        Assert.Equal("DataCenterTools.SchemaMismatch", e.ErrorId);
        Assert.Equal(clash, e.File);
        Assert.Equal("x", e.ColumnName);
        Assert.Contains("'k=c/part-0.parquet'", e.Message);
    }

    [Fact]
    public void A_file_outside_the_partition_layout_is_an_error_naming_it()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "sales");
        Write(Sales(), folder, "region", "day");
        var stray = Path.Combine(folder, "region=cn-east", "part-9.parquet");
        ParquetDatasetWriter.Write(new Dataset("s", [new Int64Column("v", [9])]), stray, new WriteOptions());
        var e = Assert.Throws<DataException>(() => PartitionedDatasetReader.Read(folder, new ReadOptions()));
        Assert.Equal("DataCenterTools.PartitionLayoutInvalid", e.ErrorId);
        Assert.Equal(stray, e.File);
    }

    [Fact]
    public void DuckDB_reads_our_partitioned_folder_as_one_table()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "sales");
        Write(Sales(), folder, "region", "day");
        using var duck = ParquetInteropTests.Duck();
        var scan = $"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)";
        var types = ParquetInteropTests.Query(duck, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {scan})").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(new Dictionary<string, string> { ["v"] = "BIGINT", ["x"] = "DOUBLE", ["region"] = "VARCHAR", ["day"] = "DATE" }, types);
        var rows = ParquetInteropTests.Query(duck, $"SELECT v, x, region, strftime(day, '%Y-%m-%d') FROM {scan} ORDER BY v");
        Assert.Equal(
        [
            [1L, 0.5, "cn-east", "2026-11-01"],
            [2L, 1.5, "us-west", "2026-11-01"],
            [3L, null, "cn-east", "2026-11-02"],
            [4L, 3.5, null, "2026-11-01"],
        ], rows);
    }

    [Fact]
    public void We_read_a_partitioned_folder_DuckDB_writes()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "duck");
        using var duck = ParquetInteropTests.Duck();
        ParquetInteropTests.Query(duck, $"""
            COPY (SELECT * FROM (VALUES
                (1, 'cn-east', DATE '2026-11-01', 10, 'a'),
                (2, 'cn-east', DATE '2026-11-02', 20, 'b'),
                (3, 'us-west', DATE '2026-11-01', 30, NULL),
                (4, NULL, DATE '2026-11-01', 40, 'd')) t(id, region, day, rack, note))
            TO '{folder}' (FORMAT parquet, PARTITION_BY (region, day))
            """);
        var back = PartitionedDatasetReader.Read(folder, new ReadOptions());
        Assert.Equal(["id", "rack", "note", "region", "day"], back.Schema.Select(c => c.Name));
        Assert.Equal([ColumnType.Int64, ColumnType.Int64, ColumnType.String, ColumnType.String, ColumnType.DateTime], back.Schema.Select(c => c.Type));
        var byId = Enumerable.Range(0, back.RowCount).OrderBy(i => (long)back["id"].GetValue(i)!)
            .Select(i => new object?[] { back["id"].GetValue(i), back["rack"].GetValue(i), back["note"].GetValue(i), back["region"].GetValue(i), back["day"].GetValue(i) }).ToList();
        Assert.Equal(
        [
            [1L, 10L, "a", "cn-east", Nov1],
            [2L, 20L, "b", "cn-east", Nov2],
            [3L, 30L, null, "us-west", Nov1],
            [4L, 40L, "d", null, Nov1],
        ], byId);
        // The same rows DuckDB itself reads from its folder.
        var duckRows = ParquetInteropTests.Query(duck, $"SELECT count(*)::BIGINT, sum(rack)::BIGINT FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)");
        Assert.Equal([4L, 100L], duckRows[0]);
    }
}
