using System.Diagnostics;
using System.Text;
using nietras.SeparatedValues;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Reads delimited text (CSV, TSV, ; or | separated) into a typed Dataset. Sep splits rows on the
/// reading thread; rows are copied into chunks that are typed in parallel, then joined. When chunks
/// disagree in a way that needs the text again (numbers early, words late) the file is read once
/// more with those columns as String, so the result never depends on where a chunk ended.
/// </summary>
public static class CsvDatasetReader
{
    private static readonly char[] CandidateDelimiters = [',', ';', '\t', '|'];

    public static Dataset Read(string path, ReadOptions options)
    {
        var forced = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        for (var pass = 0; ; pass++)
        {
            using var input = FileInput.Open(path);
            var result = ReadPass(input, options, forced);
            if (result.Dataset != null) return result.Dataset;
            Debug.Assert(pass == 0, "a second pass forces every conflicting column to String and cannot conflict again");
            foreach (var name in result.Conflicts!) forced[name] = ColumnType.String;
        }
    }

    private sealed record PassResult(Dataset? Dataset, IReadOnlyList<string>? Conflicts);

    private static PassResult ReadPass(FileInput input, ReadOptions options, IReadOnlyDictionary<string, ColumnType> widened)
    {
        var clock = Stopwatch.StartNew();
        input.StartHash();
        using var rowsReader = new CsvRows(input, options);
        var (selected, names, delimiter, encoding, warnings) =
            (rowsReader.Selected, rowsReader.Names, rowsReader.Delimiter, rowsReader.Encoding, rowsReader.Warnings);
        var types = ResolveTypes(names, options, widened, input.Path);

        using var badRows = new BadRowSink(options, "row");
        var parts = new List<Task<TextColumnBuilder.Built[]>>();
        var starts = new List<(int Start, int Rows)>();
        var sinks = names.Select(n => new ChunkedColumn(n)).ToArray();
        var throttle = new SemaphoreSlim(Math.Max(1, options.MaxDegreeOfParallelism));
        // Chunk buffers are reused once parsed: fresh multi-megabyte buffers per chunk would land on the
        // large object heap and make every import pay for full garbage collections.
        var pool = new System.Collections.Concurrent.ConcurrentBag<CsvChunk>();
        CsvChunk Rent() { if (pool.TryTake(out var c)) { c.Reset(); return c; } return new CsvChunk(options.ChunkRows, names.Length); }
        var chunk = Rent();
        var distinctText = new bool[names.Length];
        long rows = 0;
        var lastProgress = Stopwatch.StartNew();

        try
        {
            while (rowsReader.MoveNext(badRows))
            {
                options.Cancellation.ThrowIfCancellationRequested();
                chunk.Add(rowsReader.Reader.Current, selected);
                rows++;
                if (chunk.IsFull(options.ChunkRows))
                {
                    Dispatch();
                    chunk = Rent();
                }
                if (options.Progress != null && lastProgress.ElapsedMilliseconds > 250)
                {
                    options.Progress(new ReadProgress(input.BytesRead, input.Size, rows));
                    lastProgress.Restart();
                }
            }
            if (chunk.Rows > 0 || parts.Count == 0) Dispatch();
            Task.WaitAll(parts.ToArray<Task>());

            void Dispatch()
            {
                var start = (int)(rows - chunk.Rows);
                if (start + chunk.Rows > sinks[0].Capacity)
                {
                    // Growing moves the shared arrays: let the chunks in flight finish first.
                    Task.WaitAll(parts.ToArray<Task>());
                    var estimate = EstimateRows(input, rows);
                    foreach (var sink in sinks) sink.EnsureCapacity(Math.Max(estimate, start + chunk.Rows));
                }
                starts.Add((start, chunk.Rows));
                parts.Add(ParseAsync(chunk, start, names, types, sinks, options.NullValues, throttle, pool, distinctText, input.Path));
            }
        }
        catch (AggregateException e) when (e.InnerException is DataException inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        catch
        {
            // Let running chunk tasks finish before the caller retries or reports.
            try { Task.WaitAll(parts.ToArray<Task>()); } catch (AggregateException) { }
            throw;
        }

        var chunks = parts.Select(p => p.Result).ToList();
        var columns = new Column[names.Length];
        var conflicts = new List<string>();
        for (var c = 0; c < names.Length; c++)
        {
            var pieces = chunks.Select((ch, k) => (starts[k].Start, starts[k].Rows, ch[c])).ToList();
            var column = sinks[c].Finish(pieces, (int)rows);
            if (column == null) conflicts.Add(names[c]);
            else columns[c] = column;
        }
        if (conflicts.Count > 0) return new PassResult(null, conflicts);

        badRows.Complete(input.Path);
        options.Progress?.Invoke(new ReadProgress(input.Size, input.Size, rows));
        var sha = input.FinishHash();
        foreach (var w in warnings) options.Warning?.Invoke(w);

        var formatName = delimiter == '\t' ? "Tsv" : "Csv";
        var parameters = new Dictionary<string, string>
        {
            ["Path"] = input.Path,
            ["Format"] = formatName,
            ["Delimiter"] = delimiter == '\t' ? "\\t" : delimiter.ToString(),
            ["Encoding"] = encoding.WebName,
            ["Rows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BadRows"] = badRows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OnBadRow"] = options.OnBadRow.ToString(),
            ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        };
        var name = options.Name ?? DatasetNames.FromPath(input.Path);
        var source = new DataSource(input.Path, input.IsGzip ? formatName + "+gzip" : formatName, input.Size, sha);
        return new PassResult(new Dataset(name, columns, source, [new LineageEntry("Import-Dataset", parameters)]), null);
    }

    /// <summary>
    /// The file as a sequence of small Datasets of at most <paramref name="rowsPerChunk"/> rows each, read
    /// lazily: memory stays bounded by one chunk whatever the file's size (for summaries that merge, such
    /// as <see cref="Distribution.ColumnSummary"/>). Types are fixed as the chunks go: a column takes the
    /// type inferred from the first chunk where it has a value (or its -Schema type); a later Int64 column
    /// that holds decimals widens to Double from that chunk on; any other later cell that does not read as
    /// the column's type becomes missing and is counted in a warning at the end. An empty file yields one
    /// empty chunk. Each chunk's lineage is one Import-Dataset step with its first line.
    /// </summary>
    public static IEnumerable<Dataset> ReadChunks(string path, ReadOptions options, int rowsPerChunk = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        using var input = FileInput.Open(path);
        using var rowsReader = new CsvRows(input, options);
        var names = rowsReader.Names;
        var types = ResolveTypes(names, options, new Dictionary<string, ColumnType>(), input.Path);
        var fixedByUser = types.Select(t => t != null).ToArray();
        var unreadable = new long[names.Length];
        var formatName = (rowsReader.Delimiter == '\t' ? "Tsv" : "Csv") + (input.IsGzip ? "+gzip" : "");
        var source = new DataSource(input.Path, formatName, input.Size, "");
        var name = options.Name ?? DatasetNames.FromPath(input.Path);
        foreach (var w in rowsReader.Warnings) options.Warning?.Invoke(w);

        using var badRows = new BadRowSink(options, "row");
        var chunk = new CsvChunk(rowsPerChunk, names.Length);
        long rows = 0;
        var chunks = 0;
        var lastProgress = Stopwatch.StartNew();
        while (rowsReader.MoveNext(badRows))
        {
            options.Cancellation.ThrowIfCancellationRequested();
            chunk.Add(rowsReader.Reader.Current, rowsReader.Selected);
            rows++;
            if (chunk.IsFull(rowsPerChunk))
            {
                yield return TypeChunk();
                chunk.Reset();
            }
            if (options.Progress != null && lastProgress.ElapsedMilliseconds > 250)
            {
                options.Progress(new ReadProgress(input.BytesRead, input.Size, rows));
                lastProgress.Restart();
            }
        }
        if (chunk.Rows > 0 || chunks == 0) yield return TypeChunk();
        badRows.Complete(input.Path);
        options.Progress?.Invoke(new ReadProgress(input.Size, input.Size, rows));
        for (var c = 0; c < names.Length; c++)
            if (unreadable[c] > 0)
                options.Warning?.Invoke($"Column '{names[c]}' of '{input.Path}' is {types[c]} (from its first values); {unreadable[c]:N0} later cell(s) " +
                                        $"that are not {types[c]} were counted as missing. Use -Schema {names[c]}=String to keep them as text.");

        Dataset TypeChunk()
        {
            var columns = new Column[names.Length];
            for (var c = 0; c < names.Length; c++)
                columns[c] = TypeChunkColumn(chunk, c, names[c], ref types[c], fixedByUser[c], options.NullValues, ref unreadable[c], input.Path);
            var firstLine = chunk.Rows > 0 ? chunk.Lines[0] : 0;
            chunks++;
            return new Dataset(name, columns, source, [new LineageEntry("Import-Dataset", new Dictionary<string, string>
            {
                ["Path"] = input.Path,
                ["Format"] = formatName,
                ["Chunk"] = chunks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["FirstLine"] = firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })]);
        }
    }

    /// <summary>One column of a streamed chunk, typed by the rule of <see cref="ReadChunks"/>.</summary>
    private static Column TypeChunkColumn(CsvChunk chunk, int c, string name, ref ColumnType? type, bool fixedByUser,
        NullValueSet nulls, ref long unreadable, string path)
    {
        var cells = new CsvChunk.ColumnCells(chunk, c);
        try
        {
            if (type == null || fixedByUser)
            {
                var built = TextColumnBuilder.Build(name, cells, nulls, type);
                if (!built.AllMissing) type = built.Type;
                return built.Column!;
            }
            var inferred = TextColumnBuilder.Build(name, cells, nulls);
            if (inferred.Type == type) return inferred.Column!;
            if (inferred.AllMissing) return TextColumnBuilder.Build(name, cells, nulls, type).Column!;
            if (type == ColumnType.Int64 && HasDecimal(cells, nulls))
            {
                type = ColumnType.Double;
                if (inferred.Type == ColumnType.Double) return inferred.Column!;
            }
            var fitting = new FittingCells(cells, type.Value, nulls);
            unreadable += fitting.CountUnfit();
            return TextColumnBuilder.Build(name, fitting, nulls, type).Column!;
        }
        catch (CellTypeViolation v)
        {
            throw SchemaMismatch(v, chunk, name, path);
        }
    }

    private static DataException SchemaMismatch(CellTypeViolation v, CsvChunk chunk, string column, string path) =>
        new("SchemaTypeMismatch", DataErrorKind.InvalidData,
            $"Line {chunk.Lines[v.Index]} of '{path}', column '{column}': '{Truncate(v.Text)}' is not a valid {v.Type}.",
            $"Fix the cell, or change -Schema for '{column}' (String accepts anything).", path, chunk.Lines[v.Index], column);

    /// <summary>Whether a present cell is a number but not an integer (so an Int64 column widens to Double).</summary>
    private static bool HasDecimal(CsvChunk.ColumnCells cells, NullValueSet nulls)
    {
        for (var i = 0; i < cells.Count; i++)
            if (!nulls.IsNull(cells[i]) && !CellParser.TryParseInt64(cells[i], out _) && CellParser.TryParseDouble(cells[i], out _)) return true;
        return false;
    }

    /// <summary>A chunk's cells with those that do not read as <c>type</c> shown as absent (missing).</summary>
    private readonly struct FittingCells(CsvChunk.ColumnCells cells, ColumnType type, NullValueSet nulls) : ITextCells
    {
        public int Count => cells.Count;
        public bool IsAbsent(int index) => !nulls.IsNull(cells[index]) && !TextColumnBuilder.Fits(cells[index], type, nulls);
        public ReadOnlySpan<char> this[int index] => cells[index];

        public long CountUnfit()
        {
            long n = 0;
            for (var i = 0; i < Count; i++) if (IsAbsent(i)) n++;
            return n;
        }
    }

    /// <summary>
    /// An open delimited file positioned after its header: the encoding, delimiter, column names and the
    /// selected columns, and the rows one at a time with blank lines skipped and ragged rows sent to the
    /// bad-row sink. Shared by the whole-file and the chunked readers.
    /// </summary>
    private sealed class CsvRows : IDisposable
    {
        private readonly FileInput _input;
        private readonly StreamReader _text;
        private bool _firstRowIsData;
        public SepReader Reader { get; }
        public Encoding Encoding { get; }
        public char Delimiter { get; }
        public string[] FileColumns { get; }
        public int[] Selected { get; }
        public string[] Names { get; }
        public List<string> Warnings { get; } = [];

        public CsvRows(FileInput input, ReadOptions options)
        {
            _input = input;
            Encoding = input.ResolveEncoding(options.Encoding);
            input.EnsureText(Encoding);
            var format = options.Format == DataFormat.Auto ? input.DetectFormat() : options.Format;
            var head = Encoding.GetString(input.Head);
            if (head.Length > 0 && head[0] == '\uFEFF') head = head[1..];
            if (string.IsNullOrWhiteSpace(head)) throw Empty(input.Path);
            Delimiter = options.Delimiter ?? (format == DataFormat.Tsv ? '\t' : DetectDelimiter(head));
            _text = new StreamReader(input.Content, Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            Reader = Sep.Reader(o => o with
            {
                Sep = new Sep(Delimiter),
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
            }).From(_text);

            // Header (or, with NoHeader, the first row gives the column count).
            if (!NextNonBlank(Reader)) throw Empty(input.Path);
            CheckQuotes(Reader.Current, input.Path);
            var header = Reader.Current;
            var fields = new string[header.ColCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = options.NoHeader ? $"Column{i + 1}" : header[i].ToString();
            FileColumns = options.NoHeader ? fields : UniqueNames(fields, Warnings);
            _firstRowIsData = options.NoHeader;
            Selected = SelectColumns(FileColumns, options, input.Path);
            Names = Selected.Select(i => FileColumns[i]).ToArray();
        }

        private static DataException Empty(string path) => new("EmptyFile", DataErrorKind.InvalidData,
            $"'{path}' is empty: it has no header and no rows.", "Check that the file was written completely.", path);

        /// <summary>Moves to the next data row with as many fields as the header (<see cref="Reader"/>.Current).</summary>
        public bool MoveNext(BadRowSink badRows)
        {
            while (_firstRowIsData || NextNonBlank(Reader))
            {
                _firstRowIsData = false;
                var current = Reader.Current;
                CheckQuotes(current, _input.Path);
                if (current.ColCount == FileColumns.Length) return true;
                badRows.Add(
                    new DataException("CsvRaggedRow", DataErrorKind.InvalidData,
                        $"Line {current.LineNumberFrom} of '{_input.Path}' has {current.ColCount} field(s); the header has {FileColumns.Length}.",
                        "Fix the row (an unquoted delimiter or a missing field?), or use -OnBadRow Skip or -OnBadRow Quarantine -QuarantinePath <file>.",
                        _input.Path, current.LineNumberFrom),
                    current.Span);
            }
            return false;
        }

        public void Dispose()
        {
            Reader.Dispose();
            _text.Dispose();
        }
    }

    private static bool NextNonBlank(SepReader reader)
    {
        while (reader.MoveNext())
        {
            var r = reader.Current;
            if (r.ColCount == 1 && r.Span.Trim().IsEmpty) continue; // blank lines are skipped
            return true;
        }
        return false;
    }

    /// <summary>A row whose raw text holds an odd number of quotes opened a quoted field that never closed.</summary>
    private static void CheckQuotes(SepReader.Row row, string path)
    {
        var span = row.Span;
        if (span.IndexOf('"') < 0) return;
        if (span.Count('"') % 2 == 0) return;
        throw new DataException("CsvUnterminatedQuote", DataErrorKind.InvalidData,
            $"Line {row.LineNumberFrom} of '{path}' opens a quoted field that is never closed (it runs to line {row.LineNumberToExcl - 1}).",
            "Close the quote, or double a quote that belongs inside a field (\"\").", path, row.LineNumberFrom);
    }

    /// <summary>
    /// Rows the file will hold, from the bytes per row so far, with a margin: arrays sized from it are
    /// touched only as far as rows arrive, so a generous guess costs address space, not memory.
    /// </summary>
    private static int EstimateRows(FileInput input, long rowsSoFar)
    {
        if (rowsSoFar == 0 || input.BytesRead == 0) return 65_536;
        var estimate = rowsSoFar * (double)input.Size / input.BytesRead * 1.25 + 65_536;
        return (int)Math.Min(Array.MaxLength, estimate);
    }

    private static Task<TextColumnBuilder.Built[]> ParseAsync(CsvChunk chunk, int start, string[] names, ColumnType?[] types,
        ChunkedColumn[] sinks, NullValueSet nulls, SemaphoreSlim throttle, System.Collections.Concurrent.ConcurrentBag<CsvChunk> pool, bool[] distinctText, string path)
    {
        throttle.Wait();
        return Task.Run(() =>
        {
            try
            {
                var built = new TextColumnBuilder.Built[names.Length];
                for (var c = 0; c < names.Length; c++)
                {
                    try
                    {
                        built[c] = TextColumnBuilder.Build(names[c], new CsvChunk.ColumnCells(chunk, c), nulls, types[c], !distinctText[c], sinks[c], start);
                        // Later chunks of a column whose text did not repeat skip interning (a benign race: it is only a hint).
                        if (built[c].Column is StringColumn { IsDictionaryEncoded: false }) distinctText[c] = true;
                    }
                    catch (CellTypeViolation v)
                    {
                        throw SchemaMismatch(v, chunk, names[c], path);
                    }
                }
                return built;
            }
            finally
            {
                pool.Add(chunk);
                throttle.Release();
            }
        });
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static ColumnType?[] ResolveTypes(string[] names, ReadOptions options, IReadOnlyDictionary<string, ColumnType> widened, string path)
    {
        if (options.Schema != null)
            foreach (var key in options.Schema.Keys)
                if (!names.Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                        $"-Schema names column '{key}', which '{path}' does not have (columns: {string.Join(", ", names)}).",
                        "Check the spelling of the column name.", path, column: key);
        return names.Select(n =>
            options.Schema != null && options.Schema.TryGetValue(n, out var t) ? t :
            widened.TryGetValue(n, out var w) ? w : (ColumnType?)null).ToArray();
    }

    private static int[] SelectColumns(string[] fileColumns, ReadOptions options, string path)
    {
        if (options.Columns == null || options.Columns.Count == 0) return Enumerable.Range(0, fileColumns.Length).ToArray();
        return options.Columns.Select(name =>
        {
            var i = Array.FindIndex(fileColumns, f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            return i >= 0 ? i : throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                $"'{path}' has no column '{name}' (columns: {string.Join(", ", fileColumns)}).",
                "Check the spelling of -Column.", path, column: name);
        }).ToArray();
    }

    /// <summary>Blank header names become ColumnN; repeats get _2, _3 … and a warning.</summary>
    internal static string[] UniqueNames(string[] raw, List<string> warnings)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var name = raw[i].Trim();
            if (name.Length == 0) name = $"Column{i + 1}";
            if (!seen.Add(name))
            {
                var k = 2;
                while (!seen.Add($"{name}_{k}")) k++;
                warnings.Add($"Duplicate column name '{name}' (column {i + 1}) renamed to '{name}_{k}'.");
                name = $"{name}_{k}";
            }
            result[i] = name;
        }
        return result;
    }

    /// <summary>
    /// Picks the delimiter among , ; tab | that splits the first lines into the same number of
    /// fields (more than one), preferring the one giving the most fields. Quotes are respected.
    /// </summary>
    internal static char DetectDelimiter(string sample)
    {
        var lines = SplitSampleLines(sample, 20);
        var best = ',';
        var bestFields = 1;
        foreach (var d in CandidateDelimiters)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, d)).ToList();
            if (counts.Count == 0 || counts[0] == 0) continue;
            var consistent = counts.All(c => c == counts[0]);
            var fields = counts[0] + 1;
            if (consistent && fields > bestFields) { best = d; bestFields = fields; }
        }
        if (bestFields > 1) return best;
        // No consistent candidate: take the most frequent in the header line.
        var header = lines.FirstOrDefault() ?? "";
        return CandidateDelimiters.OrderByDescending(d => CountOutsideQuotes(header, d)).First() is var top && CountOutsideQuotes(header, top) > 0 ? top : ',';
    }

    private static List<string> SplitSampleLines(string sample, int max)
    {
        var lines = new List<string>();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < sample.Length && lines.Count < max; i++)
        {
            var c = sample[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (c == '\n' && !inQuotes)
            {
                var line = sample[start..i].TrimEnd('\r');
                if (line.Trim().Length > 0) lines.Add(line);
                start = i + 1;
            }
        }
        // A last line without a newline is only whole when the sample is the whole file; using it anyway is harmless for small files.
        if (lines.Count == 0 && start < sample.Length) lines.Add(sample[start..].TrimEnd('\r'));
        return lines;
    }

    private static int CountOutsideQuotes(string line, char d)
    {
        var n = 0;
        var inQuotes = false;
        foreach (var c in line)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (c == d && !inQuotes) n++;
        }
        return n;
    }

    /// <summary>Rows copied out of Sep's buffer: one text buffer and the end offset of each cell.</summary>
    private sealed class CsvChunk(int capacityRows, int columns)
    {
        private char[] _text = new char[Math.Max(1024, capacityRows * columns * 16)];
        private int[] _ends = new int[Math.Max(1, capacityRows * columns)];
        public int[] Lines = new int[Math.Max(1, capacityRows)];
        public int Rows;
        public int TextLength;
        public readonly int Columns = columns;

        /// <summary>Full at the row count, or at 8 MB of text so a chunk of long rows stays small too.</summary>
        public bool IsFull(int maxRows) => Rows >= maxRows || TextLength > (8 << 20);

        public void Reset()
        {
            Rows = 0;
            TextLength = 0;
        }

        public void Add(SepReader.Row row, int[] selected)
        {
            if (Rows == Lines.Length)
            {
                Array.Resize(ref Lines, Lines.Length * 2);
                Array.Resize(ref _ends, _ends.Length * 2);
            }
            Lines[Rows] = row.LineNumberFrom;
            var k = Rows * Columns;
            for (var c = 0; c < selected.Length; c++)
            {
                var span = row[selected[c]].Span;
                if (TextLength + span.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, TextLength + span.Length));
                span.CopyTo(_text.AsSpan(TextLength));
                TextLength += span.Length;
                _ends[k + c] = TextLength;
            }
            Rows++;
        }

        public readonly struct ColumnCells(CsvChunk chunk, int column) : ITextCells
        {
            public int Count => chunk.Rows;
            public bool IsAbsent(int index) => false;
            public ReadOnlySpan<char> this[int index]
            {
                get
                {
                    var k = index * chunk.Columns + column;
                    var start = k == 0 ? 0 : chunk._ends[k - 1];
                    return chunk._text.AsSpan(start, chunk._ends[k] - start);
                }
            }
        }
    }
}

public static class DatasetNames
{
    /// <summary>The file name without its extensions (.csv.gz -> name).</summary>
    public static string FromPath(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return Path.GetFileNameWithoutExtension(name);
    }
}
