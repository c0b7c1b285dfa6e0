using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Reads JSON Lines (one JSON object per line, .jsonl / .ndjson, optionally gzip) into a typed
/// Dataset. Columns are the union of the keys in first-seen order; a missing key or JSON null is a
/// missing cell. Types: integers that fit a long → Int64; numbers → Double; true/false → Boolean;
/// strings → String, or DateTime when every value in the column is an ISO 8601 date; objects and
/// arrays → their JSON text as String; a column mixing numbers or booleans with text → String
/// holding each value's text as written. -NullValues does not apply: a JSON string is always a
/// value (only null is missing), since JSON already says which cells are absent.
/// </summary>
public static partial class JsonLinesDatasetReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    public static Dataset Read(string path, ReadOptions options) => Read(path, options, ParallelMinBytes, DefaultChunkBytes);

    /// <summary>As <see cref="Read(string, ReadOptions)"/>, with the parallel read's thresholds given (tests use tiny chunks).</summary>
    internal static Dataset Read(string path, ReadOptions options, long parallelMinBytes, int chunkBytes)
    {
        if (TryReadParallel(path, options, parallelMinBytes, chunkBytes) is { } parallel) return parallel;
        var rawKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var pass = 0; ; pass++)
        {
            var clock = Stopwatch.StartNew();
            using var input = FileInput.Open(path, options.Limits);
            input.StartHash();
            var parse = new Pass(input.Path, options, rawKeys, limitCells: true);
            var warnings = new List<string>();
            using var badLines = new BadRowSink(options with { Warning = warnings.Add }, "line");
            var lastProgress = Stopwatch.StartNew();
            var lines = new LineSource(input, options);
            foreach (var (line, number) in lines.Read())
            {
                parse.AddLine(line, number, badLines);
                if (options.Progress != null && lastProgress.ElapsedMilliseconds > 250)
                {
                    options.Progress(new ReadProgress(input.BytesRead, input.Size, parse.Rows));
                    lastProgress.Restart();
                }
            }
            var columns = parse.Finish(out var conflicts);
            if (columns == null)
            {
                Debug.Assert(pass == 0, "a second pass reads every conflicting column as text and cannot conflict again");
                rawKeys.UnionWith(conflicts!);
                continue;
            }
            badLines.Complete(input.Path);
            options.Progress?.Invoke(new ReadProgress(input.Size, input.Size, parse.Rows));
            var sha = input.FinishHash();
            var report = lines.Report(parse.Rows, badLines.Count, [.. parse.Warnings, .. warnings]);
            foreach (var w in report.WarningTemplates) options.Warning?.Invoke(w);
            var parameters = new Dictionary<string, string>
            {
                ["Path"] = input.Path,
                ["Format"] = "JsonLines",
                ["Rows"] = parse.Rows.ToString(CultureInfo.InvariantCulture),
                ["BadRows"] = badLines.Count.ToString(CultureInfo.InvariantCulture),
                ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            };
            var source = new DataSource(input.Path, input.IsGzip ? "JsonLines+gzip" : "JsonLines", input.Size, sha);
            return new Dataset(options.Name ?? DatasetNames.FromPath(input.Path), columns, source, [new LineageEntry("Import-Dataset", parameters)])
            {
                ImportReport = report,
                SourceLines = SourceLines.Of(parse.LineNumbers),
            };
        }
    }

    /// <summary>
    /// The file as a sequence of small Datasets of at most <paramref name="rowsPerChunk"/> rows each, read lazily,
    /// so memory holds one chunk whatever the file's size (as <see cref="CsvDatasetReader.ReadChunks"/> for CSV).
    /// Each chunk is typed on its own by the rules of <see cref="Read(string, ReadOptions)"/>: a column holds the keys seen in that
    /// chunk, so a key can be missing from some chunks and a column's type can differ between chunks (Int64 in
    /// one, Double in another; consumers that merge must allow for it). Bad lines are handled by -OnBadRow once
    /// for the whole file. An empty file is an EmptyFile error, as for Read.
    /// </summary>
    public static IEnumerable<Dataset> ReadChunks(string path, ReadOptions options, int rowsPerChunk = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        using var input = FileInput.Open(path, options.Limits with { MaxDecompressionRatio = double.PositiveInfinity });
        var name = options.Name ?? DatasetNames.FromPath(input.Path);
        var source = new DataSource(input.Path, input.IsGzip ? "JsonLines+gzip" : "JsonLines", input.Size, "");
        var endWarnings = new List<string>();
        using var badLines = new BadRowSink(options with { Warning = endWarnings.Add }, "line");
        var lineSource = new LineSource(input, options);
        var warned = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<(string Line, int Number)>(rowsPerChunk);
        long rows = 0;
        var chunks = 0;
        var lastProgress = Stopwatch.StartNew();
        foreach (var (line, number) in lineSource.Read())
        {
            lines.Add((line, number));
            if (lines.Count < rowsPerChunk) continue;
            var chunk = ParseChunk();
            if (chunk.RowCount == 0) continue;
            rows += chunk.RowCount;
            yield return chunk;
            if (options.Progress != null && lastProgress.ElapsedMilliseconds > 250)
            {
                options.Progress(new ReadProgress(input.BytesRead, input.Size, rows));
                lastProgress.Restart();
            }
        }
        if (lines.Count > 0 || chunks == 0)
        {
            var last = ParseChunk();
            if (last.RowCount > 0 || chunks == 1) yield return last;
        }
        badLines.Complete(input.Path);
        options.Progress?.Invoke(new ReadProgress(input.Size, input.Size, rows));
        foreach (var w in lineSource.Report(rows, badLines.Count, endWarnings).WarningTemplates) options.Warning?.Invoke(w);

        Dataset ParseChunk()
        {
            // A chunk mixing numbers and text in a column is parsed again with that column as text, as Read does for the file.
            var rawKeys = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var parse = new Pass(input.Path, options, rawKeys, limitCells: false);
                foreach (var (line, number) in lines) parse.AddLine(line, number, badLines);
                var columns = parse.Finish(out var conflicts);
                if (columns == null)
                {
                    rawKeys.UnionWith(conflicts!);
                    // Only the good lines are parsed again, so bad ones are reported once.
                    var good = parse.LineNumbers.ToHashSet();
                    lines.RemoveAll(l => !good.Contains(l.Number));
                    continue;
                }
                foreach (var w in parse.Warnings) if (warned.Add(w)) options.Warning?.Invoke(w);
                lines.Clear();
                chunks++;
                var firstLine = parse.FirstLine;
                return new Dataset(name, columns, source, [new LineageEntry("Import-Dataset", new Dictionary<string, string>
                {
                    ["Path"] = input.Path,
                    ["Format"] = source.Format,
                    ["Chunk"] = chunks.ToString(CultureInfo.InvariantCulture),
                    ["FirstLine"] = firstLine.ToString(CultureInfo.InvariantCulture),
                })]) { SourceLines = SourceLines.Of(parse.LineNumbers) };
            }
        }
    }

    /// <summary>
    /// The non-blank lines of the file with their line numbers (an EmptyFile error when there are none), read with a
    /// bound on a line's length so one giant line cannot exhaust memory, and counted for the import report.
    /// </summary>
    private sealed class LineSource(FileInput input, ReadOptions options)
    {
        private InvalidTextCounter? _invalid;
        private Encoding? _encoding;
        private long _lines;
        private long _blank;
        private long _firstInvalidLine;

        public IEnumerable<(string Line, int Number)> Read()
        {
            _encoding = input.ResolveCheckedEncoding(options.Encoding, out var invalid);
            _invalid = invalid;
            input.EnsureText(_encoding);
            using var reader = new StreamReader(input.Content, _encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var lines = new BoundedLineReader(reader, options.Limits, input.Path);
            var anyContent = false;
            while (lines.ReadLine() is { } line)
            {
                _lines++;
                if ((_lines & 1023) == 0) options.Cancellation.ThrowIfCancellationRequested();
                if (string.IsNullOrWhiteSpace(line)) { _blank++; continue; } // blank lines are skipped
                if (invalid.Count > 0 && _firstInvalidLine == 0 && line.Contains('\uFFFD')) _firstInvalidLine = _lines;
                anyContent = true;
                yield return (line, (int)_lines);
            }
            if (!anyContent)
                throw new DataException("EmptyFile", DataErrorKind.InvalidData, $"'{input.Path}' is empty: it has no JSON lines.",
                    "Check that the file was written completely.", input.Path);
        }

        public ImportReport Report(long rows, long badLines, IEnumerable<string> warnings)
        {
            var all = warnings.ToList();
            if (_invalid is { Count: > 0 }) all.Add(_invalid.Warning(input.Path, _encoding!, _firstInvalidLine));
            return new ImportReport
            {
                Path = input.Path, Format = "JsonLines", LinesRead = _lines, Rows = rows, BlankLines = _blank, BadRows = badLines, WarningTemplates = all,
            };
        }
    }

    /// <summary>
    /// Lines as StreamReader.ReadLine gives them (ending at \n, \r\n or \r), except that a line longer than
    /// -MaxFieldLength is a FieldTooLarge error raised before it is held whole.
    /// </summary>
    private sealed class BoundedLineReader(TextReader reader, ReadLimits limits, string path)
    {
        private char[] _buffer = new char[1 << 16];
        private int _start;
        private int _end;
        private bool _eof;
        private long _line;

        public string? ReadLine()
        {
            var scanned = 0;
            while (true)
            {
                var pending = _buffer.AsSpan(_start, _end - _start);
                var at = pending[scanned..].IndexOfAny('\r', '\n');
                if (at >= 0)
                {
                    at += scanned;
                    if (at > limits.MaxFieldLength) throw limits.FieldTooLarge(path, at, _line + 1, null, parserLimit: false);
                    if (pending[at] == '\r' && at + 1 == pending.Length && !_eof) { scanned = at; Fill(); continue; }
                    var line = new string(pending[..at]);
                    _start += at + (pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? 2 : 1);
                    _line++;
                    return line;
                }
                scanned = pending.Length;
                if (scanned > limits.MaxFieldLength) throw limits.FieldTooLarge(path, scanned, _line + 1, null, parserLimit: false);
                if (_eof)
                {
                    if (pending.IsEmpty) return null;
                    _start = _end;
                    _line++;
                    return new string(pending);
                }
                Fill();
            }
        }

        private void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, _buffer.Length * 2L));
            var n = reader.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
        }
    }

    /// <summary>One parse of a sequence of lines (the file, or a chunk of it) into typed columns.</summary>
    private sealed class Pass
    {
        private readonly string _path;
        private readonly ReadOptions _options;
        private readonly HashSet<string> _rawKeys;
        private readonly Dictionary<string, ColumnType> _schema;
        private readonly Dictionary<string, int>? _selected; // requested name -> position, when -Column is given
        // Exact key -> column index, or -1 for a key not selected; looked up by span to avoid a string per key per line.
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _keyLookup;
        private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<JsonColumnAccumulator> _columns = [];
        private readonly List<string> _warnings = [];
        private readonly List<int> _lines = [];
        private readonly List<Pending> _pending = [];
        private char[] _chars = new char[4096];
        private int _charCount;
        private char[] _keyChars = new char[256];
        private byte[] _bytes = new byte[4096];

        private readonly record struct Pending(int Column, JsonCellKind Kind, long Bits, int Start, int Length);

        private readonly bool _limitCells;
        private readonly int _rowCapacity;
        private readonly JsonCellArrays? _arrays;
        private readonly bool _discardOnBadLine;
        private readonly IReadOnlySet<string>? _bufferedTextKeys;
        private bool _spoiled;

        /// <param name="rowCapacity">The rows expected (a chunk's line count): the columns of its first line start that large.</param>
        /// <param name="arrays">Where the columns of its first line take their arrays from (a chunk's pass), or null.</param>
        /// <param name="discardOnBadLine">
        /// The caller drops the whole pass at its first bad line (a chunk of the parallel read): cells then go straight into
        /// their columns as they are parsed, without the per-line list that lets a bad line leave nothing behind.
        /// </param>
        /// <param name="bufferedTextKeys">Keys whose columns keep their text in the character buffer from the start (see <see cref="JsonColumnAccumulator"/>).</param>
        public Pass(string path, ReadOptions options, HashSet<string> rawKeys, bool limitCells, int rowCapacity = 16, JsonCellArrays? arrays = null,
            bool discardOnBadLine = false, IReadOnlySet<string>? bufferedTextKeys = null)
        {
            _discardOnBadLine = discardOnBadLine;
            _bufferedTextKeys = bufferedTextKeys;
            _arrays = arrays;
            _limitCells = limitCells;
            _rowCapacity = rowCapacity;
            _path = path;
            _options = options;
            _rawKeys = rawKeys;
            _keyLookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
            _schema = new Dictionary<string, ColumnType>(options.Schema ?? new Dictionary<string, ColumnType>(), StringComparer.OrdinalIgnoreCase);
            if (options.Columns is { Count: > 0 } cols)
            {
                _selected = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var c in cols) _selected.TryAdd(c, _selected.Count);
            }
        }

        /// <summary>The good lines parsed so far.</summary>
        public int Rows => _lines.Count;
        /// <summary>The line numbers of the good lines.</summary>
        public IReadOnlyList<int> LineNumbers => _lines;
        /// <summary>The line number of the first good line (0 when none).</summary>
        public int FirstLine => _lines.Count > 0 ? _lines[0] : 0;
        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>Parses one line into the columns, or hands it to <paramref name="badLines"/> when it is not a JSON object.</summary>
        public void AddLine(string line, int lineNumber, BadRowSink badLines)
        {
            var max = Utf8.GetMaxByteCount(line.Length);
            if (_bytes.Length < max) _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
            var n = Utf8.GetBytes(line, _bytes);
            var error = ParseLine(_bytes.AsSpan(0, n), lineNumber);
            if (error != null)
                badLines.Add(new DataException("JsonLinesInvalid", DataErrorKind.InvalidData,
                    $"Line {lineNumber} of '{_path}' is not a valid JSON object: {error}",
                    "Fix the line, or use {option:OnBadRow} Skip or {option:OnBadRow} Quarantine {option:QuarantinePath} <file>.", _path, lineNumber), line);
        }

        public int ColumnCount => _columns.Count;

        /// <summary>The keys whose kept text has gone into the character buffer.</summary>
        public IEnumerable<string> BufferedTextKeys => _columns.Where(c => c.TextIsBuffered).Select(c => c.Key);

        /// <summary>Parses one line given as UTF-8; false (and nothing kept) when it is not a good JSON object.</summary>
        public bool TryAddUtf8Line(ReadOnlySpan<byte> utf8, int lineNumber) => ParseLine(utf8, lineNumber) == null;

        /// <summary>
        /// Appends a pass over the lines that follow this one's (its line numbers shifted by <paramref name="lineOffset"/>):
        /// its keys not seen yet become columns after this pass's, in its first-seen order, as one pass over both would
        /// have made them. False when a new key differs from a known one only by case or the columns exceed the limit.
        /// </summary>
        public bool TryAppend(Pass part, int lineOffset)
        {
            var rowOffset = _lines.Count;
            foreach (var line in part._lines) _lines.Add(line + lineOffset);
            foreach (var column in part._columns)
            {
                if (!_keys.TryGetValue(column.Key, out var index))
                {
                    if (!_names.Add(column.Key) || _columns.Count >= _options.Limits.MaxColumns) return false;
                    index = _columns.Count;
                    _columns.Add(new JsonColumnAccumulator(column.Key, column.Name, column.Raw, column.Forced));
                    _keys[column.Key] = index;
                }
                _columns[index].AppendFrom(column, rowOffset, part.Rows);
                column.ReturnArrays();
            }
            return true;
        }

        /// <summary>Makes room for <paramref name="rows"/> rows in the columns known so far (see <see cref="JsonColumnAccumulator.Reserve"/>).</summary>
        public void Reserve(int rows)
        {
            foreach (var column in _columns) column.Reserve(rows);
        }

        /// <summary>The typed columns, or null with the conflicting keys when numbers and text share a column; the cells are let go.</summary>
        public Column[]? Finish(out IReadOnlyList<string>? conflicts)
        {
            conflicts = null;
            var rows = _lines.Count;
            var ordered = OrderColumns(_path);
            CheckSchemaColumns(_path);
            var columns = new Column[ordered.Count];
            var conflicting = new List<string>();
            for (var c = 0; c < ordered.Count; c++)
            {
                try
                {
                    var column = ordered[c].Finish(rows, _options.NonFinite);
                    ordered[c].Release();
                    if (column == null) conflicting.Add(ordered[c].Key);
                    else columns[c] = column;
                    if (column is StringColumn && ordered[c].FirstBigIntegerRow is var big and >= 0)
                        _warnings.Add($"Key '{ordered[c].Name}' of '{_path}' is read as String: line {_lines[big]:N0} holds a whole number too large for Int64 that a Double would round. Use {{option:Schema}} @{{ {ordered[c].Name} = 'Double' }} to read it as numbers anyway.");
                    if (ordered[c].NonFiniteMissing > 0)
                        _warnings.Add($"Key '{ordered[c].Name}' of '{_path}': {ordered[c].NonFiniteMissing:N0} NaN or infinite value(s) were read as missing ({{option:NonFinite}} Missing).");
                }
                catch (CellTypeViolationException v)
                {
                    var name = ordered[c].Name;
                    throw new DataException("SchemaTypeMismatch", DataErrorKind.InvalidData,
                        $"Line {_lines[v.Index]} of '{_path}', column '{name}': '{Truncate(v.Text)}' is not a valid {v.Type}.",
                        $"Fix the value, or change {{option:Schema}} for '{name}' (String accepts anything).", _path, _lines[v.Index], name);
                }
            }
            if (conflicting.Count > 0) { conflicts = conflicting; return null; }
            return columns;
        }

        private List<JsonColumnAccumulator> OrderColumns(string path)
        {
            if (_selected == null) return _columns;
            var byName = _columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            return _selected.Keys.Select(name => byName.TryGetValue(name, out var c) ? c
                : throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                    $"'{path}' has no key '{name}' (keys: {string.Join(", ", _keys.Keys)}).",
                    "Check the spelling of {option:Column}.", path, column: name)).ToList();
        }

        private void CheckSchemaColumns(string path)
        {
            foreach (var key in _schema.Keys)
                if (!_names.Contains(key))
                    throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                        $"{{option:Schema}} names column '{key}', which '{path}' does not have (columns: {string.Join(", ", _columns.Select(c => c.Name))}).",
                        "Check the spelling of the column name.", path, column: key);
        }

        /// <summary>Parses one line; commits its cells only when the whole line is good. Returns the problem, or null.</summary>
        // This and the per-cell methods below run for every line: compiled fully optimized at first use, so a fresh
        // process does not parse much of its first file with ReadyToRun code, which cannot inline Utf8JsonReader's members.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string? ParseLine(ReadOnlySpan<byte> utf8, int lineNumber)
        {
            if (_discardOnBadLine)
            {
                Debug.Assert(!_spoiled, "a pass that took a bad line in part is discarded, never given more lines");
                _charCount = 0;
                var error = ParseInto(utf8, lineNumber);
                if (error != null) { _spoiled = true; return error; }
                _lines.Add(lineNumber);
                return null;
            }
            var columnsBefore = _columns.Count;
            _pending.Clear();
            _charCount = 0;
            var problem = ParseInto(utf8, lineNumber);
            if (problem != null)
            {
                // Forget keys first seen on a bad line, so they do not become empty columns.
                for (var i = columnsBefore; i < _columns.Count; i++)
                {
                    _keys.Remove(_columns[i].Key);
                    _names.Remove(_columns[i].Name);
                }
                _columns.RemoveRange(columnsBefore, _columns.Count - columnsBefore);
                return problem;
            }
            var row = _lines.Count;
            _lines.Add(lineNumber);
            foreach (var p in _pending)
                _columns[p.Column].Set(row, p.Kind, p.Bits, _chars.AsSpan(p.Start, p.Length));
            if (_limitCells && (long)_lines.Count * _columns.Count > _options.Limits.MaxCells)
                throw _options.Limits.TooManyCells(_path, _lines.Count, _columns.Count, lineNumber);
            return null;
        }

        private int _currentLine;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string? ParseInto(ReadOnlySpan<byte> utf8, int lineNumber)
        {
            _currentLine = lineNumber;
            _nextColumn = 0;
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            try
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                    return $"it holds a JSON {Describe(reader.TokenType)}, not an object.";
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var column = ColumnFor(ref reader);
                    reader.Read();
                    if (column < 0)
                    {
                        reader.Skip(); // a key not selected: still checked for valid JSON, then ignored
                        continue;
                    }
                    var acc = _columns[column];
                    if (acc.Stamp == lineNumber) return $"the key '{acc.Key}' appears twice.";
                    acc.Stamp = lineNumber;
                    AddCell(ref reader, column, acc.Raw, utf8);
                }
                while (reader.Read()) { } // anything after the object but whitespace makes the parser throw
                return null;
            }
            catch (JsonException e)
            {
                return e.Message;
            }
        }

        private static string Describe(JsonTokenType t) => t switch
        {
            JsonTokenType.StartArray => "array",
            JsonTokenType.String => "string",
            JsonTokenType.Number => "number",
            JsonTokenType.True or JsonTokenType.False => "boolean",
            JsonTokenType.Null => "null",
            _ => t.ToString(),
        };

        /// <summary>The column for the property name under the reader: found, created, or -1 when not selected.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int ColumnFor(ref Utf8JsonReader reader)
        {
            // Lines of one file mostly hold the same keys in the same order: try the column after the last one found,
            // comparing the key's bytes as written, before unescaping it and hashing it.
            if (!reader.ValueIsEscaped && !reader.HasValueSequence && _nextColumn < _columns.Count
                && reader.ValueSpan.SequenceEqual(_columns[_nextColumn].KeyUtf8))
                return _nextColumn++;
            var found = FindColumn(ref reader);
            _nextColumn = found + 1;
            return found;
        }

        private int _nextColumn;

        private int FindColumn(ref Utf8JsonReader reader)
        {
            var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (_keyChars.Length < max) _keyChars = new char[Math.Max(max, _keyChars.Length * 2)];
            var length = reader.CopyString(_keyChars);
            var key = _keyChars.AsSpan(0, length);
            if (_keyLookup.TryGetValue(key, out var index)) return index;

            var keyText = key.ToString();
            var name = keyText;
            if (_selected != null && !_selected.ContainsKey(name)) { _keys[keyText] = -1; return -1; }
            if (_selected != null && _names.Contains(name)) { _keys[keyText] = -1; return -1; } // another spelling of a selected key
            if (!_names.Add(name))
            {
                // Dataset column names are case-insensitive, like PowerShell; keys that differ only by case get a suffix.
                var k = 2;
                while (!_names.Add($"{keyText}_{k}")) k++;
                name = $"{keyText}_{k}";
                _warnings.Add($"Key '{keyText}' differs from an earlier key only by case; its column is named '{name}'.");
            }
            if (_columns.Count >= _options.Limits.MaxColumns)
                throw _options.Limits.TooManyColumns(_path, _columns.Count + 1, _currentLine);
            var forced = _schema.TryGetValue(name, out var t) ? t : (ColumnType?)null;
            var raw = forced == ColumnType.String || _rawKeys.Contains(keyText);
            // Only the first line's keys get the expected row count: a file whose lines each bring new keys stays linear.
            var textAsBuffer = _bufferedTextKeys?.Contains(keyText) == true;
            _columns.Add(_lines.Count == 0
                ? new JsonColumnAccumulator(keyText, name, raw, forced, _rowCapacity, _arrays, textAsBuffer)
                : new JsonColumnAccumulator(keyText, name, raw, forced, textAsBuffer: textAsBuffer));
            _keys[keyText] = _columns.Count - 1;
            return _columns.Count - 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddCell(ref Utf8JsonReader reader, int column, bool raw, ReadOnlySpan<byte> line)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return;
                case JsonTokenType.True:
                case JsonTokenType.False:
                {
                    var value = reader.TokenType == JsonTokenType.True;
                    var start = raw ? AppendChars(value ? "true" : "false") : _charCount;
                    Push(column, JsonCellKind.Boolean, value ? 1 : 0, start);
                    return;
                }
                case JsonTokenType.Number:
                {
                    var number = reader.ValueSpan; // a number is never split: the reader is given whole lines
                    var start = raw ? AppendUtf8(number) : _charCount;
                    var kind = ParseNumber(number, out var bits);
                    // A whole number beyond Int64: its digits as written, never a rounded Double.
                    if (kind == JsonCellKind.BigInteger && !raw) start = AppendUtf8(number);
                    Push(column, kind, bits, start);
                    return;
                }
                case JsonTokenType.String:
                {
                    var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                    EnsureChars(max);
                    var start = _charCount;
                    _charCount += reader.CopyString(_chars.AsSpan(_charCount));
                    var text = _chars.AsSpan(start, _charCount - start);
                    if (!raw && IsNonFiniteSpelling(text, out var d))
                        Push(column, JsonCellKind.NonFiniteString, BitConverter.DoubleToInt64Bits(d), start);
                    else
                        Push(column, JsonCellKind.String, 0, start);
                    return;
                }
                default: // StartObject / StartArray: keep the JSON text as written
                {
                    var from = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var start = AppendUtf8(line[from..(int)reader.BytesConsumed]);
                    Push(column, JsonCellKind.Nested, 0, start);
                    return;
                }
            }
        }

        private void Push(int column, JsonCellKind kind, long bits, int start)
        {
            // Profiled: the pending list and the second loop over it cost about a tenth of a chunk's parse.
            if (_discardOnBadLine) _columns[column].Set(_lines.Count, kind, bits, _chars.AsSpan(start, _charCount - start));
            else _pending.Add(new Pending(column, kind, bits, start, _charCount - start));
        }

        private void EnsureChars(int more)
        {
            if (_charCount + more > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + more));
        }

        private int AppendChars(string s)
        {
            EnsureChars(s.Length);
            var start = _charCount;
            s.CopyTo(_chars.AsSpan(start));
            _charCount += s.Length;
            return start;
        }

        private int AppendUtf8(ReadOnlySpan<byte> utf8)
        {
            EnsureChars(utf8.Length);
            var start = _charCount;
            _charCount += Utf8.GetChars(utf8, _chars.AsSpan(start));
            return start;
        }
    }

    private static readonly SearchValues<char> NonFiniteMarks = SearchValues.Create("nN\u221E\u223E");

    /// <summary>"inf", "-Infinity", "NaN" and the like: how writers spell numbers JSON cannot hold.</summary>
    internal static bool IsNonFiniteSpelling(ReadOnlySpan<char> text, out double value)
    {
        // Every spelling CellParser reads as non-finite without digits (inf, Infinity, NaN in any case, .NET's ∞, and
        // the ∾ that csFastFloat's case folding takes for ∞) holds one of NonFiniteMarks: other strings, most of a
        // file's, skip the general parser, which costs more than the rest of their cell. A test checks every character.
        value = 0;
        return text.IndexOfAny(NonFiniteMarks) >= 0 && text.IndexOfAnyInRange('0', '9') < 0
            && CellParser.TryParseDouble(text, out value) && !double.IsFinite(value);
    }

    /// <summary>
    /// A JSON number (as the reader checked it) as an Integer when it has no fraction or exponent and fits a long,
    /// a BigInteger when it has none but does not fit, else a Float; <paramref name="bits"/> is the long, or the double's bits.
    /// </summary>
    internal static JsonCellKind ParseNumber(ReadOnlySpan<byte> number, out long bits)
    {
        bits = 0;
        if (number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
            return Utf8Parser.TryParse(number, out bits, out var used) && used == number.Length ? JsonCellKind.Integer : JsonCellKind.BigInteger;
        // csFastFloat (exactly rounded, as Utf8JsonReader.TryGetDouble is, and faster); beyond double's range it gives
        // ±Infinity, which is what the number means (TryGetDouble refuses those, and double.Parse agrees with it).
        if (!csFastFloat.FastDoubleParser.TryParseDouble(number, out int consumed, out var d) || consumed != number.Length)
            d = double.Parse(Encoding.ASCII.GetString(number), NumberStyles.Float, CultureInfo.InvariantCulture);
        bits = BitConverter.DoubleToInt64Bits(d);
        return JsonCellKind.Float;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
