using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Operations;

namespace DataCenterTools.Core.Tests;

/// <summary>The training-resource arithmetic on hand-worked cases, and against GPT-3's published compute.</summary>
public class ResourcePlanTests
{
    private static TrainingJob SevenB(double? tokensPerSecond = null, int? gpus = null, double? flops = null) => new()
    {
        Parameters = 7e9, Tokens = 2e12, TokensPerSecond = tokensPerSecond, GpuCount = gpus, GpuFlops = flops, CheckpointCount = 3,
    };

    [Fact]
    public void Compute_checkpoints_and_wall_time_of_a_7B_model_on_1024_GPUs()
    {
        var plan = ResourcePlan.Plan(SevenB(gpus: 1024, flops: 989e12));
        // C = 6 N D = 6 x 7e9 x 2e12 = 42e21 x 2 = 8.4e22 FLOPs.
        Approx.Relative(8.4e22, plan.Flops);
        // Achieved FLOP/s = 1024 x 989e12 x 0.4 = 1024 x 395.6e12 = 405094.4e12 = 4.050944e17.
        // Wall = 8.4e22 / 4.050944e17 = 207359.07 s = 2.3999 days.
        Approx.Relative(8.4e22 / 4.050944e17, plan.WallSeconds!.Value);
        Approx.Relative(207359.0748, plan.WallSeconds!.Value, 1e-8);
        // Tokens/s = 4.050944e17 / (6 x 7e9 = 4.2e10) = 9645104.76; and D / tokens/s gives the same wall time.
        Approx.Relative(4.050944e17 / 4.2e10, plan.TokensPerSecond!.Value);
        Approx.Relative(2e12 / plan.TokensPerSecond!.Value, plan.WallSeconds!.Value);
        Assert.Equal("GPU", plan.ThroughputSource);
        // Read bandwidth at the default 4 bytes/token: 9645104.76 x 4 = 38580419.05 B/s (about 36.8 MiB/s).
        Approx.Relative(4 * 4.050944e17 / 4.2e10, plan.ReadBytesPerSecond!.Value);
        Assert.Equal("Default", plan.BytesPerTokenSource);
        // Checkpoint with Adam state: 16 x 7e9 = 112e9 bytes; weights only 2 x 7e9 = 14e9; three kept: 336e9.
        Assert.Equal((112e9, 14e9, 336e9), (plan.CheckpointBytes, plan.WeightsBytes, plan.CheckpointStorageBytes));
        // GPU-hours: 207359.07 s x 1024 / 3600 = 58982.14.
        Approx.Relative(207359.07482305358 * 1024 / 3600, plan.GpuHours!.Value, 1e-8);
        Assert.Null(plan.Note);
    }

    [Fact]
    public void GPT3_175B_on_300B_tokens_matches_the_published_3_14e23_FLOPs()
    {
        // Brown et al. 2020 (GPT-3), Table D.1: 3.14e23 training FLOPs for the 175B model on 300B tokens.
        var rounded = ResourcePlan.Plan(new TrainingJob { Parameters = 175e9, Tokens = 300e9 });
        Approx.Relative(3.14e23, rounded.Flops, 0.005);
        // With the exact 174.6B parameters of that table the product rounds to the published figure.
        Assert.Equal("3.14e23", Distribution.DisplayFormat.Scientific(ResourcePlan.Plan(new TrainingJob { Parameters = 174.6e9, Tokens = 300e9 }).Flops));
    }

    [Fact]
    public void A_given_throughput_sets_wall_time_and_bandwidth()
    {
        // D = 1e9 x 2 epochs = 2e9 tokens; at 4e5 tokens/s that is 5000 s; at 2 bytes/token it reads 8e5 B/s.
        var plan = ResourcePlan.Plan(new TrainingJob { Parameters = 1.3e9, Tokens = 1e9, Epochs = 2, TokensPerSecond = 4e5, BytesPerToken = 2 });
        Assert.Equal(2e9, plan.TrainingTokens);
        Assert.Equal(5000, plan.WallSeconds);
        Assert.Equal(8e5, plan.ReadBytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5000), plan.WallTime);
        Assert.Equal(("Given", "Given"), (plan.ThroughputSource, plan.BytesPerTokenSource));
        // 6 x 1.3e9 x 2e9 = 1.56e19.
        Approx.Relative(1.56e19, plan.Flops);
        Assert.Null(plan.GpuHours);
    }

    [Fact]
    public void Without_throughput_the_plan_has_compute_and_storage_and_says_what_wall_time_needs()
    {
        var plan = ResourcePlan.Plan(SevenB());
        Approx.Relative(8.4e22, plan.Flops);
        Assert.Equal(336e9, plan.CheckpointStorageBytes);
        Assert.Null(plan.WallSeconds);
        Assert.Null(plan.TokensPerSecond);
        Assert.Null(plan.ReadBytesPerSecond);
        Assert.Contains("{option:TokensPerSecond}", plan.Note, StringComparison.Ordinal);
        Assert.Contains("{option:GpuFlops}", plan.Note, StringComparison.Ordinal);
    }

    public static TheoryData<TrainingJob, string, string> BadJobs => new()
    {
        { SevenB() with { Parameters = 0 }, "ResourcePlanInvalidNumber", "Parameters" },
        { SevenB() with { Tokens = -1 }, "ResourcePlanInvalidNumber", "Tokens" },
        { SevenB() with { Epochs = double.NaN }, "ResourcePlanInvalidNumber", "Epochs" },
        { SevenB(gpus: 0, flops: 1e15), "ResourcePlanInvalidNumber", "GpuCount" },
        { SevenB(gpus: 8, flops: 1e15) with { Utilization = 1.5 }, "ResourcePlanInvalidNumber", "Utilization" },
        { SevenB(tokensPerSecond: double.PositiveInfinity), "ResourcePlanInvalidNumber", "TokensPerSecond" },
        { SevenB() with { CheckpointCount = 0 }, "ResourcePlanInvalidNumber", "CheckpointCount" },
        { SevenB(gpus: 8), "ResourcePlanIncomplete", "GpuFlops" },
        { SevenB(tokensPerSecond: 1e6, gpus: 8, flops: 1e15), "ResourcePlanConflict", "TokensPerSecond" },
        { SevenB() with { Tokens = null }, "ResourcePlanNoTokens", "Tokens" },
    };

    [Theory]
    [MemberData(nameof(BadJobs))]
    public void Bad_numbers_are_refused_with_what_to_give(TrainingJob job, string errorId, string parameter)
    {
        var e = Assert.Throws<DataException>(() => ResourcePlan.Plan(job));
        Assert.Equal("DataCenterTools." + errorId, e.ErrorId);
        Assert.Equal(DataErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(parameter, e.Message + e.Recommendation, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(e.Recommendation));
    }

    [Fact]
    public void Measured_data_gives_the_tokens_and_bytes_per_token()
    {
        // Two corpus files: 6000 + 3000 bytes on disk holding 1000 + 500 tokens: 1500 tokens, 9000 / 1500 = 6 bytes/token.
        DataResourceResult[] data =
        [
            new() { Name = "a.jsonl", Kind = "File", DiskBytes = 6000, Tokens = 1000 },
            new() { Name = "b.jsonl", Kind = "File", DiskBytes = 3000, Tokens = 500 },
        ];
        var plan = ResourcePlan.Plan(new TrainingJob { Parameters = 1e6, Tokens = null, Epochs = 3, TokensPerSecond = 100 }, data);
        Assert.Equal((1500.0, 4500.0, 6.0), (plan.TokensPerEpoch, plan.TrainingTokens, plan.BytesPerToken));
        Assert.StartsWith("Measured", plan.BytesPerTokenSource, StringComparison.Ordinal);
        Assert.Equal(600, plan.ReadBytesPerSecond);
        Assert.Equal(45, plan.WallSeconds);
        // The Total of Measure-DataResource -Total repeats the files: it is not counted twice, and counts alone.
        var total = new DataResourceResult { Name = "2 files", Kind = "Total", DiskBytes = 9000, Tokens = 1500, Files = 2 };
        Assert.Equal(1500.0, ResourcePlan.Plan(new TrainingJob { Parameters = 1e6 }, [.. data, total]).TokensPerEpoch);
        Assert.Equal(1500.0, ResourcePlan.Plan(new TrainingJob { Parameters = 1e6 }, [total]).TokensPerEpoch);
        // A given -Tokens wins over the counted ones; bytes/token still comes from the data.
        Assert.Equal(10.0, ResourcePlan.Plan(new TrainingJob { Parameters = 1e6, Tokens = 10 }, data).TokensPerEpoch);
        var none = Assert.Throws<DataException>(() => ResourcePlan.Plan(new TrainingJob { Parameters = 1e6, Tokens = null }, [data[0] with { Tokens = null }]));
        Assert.Equal("DataCenterTools.ResourcePlanNoTokens", none.ErrorId);
    }
}

/// <summary>Measuring data: memory of typed columns, tokens, Parquet size, and growth fitted by hand-worked least squares.</summary>
public class DataResourceMeasureTests
{
    private static readonly DateTime Day0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Growth_of_three_versions_is_the_least_squares_slope()
    {
        // Days 0, 1, 3 with 100, 200, 400 bytes: t̄ = 4/3, ȳ = 700/3; Σ(t-t̄)(y-ȳ) = (16 + 1 + 25) x 100 / 9 = 4200/9,
        // Σ(t-t̄)² = 42/9, so 100 bytes/day exactly (the points lie on y = 100 + 100 t). Rows 10, 20, 40: 10 rows/day.
        var versions = new[] { (0, 100L, 10), (1, 200L, 20), (3, 400L, 40) }.Select((v, i) => new DatasetVersionInfo
        {
            Name = "telemetry", Version = i + 1, TimeUtc = Day0.AddDays(v.Item1), User = "u", Host = "h", DatasetName = "telemetry",
            Rows = v.Item3, Columns = 2, Schema = [], File = new StoredFile("t.csv", v.Item2, "", []),
        }).ToArray();
        var result = DataResourceMeasure.MeasureVersions(versions);
        Assert.Equal(100, result.GrowthBytesPerDay!.Value, 9);
        Assert.Equal(10, result.GrowthRowsPerDay!.Value, 9);
        Assert.Equal("version store (3)", result.GrowthSource);
        Assert.Equal(("telemetry v3", 400L, 40L), (result.Name, result.DiskBytes!.Value, result.Rows));

        // Off the line: days 0, 1, 2 with 0, 30, 30: t̄ = 1, ȳ = 20; Σ(t-t̄)(y-ȳ) = (-1)(-20) + 0 + (1)(10) = 30, Σ(t-t̄)² = 2: 15/day.
        var fit = DataResourceMeasure.Growth([new(Day0, 0, 0), new(Day0.AddDays(1), 30, 3), new(Day0.AddDays(2), 30, 3)]);
        Assert.Equal((15.0, 1.5), fit);
        // One point, or two at the same time, give no rate.
        Assert.Null(DataResourceMeasure.Growth([new(Day0, 1, 1)]));
        Assert.Null(DataResourceMeasure.Growth([new(Day0, 1, 1), new(Day0, 2, 2)]));
        Assert.NotNull(DataResourceMeasure.MeasureVersions(versions[..1]).Note);
    }

    [Fact]
    public void Catalog_versions_grow_by_their_registered_sizes_and_the_latest_file_is_measured()
    {
        using var dir = new TempFolder();
        var file = dir.File("t.csv", "a,b\n1,x\n2,y\n3,z\n");
        CatalogEntry Entry(int version, long size, long rows, double days) => new("telemetry", version, version == 3 ? file : "/gone.csv", "Csv", rows, 2, [],
            size, "", null, [], [], null, null, [], "u", Day0.AddDays(days));
        // Days 0, 2, 4 with 1000, 3000, 5000 bytes and 10, 30, 50 rows lie on a line: +2000 bytes and +20 rows every 2 days,
        // so the fit is exact: 1000 bytes/day and 10 rows/day.
        var result = new DataResourceMeasure(new DataResourceOptions()).MeasureCatalog([Entry(1, 1000, 10, 0), Entry(2, 3000, 30, 2), Entry(3, 5000, 50, 4)]);
        Assert.Equal(1000, result.GrowthBytesPerDay!.Value, 9);
        Assert.Equal(10, result.GrowthRowsPerDay!.Value, 9);
        Assert.Equal("catalog versions (3)", result.GrowthSource);
        // The latest version's file as it is now: 3 rows, its length on disk.
        Assert.Equal(("telemetry v3", "Catalog", 3L, new FileInfo(file).Length), (result.Name, result.Kind, result.Rows, result.DiskBytes!.Value));
    }

    [Fact]
    public void A_dataset_costs_its_typed_arrays_and_its_text_is_counted_in_tokens()
    {
        var dataset = new Dataset("d", [
            new DoubleColumn("x", [1.5, 2.5, 3.5]),
            new Int64Column("n", [1, 2, 3]),
            new StringColumn("text", ["hello world", "hello", null]),
        ]);
        var result = new DataResourceMeasure(new DataResourceOptions()).MeasureDataset(dataset);
        Assert.Equal((3L, 3), (result.Rows, result.Columns));
        // 3 doubles and 3 longs at 8 bytes each: 48 bytes, plus the string column's own estimate.
        Assert.Equal(48 + dataset["text"].EstimatedBytes, result.MemoryBytes);
        // o200k_base: "hello world" is "hello" + " world" (2 tokens), "hello" is 1; the missing cell counts none.
        Assert.Equal(3, result.Tokens);
        Assert.Equal(["text"], result.TextColumns);
        Assert.Equal("o200k_base", result.Tokenizer);
        Assert.Null(result.DiskBytes);
        Assert.Null(result.ParquetBytes);
        // In memory only, bytes per token is memory over tokens.
        Assert.Equal(result.MemoryBytes / 3.0, result.BytesPerToken);
        // No text column: no tokens, not zero.
        Assert.Null(new DataResourceMeasure(new DataResourceOptions()).MeasureDataset(new Dataset("n", [new Int64Column("n", [1])])).Tokens);
    }

    [Fact]
    public void Parquet_is_measured_by_writing_it_and_the_temp_file_is_removed()
    {
        using var dir = new TempFolder();
        var scratch = Directory.CreateDirectory(Path.Combine(dir.Path, "scratch")).FullName;
        var dataset = new Dataset("d", [new Int64Column("n", Enumerable.Range(0, 1000).Select(i => (long)(i % 7)).ToArray())]);
        var reference = dir.File("ref.parquet");
        DatasetWriter.Write(dataset, reference, new WriteOptions { Format = DataFormat.Parquet });
        var result = new DataResourceMeasure(new DataResourceOptions { MeasureParquet = true, TempFolder = scratch }).MeasureDataset(dataset);
        Assert.Equal(new FileInfo(reference).Length, result.ParquetBytes);
        Assert.Empty(Directory.GetFileSystemEntries(scratch));
    }

    [Fact]
    public void Many_files_total_their_sizes_and_grow_by_their_write_times()
    {
        using var dir = new TempFolder();
        // 3 files of 10, 20 and 30 bytes written on days 0, 1, 2: running totals 10, 30, 60 bytes;
        // t̄ = 1, ȳ = 100/3; Σ(t-t̄)(y-ȳ) = (-1)(10 - 100/3) + (1)(60 - 100/3) = 50, Σ(t-t̄)² = 2: 25 bytes/day.
        string[] texts = ["ab\n1\n2\n33\n", "ab\n" + string.Concat(Enumerable.Repeat("1\n", 7)) + "22\n", "ab\n" + string.Concat(Enumerable.Repeat("1\n", 7)) + "123456789012\n"];
        var measure = new DataResourceMeasure(new DataResourceOptions());
        var files = texts.Select((t, i) =>
        {
            var path = dir.File($"f{i}.csv", t);
            File.SetLastWriteTimeUtc(path, Day0.AddDays(i));
            return measure.MeasureFile(path);
        }).ToArray();
        Assert.Equal([10L, 20L, 30L], files.Select(f => f.DiskBytes!.Value));
        Assert.Equal([3L, 8L, 8L], files.Select(f => f.Rows));
        var total = DataResourceMeasure.Total(files);
        Assert.Equal((60L, 19L, 3), (total.DiskBytes!.Value, total.Rows, total.Files));
        Assert.Equal(25, total.GrowthBytesPerDay!.Value, 9);
        // Rows: running 3, 11, 19: slope = ((-1)(3 - 11) + (1)(19 - 11)) / 2 = 8 rows/day.
        Assert.Equal(8, total.GrowthRowsPerDay!.Value, 9);
        Assert.Equal("file times (3 files)", total.GrowthSource);
        Assert.Null(total.Note);   // two days of history: not flagged as a short span
    }
}
