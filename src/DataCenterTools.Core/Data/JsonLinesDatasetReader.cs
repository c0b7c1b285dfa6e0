using System.Buffers;
using System.Diagnostics;
using System.Globalization;
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
public static class JsonLinesDatasetReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    public static Dataset Read(string path, ReadOptions options)
    {
        var rawKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var pass = 0; ; pass++)
        {
            var clock = Stopwatch.StartNew();
            using var input = FileInput.Open(path);
            input.StartHash();
            var parse = new Pass(input.Path, options, rawKeys);
            using var badLines = new BadRowSink(options, "line");
            var lastProgress = Stopwatch.StartNew();
            foreach (var (line, number) in Lines(input, options))
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
            foreach (var w in parse.Warnings) options.Warning?.Invoke(w);
            var parameters = new Dictionary<string, string>
            {
                ["Path"] = input.Path,
                ["Format"] = "JsonLines",
                ["Rows"] = parse.Rows.ToString(CultureInfo.InvariantCulture),
                ["BadRows"] = badLines.Count.ToString(CultureInfo.InvariantCulture),
                ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            };
            var source = new DataSource(input.Path, input.IsGzip ? "JsonLines+gzip" : "JsonLines", input.Size, sha);
            return new Dataset(options.Name ?? DatasetNames.FromPath(input.Path), columns, source, [new LineageEntry("Import-Dataset", parameters)]);
        }
    }

    /// <summary>
    /// The file as a sequence of small Datasets of at most <paramref name="rowsPerChunk"/> rows each, read lazily,
    /// so memory holds one chunk whatever the file's size (as <see cref="CsvDatasetReader.ReadChunks"/> for CSV).
    /// Each chunk is typed on its own by the rules of <see cref="Read"/>: a column holds the keys seen in that
    /// chunk, so a key can be missing from some chunks and a column's type can differ between chunks (Int64 in
    /// one, Double in another; consumers that merge must allow for it). Bad lines are handled by -OnBadRow once
    /// for the whole file. An empty file is an EmptyFile error, as for Read.
    /// </summary>
    public static IEnumerable<Dataset> ReadChunks(string path, ReadOptions options, int rowsPerChunk = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        using var input = FileInput.Open(path);
        var name = options.Name ?? DatasetNames.FromPath(input.Path);
        var source = new DataSource(input.Path, input.IsGzip ? "JsonLines+gzip" : "JsonLines", input.Size, "");
        using var badLines = new BadRowSink(options, "line");
        var warned = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<(string Line, int Number)>(rowsPerChunk);
        long rows = 0;
        var chunks = 0;
        var lastProgress = Stopwatch.StartNew();
        foreach (var (line, number) in Lines(input, options))
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

        Dataset ParseChunk()
        {
            // A chunk mixing numbers and text in a column is parsed again with that column as text, as Read does for the file.
            var rawKeys = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var parse = new Pass(input.Path, options, rawKeys);
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
                })]);
            }
        }
    }

    /// <summary>The non-blank lines of the file with their line numbers; an EmptyFile error when there are none.</summary>
    private static IEnumerable<(string Line, int Number)> Lines(FileInput input, ReadOptions options)
    {
        var encoding = input.ResolveEncoding(options.Encoding);
        input.EnsureText(encoding);
        using var reader = new StreamReader(input.Content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var lineNumber = 0;
        var anyContent = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if ((lineNumber & 1023) == 0) options.Cancellation.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line)) continue; // blank lines are skipped
            anyContent = true;
            yield return (line, lineNumber);
        }
        if (!anyContent)
            throw new DataException("EmptyFile", DataErrorKind.InvalidData, $"'{input.Path}' is empty: it has no JSON lines.",
                "Check that the file was written completely.", input.Path);
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

        public Pass(string path, ReadOptions options, HashSet<string> rawKeys)
        {
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
                    "Fix the line, or use -OnBadRow Skip or -OnBadRow Quarantine -QuarantinePath <file>.", _path, lineNumber), line);
        }

        /// <summary>The typed columns, or null with the conflicting keys when numbers and text share a column.</summary>
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
                    var column = ordered[c].Finish(rows);
                    if (column == null) conflicting.Add(ordered[c].Key);
                    else columns[c] = column;
                }
                catch (CellTypeViolation v)
                {
                    var name = ordered[c].Name;
                    throw new DataException("SchemaTypeMismatch", DataErrorKind.InvalidData,
                        $"Line {_lines[v.Index]} of '{_path}', column '{name}': '{Truncate(v.Text)}' is not a valid {v.Type}.",
                        $"Fix the value, or change -Schema for '{name}' (String accepts anything).", _path, _lines[v.Index], name);
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
                    "Check the spelling of -Column.", path, column: name)).ToList();
        }

        private void CheckSchemaColumns(string path)
        {
            foreach (var key in _schema.Keys)
                if (!_names.Contains(key))
                    throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                        $"-Schema names column '{key}', which '{path}' does not have (columns: {string.Join(", ", _columns.Select(c => c.Name))}).",
                        "Check the spelling of the column name.", path, column: key);
        }

        /// <summary>Parses one line; commits its cells only when the whole line is good. Returns the problem, or null.</summary>
        private string? ParseLine(ReadOnlySpan<byte> utf8, int lineNumber)
        {
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
            return null;
        }

        private string? ParseInto(ReadOnlySpan<byte> utf8, int lineNumber)
        {
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
        private int ColumnFor(ref Utf8JsonReader reader)
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
            var forced = _schema.TryGetValue(name, out var t) ? t : (ColumnType?)null;
            var raw = forced == ColumnType.String || _rawKeys.Contains(keyText);
            _columns.Add(new JsonColumnAccumulator(keyText, name, raw, forced));
            _keys[keyText] = _columns.Count - 1;
            return _columns.Count - 1;
        }

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
                    var start = raw ? AppendUtf8(reader.ValueSpan) : _charCount;
                    if (reader.TryGetInt64(out var l)) Push(column, JsonCellKind.Integer, l, start);
                    else
                    {
                        // Beyond double's range TryGetDouble refuses; double.Parse gives ±Infinity, which is what the number means.
                        if (!reader.TryGetDouble(out var d))
                            d = double.Parse(Encoding.ASCII.GetString(reader.ValueSpan), NumberStyles.Float, CultureInfo.InvariantCulture);
                        Push(column, JsonCellKind.Float, BitConverter.DoubleToInt64Bits(d), start);
                    }
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

        /// <summary>"inf", "-Infinity", "NaN" and the like: how writers spell numbers JSON cannot hold.</summary>
        private static bool IsNonFiniteSpelling(ReadOnlySpan<char> text, out double value) =>
            CellParser.TryParseDouble(text, out value) && !double.IsFinite(value) && text.IndexOfAnyInRange('0', '9') < 0;

        private void Push(int column, JsonCellKind kind, long bits, int start) =>
            _pending.Add(new Pending(column, kind, bits, start, _charCount - start));

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

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
