using System.Globalization;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Tokens;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// What one dataset, file, catalog name or version-store name costs: rows, bytes on disk, in memory as a Dataset,
/// as Parquet (only when measured), tokens in its text columns, and growth per day with the source it was fitted on.
/// A null figure was not measured (the Note or the help says why), never a guessed one.
/// </summary>
public sealed record DataResourceResult
{
    public required string Name { get; init; }
    /// <summary>Dataset, File, Catalog, Version or Total.</summary>
    public required string Kind { get; init; }
    public string? Path { get; init; }
    public long Rows { get; init; }
    public int Columns { get; init; }
    /// <summary>Bytes of the file on disk (the source file of a Dataset; the stored size for catalog and version entries).</summary>
    public long? DiskBytes { get; init; }
    /// <summary>Dataset.EstimatedBytes: the typed column arrays, validity bitmaps and string storage.</summary>
    public long? MemoryBytes { get; init; }
    /// <summary>Bytes of the data written as Parquet (zstd) to a temp file, which is removed; only with -MeasureParquet.</summary>
    public long? ParquetBytes { get; init; }
    public IReadOnlyList<string> TextColumns { get; init; } = [];
    public long? Tokens { get; init; }
    public string? Tokenizer { get; init; }
    /// <summary>Disk (else Parquet, else memory) bytes per token: what a training run reads per token of this data.</summary>
    public double? BytesPerToken { get; init; }
    public double? GrowthBytesPerDay { get; init; }
    public double? GrowthRowsPerDay { get; init; }
    /// <summary>What the growth was fitted on: "catalog versions (3)", "version store (3)", "file times (5 files)"; null when none.</summary>
    public string? GrowthSource { get; init; }
    /// <summary>Files summed in a Total; 1 otherwise.</summary>
    public int Files { get; init; } = 1;
    public DateTime? LastWriteTimeUtc { get; init; }
    public string? Note { get; init; }
}

/// <summary>What to measure: text columns and tokenizer, and whether to write Parquet to measure its size.</summary>
public sealed record DataResourceOptions
{
    /// <summary>Text columns to count tokens in; null counts "text" or "content" where a dataset has one.</summary>
    public IReadOnlyList<string>? TextColumns { get; init; }
    /// <summary>A built-in tokenizer name or a SentencePiece model path (<see cref="TextTokenizer.Resolve"/>).</summary>
    public string Tokenizer { get; init; } = "o200k_base";
    public bool MeasureParquet { get; init; }
    /// <summary>Where the Parquet temp file goes; null is the system temp folder.</summary>
    public string? TempFolder { get; init; }
    public Action<string>? Warning { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Measures datasets, files, catalog entries and version-store entries for resource planning.</summary>
public sealed class DataResourceMeasure(DataResourceOptions options)
{
    private TextTokenizer? _tokenizer;

    /// <summary>A Dataset: rows, memory, tokens, Parquet size; disk bytes of the file it was read from.</summary>
    public DataResourceResult MeasureDataset(Dataset dataset)
    {
        options.Cancellation.ThrowIfCancellationRequested();
        var text = TextColumnsOf(dataset);
        long? tokens = text.Count == 0 ? null : text.Sum(CountTokens);
        var parquet = options.MeasureParquet ? ParquetSize(dataset) : (long?)null;
        var disk = dataset.Source?.Size;
        var memory = dataset.EstimatedBytes;
        return new DataResourceResult
        {
            Name = dataset.Name,
            Kind = "Dataset",
            Path = dataset.Source?.Path,
            Rows = dataset.RowCount,
            Columns = dataset.ColumnCount,
            DiskBytes = disk,
            MemoryBytes = memory,
            ParquetBytes = parquet,
            TextColumns = text.Select(c => c.Name).ToArray(),
            Tokens = tokens,
            Tokenizer = tokens == null ? null : _tokenizer!.Name,
            BytesPerToken = tokens is > 0 ? (double)(disk ?? parquet ?? memory) / tokens.Value : null,
        };
    }

    /// <summary>A data file, read as a Dataset: its size on disk and last write time, and what <see cref="MeasureDataset"/> gives.</summary>
    public DataResourceResult MeasureFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"'{path}' does not exist.", "Check the path.", path);
        var dataset = DatasetReader.Read(path, new ReadOptions { Warning = options.Warning, Cancellation = options.Cancellation });
        var measured = MeasureDataset(dataset);
        return measured with
        {
            Name = info.Name, Kind = "File", Path = info.FullName, DiskBytes = info.Length, LastWriteTimeUtc = info.LastWriteTimeUtc,
            BytesPerToken = measured.Tokens is > 0 ? (double)info.Length / measured.Tokens.Value : null,
        };
    }

    /// <summary>
    /// The versions of one catalog name: the latest version's file measured (when it is still there), growth fitted
    /// on every version's registered size and rows against its registration time.
    /// </summary>
    public DataResourceResult MeasureCatalog(IReadOnlyList<CatalogEntry> versions)
    {
        var latest = versions.MaxBy(v => v.Version)!;
        var growth = Growth(versions.Select(v => new GrowthPoint(v.RegisteredAt, v.SizeBytes, v.Rows)).ToArray());
        DataResourceResult measured;
        if (File.Exists(latest.Location)) measured = MeasureFile(latest.Location);
        else
        {
            options.Warning?.Invoke($"{latest}: the file is gone; rows and size are the catalog's, memory and tokens are not measured.");
            measured = new DataResourceResult { Name = latest.Name, Kind = "Catalog", Rows = latest.Rows, Columns = latest.Columns, DiskBytes = latest.SizeBytes };
        }
        return WithGrowth(measured with { Name = $"{latest.Name} v{latest.Version}", Kind = "Catalog", Path = latest.Location }, growth,
            $"catalog versions ({versions.Count})", Span(versions.Select(v => v.RegisteredAt)));
    }

    /// <summary>
    /// The saved versions of one version-store name (Get-DatasetVersion -List): the latest version's rows and stored file
    /// size, growth fitted over every version. Nothing is loaded (pipe Get-DatasetVersion's Dataset for memory and tokens).
    /// </summary>
    public static DataResourceResult MeasureVersions(IReadOnlyList<DatasetVersionInfo> versions)
    {
        var latest = versions.MaxBy(v => v.Version)!;
        var growth = Growth(versions.Select(v => new GrowthPoint(v.TimeUtc, v.File.Size, v.Rows)).ToArray());
        var result = new DataResourceResult
        {
            Name = $"{latest.Name} v{latest.Version}", Kind = "Version", Rows = latest.Rows, Columns = latest.Columns, DiskBytes = latest.File.Size,
            LastWriteTimeUtc = latest.TimeUtc,
        };
        return WithGrowth(result, growth, $"version store ({versions.Count})", Span(versions.Select(v => v.TimeUtc)));
    }

    /// <summary>
    /// The sum of many files, with growth fitted on the files' last write times: each file adds its bytes and rows at the
    /// time it was last written, so the slope of the running total is bytes (rows) per day.
    /// </summary>
    public static DataResourceResult Total(IReadOnlyList<DataResourceResult> files)
    {
        var ordered = files.Where(f => f.LastWriteTimeUtc != null).OrderBy(f => f.LastWriteTimeUtc).ToArray();
        double bytes = 0, rows = 0;
        var points = new GrowthPoint[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            bytes += ordered[i].DiskBytes ?? 0;
            rows += ordered[i].Rows;
            points[i] = new GrowthPoint(ordered[i].LastWriteTimeUtc!.Value, bytes, rows);
        }
        var total = new DataResourceResult
        {
            Name = $"{files.Count} files",
            Kind = "Total",
            Files = files.Count,
            Rows = files.Sum(f => f.Rows),
            DiskBytes = SumAll(files, f => f.DiskBytes),
            MemoryBytes = SumAll(files, f => f.MemoryBytes),
            ParquetBytes = SumAll(files, f => f.ParquetBytes),
            Tokens = files.Any(f => f.Tokens != null) ? files.Sum(f => f.Tokens ?? 0) : null,
            Tokenizer = files.FirstOrDefault(f => f.Tokenizer != null)?.Tokenizer,
            TextColumns = files.SelectMany(f => f.TextColumns).Distinct(StringComparer.Ordinal).ToArray(),
            LastWriteTimeUtc = ordered.LastOrDefault()?.LastWriteTimeUtc,
        };
        if (total.Tokens is > 0 && total.DiskBytes is { } disk) total = total with { BytesPerToken = (double)disk / total.Tokens.Value };
        return WithGrowth(total, Growth(points), $"file times ({files.Count} files)", Span(points.Select(p => p.TimeUtc)));
    }

    /// <summary>One observation for the growth fit: when, and the bytes and rows then.</summary>
    public readonly record struct GrowthPoint(DateTime TimeUtc, double Bytes, double Rows);

    /// <summary>
    /// Least-squares slopes of bytes and rows against time in days: slope = Σ(t-t̄)(y-ȳ) / Σ(t-t̄)². Null with fewer than
    /// two points or when every point has the same time (no time passed, so no rate).
    /// </summary>
    public static (double BytesPerDay, double RowsPerDay)? Growth(IReadOnlyList<GrowthPoint> points)
    {
        if (points.Count < 2) return null;
        var origin = points.Min(p => p.TimeUtc);
        var days = points.Select(p => (p.TimeUtc - origin).TotalDays).ToArray();
        var meanT = days.Average();
        var sxx = days.Sum(t => (t - meanT) * (t - meanT));
        if (sxx <= 0) return null;
        double Slope(Func<GrowthPoint, double> y)
        {
            var meanY = points.Average(y);
            var sxy = 0.0;
            for (var i = 0; i < points.Count; i++) sxy += (days[i] - meanT) * (y(points[i]) - meanY);
            return sxy / sxx;
        }
        return (Slope(p => p.Bytes), Slope(p => p.Rows));
    }

    /// <summary>A history shorter than this gives a rate, with a Note that it is extrapolated from a short span.</summary>
    public static readonly TimeSpan ShortSpan = TimeSpan.FromDays(1);

    private static DataResourceResult WithGrowth(DataResourceResult result, (double BytesPerDay, double RowsPerDay)? growth, string source, TimeSpan span) =>
        growth is { } g
            ? result with
            {
                GrowthBytesPerDay = g.BytesPerDay, GrowthRowsPerDay = g.RowsPerDay, GrowthSource = source,
                Note = span < ShortSpan ? string.Create(CultureInfo.InvariantCulture, $"Growth per day extrapolated from {span.TotalMinutes:0.#} minutes of history: a noisy rate.") : null,
            }
            : result with { Note = $"No growth: {source} has fewer than two points in time." };

    private static TimeSpan Span(IEnumerable<DateTime> times) => times.Any() ? times.Max() - times.Min() : TimeSpan.Zero;

    private static long? SumAll(IReadOnlyList<DataResourceResult> files, Func<DataResourceResult, long?> value) =>
        files.All(f => value(f) != null) ? files.Sum(f => value(f)!.Value) : null;

    private List<StringColumn> TextColumnsOf(Dataset dataset)
    {
        if (options.TextColumns is { Count: > 0 } named) return named.Select(n => CorpusColumns.TextOf(dataset, n)).ToList();
        var found = CorpusColumns.DefaultTextNames
            .Select(n => dataset.Columns.FirstOrDefault(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)))
            .OfType<StringColumn>().FirstOrDefault();
        return found == null ? [] : [found];
    }

    private long CountTokens(StringColumn column)
    {
        _tokenizer ??= TextTokenizer.Resolve(options.Tokenizer);
        long tokens = 0;
        for (var row = 0; row < column.Length; row++)
        {
            if ((row & 4095) == 0) options.Cancellation.ThrowIfCancellationRequested();
            if (column[row] is { } text) tokens += _tokenizer.Count(text);
        }
        return tokens;
    }

    /// <summary>Writes the dataset as Parquet (the module's writer, zstd) to a scratch file and returns its size; the file is removed.</summary>
    private long ParquetSize(Dataset dataset)
    {
        using var scratch = ScratchFile.Create(options.TempFolder ?? System.IO.Path.GetTempPath(), "measure.parquet");
        ParquetDatasetWriter.Write(dataset, scratch.Path, new WriteOptions { Format = DataFormat.Parquet, Overwrite = true, Cancellation = options.Cancellation });
        return new FileInfo(scratch.Path).Length;
    }
}
