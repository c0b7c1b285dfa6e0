using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Reads a folder of data files as one Dataset: a Hive-style partitioned folder (<c>region=cn-east/day=2026-11-01/part-0.parquet</c>,
/// as Export-Dataset -PartitionBy, Spark, DuckDB and polars write it) or a plain folder of files with the same columns.
/// Files are read in the order of their sorted paths relative to the folder; hidden and marker files (names starting with
/// '.' or '_', such as _SUCCESS) are skipped. The partition columns come back after the files' columns, typed as
/// <see cref="HivePartitionValue.Infer"/> says unless <see cref="ReadOptions.Schema"/> names their type (String keeps the
/// folder text as it is). Schemas across files are appended as Merge-Dataset does (<see cref="DatasetAppend"/>: Int64
/// and Double widen to Double; any other clash, or a missing column, is an error naming the file and the column).
/// </summary>
public static class PartitionedDatasetReader
{
    public static Dataset Read(string folder, ReadOptions options)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var files = DataFiles(full);
        var layout = Layout(full, files);
        var keys = layout[0].Keys;
        var types = keys.Select((key, k) => TypeOf(key, layout.Select(l => l.Values[k]), options.Schema)).ToArray();

        var fileOptions = options with
        {
            Columns = options.Columns?.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray() is { Length: > 0 } own ? own : null,
            Schema = options.Schema?.Where(e => !keys.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase),
            Progress = null,
        };
        var parts = new Dataset[files.Count];
        var totalBytes = files.Sum(f => new FileInfo(f).Length);
        long size = 0, cells = 0, rows = 0;
        for (var f = 0; f < files.Count; f++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var part = DatasetReader.Read(files[f], fileOptions with { Name = layout[f].Relative });
            foreach (var key in keys)
                if (part.Schema.Contains(key))
                    throw new DataException("PartitionColumnInFile", DataErrorKind.InvalidData,
                        $"'{layout[f].Relative}' holds a column '{key}', which is also a partition folder name.",
                        "Rename the column in the files, or read the files one by one with Import-Dataset.", files[f], column: key);
            rows += part.RowCount;
            cells += (long)part.RowCount * (part.ColumnCount + keys.Count);
            if (cells > options.Limits.MaxCells) throw options.Limits.TooManyCells(full, rows, part.ColumnCount + keys.Count, null);
            size += part.Source?.Size ?? 0;
            parts[f] = part;
            options.Progress?.Invoke(new ReadProgress(size, totalBytes, rows));
        }
        var columns = new List<Column>(DatasetAppend.Columns(parts, allowMissingColumns: false, files));
        for (var k = 0; k < keys.Count; k++)
            columns.Add(PartitionColumn(keys[k], types[k], parts, layout.Select(l => l.Values[k]).ToArray(), files));
        if (options.Columns is { Count: > 0 } wanted)
            columns = wanted.Select(name => columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound, $"'{full}' has no column '{name}'.", "Check the spelling of {option:Column}.", full, column: name)).ToList();

        var source = new DataSource(full, keys.Count > 0 ? "Parquet+hive" : "Folder", size, ManifestDigest(layout, parts));
        var lineage = new LineageEntry("Import-Dataset", new Dictionary<string, string>
        {
            ["Path"] = full,
            ["Format"] = source.Format,
            ["Files"] = files.Count.ToString(CultureInfo.InvariantCulture),
            ["PartitionBy"] = string.Join(",", keys),
            ["Rows"] = rows.ToString(CultureInfo.InvariantCulture),
        });
        return new Dataset(options.Name ?? Path.GetFileName(full), columns, source, [lineage]);
    }

    private sealed record FileLayout(string Relative, IReadOnlyList<string> Keys, IReadOnlyList<string?> Values);

    private static List<string> DataFiles(string folder)
    {
        var files = new List<string>();
        void Walk(string dir)
        {
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.') || entry.Name.StartsWith('_')) continue;
                if (entry is DirectoryInfo sub) Walk(sub.FullName);
                else files.Add(entry.FullName);
            }
        }
        try { Walk(folder); }
        catch (DirectoryNotFoundException e) { throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"The folder '{folder}' does not exist.", "Check the path.", folder, inner: e); }
        catch (UnauthorizedAccessException e) { throw new DataException("AccessDenied", DataErrorKind.PermissionDenied, e.Message, "Check the folder's permissions.", folder, inner: e); }
        if (files.Count == 0)
            throw new DataException("NoDataFiles", DataErrorKind.ObjectNotFound, $"The folder '{folder}' holds no data file.",
                "Give a folder that Export-Dataset -PartitionBy (or Spark, DuckDB, polars) wrote, or a file.", folder);
        files.Sort((a, b) => string.CompareOrdinal(Relative(folder, a), Relative(folder, b)));
        return files;
    }

    private static string Relative(string folder, string file) => Path.GetRelativePath(folder, file).Replace('\\', '/');

    /// <summary>Each file's <c>key=value</c> folders; every file must have the same keys in the same order.</summary>
    private static List<FileLayout> Layout(string folder, List<string> files)
    {
        var layout = new List<FileLayout>(files.Count);
        foreach (var file in files)
        {
            var relative = Relative(folder, file);
            var segments = relative.Split('/')[..^1];
            var keys = new string[segments.Length];
            var values = new string?[segments.Length];
            for (var s = 0; s < segments.Length; s++)
            {
                var eq = segments[s].IndexOf('=');
                if (eq <= 0)
                    throw new DataException("PartitionLayoutInvalid", DataErrorKind.InvalidData,
                        $"'{relative}' is in the folder '{segments[s]}', which is not a partition folder (column=value).",
                        "Move the file, or give Import-Dataset the file itself.", file);
                keys[s] = segments[s][..eq];
                values[s] = HivePartitionValue.Decode(segments[s][(eq + 1)..]);
            }
            if (layout.Count > 0 && !layout[0].Keys.SequenceEqual(keys, StringComparer.OrdinalIgnoreCase))
                throw new DataException("PartitionLayoutInvalid", DataErrorKind.InvalidData,
                    $"'{relative}' is partitioned by ({string.Join(", ", keys)}) but '{layout[0].Relative}' by ({string.Join(", ", layout[0].Keys)}).",
                    "Every file of a partitioned folder must be under the same partition columns, in the same order.", file);
            layout.Add(new FileLayout(relative, keys, values));
        }
        return layout;
    }

    private static ColumnType TypeOf(string key, IEnumerable<string?> values, IReadOnlyDictionary<string, ColumnType>? schema) =>
        schema != null && schema.TryGetValue(key, out var forced) ? forced : HivePartitionValue.Infer(values.OfType<string>().Distinct());

    /// <summary>The partition column: each file's folder value repeated over its rows.</summary>
    private static Column PartitionColumn(string key, ColumnType type, Dataset[] parts, string?[] values, List<string> files)
    {
        var n = parts.Sum(p => p.RowCount);
        var typed = new object?[values.Length];
        for (var f = 0; f < values.Length; f++)
            if (values[f] is { } text && !HivePartitionValue.TryParse(text, type, out typed[f], strict: false))
                throw new DataException("PartitionValueInvalid", DataErrorKind.InvalidData,
                    $"The partition folder '{key}={text}' cannot be read as {type}.", $"Read '{key}' as text: {{option:Schema}} @{{ {key} = 'String' }}.", files[f], column: key);
        var validity = new ValidityBitmap.Builder(n);
        var at = 0;
        for (var f = 0; f < parts.Length; f++)
        {
            if (typed[f] == null) for (var i = 0; i < parts[f].RowCount; i++) validity.SetNull(at + i);
            at += parts[f].RowCount;
        }
        validity.SetLength(n);
        var bitmap = validity.Build();
        switch (type)
        {
            case ColumnType.Int64: return new Int64Column(key, Repeat<long>(parts, typed, n), n, bitmap);
            case ColumnType.Double: return new DoubleColumn(key, Repeat<double>(parts, typed, n), n, bitmap);
            case ColumnType.Boolean: return new BooleanColumn(key, Repeat<bool>(parts, typed, n), n, bitmap);
            case ColumnType.DateTime: return new DateTimeColumn(key, Repeat<DateTime>(parts, typed, n), n, bitmap);
            default:
                // Dictionary-encoded: one entry per distinct folder value, as the engines hold partition columns.
                var dictionary = new List<string>();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                var codes = new int[n];
                at = 0;
                for (var f = 0; f < parts.Length; f++)
                {
                    var code = -1;
                    if (typed[f] is string s && !index.TryGetValue(s, out code)) { code = dictionary.Count; index.Add(s, code); dictionary.Add(s); }
                    codes.AsSpan(at, parts[f].RowCount).Fill(code);
                    at += parts[f].RowCount;
                }
                return new StringColumn(key, codes, dictionary.ToArray(), n);
        }
    }

    private static T[] Repeat<T>(Dataset[] parts, object?[] typed, int n) where T : struct
    {
        var result = new T[n];
        var at = 0;
        for (var f = 0; f < parts.Length; f++)
        {
            if (typed[f] is T value) result.AsSpan(at, parts[f].RowCount).Fill(value);
            at += parts[f].RowCount;
        }
        return result;
    }

    /// <summary>The folder's identity: SHA-256 over each file's relative path and SHA-256, in read order.</summary>
    private static string ManifestDigest(List<FileLayout> layout, Dataset[] parts)
    {
        var text = new StringBuilder();
        for (var f = 0; f < parts.Length; f++) text.Append(layout[f].Relative).Append(' ').Append(parts[f].Source?.Sha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
