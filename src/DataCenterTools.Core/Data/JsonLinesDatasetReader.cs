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
            using var input = FileInput.Open(path);
            input.StartHash();
            var pass1 = new Pass(input, options, rawKeys);
            var dataset = pass1.Run(out var conflicts);
            if (dataset != null) return dataset;
            Debug.Assert(pass == 0, "a second pass reads every conflicting column as text and cannot conflict again");
            rawKeys.UnionWith(conflicts!);
        }
    }

    /// <summary>One read of the file. Returns null with the conflicting keys when numbers and text share a column.</summary>
    private sealed class Pass
    {
        private readonly FileInput _input;
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

        private readonly record struct Pending(int Column, JsonCellKind Kind, long Bits, int Start, int Length);

        public Pass(FileInput input, ReadOptions options, HashSet<string> rawKeys)
        {
            _input = input;
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

        public Dataset? Run(out IReadOnlyList<string>? conflicts)
        {
            conflicts = null;
            var clock = Stopwatch.StartNew();
            var path = _input.Path;
            var encoding = _input.ResolveEncoding(_options.Encoding);
            _input.EnsureText(encoding);
            using var badLines = new BadRowSink(_options, "line");
            using var reader = new StreamReader(_input.Content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
            var lineNumber = 0;
            var anyContent = false;
            var lastProgress = Stopwatch.StartNew();
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    if ((lineNumber & 1023) == 0) _options.Cancellation.ThrowIfCancellationRequested();
                    if (string.IsNullOrWhiteSpace(line)) continue; // blank lines are skipped
                    anyContent = true;
                    var max = Utf8.GetMaxByteCount(line.Length);
                    if (bytes.Length < max)
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                        bytes = ArrayPool<byte>.Shared.Rent(max);
                    }
                    var n = Utf8.GetBytes(line, bytes);
                    var error = ParseLine(bytes.AsSpan(0, n), lineNumber);
                    if (error != null)
                    {
                        badLines.Add(new DataException("JsonLinesInvalid", DataErrorKind.InvalidData,
                            $"Line {lineNumber} of '{path}' is not a valid JSON object: {error}",
                            "Fix the line, or use -OnBadRow Skip or -OnBadRow Quarantine -QuarantinePath <file>.", path, lineNumber), line);
                        continue;
                    }
                    if (_options.Progress != null && lastProgress.ElapsedMilliseconds > 250)
                    {
                        _options.Progress(new ReadProgress(_input.BytesRead, _input.Size, _lines.Count));
                        lastProgress.Restart();
                    }
                }
            }
            finally { ArrayPool<byte>.Shared.Return(bytes); }

            if (!anyContent)
                throw new DataException("EmptyFile", DataErrorKind.InvalidData, $"'{path}' is empty: it has no JSON lines.",
                    "Check that the file was written completely.", path);

            var rows = _lines.Count;
            var ordered = OrderColumns(path);
            CheckSchemaColumns(path);
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
                        $"Line {_lines[v.Index]} of '{path}', column '{name}': '{Truncate(v.Text)}' is not a valid {v.Type}.",
                        $"Fix the value, or change -Schema for '{name}' (String accepts anything).", path, _lines[v.Index], name);
                }
            }
            if (conflicting.Count > 0) { conflicts = conflicting; return null; }

            badLines.Complete(path);
            _options.Progress?.Invoke(new ReadProgress(_input.Size, _input.Size, rows));
            var sha = _input.FinishHash();
            foreach (var w in _warnings) _options.Warning?.Invoke(w);

            var parameters = new Dictionary<string, string>
            {
                ["Path"] = path,
                ["Format"] = "JsonLines",
                ["Rows"] = rows.ToString(CultureInfo.InvariantCulture),
                ["BadRows"] = badLines.Count.ToString(CultureInfo.InvariantCulture),
                ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            };
            var source = new DataSource(path, _input.IsGzip ? "JsonLines+gzip" : "JsonLines", _input.Size, sha);
            return new Dataset(_options.Name ?? DatasetNames.FromPath(path), columns, source, [new LineageEntry("Import-Dataset", parameters)]);
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
