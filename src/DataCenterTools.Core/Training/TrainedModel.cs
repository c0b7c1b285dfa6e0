using DataCenterTools.Core.Data;
using Microsoft.ML;

namespace DataCenterTools.Core.Training;

/// <summary>
/// How much the model's primary metric drops when one feature's values are shuffled (permutation importance; negative when
/// the shuffled feature scores better, i.e. the model's use of it does not generalise), and how the held-out metric changes
/// when the model is trained again without the feature (positive: leaving it out improves the model).
/// </summary>
public sealed record FeatureImportance(string Feature, double Importance, string Metric, double? RemovalGain = null)
{
    /// <summary>Training without this feature gave a better held-out metric.</summary>
    public bool RemovalImproves => RemovalGain > 0;
}

/// <summary>One candidate tried by -Trainer Auto, ranked by the primary metric on the evaluation rows.</summary>
public sealed record LeaderboardEntry(int Rank, string Trainer, string Hyperparameters, string Metric, double Score, TimeSpan TrainingTime);

/// <summary>
/// A trained ML.NET model with what it needs to be used and trusted: task, trainer, label, features,
/// metrics, training time, rows used, feature importance and the lineage of the data it learned from.
/// </summary>
public sealed class TrainedModel
{
    private readonly MLContext? _context;
    private readonly ITransformer? _transformer;

    internal TrainedModel(MLContext context, ITransformer transformer) { _context = context; _transformer = transformer; }

    internal TrainedModel(RecommenderModel recommender) { Recommender = recommender; }

    /// <summary>An ML.NET pipeline (context and transformer) or a recommender, as a model file holds one or the other.</summary>
    internal TrainedModel(MLContext? context, ITransformer? transformer, RecommenderModel? recommender)
    {
        _context = context;
        _transformer = transformer;
        Recommender = recommender;
    }

    internal MLContext Context => _context ?? throw NotMlNet();
    internal ITransformer Transformer => _transformer ?? throw NotMlNet();

    private DataException NotMlNet() => new("ModelNotMlNet", DataErrorKind.InvalidArgument,
        $"The {Trainer} model is a matrix factorization, not an ML.NET pipeline.", "Use Get-DataRecommendation or Invoke-ModelPrediction with it.");

    /// <summary>The fitted factors of a recommendation model (null for the other tasks).</summary>
    public RecommenderModel? Recommender { get; }

    /// <summary>The fitted TF-IDF vocabulary of each free-text feature (FeatureKind.TfIdf), by feature name.</summary>
    internal IReadOnlyDictionary<string, TfIdfVocabulary> TextVocabularies { get; init; } = new Dictionary<string, TfIdfVocabulary>();

    public required ModelTask Task { get; init; }
    public required string Trainer { get; init; }
    public string Hyperparameters { get; init; } = "";
    public required string Label { get; init; }
    public required ColumnType LabelType { get; init; }

    /// <summary>Class names (as text) in the model's class order; the positive class is the second for a binary model.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    public required IReadOnlyList<FeatureSpec> Features { get; init; }
    public required ModelMetrics Metrics { get; init; }

    /// <summary>How the metrics were measured: a hold-out fraction, a separate test dataset, or k-fold cross-validation.</summary>
    public required string Evaluation { get; init; }

    public CrossValidationResult? CrossValidation { get; init; }
    public IReadOnlyList<LeaderboardEntry>? Leaderboard { get; init; }
    public IReadOnlyList<FeatureImportance>? FeatureImportance { get; init; }
    public TimeSpan TrainingTime { get; init; }
    public int RowsUsed { get; init; }

    /// <summary>Rows left out of training because the user, item or label was missing (recommendation) or the label was (the other tasks).</summary>
    public int SkippedRows { get; init; }
    public int Seed { get; init; }
    public required string DatasetName { get; init; }
    public DataSource? Source { get; init; }
    public IReadOnlyList<LineageEntry> Lineage { get; init; } = [];
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>The file the model was imported from, or null.</summary>
    public string? Path { get; init; }

    public override string ToString() => $"{Task} {Trainer} on {Label}: {Metrics.Headline}";
}
