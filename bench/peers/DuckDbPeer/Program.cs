// The DuckDB peer of bench/Measure-Peers.ps1: runs one named step on a file with DuckDB (NuGet
// DuckDB.NET.Data.Full 1.5.6.1, in-process, in-memory database) and prints one line
// 'BENCH-RESULT {json}' with the seconds of the step alone, the correctness digest and the step's checks.
//
//   dotnet bench/peers/DuckDbPeer/bin/Release/net10.0/DuckDbPeer.dll <step> <input> <output|->
//
// The steps are those of bench/peers/polars_step.mjs (bench/peers/README.md): reads are CREATE TABLE t AS
// SELECT * FROM read_csv/read_parquet/read_json(input); writes are COPY t TO output; profile is SUMMARIZE
// plus the top values of the text columns; the pipeline is SQL end to end. Opening the connection (loading
// the native library) is not timed, as Import-Module and `import pandas` are not.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

if (args.Length < 3) { Console.Error.WriteLine("usage: DuckDbPeer <step> <input> <output|->"); return 2; }
var (step, input, output) = (args[0], Path.GetFullPath(args[1]), args[2] == "-" ? "" : Path.GetFullPath(args[2]));
using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
var result = new Dictionary<string, object?> { ["tool"] = "duckdb", ["version"] = Scalar("SELECT version()"), ["step"] = step };
string[] numeric = ["cpu_pct", "mem_pct", "gpu_pct", "power_w", "temp_c", "disk_read_mbps", "disk_write_mbps", "net_rx_mbps", "net_tx_mbps"];

switch (step)
{
    case "csv-read" or "parquet-read" or "jsonl-read":
        result["seconds"] = Timed(() => Load(input));
        break;
    case "parquet-write":
        Load(input);
        result["seconds"] = Timed(() => Execute($"COPY t TO {Quote(output)} (FORMAT PARQUET, COMPRESSION ZSTD)"));
        break;
    case "jsonl-write":
        Load(input);
        result["seconds"] = Timed(() => Execute($"COPY t TO {Quote(output)} (FORMAT JSON)"));
        break;
    case "profile":
    {
        Load(input);
        var top = new Dictionary<string, (string, long)>();
        result["seconds"] = Timed(() =>
        {
            Execute("CREATE TABLE summary AS SELECT * FROM (SUMMARIZE t)");
            foreach (var c in new[] { "host", "region", "rack", "status" })
                top[c] = Row($"SELECT \"{c}\"::VARCHAR, count(*) FROM t GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10", r => (r.GetString(0), r.GetInt64(1)));
        });
        result["check"] = new Dictionary<string, object?>
        {
            ["column"] = "cpu_pct",
            ["mean"] = Scalar("SELECT avg(cpu_pct) FROM t"),
            ["std"] = Scalar("SELECT stddev_samp(cpu_pct) FROM t"),
            ["distinctHost"] = Scalar("SELECT count(DISTINCT host) FROM t"), // exact here; SUMMARIZE itself estimates (approx_unique)
            ["topStatus"] = top["status"].Item1,
            ["topStatusCount"] = top["status"].Item2,
        };
        break;
    }
    case "groupby":
    {
        Load(input);
        var aggregates = string.Join(", ", new[] { "cpu_pct", "power_w" }.Select(c =>
            $"avg({c}) AS {c}_mean, stddev_samp({c}) AS {c}_std, quantile_cont({c}, 0.5) AS {c}_p50, quantile_cont({c}, 0.9) AS {c}_p90"));
        result["seconds"] = Timed(() => Execute($"CREATE TABLE g AS SELECT region, hour(timestamp) AS hour, {aggregates} FROM t GROUP BY ALL"));
        result["check"] = new Dictionary<string, object?>
        {
            ["groups"] = Scalar("SELECT count(*) FROM g"),
            ["cpu_pct_mean"] = Scalar("SELECT sum(cpu_pct_mean) FROM g"),
            ["cpu_pct_std"] = Scalar("SELECT sum(cpu_pct_std) FROM g"),
            ["cpu_pct_p50"] = Scalar("SELECT sum(cpu_pct_p50) FROM g"),
            ["cpu_pct_p90"] = Scalar("SELECT sum(cpu_pct_p90) FROM g"),
            ["power_w_mean"] = Scalar("SELECT sum(power_w_mean) FROM g"),
        };
        break;
    }
    case "pipeline":
    {
        var checks = new Dictionary<string, object?>();
        result["seconds"] = Timed(() =>
        {
            Load(input);
            var columns = Columns().Where(c => c.Kind == "number").Select(c => c.Name).ToArray();
            // IQR clip with linear quartiles, then fill with the median of the clipped column (Invoke-DataCleaning's order).
            var quartiles = string.Join(", ", columns.Select(c => $"quantile_cont(\"{c}\", 0.25), quantile_cont(\"{c}\", 0.75)"));
            var q = Row($"SELECT {quartiles} FROM t", r => Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture)).ToArray());
            var clip = string.Join(", ", columns.Select((c, i) =>
            {
                var (lo, hi) = (q[2 * i] - 1.5 * (q[2 * i + 1] - q[2 * i]), q[2 * i + 1] + 1.5 * (q[2 * i + 1] - q[2 * i]));
                // least/greatest skip NULLs in DuckDB, so a missing cell is kept missing explicitly (the fill comes next).
                return $"CASE WHEN \"{c}\" IS NULL THEN NULL ELSE least(greatest(\"{c}\", {lo.ToString("R", CultureInfo.InvariantCulture)}), {hi.ToString("R", CultureInfo.InvariantCulture)}) END AS \"{c}\"";
            }));
            Execute($"CREATE TABLE clipped AS SELECT * REPLACE ({clip}) FROM t");
            var fill = string.Join(", ", columns.Select(c => $"coalesce(\"{c}\", (SELECT median(\"{c}\") FROM clipped)) AS \"{c}\""));
            Execute($"CREATE TABLE cleaned AS SELECT * REPLACE ({fill}) FROM clipped");
            var stats = Row($"SELECT {string.Join(", ", columns.Select(c => $"avg(\"{c}\"), stddev_pop(\"{c}\")"))} FROM cleaned",
                r => Enumerable.Range(0, r.FieldCount).Select(i => r.GetDouble(i)).ToArray());
            for (var i = 0; i < columns.Length; i++) checks[columns[i]] = new Dictionary<string, double> { ["cleanMean"] = stats[2 * i], ["cleanStd"] = stats[2 * i + 1] };
            var scale = string.Join(", ", columns.Select((c, i) => $"(\"{c}\" - {stats[2 * i].ToString("R", CultureInfo.InvariantCulture)}) / {stats[2 * i + 1].ToString("R", CultureInfo.InvariantCulture)} AS \"{c}\""));
            Execute($"CREATE TABLE scaled AS SELECT * REPLACE ({scale}) FROM cleaned");
            Execute($"COPY scaled TO {Quote(output)} (HEADER)");
        });
        result["checks"] = checks;
        Execute("DROP TABLE t; ALTER TABLE scaled RENAME TO t");
        break;
    }
    default:
        Console.Error.WriteLine($"Unknown step '{step}'.");
        return 2;
}
result["digest"] = Digest();
Console.WriteLine("BENCH-RESULT " + JsonSerializer.Serialize(result));
return 0;

void Load(string path)
{
    var ext = Path.GetExtension(path).ToLowerInvariant();
    var source = ext switch
    {
        ".parquet" => $"read_parquet({Quote(path)})",
        ".jsonl" => $"read_json({Quote(path)}, format = 'newline_delimited')",
        _ => $"read_csv({Quote(path)})",
    };
    Execute($"CREATE TABLE t AS SELECT * FROM {source}");
}

double Timed(Action work)
{
    var clock = Stopwatch.StartNew();
    work();
    return clock.Elapsed.TotalSeconds;
}

void Execute(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

object? Scalar(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    var value = command.ExecuteScalar();
    return value is DBNull ? null : value;
}

T Row<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    if (!reader.Read()) throw new InvalidOperationException($"No row from: {sql}");
    return read(reader);
}

static string Quote(string path) => "'" + path.Replace("'", "''") + "'";

List<(string Name, string Kind, string Type)> Columns()
{
    var list = new List<(string, string, string)>();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position";
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        var (name, type) = (reader.GetString(0), reader.GetString(1).ToUpperInvariant());
        var kind = name.Equals("timestamp", StringComparison.OrdinalIgnoreCase) || type.StartsWith("TIMESTAMP") || type == "DATE" ? "timestamp"
            : type is "BOOLEAN" ? "bool"
            : type is "BIGINT" or "INTEGER" or "SMALLINT" or "TINYINT" or "HUGEINT" or "UBIGINT" or "UINTEGER" or "USMALLINT" or "UTINYINT" or "DOUBLE" or "FLOAT" || type.StartsWith("DECIMAL") ? "number"
            : "string";
        list.Add((name, kind, type));
    }
    return list;
}

// The digest every peer computes the same way (bench/peers/README.md).
Dictionary<string, object?> Digest()
{
    var columns = new Dictionary<string, object?>();
    foreach (var (name, kind, type) in Columns())
    {
        var q = $"\"{name}\"";
        var entry = new Dictionary<string, object?> { ["kind"] = kind };
        if (kind == "string")
        {
            entry["nulls"] = Scalar($"SELECT count(*) - count({q}) FROM t");
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {q}::VARCHAR FROM t";
            using var reader = command.ExecuteReader();
            // Value by value, so the digest adds no whole-column string to the process's peak memory.
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var first = true;
            while (reader.Read())
            {
                if (!first) hash.AppendData("\n"u8);
                first = false;
                hash.AppendData(reader.IsDBNull(0) ? "\0"u8.ToArray() : Encoding.UTF8.GetBytes(reader.GetString(0)));
            }
            entry["hash"] = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        }
        else
        {
            var value = kind switch
            {
                "timestamp" when type == "VARCHAR" => $"epoch({q}::TIMESTAMPTZ)",
                "timestamp" => $"epoch({q})",
                "bool" => $"{q}::INTEGER",
                _ => $"{q}::DOUBLE",
            };
            var (nulls, sum) = Row($"SELECT count(*) - count({q}), coalesce(sum({value}), 0)::DOUBLE FROM t", r => (r.GetInt64(0), r.GetDouble(1)));
            entry["nulls"] = nulls;
            entry["sum"] = sum;
        }
        columns[name.ToLowerInvariant()] = entry;
    }
    return new Dictionary<string, object?> { ["rows"] = Scalar("SELECT count(*) FROM t"), ["columns"] = columns };
}
