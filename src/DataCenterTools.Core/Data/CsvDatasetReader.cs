using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Cells one parse chunk holds at most: a wide file gets chunks of fewer rows, so its buffers stay small.</summary>
    private const int CellsPerChunk = 1 << 20;

    public static Dataset Read(string path, ReadOptions options)
    {
        var forced = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        var probes = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        for (var pass = 0; ; pass++)
        {
            using var input = FileInput.Open(path, options.Limits);
            var result = ReadPass(input, options, forced, probes);
            if (result.Dataset != null) return result.Dataset;
            Debug.Assert(pass == 0, "a second pass forces every conflicting column to String and cannot conflict again");
            foreach (var (name, before) in result.Conflicts!)
            {
                forced[name] = ColumnType.String;
                if (before is { } type) probes[name] = type;
            }
        }
    }

    private sealed record PassResult(Dataset? Dataset, IReadOnlyList<(string Name, ColumnType? Before)>? Conflicts);

    /// <summary>What the chunks of a column said about the first cell that made it text, in the chunk where it was found.</summary>
    private sealed record TextNote(long Line, string Text, TextReason Reason, ColumnType From);

    private sealed record ParsedChunk(TextColumnBuilder.Built[] Columns, TextNote?[] Notes);

    private static PassResult ReadPass(FileInput input, ReadOptions options, IReadOnlyDictionary<string, ColumnType> widened,
        IReadOnlyDictionary<string, ColumnType> probes)
    {
        var clock = Stopwatch.StartNew();
        input.StartHash();
        var warnings = new List<string>();
        using var rowsReader = new CsvRows(input, options);
        var (selected, names) = (rowsReader.Selected, rowsReader.Names);
        var types = ResolveTypes(names, options, widened, input.Path);
        var probeTypes = names.Select(n => probes.TryGetValue(n, out var t) ? t : (ColumnType?)null).ToArray();
        var limits = options.Limits;
        var chunkRows = ChunkRowsFor(options.ChunkRows, names.Length);
        var rules = new InferenceRules(options.NonFinite);

        using var badRows = new BadRowSink(options with { Warning = warnings.Add }, "row");
        var parts = new List<Task<ParsedChunk>>();
        var starts = new List<(int Start, int Rows)>();
        var sinks = names.Select(n => new ChunkedColumn(n)).ToArray();
        var throttle = new SemaphoreSlim(Math.Max(1, options.MaxDegreeOfParallelism));
        // Chunk buffers are reused once parsed: fresh multi-megabyte buffers per chunk would land on the
        // large object heap and make every import pay for full garbage collections.
        var pool = new System.Collections.Concurrent.ConcurrentBag<CsvChunk>();
        CsvChunk Rent() { if (pool.TryTake(out var c)) { c.Reset(); return c; } return new CsvChunk(chunkRows, names.Length); }
        var chunk = Rent();
        var distinctText = new bool[names.Length];
        long rows = 0;
        var lastProgress = Stopwatch.StartNew();
        var lines = new SourceLines.Builder();

        try
        {
            while (rowsReader.MoveNext(badRows))
            {
                options.Cancellation.ThrowIfCancellationRequested();
                lines.Add((int)rows, rowsReader.Current.LineNumberFrom);
                chunk.Add(rowsReader.Current, selected, limits, input.Path, names);
                rows++;
                if (chunk.IsFull(chunkRows))
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
                if (rows * names.Length > limits.MaxCells) throw limits.TooManyCells(input.Path, rows, names.Length, chunk.Rows > 0 ? chunk.Lines[chunk.Rows - 1] : null);
                var start = (int)(rows - chunk.Rows);
                if (start + chunk.Rows > sinks[0].Capacity)
                {
                    // Growing moves the shared arrays: let the chunks in flight finish first.
                    Task.WaitAll(parts.ToArray<Task>());
                    var estimate = EstimateRows(input, rows, names.Length, limits);
                    foreach (var sink in sinks) sink.EnsureCapacity(Math.Max(estimate, start + chunk.Rows));
                }
                starts.Add((start, chunk.Rows));
                parts.Add(ParseAsync(chunk, start, names, types, probeTypes, sinks, options.NullValues, rules, throttle, pool, distinctText, input.Path));
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
        var conflicts = new List<(string, ColumnType?)>();
        for (var c = 0; c < names.Length; c++)
        {
            var pieces = chunks.Select((ch, k) => (starts[k].Start, starts[k].Rows, ch.Columns[c])).ToList();
            var column = sinks[c].Finish(pieces, (int)rows, out var before);
            if (column == null) conflicts.Add((names[c], before));
            else columns[c] = column;
        }
        if (conflicts.Count > 0) return new PassResult(null, conflicts);

        badRows.Complete(input.Path);
        options.Progress?.Invoke(new ReadProgress(input.Size, input.Size, rows));
        var sha = input.FinishHash();
        for (var c = 0; c < names.Length; c++)
        {
            var note = probeTypes[c] != null
                ? chunks.Select(ch => ch.Notes[c]).FirstOrDefault(n => n != null)
                : chunks.FirstOrDefault(ch => !ch.Columns[c].AllMissing)?.Notes[c];
            if (note != null) warnings.Add(TextWarning(input.Path, names[c], note));
            var dropped = chunks.Sum(ch => (long)ch.Columns[c].NonFiniteMissing);
            if (dropped > 0) warnings.Add(NonFiniteWarning(input.Path, names[c], dropped));
        }
        var report = rowsReader.Finish(rows, badRows.Count, warnings);
        foreach (var w in report.WarningTemplates) options.Warning?.Invoke(w);

        var formatName = rowsReader.Delimiter == "\t" ? "Tsv" : "Csv";
        var parameters = new Dictionary<string, string>
        {
            ["Path"] = input.Path,
            ["Format"] = formatName,
            ["Delimiter"] = Delimiters.Display(rowsReader.Delimiter),
            ["Encoding"] = rowsReader.Encoding.WebName,
            ["Rows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BadRows"] = badRows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OnBadRow"] = options.OnBadRow.ToString(),
            ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (options.Quote == null) parameters["Quote"] = "None";
        if (options.TrimSpace) parameters["TrimSpace"] = "true";
        if (options.Header != null) parameters["Header"] = string.Join(",", options.Header);
        var name = options.Name ?? DatasetNames.FromPath(input.Path);
        var source = new DataSource(input.Path, input.IsGzip ? formatName + "+gzip" : formatName, input.Size, sha);
        return new PassResult(new Dataset(name, columns, source, [new LineageEntry("Import-Dataset", parameters)]) { ImportReport = report, SourceLines = lines.Build() }, null);
    }

    /// <summary>Rows per parse chunk: the requested count, fewer for a wide file so one chunk holds about a million cells.</summary>
    private static int ChunkRowsFor(int requested, int columns) => Math.Max(1, Math.Min(requested, CellsPerChunk / Math.Max(1, columns)));

    private static string TextWarning(string path, string column, TextNote note) => note.Reason == TextReason.BigInteger
        ? $"Column '{column}' of '{path}' is read as String: line {note.Line:N0} holds {Truncate(note.Text)}, a whole number too large for Int64 that a Double would round. Use {{option:Schema}} @{{ {column} = 'Double' }} to read it as numbers anyway."
        : $"Column '{column}' of '{path}' is read as String: its first values are {note.From}, but line {note.Line:N0} holds '{Truncate(note.Text)}'. Use {{option:Schema}} @{{ {column} = '{note.From}' }} to have such cells reported as errors instead.";

    private static string NonFiniteWarning(string path, string column, long count) =>
        $"Column '{column}' of '{path}': {count:N0} NaN or infinite value(s) were read as missing ({{option:NonFinite}} Missing).";

    /// <summary>
    /// The file as a sequence of small Datasets of at most <paramref name="rowsPerChunk"/> rows each (fewer for a
    /// very wide file), read lazily: memory stays bounded by one chunk whatever the file's size (for summaries that
    /// merge, such as <see cref="Distribution.ColumnSummary"/>), so -MaxCells and -MaxDecompressionRatio do not
    /// apply. Types are fixed as the chunks go: a column takes the type inferred from the first chunk where it has a
    /// value (or its -Schema type); a later Int64 column that holds decimals widens to Double from that chunk on; a
    /// later cell of another kind (text in a number column) makes the column String from that chunk on, keeping
    /// every cell's text, with a warning naming the line: nothing is turned missing. A consumer that cannot merge
    /// numbers with text says so. An empty file yields one empty chunk. Each chunk's lineage is one Import-Dataset
    /// step with its first line.
    /// </summary>
    public static IEnumerable<Dataset> ReadChunks(string path, ReadOptions options, int rowsPerChunk = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        using var input = FileInput.Open(path, options.Limits with { MaxDecompressionRatio = double.PositiveInfinity });
        var warnings = new List<string>();
        using var rowsReader = new CsvRows(input, options);
        var names = rowsReader.Names;
        var types = ResolveTypes(names, options, new Dictionary<string, ColumnType>(), input.Path);
        var fixedByUser = types.Select(t => t != null).ToArray();
        var nonFinite = new long[names.Length];
        var formatName = (rowsReader.Delimiter == "\t" ? "Tsv" : "Csv") + (input.IsGzip ? "+gzip" : "");
        var source = new DataSource(input.Path, formatName, input.Size, "");
        var name = options.Name ?? DatasetNames.FromPath(input.Path);
        var rules = new InferenceRules(options.NonFinite);
        rowsPerChunk = ChunkRowsFor(rowsPerChunk, names.Length);

        using var badRows = new BadRowSink(options with { Warning = warnings.Add }, "row");
        var chunk = new CsvChunk(rowsPerChunk, names.Length);
        long rows = 0;
        var chunks = 0;
        var lastProgress = Stopwatch.StartNew();
        while (rowsReader.MoveNext(badRows))
        {
            options.Cancellation.ThrowIfCancellationRequested();
            chunk.Add(rowsReader.Current, rowsReader.Selected, options.Limits, input.Path, names);
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
            if (nonFinite[c] > 0) warnings.Add(NonFiniteWarning(input.Path, names[c], nonFinite[c]));
        foreach (var w in rowsReader.Finish(rows, badRows.Count, warnings).WarningTemplates) options.Warning?.Invoke(w);

        Dataset TypeChunk()
        {
            var columns = new Column[names.Length];
            for (var c = 0; c < names.Length; c++)
                columns[c] = TypeChunkColumn(chunk, c, names[c], ref types[c], fixedByUser[c], options.NullValues, rules, ref nonFinite[c], input.Path, options.Warning);
            var firstLine = chunk.Rows > 0 ? chunk.Lines[0] : 0;
            chunks++;
            return new Dataset(name, columns, source, [new LineageEntry("Import-Dataset", new Dictionary<string, string>
            {
                ["Path"] = input.Path,
                ["Format"] = formatName,
                ["Chunk"] = chunks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["FirstLine"] = firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })]) { SourceLines = SourceLines.Of(chunk.Lines.Take(chunk.Rows)) };
        }
    }

    /// <summary>One column of a streamed chunk, typed by the rule of <see cref="ReadChunks"/>.</summary>
    private static Column TypeChunkColumn(CsvChunk chunk, int c, string name, ref ColumnType? type, bool fixedByUser,
        NullValueSet nulls, InferenceRules rules, ref long nonFinite, string path, Action<string>? warn)
    {
        var cells = new CsvChunk.ColumnCells(chunk, c);
        try
        {
            if (type == null || fixedByUser)
            {
                var first = TextColumnBuilder.Build(name, cells, nulls, type, rules: rules);
                nonFinite += first.NonFiniteMissing;
                if (!first.AllMissing) type = first.Type;
                if (Note(chunk, c, first) is { } firstNote) warn?.Invoke(TextWarning(path, name, firstNote));
                return first.Column!;
            }
            var inferred = TextColumnBuilder.Build(name, cells, nulls, rules: rules);
            var built = inferred;
            if (inferred.AllMissing) built = TextColumnBuilder.Build(name, cells, nulls, type, rules: rules);
            else if (inferred.Type == type) { }
            else if (type == ColumnType.Int64 && inferred.Type == ColumnType.Double) type = ColumnType.Double;
            else if (type == ColumnType.Double && inferred.Type == ColumnType.Int64) built = TextColumnBuilder.Build(name, cells, nulls, type, rules: rules);
            else
            {
                // Another kind of value than the column had so far: text from here on, and say where it began.
                var earlier = type.Value;
                built = TextColumnBuilder.Build(name, cells, nulls, ColumnType.String, probe: earlier);
                if (earlier != ColumnType.String && Note(chunk, c, built) is { } note) warn?.Invoke(TextWarning(path, name, note));
                type = ColumnType.String;
            }
            nonFinite += built.NonFiniteMissing;
            return built.Column!;
        }
        catch (CellTypeViolationException v)
        {
            throw SchemaMismatch(v, chunk, name, path);
        }
    }

    private static TextNote? Note(CsvChunk chunk, int column, TextColumnBuilder.Built built) =>
        built.TextAt < 0 ? null
            : new TextNote(chunk.Lines[built.TextAt], new CsvChunk.ColumnCells(chunk, column)[built.TextAt].ToString(), built.TextReason, built.TextFrom);

    private static DataException SchemaMismatch(CellTypeViolationException v, CsvChunk chunk, string column, string path) =>
        new("SchemaTypeMismatch", DataErrorKind.InvalidData,
            $"Line {chunk.Lines[v.Index]} of '{path}', column '{column}': '{Truncate(v.Text)}' is not a valid {v.Type}.",
            $"Fix the cell, or change {{option:Schema}} for '{column}' (String accepts anything).", path, chunk.Lines[v.Index], column);

    /// <summary>
    /// An open delimited file positioned after its header: the encoding, delimiter, column names and the
    /// selected columns, and the rows one at a time with blank lines skipped and ragged rows sent to the
    /// bad-row sink. It watches what could lose rows or text quietly (quotes that swallow lines, bytes the
    /// encoding cannot decode) and accounts for every line in <see cref="Finish"/>. Shared by the whole-file
    /// and the chunked readers.
    /// </summary>
    private sealed class CsvRows : IDisposable
    {
        private readonly FileInput _input;
        private readonly ReadOptions _options;
        private readonly TextReader _text;
        private readonly InvalidTextCounter _invalid;
        private readonly char _sepChar;
        private bool _firstRowIsData;
        private long _lines;
        private long _blankLines;
        private long _firstInvalidLine;
        private long _multiLineRows;
        private long _linesInsideFields;
        private QuoteSpan? _firstSwallow;
        private long _swallows;
        public SepReader Reader { get; }
        public SepReader.Row Current => Reader.Current;
        public Encoding Encoding { get; }
        /// <summary>The separator as the file has it (several characters for ", ").</summary>
        public string Delimiter { get; }
        public string[] FileColumns { get; }
        public int[] Selected { get; }
        public string[] Names { get; }
        public int HeaderLines { get; }
        private readonly List<string> _headerWarnings = [];

        /// <summary>A quoted run of text that took in line breaks: where it opened, the lines it spans, the delimiters inside.</summary>
        private readonly record struct QuoteSpan(long Line, long Lines, int Delimiters);

        public CsvRows(FileInput input, ReadOptions options)
        {
            _input = input;
            _options = options;
            Encoding = input.ResolveCheckedEncoding(options.Encoding, out _invalid);
            input.EnsureText(Encoding);
            var format = options.Format == DataFormat.Auto ? input.DetectFormat() : options.Format;
            var head = input.ResolveEncoding(options.Encoding).GetString(input.Head); // not counted: the rows are
            if (head.Length > 0 && head[0] == '\uFEFF') head = head[1..];
            if (string.IsNullOrWhiteSpace(head)) throw Empty(input.Path);
            Delimiter = options.DelimiterText ?? options.Delimiter?.ToString()
                ?? (format == DataFormat.Tsv ? "\t" : DetectDelimiter(head, options.Quote).ToString());
            var stream = new StreamReader(input.Content, Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var direct = Delimiters.SepCanTake(Delimiter);
            _sepChar = direct ? Delimiter[0] : Delimiters.Translated;
            _text = direct ? stream : new DelimiterTranslatingReader(stream, Delimiter, options.Quote, input.Path);
            Reader = Sep.Reader(o => o with
            {
                Sep = new Sep(_sepChar),
                HasHeader = false,
                Unescape = options.Quote != null,
                DisableQuotesParsing = options.Quote == null,
                Trim = options.TrimSpace ? SepTrim.Outer : SepTrim.None,
                DisableColCountCheck = true,
            }).From(_text);

            // Header (or, with NoHeader, the first row gives the column count).
            if (!NextNonBlank()) throw Empty(input.Path);
            var header = Reader.Current;
            CheckRow(header, 0);
            if (header.ColCount > options.Limits.MaxColumns) throw options.Limits.TooManyColumns(input.Path, header.ColCount, header.LineNumberFrom);
            var fields = new string[header.ColCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = header[i].ToString();
            if (options.Header != null) FileColumns = GivenNames(options.Header, fields.Length, input.Path, header.LineNumberFrom);
            else if (options.NoHeader) FileColumns = fields.Select((_, i) => $"Column{i + 1}").ToArray();
            else
            {
                FileColumns = UniqueNames(fields, _headerWarnings);
                if (fields.All(f => CellParser.TryParseDouble(f.AsSpan().Trim(), out _)))
                    _headerWarnings.Add($"The first line of '{input.Path}' holds only numbers ({Truncate(string.Join(Delimiters.Display(Delimiter), fields))}), " +
                        "yet it was read as the column names, so it is not a row. If it is data, use {option:NoHeader} (and {option:Header} to name the columns).");
            }
            _firstRowIsData = options.NoHeader;
            HeaderLines = options.NoHeader ? 0 : 1;
            if (!options.NoHeader) _lines = header.LineNumberToExcl - 1;
            Selected = SelectColumns(FileColumns, options, input.Path);
            Names = Selected.Select(i => FileColumns[i]).ToArray();
        }

        private static DataException Empty(string path) => new("EmptyFile", DataErrorKind.InvalidData,
            $"'{path}' is empty: it has no header and no rows.", "Check that the file was written completely.", path);

        /// <summary>-Header names: one per field of the file, none empty, none repeated.</summary>
        private static string[] GivenNames(IReadOnlyList<string> header, int fields, string path, long line)
        {
            if (header.Count != fields)
                throw new DataException("HeaderMismatch", DataErrorKind.InvalidArgument,
                    $"{{option:Header}} gives {header.Count} column name(s), but line {line} of '{path}' has {fields} field(s).",
                    "Give one name per field, in the file's order (select columns afterwards with {option:Column}).", path, line);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in header)
                if (string.IsNullOrWhiteSpace(name) || !seen.Add(name.Trim()))
                    throw new DataException("HeaderMismatch", DataErrorKind.InvalidArgument,
                        $"{{option:Header}} names a column '{name}' that is empty or given twice (column names are compared ignoring case).",
                        "Give each column a distinct, non-empty name.", path);
            return header.Select(h => h.Trim()).ToArray();
        }

        /// <summary>Moves to the next data row with as many fields as the header (<see cref="Reader"/>.Current).</summary>
        public bool MoveNext(BadRowSink badRows)
        {
            while (_firstRowIsData || NextNonBlank())
            {
                _firstRowIsData = false;
                var current = Reader.Current;
                CheckRow(current, FileColumns.Length);
                if (current.ColCount == FileColumns.Length) return true;
                badRows.Add(
                    new DataException("CsvRaggedRow", DataErrorKind.InvalidData,
                        $"Line {current.LineNumberFrom} of '{_input.Path}' has {current.ColCount} field(s); the header has {FileColumns.Length}.",
                        "Fix the row (an unquoted delimiter or a missing field?), or use {option:OnBadRow} Skip or {option:OnBadRow} Quarantine {option:QuarantinePath} <file>." +
                        (_options.Quote != null && current.LineNumberToExcl - current.LineNumberFrom > 1 ? " The row spans several lines: if quotes in this file are text, use {option:Quote} None." : ""),
                        _input.Path, current.LineNumberFrom),
                    current.Span);
            }
            return false;
        }

        private bool NextNonBlank()
        {
            while (true)
            {
                bool more;
                try { more = Reader.MoveNext(); }
                catch (NotSupportedException)
                {
                    // Sep's buffer holds at most 16,777,216 characters of one row and cannot be raised.
                    throw _options.Limits.FieldTooLarge(_input.Path, ReadLimits.CsvRowLengthMax, _lines + 1, null, parserLimit: true);
                }
                if (!more) return false;
                var r = Reader.Current;
                _lines = r.LineNumberToExcl - 1;
                if (r.ColCount == 1 && r.Span.Trim().IsEmpty)
                {
                    _blankLines += r.LineNumberToExcl - r.LineNumberFrom; // blank lines are skipped
                    continue;
                }
                if (_invalid.Count > 0 && _firstInvalidLine == 0 && r.Span.Contains('\uFFFD')) _firstInvalidLine = r.LineNumberFrom;
                return true;
            }
        }

        /// <summary>
        /// Checks a row's quotes on its raw text, before any field is read: an unclosed quote and text after a closing
        /// quote on the same line ("1"x) are errors; a quote that takes in line breaks is counted, and noted when it
        /// also takes in delimiters (a quote that is part of the text, as in the UCI sentiment files).
        /// </summary>
        private void CheckRow(SepReader.Row row, int columns)
        {
            var lines = row.LineNumberToExcl - row.LineNumberFrom;
            if (lines > 1)
            {
                _multiLineRows++;
                _linesInsideFields += lines - 1;
            }
            if (_options.Quote is not { } quote) return;
            var span = row.Span;
            if (span.IndexOf(quote) < 0) return;
            if (span.Count(quote) % 2 != 0)
                throw new DataException("CsvUnterminatedQuote", DataErrorKind.InvalidData,
                    $"Line {row.LineNumberFrom} of '{_input.Path}' opens a quoted field that is never closed (it runs to line {row.LineNumberToExcl - 1}).",
                    "Close the quote, or double a quote that belongs inside a field (\"\"); if quotes in this file are text, use {option:Quote} None.",
                    _input.Path, row.LineNumberFrom);
            var line = (long)row.LineNumberFrom;
            var fieldStart = true;
            var field = 1;
            for (var i = 0; i < span.Length; i++)
            {
                var c = span[i];
                if (c == _sepChar) { fieldStart = true; field++; continue; }
                if (c == '\n') { line++; fieldStart = true; continue; }
                if (c == ' ' && fieldStart && _options.TrimSpace) continue;
                if (c != quote) { fieldStart = false; continue; }
                // A quoted run: to the next quote that is not doubled (Sep toggles at every quote, as here).
                var opened = line;
                var startsField = fieldStart;
                var newlines = 0;
                var delimiters = 0;
                var j = i + 1;
                for (; j < span.Length; j++)
                {
                    if (span[j] == quote)
                    {
                        if (j + 1 < span.Length && span[j + 1] == quote) { j++; continue; }
                        break;
                    }
                    if (span[j] == '\n') newlines++;
                    else if (span[j] == _sepChar) delimiters++;
                }
                line += newlines;
                i = j;
                fieldStart = false;
                if (newlines > 0 && delimiters >= Math.Max(1, columns - 1))
                {
                    _swallows++;
                    _firstSwallow ??= new QuoteSpan(opened, newlines + 1, delimiters);
                }
                // Text after a closing quote on a one-line row is an error; in a row spanning lines it is part of a quote that
                // swallowed lines, which the warning above reports (the UCI sentiment files, whose quotes are text).
                if (!startsField || newlines > 0 || lines > 1) continue;
                var k = j + 1;
                if (_options.TrimSpace) while (k < span.Length && span[k] == ' ') k++;
                if (k < span.Length && span[k] != _sepChar && span[k] != '\r' && span[k] != '\n')
                    throw new DataException("CsvQuoteInvalid", DataErrorKind.InvalidData,
                        $"Line {opened} of '{_input.Path}', field {field}: text follows the closing quote ({Truncate(span[i..Math.Min(span.Length, k + 10)].ToString())}...); a quoted field must end at its closing quote.",
                        "Quote the whole field and double the quotes inside it (\"1\"\"x\" for 1\"x), or use {option:Quote} None if quotes in this file are text.",
                        _input.Path, opened);
            }
        }

        /// <summary>The import report: every line accounted for, and the warnings of the read in the order they arose.</summary>
        public ImportReport Finish(long rows, long badRows, List<string> warnings)
        {
            var all = new List<string>(_headerWarnings);
            all.AddRange(warnings);
            if (_invalid.Count > 0) all.Add(_invalid.Warning(_input.Path, Encoding, _firstInvalidLine));
            if (_firstSwallow is { } q)
                all.Add($"Line {q.Line:N0} of '{_input.Path}' opens a quote that runs to line {q.Line + q.Lines - 1:N0} ({q.Lines:N0} lines) and takes in {q.Delimiters:N0} delimiter(s)" +
                        (_swallows > 1 ? $"; {_swallows:N0} quoted fields do so" : "") +
                        $", so {rows:N0} rows came from {_lines:N0} lines. If quotes in this file are part of the text, read it with {{option:Quote}} None.");
            return new ImportReport
            {
                Path = _input.Path,
                Format = Delimiter == "\t" ? "Tsv" : "Csv",
                LinesRead = _lines,
                Rows = rows,
                HeaderLines = HeaderLines,
                BlankLines = _blankLines,
                BadRows = badRows,
                MultiLineRows = _multiLineRows,
                LinesInsideFields = _linesInsideFields,
                WarningTemplates = all,
            };
        }

        public void Dispose()
        {
            Reader.Dispose();
            _text.Dispose();
        }
    }

    /// <summary>
    /// Rows the file will hold, from the bytes per row so far, with a margin: arrays sized from it are touched only
    /// as far as rows arrive, so a generous guess costs address space, not memory. Never more than -MaxCells allows,
    /// and for compressed input (where the ratio of bytes read to rows is a guess) at most eight times the rows so far.
    /// </summary>
    private static int EstimateRows(FileInput input, long rowsSoFar, int columns, ReadLimits limits)
    {
        var cap = Math.Min(Array.MaxLength, limits.MaxCells / Math.Max(1, columns) + 1);
        if (rowsSoFar == 0 || input.BytesRead == 0) return (int)Math.Min(cap, 65_536);
        var estimate = rowsSoFar * (double)input.Size / input.BytesRead * 1.25 + 65_536;
        if (input.IsGzip) estimate = Math.Min(estimate, 8.0 * rowsSoFar + 65_536);
        return (int)Math.Min(cap, estimate);
    }

    private static Task<ParsedChunk> ParseAsync(CsvChunk chunk, int start, string[] names, ColumnType?[] types, ColumnType?[] probes,
        ChunkedColumn[] sinks, NullValueSet nulls, InferenceRules rules, SemaphoreSlim throttle,
        System.Collections.Concurrent.ConcurrentBag<CsvChunk> pool, bool[] distinctText, string path)
    {
        throttle.Wait();
        return Task.Run(() =>
        {
            try
            {
                var built = new TextColumnBuilder.Built[names.Length];
                var notes = new TextNote?[names.Length];
                for (var c = 0; c < names.Length; c++)
                {
                    try
                    {
                        built[c] = TextColumnBuilder.Build(names[c], new CsvChunk.ColumnCells(chunk, c), nulls, types[c], !distinctText[c], sinks[c], start,
                            rules, probes[c]);
                        notes[c] = Note(chunk, c, built[c]);
                        // Later chunks of a column whose text did not repeat skip interning (a benign race: it is only a hint).
                        if (built[c].Column is StringColumn { IsDictionaryEncoded: false }) distinctText[c] = true;
                    }
                    catch (CellTypeViolationException v)
                    {
                        throw SchemaMismatch(v, chunk, names[c], path);
                    }
                }
                return new ParsedChunk(built, notes);
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
                        $"{{option:Schema}} names column '{key}', which '{path}' does not have (columns: {string.Join(", ", names)}).",
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
                "Check the spelling of {option:Column}.", path, column: name);
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
    /// Picks the delimiter among , ; tab | that splits the first lines into the same number of fields (more than
    /// one), preferring the one giving the most fields. Quotes are respected. When the first line holds none of
    /// them, a space that splits every sampled line alike (scikit-learn's diabetes files) is the delimiter.
    /// </summary>
    internal static char DetectDelimiter(string sample, char? quote = '"')
    {
        var lines = SplitSampleLines(sample, 20, quote);
        var best = ',';
        var bestFields = 1;
        foreach (var d in CandidateDelimiters)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, d, quote)).ToList();
            if (counts.Count == 0 || counts[0] == 0) continue;
            var consistent = counts.All(c => c == counts[0]);
            var fields = counts[0] + 1;
            if (consistent && fields > bestFields) { best = d; bestFields = fields; }
        }
        if (bestFields > 1) return best;
        // No consistent candidate: take the most frequent in the header line.
        var header = lines.FirstOrDefault() ?? "";
        var top = CandidateDelimiters.OrderByDescending(d => CountOutsideQuotes(header, d, quote)).First();
        if (CountOutsideQuotes(header, top, quote) > 0) return top;
        var spaces = lines.Select(l => CountOutsideQuotes(l, ' ', quote)).ToList();
        return lines.Count >= 2 && spaces[0] > 0 && spaces.All(c => c == spaces[0]) ? ' ' : ',';
    }

    private static List<string> SplitSampleLines(string sample, int max, char? quote)
    {
        var lines = new List<string>();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < sample.Length && lines.Count < max; i++)
        {
            var c = sample[i];
            if (c == quote) inQuotes = !inQuotes;
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

    private static int CountOutsideQuotes(string line, char d, char? quote)
    {
        var n = 0;
        var inQuotes = false;
        foreach (var c in line)
        {
            if (c == quote) inQuotes = !inQuotes;
            else if (c == d && !inQuotes) n++;
        }
        return n;
    }

    /// <summary>
    /// Rows copied out of Sep's buffer: one text buffer and the start and end offset of each cell. A row's text goes in
    /// with one copy and its cells are ranges of it (Sep trims and unescapes a field in place, inside the row's own
    /// text): 115 ms of CPU for the telemetry file's 16M fields where a copy per field took 156 ms (bench/Readers, the
    /// "Sep rows + copy" stages). The row's other fields come along; chunks are capped at 8 MB of text all the same.
    /// </summary>
    private sealed class CsvChunk(int capacityRows, int columns)
    {
        private char[] _text = new char[Math.Clamp(capacityRows * columns * 16, 1024, 1 << 22)];
        private int[] _starts = new int[Math.Max(1, capacityRows * columns)];
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

        /// <summary>Copies the row and notes where its selected fields are; a field longer than -MaxFieldLength is an error.</summary>
        public void Add(SepReader.Row row, int[] selected, ReadLimits limits, string path, string[] names)
        {
            if (Rows == Lines.Length)
            {
                Array.Resize(ref Lines, Lines.Length * 2);
                Array.Resize(ref _starts, _starts.Length * 2);
                Array.Resize(ref _ends, _ends.Length * 2);
            }
            Lines[Rows] = row.LineNumberFrom;
            var k = Rows * Columns;
            // The fields first: reading a quoted one unescapes it in place, and the copy of the row must hold that text.
            var rowText = row.Span;
            ref var rowStart = ref MemoryMarshal.GetReference(rowText);
            var outside = false;
            for (var c = 0; c < selected.Length; c++)
            {
                var span = row[selected[c]].Span;
                if (span.Length > limits.MaxFieldLength) throw limits.FieldTooLarge(path, span.Length, row.LineNumberFrom, names[c], parserLimit: false);
                var at = (long)Unsafe.ByteOffset(ref rowStart, ref MemoryMarshal.GetReference(span)) / sizeof(char);
                if (at < 0 || at + span.Length > rowText.Length) { outside = true; break; }
                _starts[k + c] = TextLength + (int)at;
                _ends[k + c] = TextLength + (int)at + span.Length;
            }
            Append(rowText);
            // Not expected from Sep, but should a field's text lie outside the row's, copy each field on its own.
            if (outside)
                for (var c = 0; c < selected.Length; c++)
                {
                    var span = row[selected[c]].Span;
                    _starts[k + c] = TextLength;
                    Append(span);
                    _ends[k + c] = TextLength;
                }
            Rows++;
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (TextLength + text.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, TextLength + text.Length));
            text.CopyTo(_text.AsSpan(TextLength));
            TextLength += text.Length;
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
                    var start = chunk._starts[k];
                    return chunk._text.AsSpan(start, chunk._ends[k] - start);
                }
            }
        }
    }
}
