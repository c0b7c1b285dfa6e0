using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// Reads and writes data contracts as the JSON people edit (schema version 1, see DataContract.v1.schema.json).
/// Reading is strict: a property it does not know is an error, since a misspelt rule ("nulable") would otherwise
/// check nothing; JSON syntax errors give the line and column; comments and trailing commas are allowed.
/// </summary>
public static class DataContractFile
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static DataContract Read(string path)
    {
        if (!File.Exists(path))
            throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"No contract file '{path}'.",
                "Check the path, or draft a contract with New-DataContract -Path.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates a contract; <paramref name="path"/> names it in errors.</summary>
    public static DataContract Parse(string json, string? path = null)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, ReadOptions); }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new DataException("DataContractMalformed", DataErrorKind.InvalidData,
                $"{path ?? "The contract"} is not valid JSON at line {line}, column {column}: {FirstSentence(e.Message)}",
                "Fix the JSON at that place (a missing comma or quote is the usual cause).", path, line);
        }
        using (document)
        {
            var reader = new Reader(path);
            var contract = reader.Contract(document.RootElement);
            contract.Path = path;
            contract.Validate();
            return contract;
        }
    }

    /// <summary>The contract as indented JSON, properties in a fixed order, rules left null omitted.</summary>
    public static string ToJson(DataContract contract)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", DataContract.SchemaUri);
            w.WriteNumber("version", contract.Version);
            if (contract.Dataset != null) w.WriteString("dataset", contract.Dataset);
            if (contract.Created is { } created) w.WriteString("created", CellParser.FormatDateTime(DateTime.SpecifyKind(created, DateTimeKind.Utc)));
            if (contract.MinRows != null || contract.MaxRows != null)
            {
                w.WriteStartObject("rows");
                if (contract.MinRows is { } min) w.WriteNumber("min", min);
                if (contract.MaxRows is { } max) w.WriteNumber("max", max);
                w.WriteEndObject();
            }
            if (contract.Key.Count > 0)
            {
                w.WriteStartArray("key");
                foreach (var k in contract.Key) w.WriteStringValue(k);
                w.WriteEndArray();
            }
            if (contract.FreshnessColumn != null)
            {
                w.WriteStartObject("freshness");
                w.WriteString("column", contract.FreshnessColumn);
                if (contract.MaxAge is { } age) w.WriteString("maxAge", age.ToString("c", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteStartArray("columns");
            foreach (var c in contract.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                if (c.Type is { } type) w.WriteString("type", type.ToString());
                if (c.Nullable is { } nullable) w.WriteBoolean("nullable", nullable);
                if (c.Min is { } min) w.WriteNumber("min", min);
                if (c.Max is { } max) w.WriteNumber("max", max);
                if (c.AllowedValues != null)
                {
                    w.WriteStartArray("allowedValues");
                    foreach (var v in c.AllowedValues) w.WriteStringValue(v);
                    w.WriteEndArray();
                }
                if (c.Pattern != null) w.WriteString("pattern", c.Pattern);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the contract to <paramref name="path"/> through a temp file renamed into place; never over a file without <paramref name="overwrite"/>.</summary>
    public static void Write(DataContract contract, string path, bool overwrite)
    {
        contract.Validate();
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToJson(contract)), overwrite);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    /// <summary>Maps the JSON to the model, naming the JSON path of anything it cannot read.</summary>
    private sealed class Reader(string? path)
    {
        private DataException Invalid(string at, string message, string recommendation) =>
            new("DataContractInvalid", DataErrorKind.InvalidData, $"{path ?? "The contract"}, {at}: {message}", recommendation, path);

        public DataContract Contract(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Invalid("$", "the contract is not a JSON object.", "Start the file with { \"version\": 1, ... }.");
            if (!root.TryGetProperty("version", out var version))
                throw new DataException("DataContractUnsupportedVersion", DataErrorKind.InvalidData,
                    $"{path ?? "The contract"} has no \"version\", so it cannot be read safely.", "Add \"version\": 1 (the format this module reads).", path);
            var number = Integer(version, "version");
            var contract = new DataContract { Version = number is >= 0 and <= int.MaxValue ? (int)number : -1, Path = path };
            if (contract.Version != DataContract.CurrentVersion) contract.Validate(); // the version error, before any other
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "$schema": Text(p.Value, "$schema"); break;
                    case "version": break;
                    case "dataset": contract.Dataset = Text(p.Value, "dataset"); break;
                    case "created": contract.Created = Timestamp(p.Value, "created"); break;
                    case "description": Text(p.Value, "description"); break;
                    case "rows":
                        foreach (var r in Properties(p.Value, "rows"))
                        {
                            if (r.Name == "min") contract.MinRows = Integer(r.Value, "rows.min");
                            else if (r.Name == "max") contract.MaxRows = Integer(r.Value, "rows.max");
                            else throw Unknown("rows." + r.Name, "min, max");
                        }
                        break;
                    case "key":
                        contract.Key = p.Value.ValueKind == JsonValueKind.String ? [Text(p.Value, "key")] : Texts(p.Value, "key");
                        break;
                    case "freshness":
                        foreach (var f in Properties(p.Value, "freshness"))
                        {
                            if (f.Name == "column") contract.FreshnessColumn = Text(f.Value, "freshness.column");
                            else if (f.Name == "maxAge") contract.MaxAge = Age(f.Value, "freshness.maxAge");
                            else throw Unknown("freshness." + f.Name, "column, maxAge");
                        }
                        break;
                    case "columns":
                        if (p.Value.ValueKind != JsonValueKind.Array) throw Invalid("columns", "is not an array.", "Give \"columns\": [ { \"name\": ... }, ... ].");
                        var i = 0;
                        foreach (var c in p.Value.EnumerateArray()) contract.Columns.Add(Column(c, $"columns[{i++}]"));
                        break;
                    default: throw Unknown(p.Name, "$schema, version, dataset, created, description, rows, key, freshness, columns");
                }
            }
            return contract;
        }

        private ContractColumn Column(JsonElement element, string at)
        {
            var column = new ContractColumn();
            foreach (var p in Properties(element, at))
            {
                var here = $"{at}.{p.Name}";
                switch (p.Name)
                {
                    case "name": column.Name = Text(p.Value, here); break;
                    case "type":
                        var text = Text(p.Value, here);
                        if (!ColumnTypes.TryParse(text, out var type))
                            throw Invalid(here, $"'{text}' is not a column type.", "Use Int64, Double, Boolean, DateTime or String.");
                        column.Type = type;
                        break;
                    case "nullable":
                        if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Invalid(here, "is not true or false.", "Give true or false.");
                        column.Nullable = p.Value.GetBoolean();
                        break;
                    case "min": column.Min = Number(p.Value, here); break;
                    case "max": column.Max = Number(p.Value, here); break;
                    case "allowedValues": column.AllowedValues = Texts(p.Value, here); break;
                    case "pattern": column.Pattern = Text(p.Value, here); break;
                    case "description": Text(p.Value, here); break;
                    default: throw Unknown(here, "name, type, nullable, min, max, allowedValues, pattern, description");
                }
            }
            if (column.Name.Length == 0) throw Invalid(at, "has no \"name\".", "Give each column its \"name\".");
            return column;
        }

        private DataException Unknown(string at, string known) =>
            Invalid(at, "is not a property of a version 1 contract.", $"Check the spelling; the properties there are: {known}.");

        private IEnumerable<JsonProperty> Properties(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : throw Invalid(at, "is not an object.", "Give { ... } there.");

        private string Text(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid(at, $"is {element.ValueKind}, not a string.", "Put the value in double quotes.");

        private List<string> Texts(JsonElement element, string at)
        {
            if (element.ValueKind != JsonValueKind.Array) throw Invalid(at, "is not an array of strings.", "Give [ \"a\", \"b\" ].");
            var i = 0;
            return element.EnumerateArray().Select(e => Text(e, $"{at}[{i++}]")).ToList();
        }

        private double Number(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Number ? element.GetDouble() : throw Invalid(at, $"is {element.ValueKind}, not a number.", "Give a number without quotes.");

        private long Integer(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var v) ? v : throw Invalid(at, "is not a whole number.", "Give a whole number without quotes.");

        private DateTime Timestamp(JsonElement element, string at) =>
            CellParser.TryParseDateTime(Text(element, at), out var t) ? t : throw Invalid(at, "is not an ISO 8601 date and time.", "Write it as 2026-12-03T07:00:00Z.");

        /// <summary>A TimeSpan as .NET writes it ("1.06:00:00") or an ISO 8601 duration ("P1DT6H").</summary>
        private TimeSpan Age(JsonElement element, string at)
        {
            var text = Text(element, at);
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) return span;
            try { if (text.StartsWith('P')) return XmlConvert.ToTimeSpan(text); }
            catch (FormatException) { }
            throw Invalid(at, $"'{text}' is not a duration.", "Write d.hh:mm:ss (\"1.00:00:00\" is a day) or ISO 8601 (\"P1D\", \"PT6H\").");
        }
    }
}
