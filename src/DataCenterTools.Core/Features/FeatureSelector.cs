using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Features;

/// <summary>
/// Univariate feature selection on a Dataset (SelectKBest / SelectPercentile / a threshold).
/// Decisions a user sees:
/// - candidates are the numeric columns (Int64, Double, Boolean as 0/1) other than the target;
///   String and DateTime candidates are skipped with a warning;
/// - a candidate that merely recodes a categorical target (one value per class and one class per
///   value, like iris's numeric 'target' beside 'target_name') is target leakage and is skipped
///   with a warning, unless it was named in Columns;
/// - rows with a missing value (or NaN) in the target or any candidate are left out and the
///   warning says how many (Variance alone uses each column's own non-missing values);
/// - K larger than the number of candidates keeps them all, with a warning;
/// - ranking is by score, highest first; NaN scores rank last; ties rank the earlier column first.
/// The input dataset is never changed: the result shares its columns.
/// </summary>
public static class FeatureSelector
{
    public const string Operation = "Select-DataFeature";

    public static FeatureSelectionResult Select(Dataset dataset, FeatureSelectionOptions options, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ValidateRule(options);
        var warnings = new List<string>();
        var target = options.Target == null ? null : FindColumn(dataset, options.Target, "{option:Target}");
        if (target == null && options.Method != FeatureScoringMethod.Variance)
            throw new DataException("TargetRequired", DataErrorKind.InvalidArgument,
                $"The {options.Method} method scores features against a target, and none was given.",
                "Name the target column with {option:Target}.");
        var kind = target == null || options.Method == FeatureScoringMethod.Variance ? TargetKind.Auto : ResolveTargetKind(target, options);
        var candidates = ChooseCandidates(dataset, target, kind, options, warnings);

        var scores = new double[candidates.Count];
        var pValues = new double?[candidates.Count];
        int rowsScored;
        if (options.Method == FeatureScoringMethod.Variance)
        {
            rowsScored = dataset.RowCount;
            for (var j = 0; j < candidates.Count; j++)
            {
                // Like VarianceThreshold (which ignores NaN), each column uses its own non-missing values.
                scores[j] = FeatureScoring.PopulationVariance(NumericValues(candidates[j], ValidRows(candidates[j])));
                progress?.Invoke(j + 1, candidates.Count);
            }
        }
        else
        {
            var rows = CompleteRows(dataset, target!, candidates, warnings);
            rowsScored = rows.Length;
            var scorer = new TargetScorer(target!, kind, rows, options);
            for (var j = 0; j < candidates.Count; j++)
            {
                (scores[j], pValues[j]) = scorer.Score(candidates[j], NumericValues(candidates[j], rows), rows);
                progress?.Invoke(j + 1, candidates.Count);
            }
        }

        var result = candidates.Select((c, j) => new FeatureScore { Column = c.Name, Method = options.Method, Score = scores[j], PValue = pValues[j] }).ToArray();
        var rule = ApplyRule(result, options, warnings);
        var selected = result.Where(s => s.Selected).Select(s => s.Column).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = dataset.Columns.Where(c => selected.Contains(c.Name) || ReferenceEquals(c, target));
        var parameters = new Dictionary<string, string>
        {
            ["Method"] = options.Method.ToString(),
            ["Rule"] = rule,
            ["Selected"] = string.Join(", ", result.Where(s => s.Selected).Select(s => s.Column)),
            ["RowsScored"] = rowsScored.ToString(CultureInfo.InvariantCulture),
        };
        if (target != null)
        {
            parameters["Target"] = target.Name;
            if (kind != TargetKind.Auto) parameters["TargetType"] = kind.ToString();
        }
        return new FeatureSelectionResult(dataset.WithColumns(kept, new LineageEntry(Operation, parameters)), result, warnings, kind, rowsScored);
    }

    private static void ValidateRule(FeatureSelectionOptions o)
    {
        var rules = (o.K.HasValue ? 1 : 0) + (o.Percentile.HasValue ? 1 : 0) + (o.Threshold.HasValue ? 1 : 0);
        if (rules > 1)
            throw new DataException("ConflictingSelectionRules", DataErrorKind.InvalidArgument,
                "Give only one of {option:K}, {option:Percentile} and {option:Threshold}.", "Choose one way to say how many features to keep.");
        if (o.K is < 1)
            throw new DataException("InvalidK", DataErrorKind.InvalidArgument, $"{{option:K}} must be at least 1 (got {o.K}).", "Give a positive number of features to keep.");
        if (o.Percentile is { } p && (double.IsNaN(p) || p < 0 || p > 100))
            throw new DataException("InvalidPercentile", DataErrorKind.InvalidArgument, $"{{option:Percentile}} must be between 0 and 100 (got {p}).", "Give a percentage of features to keep.");
        if (o.Threshold is { } t && double.IsNaN(t))
            throw new DataException("InvalidThreshold", DataErrorKind.InvalidArgument, "{option:Threshold} must be a number.", "Give a score threshold.");
        if (o.MutualInformationBins < 2)
            throw new DataException("InvalidBins", DataErrorKind.InvalidArgument, "Mutual information needs at least 2 bins.", "Use 2 or more bins.");
    }

    private static Column FindColumn(Dataset dataset, string name, string parameter) =>
        dataset.TryGetColumn(name, out var column)
            ? column
            : throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                $"Dataset '{dataset.Name}' has no column '{name}' (columns: {string.Join(", ", dataset.Schema.Select(s => s.Name))}).",
                $"Check the spelling of {parameter}.", column: name);

    private static bool IsNumeric(ColumnType type) => type is ColumnType.Int64 or ColumnType.Double or ColumnType.Boolean;

    private static TargetKind ResolveTargetKind(Column target, FeatureSelectionOptions o)
    {
        var requested = o.TargetKind;
        if (o.Method == FeatureScoringMethod.Chi2)
        {
            if (requested == TargetKind.Numeric)
                throw new DataException("TargetTypeMismatch", DataErrorKind.InvalidArgument,
                    $"Chi2 compares class-wise sums, so target '{target.Name}' must be read as class labels, not numbers.",
                    "Drop {option:TargetType} Numeric, or use {option:Method} FTest, Correlation or MutualInformation for a numeric target.", column: target.Name);
            return TargetKind.Categorical;
        }
        if (o.Method == FeatureScoringMethod.Correlation && requested == TargetKind.Categorical)
            throw new DataException("TargetTypeMismatch", DataErrorKind.InvalidArgument,
                $"Correlation needs a numeric target; '{target.Name}' was declared categorical.",
                "Use {option:Method} FTest, Chi2 or MutualInformation for class labels.", column: target.Name);
        var kind = requested != TargetKind.Auto ? requested
            : target.Type is ColumnType.String or ColumnType.Boolean ? TargetKind.Categorical
            : target.Type is ColumnType.Int64 or ColumnType.Double ? TargetKind.Numeric
            : throw new DataException("UnsupportedTargetType", DataErrorKind.InvalidArgument,
                $"Target '{target.Name}' is a {target.Type} column; it is neither numbers nor class labels.",
                "Use {option:TargetType} Categorical to treat its values as classes, or pick another target.", column: target.Name);
        if (o.Method == FeatureScoringMethod.Correlation) kind = TargetKind.Numeric; // a Boolean target is 0/1 (point-biserial r)
        if (kind == TargetKind.Numeric && !IsNumeric(target.Type))
            throw new DataException("TargetNotNumeric", DataErrorKind.InvalidArgument,
                $"Target '{target.Name}' is a {target.Type} column, so it cannot be scored as a number{(o.Method == FeatureScoringMethod.Correlation ? " (Correlation needs a numeric target)" : "")}.",
                "Use {option:Method} FTest, Chi2 or MutualInformation, which treat it as class labels.", column: target.Name);
        return kind;
    }

    private static List<Column> ChooseCandidates(Dataset dataset, Column? target, TargetKind kind, FeatureSelectionOptions o, List<string> warnings)
    {
        var named = o.Columns != null;
        var pool = named ? o.Columns!.Select(n => FindColumn(dataset, n, "{option:Column}")).Distinct().ToList() : dataset.Columns.ToList();
        var excluded = (o.Exclude ?? []).Select(n => FindColumn(dataset, n, "{option:Exclude}")).ToHashSet();
        var candidates = new List<Column>();
        foreach (var column in pool)
        {
            if (ReferenceEquals(column, target) || excluded.Contains(column)) continue;
            if (!IsNumeric(column.Type))
            {
                warnings.Add($"Column '{column.Name}' is {column.Type}, not numeric; it was not scored. Encode it as numbers first to score it.");
                continue;
            }
            if (!named && target != null && kind == TargetKind.Categorical && IsRecodingOf(column, target))
            {
                warnings.Add($"Column '{column.Name}' is a one-to-one recoding of target '{target.Name}' (target leakage); it was not scored. Name it in {{option:Column}} to score it anyway.");
                continue;
            }
            candidates.Add(column);
        }
        if (candidates.Count == 0)
            throw new DataException("NoCandidateFeatures", DataErrorKind.InvalidData,
                $"Dataset '{dataset.Name}' has no numeric column to score{(target == null ? "" : $" besides target '{target.Name}'")}.",
                "Feature selection scores Int64, Double and Boolean columns; convert or encode the others first.");
        return candidates;
    }

    // Each candidate value maps to one target value and each target value to one candidate value.
    private static bool IsRecodingOf(Column candidate, Column target)
    {
        var forward = new Dictionary<object, object>();
        var backward = new Dictionary<object, object>();
        var any = false;
        for (var r = 0; r < candidate.Length; r++)
        {
            var c = candidate.GetValue(r);
            var t = target.GetValue(r);
            if (c == null || t == null) continue;
            any = true;
            if (forward.TryGetValue(c, out var seenT) ? !seenT.Equals(t) : !forward.TryAdd(c, t)) return false;
            if (backward.TryGetValue(t, out var seenC) ? !seenC.Equals(c) : !backward.TryAdd(t, c)) return false;
        }
        return any;
    }

    private static bool IsMissing(Column column, int row) =>
        column.IsNull(row) || (column is DoubleColumn d && double.IsNaN(d[row]));

    private static int[] ValidRows(Column column) =>
        Enumerable.Range(0, column.Length).Where(r => !IsMissing(column, r)).ToArray();

    private static int[] CompleteRows(Dataset dataset, Column target, List<Column> candidates, List<string> warnings)
    {
        var rows = new List<int>(dataset.RowCount);
        for (var r = 0; r < dataset.RowCount; r++)
        {
            if (IsMissing(target, r)) continue;
            var complete = true;
            foreach (var c in candidates)
                if (IsMissing(c, r)) { complete = false; break; }
            if (complete) rows.Add(r);
        }
        var dropped = dataset.RowCount - rows.Count;
        if (dropped > 0)
        {
            var gaps = candidates.Prepend(target)
                .Select(c => (c.Name, Missing: Enumerable.Range(0, c.Length).Count(r => IsMissing(c, r))))
                .Where(g => g.Missing > 0)
                .Select(g => $"'{g.Name}' ({g.Missing})");
            var message = $"Scored on the {rows.Count} of {dataset.RowCount} rows with no missing value; missing cells in {string.Join(", ", gaps)}.";
            if (rows.Count == 0)
                throw new DataException("NoCompleteRows", DataErrorKind.InvalidData, message + " No row is left to score.",
                    "Fill or drop the missing values, or leave the sparse columns out with {option:Exclude}.", column: target.Name);
            warnings.Add(message);
        }
        return rows.ToArray();
    }

    internal static double[] NumericValues(Column column, int[] rows)
    {
        var values = new double[rows.Length];
        switch (column)
        {
            case DoubleColumn d: for (var i = 0; i < rows.Length; i++) values[i] = d[rows[i]]; break;
            case Int64Column l: for (var i = 0; i < rows.Length; i++) values[i] = l[rows[i]]; break;
            case BooleanColumn b: for (var i = 0; i < rows.Length; i++) values[i] = b[rows[i]] ? 1 : 0; break;
            default: throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not numeric.");
        }
        return values;
    }

    /// <summary>The target read once (as numbers or as class indices) and the method that scores a feature against it.</summary>
    private sealed class TargetScorer
    {
        private readonly FeatureScoringMethod _method;
        private readonly int _bins;
        private readonly double[]? _y;
        private readonly int[]? _classes;
        private readonly int _classCount;

        public TargetScorer(Column target, TargetKind kind, int[] rows, FeatureSelectionOptions o)
        {
            _method = o.Method;
            _bins = o.MutualInformationBins;
            int distinct;
            if (kind == TargetKind.Numeric)
            {
                _y = NumericValues(target, rows);
                distinct = _y.Distinct().Take(2).Count();
            }
            else
            {
                var codes = new Dictionary<object, int>();
                _classes = new int[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    var label = target.GetValue(rows[i])!;
                    if (!codes.TryGetValue(label, out var code)) codes[label] = code = codes.Count;
                    _classes[i] = code;
                }
                _classCount = distinct = codes.Count;
            }
            if (distinct < 2)
                throw new DataException("ConstantTarget", DataErrorKind.InvalidData,
                    $"Target '{target.Name}' has {(distinct == 0 ? "no values" : "only one value")} in the {rows.Length} rows scored, so no feature can explain it.",
                    "Check the target column and the rows kept; a target needs at least two distinct values.", column: target.Name);
            var minimum = kind == TargetKind.Numeric ? 3 : _classCount + 1;
            if (o.Method is FeatureScoringMethod.FTest or FeatureScoringMethod.Correlation && rows.Length < minimum)
                throw new DataException("TooFewRows", DataErrorKind.InvalidData,
                    $"The {o.Method} test against '{target.Name}' needs at least {minimum} complete rows; there are {rows.Length}.",
                    "Score more rows.", column: target.Name);
        }

        public (double Score, double? PValue) Score(Column feature, double[] x, int[] rows)
        {
            switch (_method)
            {
                case FeatureScoringMethod.Correlation:
                {
                    var r = FeatureScoring.PearsonR(x, _y);
                    var test = FeatureScoring.FRegressionFromR(r, x.Length);
                    return (double.IsNaN(r) ? 0 : Math.Abs(r), test.PValue);
                }
                case FeatureScoringMethod.FTest:
                {
                    var test = _y != null ? FeatureScoring.FRegression(x, _y) : FeatureScoring.FClassif(x, _classes, _classCount);
                    return (test.Statistic, test.PValue);
                }
                case FeatureScoringMethod.Chi2:
                {
                    var negative = Array.FindIndex(x, v => v < 0);
                    if (negative >= 0)
                        throw new DataException("NegativeFeatureValue", DataErrorKind.InvalidData,
                            $"Chi2 needs non-negative features, but column '{feature.Name}' holds {x[negative].ToString(CultureInfo.InvariantCulture)} in row {rows[negative] + 1}.",
                            "Use {option:Method} FTest or MutualInformation, scale the column to be non-negative, or leave it out with {option:Exclude}.", column: feature.Name);
                    var test = FeatureScoring.Chi2(x, _classes, _classCount);
                    return (test.Statistic, test.PValue);
                }
                case FeatureScoringMethod.MutualInformation:
                    return (_y != null ? MutualInformation.WithNumeric(x, _y, _bins) : MutualInformation.WithClasses(x, _classes, _classCount, _bins), null);
                default:
                    throw new InvalidOperationException($"{_method} is not a scoring with a target (Variance is scored without one).");
            }
        }
    }

    /// <summary>Ranks the scores, marks the selected ones, and returns the rule as text for the lineage.</summary>
    private static string ApplyRule(FeatureScore[] scores, FeatureSelectionOptions o, List<string> warnings)
    {
        var n = scores.Length;
        // NaN ranks last; OrderBy is stable, so on a tie the earlier column ranks first.
        var order = Enumerable.Range(0, n).OrderByDescending(i => double.IsNaN(scores[i].Score) ? double.NegativeInfinity : scores[i].Score).ToArray();
        for (var r = 0; r < n; r++) scores[order[r]].Rank = r + 1;

        if (o.Threshold is { } t)
        {
            var strict = o.Method == FeatureScoringMethod.Variance; // VarianceThreshold keeps variance > threshold
            foreach (var s in scores) s.Selected = strict ? s.Score > t : s.Score >= t;
            return $"Threshold={t.ToString(CultureInfo.InvariantCulture)}";
        }
        if (o.Percentile is { } p)
        {
            foreach (var i in PercentileSelection(scores.Select(s => s.Score).ToArray(), p)) scores[i].Selected = true;
            return $"Percentile={p.ToString(CultureInfo.InvariantCulture)}";
        }
        if (o.K == null && o.Method == FeatureScoringMethod.Variance)
        {
            foreach (var s in scores) s.Selected = s.Score > 0;
            return "Threshold=0";
        }
        var k = o.K ?? FeatureSelectionOptions.DefaultK;
        if (o.K > n) warnings.Add($"{{option:K}} {o.K} is more than the {n} candidate feature{(n == 1 ? "" : "s")}; all {n} are kept.");
        k = Math.Min(k, n);
        foreach (var s in scores) s.Selected = s.Rank <= k;
        return $"K={k}";
    }

    /// <summary>
    /// sklearn's SelectPercentile rule: keep scores above the (100 - p)th percentile (numpy's linear
    /// interpolation), then fill up to floor(n p / 100) with the features tied at it, earliest first.
    /// NaN counts as the lowest score.
    /// </summary>
    internal static IEnumerable<int> PercentileSelection(double[] rawScores, double percentile)
    {
        var n = rawScores.Length;
        if (percentile >= 100) return Enumerable.Range(0, n);
        if (percentile <= 0 || n == 0) return [];
        var scores = rawScores.Select(s => double.IsNaN(s) ? double.MinValue : s).ToArray();
        var sorted = scores.Order().ToArray();
        var position = (100 - percentile) / 100 * (n - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, n - 1);
        var fraction = position - lo;
        var (a, b) = (sorted[lo], sorted[hi]);
        // numpy's _lerp: interpolate from the nearer end so equal neighbours give exactly that value.
        var threshold = a == b ? a : fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction;
        var kept = Enumerable.Range(0, n).Where(i => scores[i] > threshold).ToList();
        var room = (int)(n * percentile / 100) - kept.Count;
        kept.AddRange(Enumerable.Range(0, n).Where(i => scores[i] == threshold).Take(Math.Max(0, room)));
        kept.Sort();
        return kept;
    }
}
