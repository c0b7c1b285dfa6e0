using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>
/// Streams the documents of one corpus file: JSON Lines (plain, .gz or .zst: <see cref="FileInput"/> unwraps
/// them), Parquet (read with <see cref="DatasetReader"/>), or a plain text file as one document. JSON Lines are
/// read as bytes, so a line that is not valid UTF-8 is caught (with its line number) instead of being decoded
/// into replacement characters, and so is a line that is not a JSON object or lacks the text field; each goes
/// to -OnBadRow (Error stops, Skip counts, Quarantine keeps the line verbatim).
/// </summary>
public static class CorpusFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The documents of <paramref name="path"/>; <paramref name="bytesRead"/> reports the file bytes consumed so far (for progress).</summary>
    public static IEnumerable<CorpusDocument> Read(string path, CorpusReadOptions options, Action<long>? bytesRead = null)
    {
        if (options.DocumentPerFile) return [ReadWholeFile(path, options)];
        if (DatasetReader.ResolveFormat(path, DataFormat.Auto) == DataFormat.Parquet) return ReadParquet(path, options, bytesRead);
        return ReadJsonLines(path, options, bytesRead);
    }

    private static CorpusDocument ReadWholeFile(string path, CorpusReadOptions options)
    {
        using var input = FileInput.Open(path);
        if (input.Size > options.MaxDocumentBytes)
            throw new DataException("DocumentTooLarge", DataErrorKind.InvalidData,
                $"'{input.Path}' is {input.Size:N0} bytes, over the {options.MaxDocumentBytes:N0}-byte document limit.", "Split the file, or raise {option:MaxDocumentBytes}.", input.Path);
        using var memory = new MemoryStream();
        input.Content.CopyTo(memory);
        string text;
        try { text = StrictUtf8.GetString(memory.GetBuffer(), 0, (int)memory.Length); }
        catch (DecoderFallbackException e)
        {
            throw new DataException("InvalidUtf8", DataErrorKind.InvalidData, $"'{input.Path}' is not valid UTF-8 text (at byte {e.Index}).",
                "Convert the file to UTF-8 (iconv -f <encoding> -t UTF-8), or leave it out.", input.Path, inner: e);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return new PlainTextDocument(input.Path, text, input.Path, input.Size);
    }

    private static IEnumerable<CorpusDocument> ReadParquet(string path, CorpusReadOptions options, Action<long>? bytesRead)
    {
        var dataset = DatasetReader.Read(path, new ReadOptions { Format = DataFormat.Parquet, Cancellation = options.Cancellation });
        var text = CorpusColumns.TextOf(dataset, options.TextColumn);
        var idName = CorpusColumns.ResolveId(dataset.Columns.Select(c => c.Name).ToList(), options.IdColumn, $"'{path}'");
        var idColumn = idName == null ? null : dataset[idName];
        for (var row = 0; row < dataset.RowCount; row++)
        {
            if (text.IsNull(row)) continue; // a row without text is no document
            var id = idColumn?.GetValue(row) is { } v ? CellParser.Format(v) : CorpusColumns.StableId(path, row + 1);
            yield return new DatasetRowDocument(id, text[row]!, text.Name, dataset.Source?.Path ?? path, row + 1, dataset, row);
        }
        bytesRead?.Invoke(dataset.Source?.Size ?? 0);
    }

    private static IEnumerable<CorpusDocument> ReadJsonLines(string path, CorpusReadOptions options, Action<long>? bytesRead)
    {
        using var input = FileInput.Open(path);
        using var bad = new BadRowSink(options.ToReadOptions(), "line");
        var lines = new LineSplitter(input.Content, options.MaxDocumentBytes);
        string? textField = null, idField = null;
        JsonProperty[]? previous = null;
        var any = false;
        while (lines.Next(out var line, out var number, out var tooLong))
        {
            if ((number & 1023) == 0) { options.Cancellation.ThrowIfCancellationRequested(); bytesRead?.Invoke(input.BytesRead); }
            if (tooLong)
            {
                bad.Add(new DataException("DocumentTooLarge", DataErrorKind.InvalidData, $"Line {number} of '{input.Path}' is over the {options.MaxDocumentBytes:N0}-byte document limit.",
                    "Split the document, or raise {option:MaxDocumentBytes}.", input.Path, number), "");
                continue;
            }
            var span = line.Span;
            if (span.Trim(" \t\r"u8).IsEmpty) continue;
            if (!System.Text.Unicode.Utf8.IsValid(span))
            {
                bad.Add(new DataException("InvalidUtf8", DataErrorKind.InvalidData, $"Line {number} of '{input.Path}' is not valid UTF-8.",
                    "Convert the file to UTF-8, or use {option:OnBadRow} Skip or Quarantine.", input.Path, number), Encoding.UTF8.GetString(span));
                continue;
            }
            JsonProperty[] properties;
            string? text;
            int textAt;
            try { properties = ParseObject(span, previous, textField, options.DecodeText || !options.KeepLine, out text, out textAt); previous = properties; }
            catch (JsonException e)
            {
                bad.Add(new DataException("JsonInvalid", DataErrorKind.InvalidData, $"Line {number} of '{input.Path}' is not JSON: {e.Message}",
                    "Fix or remove the line, or use {option:OnBadRow} Skip or Quarantine.", input.Path, number), Encoding.UTF8.GetString(span));
                continue;
            }
            catch (InvalidOperationException e)
            {
                bad.Add(new DataException("JsonNotObject", DataErrorKind.InvalidData, $"Line {number} of '{input.Path}' is {e.Message}, not a JSON object.",
                    "Each line of a corpus must be one JSON object.", input.Path, number), Encoding.UTF8.GetString(span));
                continue;
            }
            var firstLine = textField == null;
            if (textField == null)
            {
                var names = properties.Select(p => p.Name).ToList();
                textField = CorpusColumns.ResolveText(names, options.TextColumn, $"'{input.Path}' (line {number})");
                idField = CorpusColumns.ResolveId(names, options.IdColumn, $"'{input.Path}' (line {number})");
            }
            string? id = null;
            foreach (var p in properties)
            {
                if (p.Name == textField) { if (firstLine && span[p.ValueStart] == (byte)'"') text = StringValue(span, p); }
                else if (p.Name == idField && !span[p.ValueStart..p.ValueEnd].SequenceEqual("null"u8))
                    id = span[p.ValueStart] == (byte)'"' ? StringValue(span, p) : Encoding.UTF8.GetString(span[p.ValueStart..p.ValueEnd]);
            }
            if (text == null && (firstLine || textAt < 0))
            {
                bad.Add(new DataException("DocumentWithoutText", DataErrorKind.InvalidData, $"Line {number} of '{input.Path}' has no text in field '{textField}'.",
                    "Give every document a text string, or use {option:OnBadRow} Skip.", input.Path, number, textField), Encoding.UTF8.GetString(span));
                continue;
            }
            id ??= CorpusColumns.StableId(input.Path, number);
            any = true;
            yield return new JsonLineDocument(id, text, textField, input.Path, number, options.KeepLine ? span.ToArray() : null, span.Length, properties, textAt);
        }
        if (!any && bad.Count == 0)
            throw new DataException("EmptyFile", DataErrorKind.InvalidData, $"'{input.Path}' is empty: it has no documents.", "Check that the file was written completely.", input.Path);
        bad.Complete(input.Path);
        bytesRead?.Invoke(input.Size);
    }

    /// <summary>
    /// The top-level properties of one JSON object and where each value lies (Utf8JsonReader validates the whole line,
    /// nested values are skipped, not built). InvalidOperationException says what the line is when it is not an object.
    /// The string value of <paramref name="textField"/> (the last, if repeated) is decoded on the way: decoding it later
    /// from the line's bytes meant a second reader scanning (and validating) every escaped text again. Without
    /// <paramref name="decodeText"/> only a text with a \u escape is decoded (one that does not decode, a lone
    /// surrogate, is then the same bad line as when the text is read); <paramref name="textAt"/> is the property
    /// the text is in, for decoding it later.
    /// </summary>
    private static JsonProperty[] ParseObject(ReadOnlySpan<byte> line, JsonProperty[]? previous, string? textField, bool decodeText, out string? text, out int textAt)
    {
        text = null;
        textAt = -1;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read()) throw new JsonException("the line is empty");
        if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidOperationException($"a JSON {reader.TokenType}");
        var properties = new List<JsonProperty>(8);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Lines of a corpus share their keys: the previous line's name string is reused when the bytes match.
            var at = properties.Count;
            var name = previous != null && at < previous.Length && reader.ValueTextEquals(previous[at].Name) ? previous[at].Name : reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            else if (reader.TokenType == JsonTokenType.String && name == textField)
            {
                textAt = at;
                text = decodeText || (reader.ValueIsEscaped && reader.ValueSpan.IndexOf(@"\u"u8) >= 0) ? reader.GetString() : null;
            }
            properties.Add(new JsonProperty(name, start, (int)reader.BytesConsumed));
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("the object is not closed");
        if (reader.Read()) throw new JsonException("there is more after the object");
        return properties.ToArray();
    }

    internal static string StringValue(ReadOnlySpan<byte> line, JsonProperty p)
    {
        var value = line[p.ValueStart..p.ValueEnd];
        // Without escapes the bytes between the quotes are the text; else the reader unescapes it.
        if (value.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(value[1..^1]);
        var reader = new Utf8JsonReader(value);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Splits a stream into lines of bytes (LF, the CR of CRLF kept for the caller to trim), with a cap on a line's length.</summary>
    private sealed class LineSplitter(Stream stream, int maxLine)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start, _end;
        private bool _eof;
        private long _number;

        public bool Next(out ReadOnlyMemory<byte> line, out long number, out bool tooLong)
        {
            tooLong = false;
            var skipping = false;
            while (true)
            {
                var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl >= 0)
                {
                    number = ++_number;
                    line = skipping ? default : _buffer.AsMemory(_start, nl - _start);
                    tooLong = skipping;
                    _start = nl + 1;
                    return true;
                }
                if (_eof)
                {
                    number = ++_number;
                    line = skipping ? default : _buffer.AsMemory(_start, _end - _start);
                    tooLong = skipping;
                    var had = _end > _start || skipping;
                    _start = _end;
                    return had;
                }
                if (_end - _start > maxLine) { skipping = true; _start = _end; }
                Fill();
            }
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
        }
    }
}

/// <summary>Corpus files read into one in-memory Dataset (Import-Dataset -DocumentPerFile): columns id and text, a document per file.</summary>
public static class CorpusDatasets
{
    public static Dataset FromDocuments(IReadOnlyList<string> paths, CorpusReadOptions options, string name = "documents")
    {
        var files = CorpusFiles.Expand(paths, options.DocumentPerFile);
        var docs = files.SelectMany(f => CorpusFileReader.Read(f, options)).ToList();
        return new Dataset(name, [new StringColumn("id", docs.Select(d => d.Id).ToArray()), new StringColumn("text", docs.Select(d => d.Text).ToArray())], null,
            [new LineageEntry("Import-Dataset", new Dictionary<string, string>
            {
                ["Files"] = files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DocumentPerFile"] = options.DocumentPerFile.ToString(),
            })]);
    }
}
