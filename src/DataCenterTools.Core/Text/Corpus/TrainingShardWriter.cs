using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>How Export-TrainingShard cuts and writes shards.</summary>
public sealed record ShardOptions
{
    public required string OutputPath { get; init; }
    /// <summary>Start a new shard once this many bytes (compressed, as written) are in the current one; 256 MiB by default.</summary>
    public long ShardBytes { get; init; } = 256L << 20;
    /// <summary>Start a new shard after this many rows (0: by size only).</summary>
    public long ShardRows { get; init; }
    public DataFormat Format { get; init; } = DataFormat.JsonLines;
    public CorpusCompression Compression { get; init; } = CorpusCompression.Zstd;
    public bool Force { get; init; }
    /// <summary>The column summed into each shard's token count, when the documents have it (Measure-TextToken's).</summary>
    public string TokenColumn { get; init; } = Tokens.TokenCountStage.DefaultColumn;
    public Action<long>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>One lineage step as the manifest records it.</summary>
public sealed record ShardLineage(string Operation, IReadOnlyDictionary<string, string> Parameters, DateTime TimestampUtc)
{
    public static ShardLineage Of(LineageEntry e) => new(e.Operation, e.Parameters, e.TimestampUtc);
}

/// <summary>One shard as the manifest lists it.</summary>
public sealed record ShardRecord(string File, long Rows, long Bytes, string Sha256, long? Tokens);

/// <summary>The manifest.json of a shard set: every shard with its rows, bytes, SHA-256 and tokens, the totals, and the lineage of the run.</summary>
public sealed record ShardManifest(string Format, string Compression, DateTime CreatedUtc, long Rows, long Bytes, long? Tokens, string? Tokenizer,
    IReadOnlyList<string> Columns, IReadOnlyList<ShardRecord> Shards, IReadOnlyList<ShardLineage> Lineage, IReadOnlyList<string> Sources)
{
    public const string FileName = "manifest.json";
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static ShardManifest Load(string folderOrFile)
    {
        var path = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, FileName) : folderOrFile;
        try { return JsonSerializer.Deserialize<ShardManifest>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty"); }
        catch (Exception e) when (e is JsonException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataException("ShardManifestInvalid", DataErrorKind.InvalidData, $"'{path}' is not a shard manifest: {e.Message}",
                "Point at the manifest.json Export-TrainingShard wrote.", path, inner: e);
        }
    }

    /// <summary>Checks every shard's size and SHA-256 against the manifest; the first difference is an error.</summary>
    public void Verify(string folder)
    {
        foreach (var shard in Shards)
        {
            var path = Path.Combine(folder, shard.File);
            if (!System.IO.File.Exists(path))
                throw new DataException("ShardMissing", DataErrorKind.ObjectNotFound, $"Shard '{shard.File}' listed in the manifest is not in '{folder}'.", "Restore it or write the shards again.", path);
            var sha = FileInput.ComputeSha256(path);
            if (!sha.Equals(shard.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new DataException("ShardHashMismatch", DataErrorKind.InvalidData, $"Shard '{shard.File}' has SHA-256 {sha}; the manifest says {shard.Sha256}.", "Restore it or write the shards again.", path);
        }
    }
}

/// <summary>
/// Writes documents as training shards part-00000.jsonl.zst (or .jsonl.gz, .jsonl, .parquet), each through a temp
/// file renamed into place, then manifest.json. A failure removes the shards this run wrote, so the folder holds a
/// whole shard set or none. Existing part-* files or a manifest need -Force.
/// </summary>
public sealed class TrainingShardWriter
{
    private readonly ShardOptions _options;
    private readonly string _folder;
    private readonly List<ShardRecord> _shards = [];
    private readonly List<string> _written = [];
    private readonly List<LineageEntry> _lineage = [];
    private readonly List<string> _sources = [];
    private readonly SortedSet<string> _columns = new(StringComparer.Ordinal);
    private CorpusFileWriter? _current;
    private long _currentTokens;
    private bool _anyTokens;
    private string? _tokenizer;

    public TrainingShardWriter(ShardOptions options)
    {
        _options = options;
        _folder = Path.GetFullPath(options.OutputPath);
        if (options.ShardBytes < 1024 && options.ShardRows <= 0)
            throw new DataException("InvalidShardSize", DataErrorKind.InvalidArgument, $"{{option:ShardSize}} must be at least 1 KB; got {options.ShardBytes}.", "Use for example {option:ShardSize} 256MB or {option:ShardRows} 100000.");
        Directory.CreateDirectory(_folder);
        var existing = Directory.EnumerateFiles(_folder, "part-*").Concat(Directory.EnumerateFiles(_folder, ShardManifest.FileName)).ToList();
        if (existing.Count > 0 && !options.Force)
            throw new DataException("FileExists", DataErrorKind.ResourceExists, $"'{_folder}' already holds a shard set ({existing.Count} files such as {Path.GetFileName(existing[0])}).",
                "Use another {option:OutputPath}, or {option:Force} to replace it.", _folder);
    }

    private string Extension => _options.Format == DataFormat.Parquet ? ".parquet" : CorpusFileWriter.Extension(_options.Compression);

    /// <summary>Adds the lineage and source of a dataset or file that feeds the shards.</summary>
    public void AddSource(string source, IEnumerable<LineageEntry> lineage)
    {
        _sources.Add(source);
        foreach (var l in lineage)
        {
            _lineage.Add(l);
            if (l.Operation == "Measure-TextToken" && l.Parameters.TryGetValue("Tokenizer", out var t))
                _tokenizer = l.Parameters.TryGetValue("TokenizerPin", out var pin) ? $"{t} ({pin})" : t;
        }
    }

    /// <summary>Writes a whole Dataset (JSON Lines or Parquet shards).</summary>
    public void Write(Dataset dataset, string? textColumn)
    {
        AddSource(dataset.Source?.Path ?? dataset.Name, dataset.Lineage);
        var text = CorpusColumns.TextOf(dataset, textColumn);
        foreach (var c in dataset.Columns) _columns.Add(c.Name);
        if (_options.Format == DataFormat.Parquet) { WriteParquet(dataset); return; }
        var ids = CorpusColumns.IdsOf(dataset, null);
        var tokens = dataset.TryGetColumn(_options.TokenColumn, out var tc) ? tc : null;
        for (var row = 0; row < dataset.RowCount; row++)
        {
            var doc = new DatasetRowDocument(ids[row], text[row] ?? "", text.Name, dataset.Source?.Path ?? dataset.Name, row + 1, dataset, row);
            Add(doc, tokens?.GetValue(row) is { } t ? Convert.ToInt64(t, CultureInfo.InvariantCulture) : null);
        }
    }

    /// <summary>Writes one streamed document (JSON Lines shards).</summary>
    public void Add(CorpusDocument document, long? tokens = null)
    {
        if (_options.Format == DataFormat.Parquet)
            throw new DataException("FormatNotSupported", DataErrorKind.NotSupported, "Parquet shards are written from Datasets, not streamed documents.", "Use {option:Format} JsonLines, or Import-Dataset first.");
        if (_current != null && (_options.ShardRows > 0 && _current.Rows >= _options.ShardRows || _options.ShardRows <= 0 && new FileInfo(_current.TempPathOrPath).Length >= _options.ShardBytes))
            Close();
        _current ??= new CorpusFileWriter(Path.Combine(_folder, $"part-{_shards.Count:D5}{Extension}"), overwrite: true);
        tokens ??= document.FieldText(_options.TokenColumn) is { } t && long.TryParse(t, out var parsed) ? parsed : null;
        if (tokens is { } n) { _currentTokens += n; _anyTokens = true; }
        _current.Write(document, document.Text, [], 0, EmptySet);
        if ((_current.Rows & 1023) == 0)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            _options.Progress?.Invoke(_shards.Sum(s => s.Rows) + _current.Rows);
        }
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    private void WriteParquet(Dataset dataset)
    {
        var perShard = _options.ShardRows > 0 ? _options.ShardRows
            : Math.Max(1, (long)(dataset.RowCount * (double)_options.ShardBytes / Math.Max(1, dataset.EstimatedBytes)));
        var tokens = dataset.TryGetColumn(_options.TokenColumn, out var tc) ? tc : null;
        for (long start = 0; start < dataset.RowCount; start += perShard)
        {
            var count = (int)Math.Min(perShard, dataset.RowCount - start);
            var rows = Enumerable.Range((int)start, count).ToArray();
            var part = dataset.TakeRows(rows, dataset.Name, new LineageEntry("Shard"));
            var path = Path.Combine(_folder, $"part-{_shards.Count:D5}.parquet");
            _written.Add(path);
            ParquetDatasetWriter.Write(part, path, new WriteOptions { Overwrite = true, Cancellation = _options.Cancellation });
            long? sum = tokens == null ? null : rows.Sum(r => tokens.GetValue(r) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0);
            _shards.Add(new ShardRecord(Path.GetFileName(path), count, new FileInfo(path).Length, FileInput.ComputeSha256(path), sum));
            _options.Progress?.Invoke(start + count);
        }
    }

    private void Close()
    {
        if (_current == null) return;
        _written.Add(_current.Path);
        _current.Commit();
        var path = _current.Path;
        _shards.Add(new ShardRecord(Path.GetFileName(path), _current.Rows, new FileInfo(path).Length, FileInput.ComputeSha256(path), _anyTokens ? _currentTokens : null));
        _current.Dispose();
        _current = null;
        _currentTokens = 0;
        _anyTokens = false;
    }

    /// <summary>Closes the last shard, removes shards of an earlier set that this one did not replace, and writes manifest.json.</summary>
    public ShardManifest Complete()
    {
        Close();
        var mine = _written.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(_folder, "part-*").Where(f => !mine.Contains(Path.GetFileName(f))).ToList()) File.Delete(stale);
        var tokens = _shards.All(s => s.Tokens == null) ? (long?)null : _shards.Sum(s => s.Tokens ?? 0);
        var manifest = new ShardManifest(_options.Format.ToString(), _options.Format == DataFormat.Parquet ? "parquet" : _options.Compression.ToString().ToLowerInvariant(),
            DateTime.UtcNow, _shards.Sum(s => s.Rows), _shards.Sum(s => s.Bytes), tokens, _tokenizer, [.. _columns], _shards, _lineage.Select(ShardLineage.Of).ToList(), _sources);
        AtomicFile.WriteAllBytes(Path.Combine(_folder, ShardManifest.FileName), JsonSerializer.SerializeToUtf8Bytes(manifest, ShardManifest.Json), overwrite: true);
        return manifest;
    }

    /// <summary>After a failure: removes the shards this run wrote and the one in progress.</summary>
    public void Abandon()
    {
        _current?.Dispose();
        _current = null;
        foreach (var f in _written) try { File.Delete(f); } catch (IOException) { }
    }
}

/// <summary>A shard set as one catalog entry: the manifest is the entry's file (its SHA-256 pins every shard's), rows are the set's.</summary>
public static class ShardCatalog
{
    public static Management.CatalogRegistration Registration(string manifestPath, string? name, IReadOnlyList<string>? tags, string? owner, string? description)
    {
        var full = Path.GetFullPath(Directory.Exists(manifestPath) ? Path.Combine(manifestPath, ShardManifest.FileName) : manifestPath);
        var manifest = ShardManifest.Load(full);
        var folder = Path.GetDirectoryName(full)!;
        manifest.Verify(folder);
        // The first shard gives the schema and a sample for the sensitivity scan.
        var first = manifest.Shards.Count == 0 ? null : DatasetReader.Read(Path.Combine(folder, manifest.Shards[0].File), new ReadOptions());
        var columns = first?.Columns.Select(c => c.Take([])) ?? manifest.Columns.Select(c => (Column)new StringColumn(c, Array.Empty<string?>()));
        var sha = FileInput.ComputeSha256(full);
        var dataset = new Dataset(name ?? Path.GetFileName(folder), columns, new DataSource(full, "TrainingShards", new FileInfo(full).Length, sha),
            [new LineageEntry("Export-TrainingShard", new Dictionary<string, string>
            {
                ["Shards"] = manifest.Shards.Count.ToString(CultureInfo.InvariantCulture),
                ["Rows"] = manifest.Rows.ToString(CultureInfo.InvariantCulture),
                ["Tokens"] = manifest.Tokens?.ToString(CultureInfo.InvariantCulture) ?? "",
                ["Tokenizer"] = manifest.Tokenizer ?? "",
                ["Format"] = manifest.Format,
            })]);
        var sensitivity = first == null ? null : Management.DatasetSensitivity.Of(first);
        return new Management.CatalogRegistration(dataset.Name, dataset, tags, owner, description, sensitivity, Rows: manifest.Rows);
    }
}
