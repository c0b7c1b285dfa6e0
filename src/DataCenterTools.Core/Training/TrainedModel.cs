using DataCenterTools.Core.Data;
using Microsoft.ML;

namespace DataCenterTools.Core.Training;

/// <summary>How a feature column is turned into numbers.</summary>
public enum FeatureKind
{
    /// <summary>Used as a float; a missing value is replaced by the training mean plus a 0/1 "missing" indicator.</summary>
    Numeric,
    /// <summary>A DateTime split into hour, day of week, day of month and month (floats).</summary>
    DateTimeParts,
    /// <summary>A low-cardinality string, one-hot encoded.</summary>
    OneHot,
    /// <summary>A high-cardinality id, hashed into 2^10 one-hot slots.</summary>
    Hashed,
    /// <summary>Free text, featurized into word and character n-grams (ML.NET FeaturizeText).</summary>
    Text,
}

/// <summary>A feature the model reads: the input column's name and type and how it is encoded.</summary>
public sealed record FeatureSpec(string Name, ColumnType Type, FeatureKind Kind);

/// <summary>How much the model's primary metric drops when one feature's values are shuffled (permutation importance).</summary>
public sealed record FeatureImportance(string Feature, double Importance, string Metric);

/// <summary>One candidate tried by -Trainer Auto, ranked by the primary metric on the evaluation rows.</summary>
public sealed record LeaderboardEntry(int Rank, string Trainer, string Hyperparameters, string Metric, double Score, TimeSpan TrainingTime);

/// <summary>
/// A trained ML.NET model with what it needs to be used and trusted: task, trainer, label, features,
/// metrics, training time, rows used, feature importance and the lineage of the data it learned from.
/// </summary>
public sealed class TrainedModel
{
    internal TrainedModel(MLContext context, ITransformer transformer) { Context = context; Transformer = transformer; }

    internal MLContext Context { get; }
    internal ITransformer Transformer { get; }

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
    public int Seed { get; init; }
    public required string DatasetName { get; init; }
    public DataSource? Source { get; init; }
    public IReadOnlyList<LineageEntry> Lineage { get; init; } = [];
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>The file the model was imported from, or null.</summary>
    public string? Path { get; init; }

    public override string ToString() => $"{Task} {Trainer} on {Label}: {Metrics.Headline}";
}
