using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Features;

/// <summary>How features are scored.</summary>
public enum FeatureScoringMethod
{
    /// <summary>Population variance (ddof 0), as sklearn's VarianceThreshold; needs no target.</summary>
    Variance,
    /// <summary>Absolute Pearson r with a numeric target; p-value of r = 0.</summary>
    Correlation,
    /// <summary>f_regression for a numeric target, f_classif (one-way ANOVA) for a categorical one.</summary>
    FTest,
    /// <summary>Binned plug-in mutual information in nats (see <see cref="MutualInformation"/>).</summary>
    MutualInformation,
    /// <summary>sklearn's chi2 against class labels; features must be non-negative.</summary>
    Chi2,
}

/// <summary>How the target is read: by its column type (Auto), as numbers, or as class labels.</summary>
public enum TargetKind
{
    Auto,
    Numeric,
    Categorical,
}

/// <summary>What to score and how many to keep. Set at most one of K, Percentile and Threshold.</summary>
public sealed class FeatureSelectionOptions
{
    public FeatureScoringMethod Method { get; init; } = FeatureScoringMethod.FTest;
    public string? Target { get; init; }
    public TargetKind TargetKind { get; init; } = TargetKind.Auto;
    /// <summary>Candidate columns; null means every column except the target.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    public IReadOnlyList<string>? Exclude { get; init; }
    /// <summary>Keep the K best (clamped, with a warning, to the number of candidates).</summary>
    public int? K { get; init; }
    /// <summary>Keep this percentage of the candidates (sklearn's SelectPercentile rule).</summary>
    public double? Percentile { get; init; }
    /// <summary>Keep scores ≥ Threshold (Variance: &gt; Threshold, as VarianceThreshold).</summary>
    public double? Threshold { get; init; }
    public int MutualInformationBins { get; init; } = MutualInformation.DefaultBins;

    /// <summary>The K used when no rule is given, as sklearn's SelectKBest.</summary>
    public const int DefaultK = 10;
}

/// <summary>One candidate column's score. Rank 1 is the best; ties rank the earlier column first.</summary>
public sealed class FeatureScore
{
    public required string Column { get; init; }
    public required FeatureScoringMethod Method { get; init; }
    public required double Score { get; init; }
    /// <summary>Null where the method has no test (Variance, MutualInformation).</summary>
    public double? PValue { get; init; }
    public int Rank { get; internal set; }
    public bool Selected { get; internal set; }

    public override string ToString() => $"{Column}: {Score:G6}{(Selected ? " (selected)" : "")}";
}

/// <summary>The selected dataset, every candidate's score, and the warnings to show the user.</summary>
public sealed record FeatureSelectionResult(
    Dataset Dataset,
    IReadOnlyList<FeatureScore> Scores,
    IReadOnlyList<string> Warnings,
    TargetKind TargetKind,
    int RowsScored);
