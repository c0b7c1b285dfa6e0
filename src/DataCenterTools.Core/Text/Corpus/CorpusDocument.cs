using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>
/// One document of a corpus file being streamed: its id, its text, where it came from, and a way to write all its
/// other fields back unchanged, so a streaming run keeps every field of the input (metadata, urls, attributes).
/// </summary>
public abstract class CorpusDocument
{
    private string? _text;

    protected CorpusDocument(string id, string? text, string textField, string file, long line)
    {
        TextField = textField;
        Id = id;
        _text = text;
        File = file;
        Line = line;
    }

    public string Id { get; }
    public string Text => _text ??= DecodeText();
    /// <summary>The name of the field the text was read from (written back under the same name).</summary>
    public string TextField { get; }
    public string File { get; }
    /// <summary>The line (JSON Lines), row (Parquet) or 1 (one document per file) it came from.</summary>
    public long Line { get; }
    /// <summary>The size of the document as read, in bytes (for progress and batch sizes).</summary>
    public abstract long Bytes { get; }

    /// <summary>The text of another field of the document (a date, a language), or null when it has none.</summary>
    public abstract string? FieldText(string name);

    /// <summary>Writes the fields of the document as properties of the open JSON object, the text field as <paramref name="text"/> (null: as read), leaving out <paramref name="skip"/>.</summary>
    public abstract void WriteFields(Utf8JsonWriter json, string? text, IReadOnlySet<string> skip);

    /// <summary>The text of a document read without it (<see cref="CorpusReadOptions.DecodeText"/> false).</summary>
    protected virtual string DecodeText() => throw new InvalidOperationException("The document was read with its text.");
}

/// <summary>One top-level property of a JSON line: its name and where its value lies in the line's bytes.</summary>
internal readonly record struct JsonProperty(string Name, int ValueStart, int ValueEnd);

/// <summary>
/// A document read from a JSON Lines line. The line's bytes are kept with where each top-level value lies, so its
/// fields are written back by copying their bytes (no re-encoding), and only a changed text is encoded again. A
/// null text is decoded from property <paramref name="textAt"/> when first asked for.
/// </summary>
internal sealed class JsonLineDocument(string id, string? text, string textField, string file, long line, byte[]? raw, int length, JsonProperty[] properties, int textAt)
    : CorpusDocument(id, text, textField, file, line)
{
    public override long Bytes => length + 1;

    // Null when read with CorpusReadOptions.KeepLine false: the text and id are all such a document has.
    private byte[] Raw => raw ?? throw new InvalidOperationException("The document was read without its line (KeepLine false).");

    protected override string DecodeText() => CorpusFileReader.StringValue(Raw, properties[textAt]);

    public override string? FieldText(string name)
    {
        foreach (var p in properties)
        {
            if (p.Name != name) continue;
            var value = Raw.AsSpan(p.ValueStart, p.ValueEnd - p.ValueStart);
            if (value.Length > 0 && value[0] == (byte)'"')
            {
                var reader = new Utf8JsonReader(value);
                reader.Read();
                return reader.GetString();
            }
            return value.SequenceEqual("null"u8) ? null : System.Text.Encoding.UTF8.GetString(value);
        }
        return null;
    }

    public override void WriteFields(Utf8JsonWriter json, string? text, IReadOnlySet<string> skip)
    {
        var wroteText = false;
        foreach (var p in properties)
        {
            if (p.Name == TextField)
            {
                wroteText = true;
                if (text != null && !ReferenceEquals(text, Text) && text != Text) { json.WriteString(p.Name, text); continue; }
            }
            else if (skip.Contains(p.Name)) continue;
            json.WritePropertyName(p.Name);
            json.WriteRawValue(Raw.AsSpan(p.ValueStart, p.ValueEnd - p.ValueStart), skipInputValidation: true);
        }
        if (!wroteText) json.WriteString(TextField, text ?? Text);
    }
}

/// <summary>A document that is one row of a Dataset (Parquet input, or an in-memory corpus written out).</summary>
internal sealed class DatasetRowDocument(string id, string text, string textField, string file, long line, Dataset dataset, int row)
    : CorpusDocument(id, text, textField, file, line)
{
    public override long Bytes => 2L * Text.Length;

    public override string? FieldText(string name) =>
        dataset.TryGetColumn(name, out var c) && c.GetValue(row) is { } v ? CellParser.Format(v) : null;

    public override void WriteFields(Utf8JsonWriter json, string? text, IReadOnlySet<string> skip)
    {
        var wroteText = false;
        foreach (var column in dataset.Columns)
        {
            if (string.Equals(column.Name, TextField, StringComparison.OrdinalIgnoreCase)) { json.WriteString(column.Name, text ?? Text); wroteText = true; continue; }
            if (skip.Contains(column.Name)) continue;
            json.WritePropertyName(column.Name);
            JsonLinesDatasetWriter.WriteValue(json, column, row);
        }
        if (!wroteText) json.WriteString(TextField, text ?? Text);
    }
}

/// <summary>A plain text file read as one document: fields id (the path) and text.</summary>
internal sealed class PlainTextDocument(string id, string text, string file, long bytes) : CorpusDocument(id, text, "text", file, 1)
{
    public override long Bytes => bytes;

    public override string? FieldText(string name) => name == "id" ? Id : null;

    public override void WriteFields(Utf8JsonWriter json, string? text, IReadOnlySet<string> skip)
    {
        if (!skip.Contains("id")) json.WriteString("id", Id);
        json.WriteString(TextField, text ?? Text);
    }
}
