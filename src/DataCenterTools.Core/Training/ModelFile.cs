using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataCenterTools.Core.Data;
using Microsoft.ML;

namespace DataCenterTools.Core.Training;

/// <summary>
/// A model file is ML.NET's model zip with one extra entry, DataCenterTools/model.json: the task,
/// label, classes, feature schema, metrics, feature importance, lineage and package versions. A free-text feature's
/// TF-IDF vocabulary is one more entry, DataCenterTools/tfidf/&lt;feature number&gt;.bin. A recommender has no ML.NET
/// pipeline: its factors are the entry DataCenterTools/recommender.bin beside the metadata. It is written through a
/// temp file and renamed into place.
/// </summary>
public static class ModelFile
{
    public const string MetadataEntry = "DataCenterTools/model.json";
    public const string RecommenderEntry = "DataCenterTools/recommender.bin";
    private const string TfIdfEntry = "DataCenterTools/tfidf/{0}.bin";
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
        DataSource? Source, List<LineageStep> Lineage, DateTime CreatedUtc, List<LeaderboardEntry>? Leaderboard = null,
        List<ModelMetrics>? CrossValidationFolds = null, int SkippedRows = 0);

    public static void Save(TrainedModel model, string path, bool overwrite)
    {
        var buffer = new MemoryStream();
        if (model.Recommender == null) model.Context.Model.Save(model.Transformer, null, buffer);
        using (var zip = new ZipArchive(buffer, model.Recommender == null ? ZipArchiveMode.Update : ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry(MetadataEntry).Open())
                JsonSerializer.Serialize(entry, ToMetadata(model), Json);
            if (model.Recommender != null)
            {
                using var entry = zip.CreateEntry(RecommenderEntry).Open();
                model.Recommender.Write(entry);
            }
            for (var i = 0; i < model.Features.Count; i++)
                if (model.TextVocabularies.TryGetValue(model.Features[i].Name, out var vocabulary))
                {
                    using var entry = zip.CreateEntry(string.Format(System.Globalization.CultureInfo.InvariantCulture, TfIdfEntry, i)).Open();
                    vocabulary.Write(entry);
                }
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
        RecommenderModel? recommender = null;
        var vocabularies = new Dictionary<string, TfIdfVocabulary>(StringComparer.Ordinal);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entry = zip.GetEntry(MetadataEntry) ?? throw Invalid(full, $"it has no {MetadataEntry} entry (a zip from another tool?)");
            using (var stream = entry.Open()) meta = JsonSerializer.Deserialize<Metadata>(stream, Json);
            if (meta == null || meta.Tool != "DataCenterTools") throw Invalid(full, "its metadata is not DataCenterTools'");
            if (meta.FormatVersion > FormatVersion) throw Invalid(full, $"it has format version {meta.FormatVersion}; this module reads up to {FormatVersion}");
            if (meta.Task == ModelTask.Recommendation)
            {
                var factors = zip.GetEntry(RecommenderEntry) ?? throw Invalid(full, $"it is a recommender without its {RecommenderEntry} entry");
                using var stream = new MemoryStream();
                using (var raw = factors.Open()) raw.CopyTo(stream);
                stream.Position = 0;
                recommender = RecommenderModel.Read(stream);
            }
            for (var i = 0; i < meta.Features.Count; i++)
            {
                if (meta.Features[i].Kind != FeatureKind.TfIdf) continue;
                var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, TfIdfEntry, i);
                var text = zip.GetEntry(name) ?? throw Invalid(full, $"its text feature '{meta.Features[i].Name}' has no {name} entry");
                using var stream = new MemoryStream();
                using (var raw = text.Open()) raw.CopyTo(stream);
                stream.Position = 0;
                vocabularies[meta.Features[i].Name] = TfIdfVocabulary.Read(stream);
            }
        }
        catch (InvalidDataException e) { throw Invalid(full, "it is not a zip archive, or an entry in it is damaged", e); }
        catch (EndOfStreamException e) { throw Invalid(full, "an entry in it is truncated", e); }
        catch (JsonException e) { throw Invalid(full, "its metadata cannot be read", e); }

        var ml = new MLContext(meta.Seed);
        ITransformer? transformer = null;
        if (recommender == null)
        {
            try { transformer = ml.Model.Load(new MemoryStream(bytes), out _); }
            catch (Exception e) when (e is not OperationCanceledException) { throw Invalid(full, "ML.NET cannot load the model in it", e); }
        }
        return new TrainedModel(recommender == null ? ml : null, transformer, recommender)
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
            Leaderboard = meta.Leaderboard,
            CrossValidation = meta.CrossValidationFolds is { Count: > 0 } folds ? new CrossValidationResult(folds) : null,
            TextVocabularies = vocabularies,
            SkippedRows = meta.SkippedRows,
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
        m.Lineage.Select(l => new LineageStep(l.Operation, l.Parameters.ToDictionary(), l.TimestampUtc)).ToList(), m.CreatedUtc,
        m.Leaderboard?.ToList(), m.CrossValidation?.Folds.ToList(), m.SkippedRows);
}
