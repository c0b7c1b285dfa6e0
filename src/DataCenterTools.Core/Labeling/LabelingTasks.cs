using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Labeling;

/// <summary>How New-LabelingTask picks the rows to send to people.</summary>
public enum TaskSampling
{
    /// <summary>A uniform sample without replacement.</summary>
    Random,
    /// <summary>Each class of a column in proportion to its share of the rows (largest remainder).</summary>
    Stratified,
    /// <summary>The rows a model is least sure about (lowest highest-class probability: least-confidence active learning).</summary>
    Uncertainty,
}

public sealed record LabelingTaskOptions
{
    public int Count { get; init; } = 100;
    public TaskSampling Sampling { get; init; } = TaskSampling.Random;
    public string? StratifyBy { get; init; }
    /// <summary>The columns each task carries in "data"; null for all.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    public long? Seed { get; init; }
}

/// <summary>One chosen row: its index, and for uncertainty sampling the model's class and confidence.</summary>
public sealed record LabelingTaskRow(int Row, string? Prediction = null, double? Confidence = null);

/// <summary>The rows and columns chosen for a task file, before it is written.</summary>
public sealed record LabelingTaskPlan(Dataset Dataset, IReadOnlyList<LabelingTaskRow> Rows, IReadOnlyList<Column> Columns, TaskSampling Sampling, long? Seed);

/// <summary>What New-LabelingTask wrote.</summary>
public sealed record LabelingTaskFile(string Path, int Tasks, TaskSampling Sampling, long? Seed, string Dataset, IReadOnlyList<string> Columns);

/// <summary>
/// Chooses rows for people to label and writes them as a Label Studio import file: a JSON array with
/// one task per row, {"data": {column: value, ...}, "meta": {"row": index, ...}}. Values keep their JSON
/// types (numbers, booleans, DateTime as ISO 8601 strings, missing as null).
/// </summary>
public static class LabelingTasks
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a data file, never embedded in HTML
        Indented = true,
        NewLine = "\n", // the same file on every OS
    };

    public static LabelingTaskPlan Plan(Dataset dataset, LabelingTaskOptions options, TrainedModel? model = null)
    {
        if (options.Count < 1)
            throw new DataException("CountOutOfRange", DataErrorKind.InvalidArgument,
                $"{{option:Count}} {options.Count} asks for no tasks.", "Give the number of rows to send for labelling, e.g. {option:Count} 500.");
        var columns = (options.Columns ?? dataset.Schema.Select(s => s.Name).ToArray())
            .Select(name => FeatureColumns.Require(dataset, name, "{option:Column}")).ToArray();
        long? seed = null;
        IReadOnlyList<LabelingTaskRow> rows;
        switch (options.Sampling)
        {
            case TaskSampling.Uncertainty:
                if (model == null)
                    throw new DataException("ModelRequired", DataErrorKind.InvalidArgument,
                        "Uncertainty sampling ranks rows by a model's confidence, and no model was given.", "Pass a classification model with {option:Model} (Start-ModelTraining or Import-Model).");
                var (predicted, confidence) = ModelPredictor.Confidence(model, dataset);
                rows = LeastConfident(confidence, options.Count)
                    .Select(r => new LabelingTaskRow(r, FeatureColumns.TextAt(predicted, r), double.IsNaN(confidence[r]) ? null : confidence[r])).ToArray();
                break;
            case TaskSampling.Stratified:
                if (options.StratifyBy == null)
                    throw new DataException("StratifyByRequired", DataErrorKind.InvalidArgument,
                        "Stratified sampling needs the column whose classes it keeps in proportion.", "Name it with {option:StratifyBy}.");
                seed = SeedOrRandom(options.Seed);
                rows = Rows(Stratified(FeatureColumns.Require(dataset, options.StratifyBy, "{option:StratifyBy}"), options.Count, seed.Value));
                break;
            default:
                seed = SeedOrRandom(options.Seed);
                rows = Rows(RandomRows(dataset.RowCount, options.Count, seed.Value));
                break;
        }
        return new LabelingTaskPlan(dataset, rows, columns, options.Sampling, seed);
    }

    private static long SeedOrRandom(long? seed) =>
        seed ?? BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) & long.MaxValue;

    private static LabelingTaskRow[] Rows(IEnumerable<int> rows) => rows.Select(r => new LabelingTaskRow(r)).ToArray();

    /// <summary><paramref name="count"/> rows drawn uniformly without replacement (a seeded shuffle), in row order.</summary>
    public static int[] RandomRows(int rowCount, int count, long seed)
    {
        var rows = Enumerable.Range(0, rowCount).ToArray();
        var random = new SplitMix64(unchecked((ulong)seed));
        random.Shuffle(rows.AsSpan());
        return rows.Take(count).Order().ToArray();
    }

    /// <summary>
    /// A sample that keeps each class's share: class c of n_c rows gets floor(count·n_c/N) rows, and the
    /// rows left over go to the classes with the largest remainders (ties: the class seen first). Each
    /// class is shuffled with the seed and its first rows taken; the result is in row order. Missing is a class.
    /// </summary>
    public static int[] Stratified(Column column, int count, long seed)
    {
        var groups = DatasetSplitter.RowsByKey(column);
        var total = column.Length;
        count = Math.Min(count, total);
        var quotas = groups.Select(g => (double)count * g.Rows.Count / total).ToArray();
        var take = quotas.Select(q => (int)Math.Floor(q)).ToArray();
        var left = count - take.Sum();
        foreach (var g in Enumerable.Range(0, groups.Count).OrderByDescending(g => quotas[g] - take[g]).ThenBy(g => g).Take(left))
            take[g]++;
        var random = new SplitMix64(unchecked((ulong)seed));
        var chosen = new List<int>(count);
        for (var g = 0; g < groups.Count; g++)
        {
            var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups[g].Rows);
            random.Shuffle(rows);
            chosen.AddRange(rows[..take[g]].ToArray());
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>
    /// The <paramref name="count"/> rows with the lowest confidence (least-confidence active learning),
    /// least sure first; ties keep row order. A row the model could not score (NaN) counts as least sure.
    /// </summary>
    public static int[] LeastConfident(IReadOnlyList<double> confidence, int count) =>
        Enumerable.Range(0, confidence.Count)
            .OrderBy(r => double.IsNaN(confidence[r]) ? double.NegativeInfinity : confidence[r])
            .Take(count).ToArray();

    /// <summary>Writes the plan as a Label Studio import file, through a temp file renamed into place.</summary>
    public static LabelingTaskFile Write(LabelingTaskPlan plan, string path, bool overwrite)
    {
        using var file = AtomicFile.Create(path, overwrite);
        using (var json = new Utf8JsonWriter(file.Stream, WriterOptions))
        {
            var names = plan.Columns.Select(c => JsonEncodedText.Encode(c.Name, WriterOptions.Encoder)).ToArray();
            var sampling = plan.Sampling.ToString();
            json.WriteStartArray();
            foreach (var task in plan.Rows)
            {
                json.WriteStartObject();
                json.WriteStartObject("data");
                for (var c = 0; c < names.Length; c++)
                {
                    json.WritePropertyName(names[c]);
                    JsonLinesDatasetWriter.WriteValue(json, plan.Columns[c], task.Row);
                }
                json.WriteEndObject();
                json.WriteStartObject("meta");
                json.WriteNumber("row", task.Row);
                json.WriteString("sampling", sampling);
                if (task.Prediction != null) json.WriteString("prediction", task.Prediction);
                if (task.Confidence is { } confidence) json.WriteNumber("confidence", confidence);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        file.Stream.Write("\n"u8);
        file.Commit();
        return new LabelingTaskFile(file.Path, plan.Rows.Count, plan.Sampling, plan.Seed, plan.Dataset.Name, plan.Columns.Select(c => c.Name).ToArray());
    }
}
