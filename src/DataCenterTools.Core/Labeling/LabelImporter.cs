using System.Globalization;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Labeling;

/// <summary>The shapes Import-DatasetLabel reads.</summary>
public enum LabelFormat { Auto, LabelStudioJson, LabelStudioJsonMin, LabelStudioCsv, Long, Wide }

public sealed record LabelImportOptions
{
    public LabelFormat Format { get; init; } = LabelFormat.Auto;
    /// <summary>The item (task) column; defaults: "item" for long tables, "id" for Label Studio, the row number for wide tables.</summary>
    public string? ItemColumn { get; init; }
    /// <summary>Long tables: one annotator column. Wide tables: the annotator columns (default: all but the item column).</summary>
    public IReadOnlyList<string>? AnnotatorColumns { get; init; }
    /// <summary>Long tables: the label column. Label Studio: the control (from_name) whose choices are the labels.</summary>
    public string? LabelColumn { get; init; }
}

/// <summary>What an import found, including everything that did not become a label row, so nothing is dropped silently.</summary>
public sealed record LabelImportReport
{
    public LabelFormat Format { get; init; }
    public int Tasks { get; init; }
    public int LabelRows { get; init; }
    /// <summary>Tasks (items) with no annotation, or whose annotations hold no choice.</summary>
    public int UnlabeledTasks { get; init; }
    /// <summary>Label Studio annotations marked was_cancelled (skipped).</summary>
    public int CancelledAnnotations { get; init; }
    /// <summary>Annotations with several choices; kept as one label, the choices joined by ';' in their given order.</summary>
    public int MultipleChoiceAnnotations { get; init; }
    /// <summary>Annotations with no completed_by/annotator; each is kept under its own name 'unknown:&lt;annotation id&gt;'.</summary>
    public int UnknownAnnotators { get; init; }
    /// <summary>Cells with no label in a long or wide table (not label rows).</summary>
    public int MissingLabels { get; init; }
}

public sealed record LabelImportResult(Dataset Labels, LabelImportReport Report);

/// <summary>Reads Label Studio exports and long or wide label tables into a long-form label Dataset (item, annotator, label[, time]).</summary>
public static class LabelImporter
{
    private static readonly HashSet<string> LabelStudioFields = new(StringComparer.Ordinal)
        { "id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time" };

    public static LabelImportResult ReadFile(string path, LabelImportOptions options)
    {
        var format = options.Format;
        if (format is LabelFormat.Auto or LabelFormat.LabelStudioJson or LabelFormat.LabelStudioJsonMin
            && (format != LabelFormat.Auto || Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)))
            return ReadLabelStudioJson(path, options);
        var table = DatasetReader.Read(path, new ReadOptions { Schema = null });
        return FromDataset(table, options with { Format = format }, path);
    }

    /// <summary>A long, wide or Label Studio CSV table already read into a Dataset.</summary>
    public static LabelImportResult FromDataset(Dataset table, LabelImportOptions options, string? file = null)
    {
        var format = options.Format;
        if (format == LabelFormat.Auto)
        {
            bool Has(string c) => table.TryGetColumn(c, out _);
            format = Has("id") && Has("annotator") && Has("annotation_id") ? LabelFormat.LabelStudioCsv
                : options.AnnotatorColumns is { Count: > 1 } || !Has(options.LabelColumn ?? "label") ? LabelFormat.Wide
                : LabelFormat.Long;
        }
        return format switch
        {
            LabelFormat.Wide => FromWide(table, options),
            LabelFormat.LabelStudioCsv => FromLabelStudioCsv(table, options, file),
            LabelFormat.Long => FromLong(table, options),
            _ => throw new DataException("LabelFormatMismatch", DataErrorKind.InvalidArgument,
                $"{{option:Format}} {format} needs a JSON file, not a table.", "Give the .json export with {option:Path}, or use {option:Format} Long, Wide or LabelStudioCsv.", file),
        };
    }

    private static LabelImportResult FromLong(Dataset table, LabelImportOptions options)
    {
        var item = Require(table, options.ItemColumn ?? "item");
        var annotator = Require(table, options.AnnotatorColumns is { Count: 1 } a ? a[0] : "annotator");
        var label = Require(table, options.LabelColumn ?? "label");
        var output = new LabelRows(table.RowCount);
        var missing = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            var l = LabelTable.CellText(label, row);
            var i = LabelTable.CellText(item, row);
            var who = LabelTable.CellText(annotator, row);
            if (l == null || i == null || who == null) { missing++; continue; }
            output.Add(i, who, l, null);
        }
        return output.Result(table.Name, table.Source, new LabelImportReport
        {
            Format = LabelFormat.Long, Tasks = Distinct(item, table.RowCount), LabelRows = output.Count, MissingLabels = missing,
        });
    }

    private static LabelImportResult FromWide(Dataset table, LabelImportOptions options)
    {
        var item = options.ItemColumn == null ? null : Require(table, options.ItemColumn);
        var annotators = (options.AnnotatorColumns ?? table.Columns.Where(c => c.Name != options.ItemColumn).Select(c => c.Name).ToArray())
            .Select(name => Require(table, name)).ToArray();
        var output = new LabelRows(table.RowCount * annotators.Length);
        var missing = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            var i = item == null ? (row + 1).ToString(CultureInfo.InvariantCulture) : LabelTable.CellText(item, row);
            foreach (var column in annotators)
            {
                var l = LabelTable.CellText(column, row);
                if (l == null || i == null) { missing++; continue; }
                output.Add(i, column.Name, l, null);
            }
        }
        return output.Result(table.Name, table.Source, new LabelImportReport
        {
            Format = LabelFormat.Wide, Tasks = table.RowCount, LabelRows = output.Count, MissingLabels = missing,
        });
    }

    private static LabelImportResult FromLabelStudioCsv(Dataset table, LabelImportOptions options, string? file)
    {
        var labelName = options.LabelColumn ?? SingleCandidate(table.Columns.Select(c => c.Name), file);
        var item = Require(table, options.ItemColumn ?? "id");
        var annotator = Require(table, "annotator");
        var annotationId = Require(table, "annotation_id");
        var label = Require(table, labelName);
        table.TryGetColumn("updated_at", out var updated);
        var output = new LabelRows(table.RowCount);
        var counts = new Counts();
        var tasks = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < table.RowCount; row++)
        {
            var i = LabelTable.CellText(item, row) ?? "";
            tasks.Add(i);
            var cell = LabelTable.CellText(label, row);
            var choices = cell == null ? [] : cell.TrimStart().StartsWith('{') ? ChoicesFromJson(cell) : [cell];
            var time = updated == null ? null : ParseTime(LabelTable.CellText(updated, row));
            counts.Add(output, i, LabelTable.CellText(annotator, row), LabelTable.CellText(annotationId, row), choices, time);
        }
        return output.Result(table.Name, table.Source, counts.Report(LabelFormat.LabelStudioCsv, tasks.Count, output.Count));
    }

    private static LabelImportResult ReadLabelStudioJson(string path, LabelImportOptions options)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw NotLabelStudio(path, $"it is not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                throw NotLabelStudio(path, $"its top level is a JSON {root.ValueKind}, not an array of tasks");
            var first = root.EnumerateArray().FirstOrDefault();
            if (root.GetArrayLength() > 0 && first.ValueKind != JsonValueKind.Object)
                throw NotLabelStudio(path, "its array holds no task objects");
            var full = root.GetArrayLength() == 0 || first.TryGetProperty("annotations", out _) || first.TryGetProperty("data", out _);
            if (options.Format == LabelFormat.LabelStudioJsonMin) full = false;
            var name = DatasetNames.FromPath(path);
            return full ? FromFullJson(root, options, path, name) : FromMinJson(root, options, path, name);
        }
    }

    private static LabelImportResult FromFullJson(JsonElement tasks, LabelImportOptions options, string path, string name)
    {
        var output = new LabelRows(tasks.GetArrayLength());
        var counts = new Counts();
        string? control = options.LabelColumn;
        var taskCount = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            taskCount++;
            if (task.ValueKind != JsonValueKind.Object || !task.TryGetProperty("annotations", out var annotations) && !task.TryGetProperty("data", out _))
                throw NotLabelStudio(path, $"task {taskCount} has neither 'annotations' nor 'data'");
            var item = task.TryGetProperty("id", out var id) ? Text(id) : taskCount.ToString(CultureInfo.InvariantCulture);
            var labelled = false;
            if (task.TryGetProperty("annotations", out annotations) && annotations.ValueKind == JsonValueKind.Array)
                foreach (var annotation in annotations.EnumerateArray())
                {
                    if (annotation.TryGetProperty("was_cancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True)
                    { counts.Cancelled++; continue; }
                    var choices = new List<string>();
                    if (annotation.TryGetProperty("result", out var results) && results.ValueKind == JsonValueKind.Array)
                        foreach (var result in results.EnumerateArray())
                        {
                            if (!result.TryGetProperty("value", out var value) || !value.TryGetProperty("choices", out var chosen)) continue;
                            var from = result.TryGetProperty("from_name", out var f) ? f.GetString() ?? "" : "";
                            control ??= from;
                            if (from != control)
                                throw new DataException("LabelControlAmbiguous", DataErrorKind.InvalidArgument,
                                    $"'{path}' has choices from more than one control ('{control}' and '{from}').",
                                    $"Pick the control with {{option:LabelColumn}} '{control}' or {{option:LabelColumn}} '{from}'.", path, column: from);
                            choices.AddRange(chosen.EnumerateArray().Select(Text));
                        }
                    var annotator = annotation.TryGetProperty("completed_by", out var by) ? Annotator(by) : null;
                    var annotationId = annotation.TryGetProperty("id", out var aid) ? Text(aid) : null;
                    var time = annotation.TryGetProperty("updated_at", out var u) || annotation.TryGetProperty("created_at", out u) ? ParseTime(Text(u)) : null;
                    labelled |= counts.Add(output, item, annotator, annotationId, choices, time, countUnlabeled: false);
                }
            if (!labelled) counts.Unlabeled++;
        }
        return output.Result(name, null, counts.Report(LabelFormat.LabelStudioJson, taskCount, output.Count));
    }

    private static LabelImportResult FromMinJson(JsonElement tasks, LabelImportOptions options, string path, string name)
    {
        var labelName = options.LabelColumn;
        if (labelName == null)
        {
            var keys = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var task in tasks.EnumerateArray())
                foreach (var p in task.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("choices", out _)) { labelName = p.Name; break; }
                    keys.Add(p.Name);
                }
            labelName ??= SingleCandidate(keys, path);
        }
        var itemName = options.ItemColumn ?? "id";
        var output = new LabelRows(tasks.GetArrayLength());
        var counts = new Counts();
        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            index++;
            if (task.ValueKind != JsonValueKind.Object) throw NotLabelStudio(path, $"element {index} is not an object");
            var item = task.TryGetProperty(itemName, out var id) ? Text(id) : index.ToString(CultureInfo.InvariantCulture);
            taskIds.Add(item);
            List<string> choices = !task.TryGetProperty(labelName, out var value) || value.ValueKind == JsonValueKind.Null ? []
                : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("choices", out var chosen) ? chosen.EnumerateArray().Select(Text).ToList()
                : [Text(value)];
            var annotator = task.TryGetProperty("annotator", out var by) ? Annotator(by) : null;
            var annotationId = task.TryGetProperty("annotation_id", out var aid) ? Text(aid) : null;
            var time = task.TryGetProperty("updated_at", out var u) || task.TryGetProperty("created_at", out u) ? ParseTime(Text(u)) : null;
            counts.Add(output, item, annotator, annotationId, choices, time);
        }
        return output.Result(name, null, counts.Report(LabelFormat.LabelStudioJsonMin, taskIds.Count, output.Count));
    }

    /// <summary>Tallies what each Label Studio annotation became: a label row, or a counted anomaly.</summary>
    private sealed class Counts
    {
        public int Unlabeled, Cancelled, Multiple, Unknown;

        /// <summary>Adds one annotation's label; false (and counted, unless the caller counts per task) when it has no choice.</summary>
        public bool Add(LabelRows output, string item, string? annotator, string? annotationId, IReadOnlyList<string> choices, DateTime? time, bool countUnlabeled = true)
        {
            if (choices.Count == 0) { if (countUnlabeled) Unlabeled++; return false; }
            if (choices.Count > 1) Multiple++;
            if (annotator == null) { Unknown++; annotator = "unknown:" + (annotationId ?? item); }
            output.Add(item, annotator, string.Join(';', choices), time);
            return true;
        }

        public LabelImportReport Report(LabelFormat format, int tasks, int rows) => new()
        {
            Format = format, Tasks = tasks, LabelRows = rows, UnlabeledTasks = Unlabeled,
            CancelledAnnotations = Cancelled, MultipleChoiceAnnotations = Multiple, UnknownAnnotators = Unknown,
        };
    }

    /// <summary>Accumulates the long-form output columns.</summary>
    private sealed class LabelRows(int capacity)
    {
        private readonly StringColumnBuilder _items = new(Math.Max(16, capacity));
        private readonly StringColumnBuilder _annotators = new(Math.Max(16, capacity));
        private readonly StringColumnBuilder _labels = new(Math.Max(16, capacity));
        private readonly List<DateTime> _times = new();
        private readonly ValidityBitmap.Builder _timeValid = new();
        private bool _anyTime;

        public int Count => _items.Count;

        public void Add(string item, string annotator, string label, DateTime? time)
        {
            _items.Append(item);
            _annotators.Append(annotator);
            _labels.Append(label);
            if (time == null) _timeValid.SetNull(_times.Count);
            _anyTime |= time != null;
            _times.Add(time ?? default);
        }

        public LabelImportResult Result(string name, DataSource? source, LabelImportReport report)
        {
            var columns = new List<Column> { _items.Build("item"), _annotators.Build("annotator"), _labels.Build("label") };
            if (_anyTime)
            {
                _timeValid.SetLength(_times.Count);
                columns.Add(new DateTimeColumn("time", _times.ToArray(), _timeValid.Build()));
            }
            var lineage = new LineageEntry("Import-DatasetLabel", new Dictionary<string, string> { ["Format"] = report.Format.ToString() });
            return new LabelImportResult(new Dataset(name, columns, source, [lineage]), report);
        }
    }

    private static string SingleCandidate(IEnumerable<string> fields, string? file)
    {
        var candidates = fields.Where(f => !LabelStudioFields.Contains(f)).ToArray();
        if (candidates.Length == 1) return candidates[0];
        throw new DataException("LabelColumnRequired", DataErrorKind.InvalidArgument,
            $"Cannot tell which field holds the labels: {(candidates.Length == 0 ? "none is left besides Label Studio's own fields" : string.Join(", ", candidates))}.",
            "Name the labeling control (its from_name) with {option:LabelColumn}.", file);
    }

    private static List<string> ChoicesFromJson(string cell)
    {
        try
        {
            using var json = JsonDocument.Parse(cell);
            return json.RootElement.TryGetProperty("choices", out var chosen) ? chosen.EnumerateArray().Select(Text).ToList() : [cell];
        }
        catch (JsonException) { return [cell]; }
    }

    private static string? Annotator(JsonElement by) => by.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object => by.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString()
            : by.TryGetProperty("id", out var id) ? Text(id) : null,
        _ => Text(by),
    };

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    private static DateTime? ParseTime(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static int Distinct(Column column, int rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows; r++) if (LabelTable.CellText(column, r) is { } s) seen.Add(s);
        return seen.Count;
    }

    private static Column Require(Dataset table, string name) => LabelTable.RequireColumn(table, name);

    private static DataException NotLabelStudio(string path, string why) =>
        new("NotLabelStudioExport", DataErrorKind.InvalidData,
            $"'{path}' is not a Label Studio export: {why}.",
            "Export from Label Studio as JSON (full), JSON_MIN or CSV, or read a plain table with {option:Format} Long or Wide.", path);
}
