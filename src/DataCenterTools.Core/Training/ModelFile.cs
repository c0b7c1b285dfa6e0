using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataCenterTools.Core.Data;
using Microsoft.ML;

namespace DataCenterTools.Core.Training;

/// <summary>
/// A model file is ML.NET's model zip with one extra entry, DataCenterTools/model.json: the task,
/// label, classes, feature schema, metrics, feature importance, lineage and package versions. It is
/// written through a temp file and renamed into place.
/// </summary>
public static class ModelFile
{
    public const string MetadataEntry = "DataCenterTools/model.json";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record LineageStep(string Operation, Dictionary<string, string> Parameters, DateTime TimestampUtc);

    private sealed record Metadata(
        int FormatVersion, string Tool, Dictionary<string, string> PackageVersions, ModelTask Task, string Trainer, string Hyperparameters,
        string Label, ColumnType LabelType, List<string>? Classes, List<FeatureSpec> Features, ModelMetrics Metrics, string Evaluation,
        List<FeatureImportance>? FeatureImportance, double TrainingSeconds, int RowsUsed, int Seed, string DatasetName,
        DataSource? Source, List<LineageStep> Lineage, DateTime CreatedUtc);

    public static void Save(TrainedModel model, string path, bool overwrite)
    {
        var buffer = new MemoryStream();
        model.Context.Model.Save(model.Transformer, null, buffer);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(MetadataEntry).Open();
            JsonSerializer.Serialize(entry, ToMetadata(model), Json);
        }
        using var file = AtomicFile.Create(path, overwrite);
        buffer.Position = 0;
        buffer.CopyTo(file.Stream);
        file.Commit();
    }

    public static TrainedModel Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"The model file '{full}' does not exist.", "Check the path.", full);
        var bytes = File.ReadAllBytes(full);
        Metadata? meta;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entry = zip.GetEntry(MetadataEntry) ?? throw Invalid(full, $"it has no {MetadataEntry} entry (a zip from another tool?)");
            using var stream = entry.Open();
            meta = JsonSerializer.Deserialize<Metadata>(stream, Json);
        }
        catch (InvalidDataException e) { throw Invalid(full, "it is not a zip archive", e); }
        catch (JsonException e) { throw Invalid(full, "its metadata cannot be read", e); }
        if (meta == null || meta.Tool != "DataCenterTools") throw Invalid(full, "its metadata is not DataCenterTools'");
        if (meta.FormatVersion > FormatVersion) throw Invalid(full, $"it has format version {meta.FormatVersion}; this module reads up to {FormatVersion}");

        var ml = new MLContext(meta.Seed);
        ITransformer transformer;
        try { transformer = ml.Model.Load(new MemoryStream(bytes), out _); }
        catch (Exception e) when (e is not OperationCanceledException) { throw Invalid(full, "ML.NET cannot load the model in it", e); }
        return new TrainedModel(ml, transformer)
        {
            Task = meta.Task,
            Trainer = meta.Trainer,
            Hyperparameters = meta.Hyperparameters,
            Label = meta.Label,
            LabelType = meta.LabelType,
            Classes = meta.Classes,
            Features = meta.Features,
            Metrics = meta.Metrics,
            Evaluation = meta.Evaluation,
            FeatureImportance = meta.FeatureImportance,
            TrainingTime = TimeSpan.FromSeconds(meta.TrainingSeconds),
            RowsUsed = meta.RowsUsed,
            Seed = meta.Seed,
            DatasetName = meta.DatasetName,
            Source = meta.Source,
            Lineage = meta.Lineage.Select(l => new LineageEntry(l.Operation, l.Parameters, l.TimestampUtc)).ToArray(),
            CreatedUtc = meta.CreatedUtc,
            Path = full,
        };
    }

    private static DataException Invalid(string path, string why, Exception? inner = null) =>
        new("ModelInvalid", DataErrorKind.InvalidData, $"'{path}' is not a DataCenterTools model: {why}.",
            "Give a file written by Save-Model.", path, inner: inner);

    private static Metadata ToMetadata(TrainedModel m) => new(
        FormatVersion, "DataCenterTools",
        new Dictionary<string, string>
        {
            ["DataCenterTools"] = typeof(ModelFile).Assembly.GetName().Version?.ToString() ?? "",
            ["Microsoft.ML"] = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "",
            [".NET"] = Environment.Version.ToString(),
        },
        m.Task, m.Trainer, m.Hyperparameters, m.Label, m.LabelType, m.Classes?.ToList(), m.Features.ToList(), m.Metrics, m.Evaluation,
        m.FeatureImportance?.ToList(), m.TrainingTime.TotalSeconds, m.RowsUsed, m.Seed, m.DatasetName, m.Source,
        m.Lineage.Select(l => new LineageStep(l.Operation, l.Parameters.ToDictionary(), l.TimestampUtc)).ToList(), m.CreatedUtc);
}
