using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Distribution;

/// <summary>Which statistic decides whether a column drifted.</summary>
public enum DriftMethod
{
    /// <summary>Evidently's defaults: KS (numeric) / chi-square (categorical) p &lt; 0.05 for a reference of up to 1000 rows; normalized Wasserstein / Jensen-Shannon ≥ 0.1 above.</summary>
    Auto,
    KolmogorovSmirnov,
    ChiSquare,
    Psi,
    JensenShannon,
    Wasserstein,
}

/// <summary>What Compare-DataDistribution compares and how it decides.</summary>
public sealed record DriftOptions
{
    /// <summary>Above this many reference rows Auto switches from the tests to the distances (Evidently's rule).</summary>
    public const int SmallReferenceRows = 1000;

    public IReadOnlyList<string>? Columns { get; init; }
    public DriftMethod Method { get; init; } = DriftMethod.Auto;
    /// <summary>Overrides the method's default threshold (p-value 0.05 for tests, 0.1 for distances and PSI).</summary>
    public double? Threshold { get; init; }
    public Action<string>? Warning { get; init; }

    public static double DefaultThreshold(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare ? 0.05 : 0.1;

    /// <summary>Tests drift when the p-value is below the threshold; distances when the score reaches it.</summary>
    public static bool IsTest(DriftMethod method) => method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare;
}

/// <summary>The drift of one column between a reference and a current dataset, with every statistic that applies.</summary>
public sealed record ColumnDrift
{
    public required string Column { get; init; }
    public required ColumnType Type { get; init; }
    /// <summary>"numeric" or "categorical".</summary>
    public required string Kind { get; init; }
    public long ReferenceCount { get; init; }
    public long CurrentCount { get; init; }
    /// <summary>The method that gave the verdict.</summary>
    public DriftMethod Method { get; init; }
    /// <summary>That method's value: a p-value for KolmogorovSmirnov and ChiSquare, else the distance or PSI.</summary>
    public double Score { get; init; }
    public double Threshold { get; init; }
    public bool Drifted { get; init; }

    public double? KsStatistic { get; init; }
    public double? KsPValue { get; init; }
    public double? ChiSquare { get; init; }
    public double? ChiSquarePValue { get; init; }
    public double Psi { get; init; }
    public double JensenShannon { get; init; }
    /// <summary>The Wasserstein distance divided by the reference's population std (floored at 0.001, as Evidently).</summary>
    public double? Wasserstein { get; init; }

    public override string ToString() => $"{Column}: {(Drifted ? "drift" : "no drift")} ({Method} {Score:G4})";
}

/// <summary>Compares each column's distribution between two datasets and gives a drift verdict per column.</summary>
public static class DriftAnalyzer
{
    public static IReadOnlyList<ColumnDrift> Compare(Dataset reference, Dataset current, DriftOptions options)
    {
        var names = options.Columns ?? reference.Columns.Select(c => c.Name).ToArray();
        var sides = names.Select(name => FeatureColumns.Require(reference, name, "{option:Reference}"))
            .Select(r => (Side.Of(r), FeatureColumns.Require(current, r.Name, "{option:Difference}")));
        return CompareSides(sides, options);
    }

    /// <summary>
    /// Compares <paramref name="current"/> with saved reference summaries (Get-DataDistribution -AsSummary), so the
    /// reference data need not be read again. Categorical counts come from the summary's value counts (exact up to
    /// <see cref="ColumnSummary.MaxExactValues"/> distinct values); numeric values from its KLL sketch, exact while the
    /// sketch holds every value and within its rank error after that.
    /// </summary>
    public static IReadOnlyList<ColumnDrift> Compare(IReadOnlyList<ColumnSummary> reference, Dataset current, DriftOptions options)
    {
        var byName = ColumnSummary.MergeAll(reference).ToDictionary(s => s.Column, StringComparer.OrdinalIgnoreCase);
        var names = options.Columns ?? byName.Keys.ToArray();
        var sides = names.Select(name => byName.TryGetValue(name, out var summary) ? summary
                : throw new DataException("ColumnNotFound", DataErrorKind.InvalidArgument,
                    $"{{option:Reference}} has no summary of column '{name}'.", "Name a column the reference summaries describe: " + string.Join(", ", byName.Keys) + ".", column: name))
            .Select(s => (Side.Of(s), FeatureColumns.Require(current, s.Column, "{option:Difference}")));
        return CompareSides(sides, options);
    }

    /// <summary>One side's column as the statistics need it: sorted numbers or category counts, taken lazily.</summary>
    private sealed record Side(string Name, ColumnType Type, bool IsNumeric, Func<double[]> SortedValues, Func<Dictionary<string, long>> Counts)
    {
        public static Side Of(Column column) => new(column.Name, column.Type, FeatureColumns.IsNumeric(column),
            () => { var values = NumericStats.PresentValues(column); NumericSort.Sort(values); return values; },
            () => DistributionAnalyzer.CategoryCounts(column));

        public static Side Of(ColumnSummary summary) => new(summary.Column, summary.Type, summary.Kind == "numeric",
            () => summary.Quantiles!.ToSortedValues(),
            () => summary.Values.Zip(summary.ValueCounts).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    private static IReadOnlyList<ColumnDrift> CompareSides(IEnumerable<(Side Reference, Column Current)> sides, DriftOptions options)
    {
        var pairs = new List<(Side Reference, Side Current)>();
        foreach (var (r, column) in sides)
        {
            var c = Side.Of(column);
            if (r.Type == ColumnType.DateTime || c.Type == ColumnType.DateTime)
            {
                options.Warning?.Invoke($"Column '{r.Name}' is a DateTime column; drift is not measured on time stamps, so it is skipped.");
                continue;
            }
            if (r.IsNumeric != c.IsNumeric)
                throw new DataException("ColumnTypeMismatch", DataErrorKind.InvalidData,
                    $"Column '{r.Name}' is {r.Type} in the reference but {c.Type} in the current dataset.",
                    "Import both with the same {option:Schema} so the column has one type.", column: r.Name);
            pairs.Add((r, c));
        }
        return pairs.Select(p => p.Reference.IsNumeric ? CompareNumeric(p.Reference, p.Current, options) : CompareCategories(p.Reference, p.Current, options)).ToArray();
    }

    private static ColumnDrift CompareNumeric(Side reference, Side current, DriftOptions options)
    {
        var r = reference.SortedValues();
        var c = current.SortedValues();
        var (ks, ksP) = DriftStatistics.KolmogorovSmirnov(r, c);
        var norm = Math.Max(Moments.Of(r).PopulationStandardDeviation, 0.001);
        var wasserstein = DriftStatistics.Wasserstein(r, c) / norm;
        var psi = DriftStatistics.PopulationStabilityIndex(r, c);
        var js = DriftStatistics.JensenShannon(r, c);
        var method = options.Method == DriftMethod.Auto
            ? r.Length <= DriftOptions.SmallReferenceRows ? DriftMethod.KolmogorovSmirnov : DriftMethod.Wasserstein
            : options.Method;
        if (method == DriftMethod.ChiSquare)
        {
            options.Warning?.Invoke($"Column '{reference.Name}' is numeric; the chi-square test is for categories, so it is judged by the Kolmogorov-Smirnov test.");
            method = DriftMethod.KolmogorovSmirnov;
        }
        var score = method switch
        {
            DriftMethod.KolmogorovSmirnov => ksP,
            DriftMethod.Wasserstein => wasserstein,
            DriftMethod.Psi => psi,
            _ => js,
        };
        return Verdict(reference, "numeric", r.Length, c.Length, method, score, options) with
        {
            KsStatistic = ks, KsPValue = ksP, Wasserstein = wasserstein, Psi = psi, JensenShannon = js,
        };
    }

    private static ColumnDrift CompareCategories(Side reference, Side current, DriftOptions options)
    {
        var r = reference.Counts();
        var c = current.Counts();
        long rn = r.Values.Sum(), cn = c.Values.Sum();
        var (chi, chiP, _) = DriftStatistics.ChiSquare(r, c);
        var psi = DriftStatistics.PopulationStabilityIndex(r, c);
        var js = DriftStatistics.JensenShannon(r, c);
        var method = options.Method == DriftMethod.Auto
            ? rn <= DriftOptions.SmallReferenceRows ? DriftMethod.ChiSquare : DriftMethod.JensenShannon
            : options.Method;
        if (method is DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein)
        {
            var fallback = method == DriftMethod.KolmogorovSmirnov ? DriftMethod.ChiSquare : DriftMethod.JensenShannon;
            options.Warning?.Invoke($"Column '{reference.Name}' is {reference.Type}, not numeric; {method} needs numbers, so it is judged by {fallback}.");
            method = fallback;
        }
        var score = method switch
        {
            DriftMethod.ChiSquare => chiP,
            DriftMethod.Psi => psi,
            _ => js,
        };
        return Verdict(reference, "categorical", rn, cn, method, score, options) with
        {
            ChiSquare = chi, ChiSquarePValue = chiP, Psi = psi, JensenShannon = js,
        };
    }

    private static ColumnDrift Verdict(Side reference, string kind, long referenceCount, long currentCount,
        DriftMethod method, double score, DriftOptions options)
    {
        var threshold = options.Threshold ?? DriftOptions.DefaultThreshold(method);
        if (referenceCount == 0 || currentCount == 0)
            options.Warning?.Invoke($"Column '{reference.Name}' has no values in the {(referenceCount == 0 ? "reference" : "current")} dataset; its drift cannot be measured.");
        return new ColumnDrift
        {
            Column = reference.Name,
            Type = reference.Type,
            Kind = kind,
            ReferenceCount = referenceCount,
            CurrentCount = currentCount,
            Method = method,
            Score = score,
            Threshold = threshold,
            // NaN (no values on one side) never counts as drift.
            Drifted = DriftOptions.IsTest(method) ? score < threshold : score >= threshold,
        };
    }
}
