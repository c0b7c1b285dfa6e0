using System.Diagnostics;
using System.Globalization;
using DataCenterTools.Core.Data;
using DuckDB.NET.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Parquet interop against real engines: DuckDB (in-process, NuGet DuckDB.NET.Data.Full) reads the files we write
/// with the types, nulls, time zones and dictionary-encoded strings we meant, and we read the files DuckDB writes;
/// polars (npm nodejs-polars, run by node) does the same.
/// </summary>
public class ParquetInteropTests
{
    private static readonly DateTime Utc1 = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
    private static readonly DateTime Wall1 = new(2025, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);

    /// <summary>Every column type, nulls in each, a dictionary-encoded and a buffer string column with non-ASCII text.</summary>
    private static Dataset Sample()
    {
        var nulls = ValidityBitmap.FromFlags([true, false, true]);
        return new Dataset("interop",
        [
            new Int64Column("id", [1, 0, long.MaxValue], nulls),
            new DoubleColumn("x", [0.5, 0, -1e300], nulls),
            new BooleanColumn("ok", [true, false, false], nulls),
            new DateTimeColumn("utc", [Utc1, default, Utc1.AddDays(1)], nulls),
            new DateTimeColumn("wall", [Wall1, default, Wall1.AddHours(1)], nulls),
            new StringColumn("region", [0, -1, 0], ["eu-west"]),
            new StringColumn("note", ["héllo", null, "日本"]),
        ]);
    }

    internal static DuckDBConnection Duck()
    {
        var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        using var tz = c.CreateCommand();
        tz.CommandText = "SET TimeZone = 'UTC'";
        tz.ExecuteNonQuery();
        return c;
    }

    internal static List<object?[]> Query(DuckDBConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void DuckDB_reads_our_file_with_our_types_nulls_and_time_zones()
    {
        using var dir = new TempFolder();
        var path = dir.File("ours.parquet");
        ParquetDatasetWriter.Write(Sample(), path, new WriteOptions());
        using var duck = Duck();
        var types = Query(duck, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("BIGINT", types["id"]);
        Assert.Equal("DOUBLE", types["x"]);
        Assert.Equal("BOOLEAN", types["ok"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["utc"]);
        Assert.Equal("TIMESTAMP", types["wall"]);
        Assert.Equal("VARCHAR", types["region"]);
        Assert.Equal("VARCHAR", types["note"]);

        var rows = Query(duck, $"SELECT id, x, ok, strftime(utc, '%Y-%m-%dT%H:%M:%S.%g'), strftime(wall, '%Y-%m-%dT%H:%M:%S'), region, note FROM read_parquet('{path}')");
        Assert.Equal([1L, 0.5, true, "2026-01-02T03:04:05.678", "2025-12-31T23:59:59", "eu-west", "héllo"], rows[0]);
        Assert.All(rows[1], Assert.Null);
        Assert.Equal([long.MaxValue, -1e300, false, "2026-01-03T03:04:05.678", "2026-01-01T00:59:59", "eu-west", "日本"], rows[2]);

        // The region column went out dictionary-encoded (our codes, no re-hashing); the note column plain.
        var encodings = Query(duck, $"SELECT path_in_schema, encodings FROM parquet_metadata('{path}')").ToDictionary(r => r[0]!.ToString()!, r => r[1]!.ToString()!);
        Assert.Contains("DICTIONARY", encodings["region"]);
        Assert.DoesNotContain("DICTIONARY", encodings["note"]);
        var compression = Query(duck, $"SELECT DISTINCT compression FROM parquet_metadata('{path}')").Select(r => r[0]!.ToString()).ToArray();
        Assert.Equal(["ZSTD"], compression);
    }

    [Fact]
    public void We_read_the_file_DuckDB_writes()
    {
        using var dir = new TempFolder();
        var path = dir.File("duck.parquet");
        using (var duck = Duck())
        {
            using var command = duck.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT * FROM (VALUES
                    (1::INTEGER, 10::BIGINT, 1.25::DOUBLE, true, TIMESTAMPTZ '2026-03-04 05:06:07.123456+00', TIMESTAMP '2026-03-04 05:06:07', DATE '2024-02-29', 'ab', 12.34::DECIMAL(10,2)),
                    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                    (-2, 9223372036854775807, -0.0, false, TIMESTAMPTZ '1969-12-31 23:59:59.999999+00', TIMESTAMP '1900-01-01 00:00:00', DATE '1970-01-01', 'ab', -0.01))
                    t(i, b, d, flag, tz, wall, day, s, dec))
                TO '{path}' (FORMAT PARQUET)
                """;
            command.ExecuteNonQuery();
        }
        var ds = ParquetDatasetReader.Read(path, new ReadOptions());
        Assert.Equal([ColumnType.Int64, ColumnType.Int64, ColumnType.Double, ColumnType.Boolean, ColumnType.DateTime, ColumnType.DateTime,
            ColumnType.DateTime, ColumnType.String, ColumnType.Double], ds.Columns.Select(c => c.Type));
        Assert.Equal([1L, null, -2L], Enumerable.Range(0, 3).Select(i => ds["i"].GetValue(i)));
        Assert.Equal([10L, null, long.MaxValue], Enumerable.Range(0, 3).Select(i => ds["b"].GetValue(i)));
        Assert.Equal([1.25, null, -0.0], Enumerable.Range(0, 3).Select(i => ds["d"].GetValue(i)));
        Assert.Equal([true, null, false], Enumerable.Range(0, 3).Select(i => ds["flag"].GetValue(i)));
        var tz = (DateTime)ds["tz"].GetValue(0)!;
        Assert.Equal(new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234560), tz);
        Assert.Equal(DateTimeKind.Utc, tz.Kind);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9999990), ds["tz"].GetValue(2));
        var wall = (DateTime)ds["wall"].GetValue(0)!;
        Assert.Equal(new DateTime(2026, 3, 4, 5, 6, 7), wall);
        Assert.Equal(DateTimeKind.Unspecified, wall.Kind);
        Assert.Equal(new DateTime(2024, 2, 29), ds["day"].GetValue(0));
        Assert.Equal(["ab", null, "ab"], Enumerable.Range(0, 3).Select(i => ds["s"].GetValue(i)));
        using (var duck = Duck())
        {
            // Where DuckDB wrote dictionary pages, we keep the codes instead of a string per row.
            var dictionaryPages = Query(duck, $"SELECT encodings FROM parquet_metadata('{path}') WHERE path_in_schema = 's'").Single()[0]!.ToString()!.Contains("DICTIONARY");
            Assert.Equal(dictionaryPages, ((StringColumn)ds["s"]).IsDictionaryEncoded);
        }
        Assert.Equal([12.34, null, -0.01], Enumerable.Range(0, 3).Select(i => ds["dec"].GetValue(i)));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1], ds.Columns.Select(c => c.NullCount));
    }

    /// <summary>
    /// polars through node: bench/peers' pinned nodejs-polars, installed here with npm when it is not there yet
    /// (CI has node and npm); a machine without node fails this test with the reason, it is never silently skipped.
    /// </summary>
    [Fact]
    public void Polars_reads_our_file_and_we_read_polars_file()
    {
        var peers = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../bench/peers"));
        if (!File.Exists(Path.Combine(peers, "node_modules/nodejs-polars/package.json")))
            Run("npm", $"install --prefix \"{peers}\" --no-audit --no-fund --no-package-lock --loglevel error", peers);
        using var dir = new TempFolder();
        var ours = dir.File("ours.parquet");
        var theirs = dir.File("polars.parquet");
        ParquetDatasetWriter.Write(Sample(), ours, new WriteOptions());
        var script = dir.File("check.mjs", $$"""
            import pl from '{{Path.Combine(peers, "node_modules/nodejs-polars/bin/index.js").Replace("\\", "/")}}';
            const df = pl.readParquet(process.argv[2]);
            const out = {};
            for (const c of df.columns) { const s = df.getColumn(c); const v = s.cast(pl.Utf8).toArray(); out[c] = { dtype: String(s.dtype.variant ?? s.dtype), nulls: s.nullCount(), first: String(v[0]), last: String(v[2]) }; }
            out.utcZone = df.getColumn('utc').dtype.timeZone ?? null;
            console.log(JSON.stringify(out));
            pl.DataFrame({ n: [1, null, 3], s: ['a', null, 'ü'], t: [new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), null, new Date(0)] })
              .writeParquet(process.argv[3]);
            """);
        var json = Run("node", $"\"{script}\" \"{ours}\" \"{theirs}\"", peers);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("Int64", root.GetProperty("id").GetProperty("dtype").GetString());
        Assert.Equal("9223372036854775807", root.GetProperty("id").GetProperty("last").GetString());
        Assert.Equal("Float64", root.GetProperty("x").GetProperty("dtype").GetString());
        Assert.Equal("Bool", root.GetProperty("ok").GetProperty("dtype").GetString());
        Assert.StartsWith("Datetime", root.GetProperty("utc").GetProperty("dtype").GetString());
        Assert.Equal("UTC", root.GetProperty("utcZone").GetString());
        Assert.Equal("String", root.GetProperty("region").GetProperty("dtype").GetString());
        Assert.Equal("eu-west", root.GetProperty("region").GetProperty("first").GetString());
        Assert.Equal("日本", root.GetProperty("note").GetProperty("last").GetString());
        foreach (var c in new[] { "id", "x", "ok", "utc", "wall", "region", "note" })
            Assert.Equal(1, root.GetProperty(c).GetProperty("nulls").GetInt32());

        var back = ParquetDatasetReader.Read(theirs, new ReadOptions());
        Assert.Equal([3.0, null, 1.0], new[] { back["n"].GetValue(2), back["n"].GetValue(1), back["n"].GetValue(0) });
        Assert.Equal(["a", null, "ü"], Enumerable.Range(0, 3).Select(i => back["s"].GetValue(i)));
        // JS Dates become wall-clock milliseconds in polars (no time zone): read back as Unspecified, the same ticks.
        var t = (DateTime)back["t"].GetValue(0)!;
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5).Ticks, t.Ticks);
        Assert.Equal(DateTime.UnixEpoch.Ticks, ((DateTime)back["t"].GetValue(2)!).Ticks);
        Assert.Null(back["t"].GetValue(1));
    }

    private static string Run(string file, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The polars interop test needs '{file}' (node and npm) on PATH: {e.Message}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}): {stderr}");
            return stdout.Result.Trim().Split('\n')[^1];
        }
    }
}
