namespace DataCenterTools.Core.Labeling;

/// <summary>Disagreement weights for Cohen's kappa, as scikit-learn's cohen_kappa_score(weights=...).</summary>
public enum KappaWeight { None, Linear, Quadratic }

/// <summary>Krippendorff's alpha measurement level (its difference function).</summary>
public enum AlphaLevel { Nominal, Ordinal, Interval }

public sealed record AgreementOptions
{
    public KappaWeight Weight { get; init; } = KappaWeight.None;
    public AlphaLevel Level { get; init; } = AlphaLevel.Nominal;
    /// <summary>A pair of annotators gets a Cohen's kappa only when they share at least this many items.</summary>
    public int MinSharedItems { get; init; } = 5;
}

/// <summary>Cohen's kappa for one pair of annotators over the items both labelled.</summary>
public sealed record AnnotatorPairKappa(string AnnotatorA, string AnnotatorB, int SharedItems, double Agreement, double Kappa);

/// <summary>One annotator: how many items they labelled and how often they match the majority-vote label.</summary>
public sealed record AnnotatorAgreement(string Annotator, int Items, double AgreementWithConsensus);

/// <summary>Agreement statistics for one label set (a long-form label Dataset).</summary>
public sealed class LabelAgreement
{
    public required string Name { get; init; }
    public required int Items { get; init; }
    public required int AnnotatorCount { get; init; }
    public required int LabelRows { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required double LabelsPerItem { get; init; }
    /// <summary>Percent (0-100) of items with two or more labels on which every label is the same, as R irr's agree().</summary>
    public required double PercentAgreement { get; init; }
    public required double FleissKappa { get; init; }
    public required double KrippendorffAlpha { get; init; }
    public required AlphaLevel AlphaLevel { get; init; }
    public required KappaWeight Weight { get; init; }
    /// <summary>Cohen's kappa for each pair of annotators with enough shared items.</summary>
    public required IReadOnlyList<AnnotatorPairKappa> Pairs { get; init; }
    public required IReadOnlyList<AnnotatorAgreement> Annotators { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public override string ToString() =>
        $"{Name}: {Items} items, {AnnotatorCount} annotators, Fleiss' kappa {FleissKappa:0.###}, alpha {KrippendorffAlpha:0.###}";
}

/// <summary>Inter-annotator agreement: percent agreement, Cohen's, Fleiss' kappa, Krippendorff's alpha.</summary>
public static class AgreementCalculator
{
    public static LabelAgreement Measure(LabelTable table, AgreementOptions options, string name)
    {
        var warnings = new List<string>();
        var k = table.Categories.Length;
        var (starts, rows) = table.RowsByItem();
        var counts = CategoryCounts(table, starts, rows);
        var items = table.ItemNames.Length;
        if (table.AnnotatorNames.Length < 2)
            warnings.Add($"'{name}' has {table.AnnotatorNames.Length} annotator(s): kappa and alpha need at least two, so they are NaN (undefined).");
        var pairable = 0;
        for (var i = 0; i < items; i++) if (starts[i + 1] - starts[i] >= 2) pairable++;
        if (table.AnnotatorNames.Length >= 2 && pairable == 0)
            warnings.Add($"No item in '{name}' has two or more labels, so agreement is undefined (NaN).");

        var consensus = LabelConsensus.MajorityWinners(counts, k, TieBreak.First, out _);
        return new LabelAgreement
        {
            Name = name,
            Items = items,
            AnnotatorCount = table.AnnotatorNames.Length,
            LabelRows = table.RowCount,
            Categories = table.Categories,
            LabelsPerItem = items == 0 ? double.NaN : (double)table.RowCount / items,
            PercentAgreement = PercentAgreement(counts, k),
            FleissKappa = table.AnnotatorNames.Length < 2 ? double.NaN : FleissKappa(counts, k),
            KrippendorffAlpha = table.AnnotatorNames.Length < 2 ? double.NaN : KrippendorffAlpha(counts, k, Differences(table, counts, options.Level)),
            AlphaLevel = options.Level,
            Weight = options.Weight,
            Pairs = PairKappas(table, starts, rows, options),
            Annotators = AnnotatorStats(table, starts, consensus),
            Warnings = warnings,
        };
    }

    /// <summary>Per item, the number of labels in each category: counts[item * k + category].</summary>
    internal static int[] CategoryCounts(LabelTable table, int[] starts, int[] rows)
    {
        var k = table.Categories.Length;
        var counts = new int[table.ItemNames.Length * k];
        for (var r = 0; r < table.RowCount; r++) counts[table.ItemOf[r] * k + table.LabelOf[r]]++;
        return counts;
    }

    /// <summary>Percent of items with two or more labels where all labels agree.</summary>
    public static double PercentAgreement(int[] counts, int k)
    {
        int pairable = 0, unanimous = 0;
        for (var i = 0; i < counts.Length / k; i++)
        {
            var row = counts.AsSpan(i * k, k);
            int total = 0, max = 0;
            foreach (var c in row) { total += c; max = Math.Max(max, c); }
            if (total < 2) continue;
            pairable++;
            if (max == total) unanimous++;
        }
        return pairable == 0 ? double.NaN : 100.0 * unanimous / pairable;
    }

    /// <summary>
    /// Fleiss' kappa over items with two or more labels (statsmodels' fleiss_kappa for equal
    /// rater counts; each item's agreement uses its own rater count otherwise).
    /// </summary>
    public static double FleissKappa(int[] counts, int k)
    {
        var categoryTotals = new double[k];
        double agreementSum = 0, labels = 0;
        var pairable = 0;
        for (var i = 0; i < counts.Length / k; i++)
        {
            var row = counts.AsSpan(i * k, k);
            double n = 0, squares = 0;
            foreach (var c in row) { n += c; squares += (double)c * c; }
            if (n < 2) continue;
            pairable++;
            agreementSum += (squares - n) / (n * (n - 1));
            for (var j = 0; j < k; j++) categoryTotals[j] += row[j];
            labels += n;
        }
        if (pairable == 0) return double.NaN;
        var observed = agreementSum / pairable;
        var expected = categoryTotals.Sum(t => (t / labels) * (t / labels));
        return expected >= 1 ? double.NaN : (observed - expected) / (1 - expected);
    }

    /// <summary>
    /// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011): units with fewer
    /// than two values are not pairable and are left out; <paramref name="delta"/> is the
    /// squared difference between categories c and d at delta[c * k + d].
    /// </summary>
    public static double KrippendorffAlpha(int[] counts, int k, double[] delta)
    {
        var coincidence = Coincidences(counts, k);
        var marginals = new double[k];
        for (var c = 0; c < k; c++) for (var d = 0; d < k; d++) marginals[c] += coincidence[c * k + d];
        var n = marginals.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < k; c++)
            for (var d = 0; d < k; d++)
            {
                observed += coincidence[c * k + d] * delta[c * k + d];
                expected += marginals[c] * marginals[d] * delta[c * k + d];
            }
        return n < 2 || expected == 0 ? double.NaN : 1 - (n - 1) * observed / expected;
    }

    internal static double[] Coincidences(int[] counts, int k)
    {
        var coincidence = new double[k * k];
        for (var i = 0; i < counts.Length / k; i++)
        {
            var row = counts.AsSpan(i * k, k);
            var m = 0;
            foreach (var c in row) m += c;
            if (m < 2) continue;
            for (var c = 0; c < k; c++)
            {
                if (row[c] == 0) continue;
                for (var d = 0; d < k; d++)
                    coincidence[c * k + d] += (double)row[c] * (row[d] - (c == d ? 1 : 0)) / (m - 1);
            }
        }
        return coincidence;
    }

    /// <summary>
    /// Squared differences between categories at a level: nominal 0/1; ordinal from the
    /// coincidence marginals; interval from the labels' numeric values (category positions when
    /// the labels are not numbers).
    /// </summary>
    internal static double[] Differences(LabelTable table, int[] counts, AlphaLevel level)
    {
        var k = table.Categories.Length;
        var delta = new double[k * k];
        var values = table.NumericCategories() ?? Enumerable.Range(0, k).Select(c => (double)c).ToArray();
        var marginals = new double[k];
        if (level == AlphaLevel.Ordinal)
        {
            var coincidence = Coincidences(counts, k);
            for (var c = 0; c < k; c++) for (var d = 0; d < k; d++) marginals[c] += coincidence[c * k + d];
        }
        for (var c = 0; c < k; c++)
            for (var d = 0; d < k; d++)
            {
                delta[c * k + d] = level switch
                {
                    AlphaLevel.Nominal => c == d ? 0 : 1,
                    AlphaLevel.Interval => (values[c] - values[d]) * (values[c] - values[d]),
                    _ => OrdinalDelta(marginals, Math.Min(c, d), Math.Max(c, d)),
                };
            }
        return delta;
    }

    private static double OrdinalDelta(double[] marginals, int low, int high)
    {
        if (low == high) return 0;
        double sum = 0;
        for (var g = low; g <= high; g++) sum += marginals[g];
        var d = sum - (marginals[low] + marginals[high]) / 2;
        return d * d;
    }

    /// <summary>Cohen's kappa from a k x k table of paired labels (rows: first annotator), as scikit-learn's cohen_kappa_score.</summary>
    public static double CohenKappa(double[] table, int k, KappaWeight weight)
    {
        var rowTotals = new double[k];
        var colTotals = new double[k];
        double total = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                rowTotals[a] += table[a * k + b];
                colTotals[b] += table[a * k + b];
                total += table[a * k + b];
            }
        if (total == 0) return double.NaN;
        double observed = 0, expected = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                var w = weight switch
                {
                    KappaWeight.None => a == b ? 0 : 1,
                    KappaWeight.Linear => Math.Abs(a - b),
                    _ => (double)(a - b) * (a - b),
                };
                observed += w * table[a * k + b] / total;
                expected += w * rowTotals[a] * colTotals[b] / (total * total);
            }
        return expected == 0 ? double.NaN : 1 - observed / expected;
    }

    private static List<AnnotatorPairKappa> PairKappas(LabelTable table, int[] starts, int[] rows, AgreementOptions options)
    {
        var k = table.Categories.Length;
        var pairs = new Dictionary<(int, int), double[]>();
        // With up to a few thousand annotators, a dense pair index avoids a hash lookup per label pair.
        var annotators = table.AnnotatorNames.Length;
        var dense = annotators <= 2048 ? new double[annotators * annotators][] : null;
        double[] Matrix(int low, int high)
        {
            if (dense != null) return dense[low * annotators + high] ??= pairs[(low, high)] = new double[k * k];
            if (!pairs.TryGetValue((low, high), out var matrix)) pairs[(low, high)] = matrix = new double[k * k];
            return matrix;
        }
        for (var i = 0; i + 1 < starts.Length; i++)
            for (var x = starts[i]; x < starts[i + 1]; x++)
                for (var y = x + 1; y < starts[i + 1]; y++)
                {
                    int rx = rows[x], ry = rows[y];
                    int ax = table.AnnotatorOf[rx], ay = table.AnnotatorOf[ry];
                    if (ax == ay) continue;
                    var (first, second) = ax < ay ? (rx, ry) : (ry, rx);
                    Matrix(Math.Min(ax, ay), Math.Max(ax, ay))[table.LabelOf[first] * k + table.LabelOf[second]]++;
                }
        var result = new List<AnnotatorPairKappa>();
        foreach (var ((a, b), counted) in pairs)
        {
            var matrix = counted;
            var shared = (int)matrix.Sum();
            if (shared < options.MinSharedItems) continue;
            double same = 0;
            for (var c = 0; c < k; c++) same += matrix[c * k + c];
            var (nameA, nameB) = (table.AnnotatorNames[a], table.AnnotatorNames[b]);
            // Name the pair in ordinal order; the first-named annotator's labels are the table's rows.
            if (string.CompareOrdinal(nameA, nameB) > 0) { (nameA, nameB) = (nameB, nameA); matrix = Transpose(matrix, k); }
            result.Add(new AnnotatorPairKappa(nameA, nameB, shared, same / shared, CohenKappa(matrix, k, options.Weight)));
        }
        result.Sort((p, q) => string.CompareOrdinal(p.AnnotatorA, q.AnnotatorA) is var c and not 0 ? c : string.CompareOrdinal(p.AnnotatorB, q.AnnotatorB));
        return result;
    }

    private static double[] Transpose(double[] matrix, int k)
    {
        var t = new double[k * k];
        for (var a = 0; a < k; a++) for (var b = 0; b < k; b++) t[b * k + a] = matrix[a * k + b];
        return t;
    }

    private static List<AnnotatorAgreement> AnnotatorStats(LabelTable table, int[] starts, int[] consensus)
    {
        var annotators = table.AnnotatorNames.Length;
        var labelled = new int[annotators];
        var compared = new int[annotators];
        var agreed = new int[annotators];
        for (var r = 0; r < table.RowCount; r++)
        {
            var a = table.AnnotatorOf[r];
            var item = table.ItemOf[r];
            labelled[a]++;
            if (starts[item + 1] - starts[item] < 2) continue;
            compared[a]++;
            if (consensus[item] == table.LabelOf[r]) agreed[a]++;
        }
        return Enumerable.Range(0, annotators)
            .Select(a => new AnnotatorAgreement(table.AnnotatorNames[a], labelled[a], compared[a] == 0 ? double.NaN : (double)agreed[a] / compared[a]))
            .OrderBy(s => s.Annotator, StringComparer.Ordinal)
            .ToList();
    }
}
