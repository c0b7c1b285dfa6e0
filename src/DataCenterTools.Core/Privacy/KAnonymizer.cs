using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>How far one quasi-identifier was generalized.</summary>
public sealed record QuasiIdentifierLevel(string Column, int Level, int MaxLevel, string Description);

/// <summary>
/// What k-anonymization produced and what it cost. <paramref name="InformationLoss"/> is the mean over the
/// quasi-identifiers of level / top level (0: nothing generalized, 1: every quasi-identifier reduced to one value;
/// Sweeney's precision metric, 1 - Prec); <paramref name="Discernibility"/> the discernibility metric (the sum of
/// the squared sizes of the classes kept, plus the row count for each suppressed row: lower is more useful);
/// <paramref name="LDiversity"/> the distinct l-diversity of the sensitive column in the result, when one was named.
/// <paramref name="Search"/> is "optimal" (every generalization lattice node of lower loss was tried) or "greedy".
/// </summary>
public sealed record KAnonymityResult(Dataset Dataset, int K, int AchievedK, IReadOnlyList<QuasiIdentifierLevel> Levels, int RowsSuppressed,
    double InformationLoss = 0, double Discernibility = 0, int? LDiversity = null, string? Sensitive = null, string Search = "optimal", int NodesEvaluated = 0)
{
    /// <summary>The sum of the levels: ARX's generalization height.</summary>
    public int GeneralizationHeight => Levels.Sum(l => l.Level);

    /// <summary>What k-anonymity cost, in one sentence (the cmdlet's warning).</summary>
    public string Describe(int inputRows) =>
        $"{AchievedK}-anonymity reached (asked {K}){(LDiversity is { } l ? $", l-diversity {l} over {Sensitive}" : "")}: " +
        $"{string.Join(", ", Levels.Select(l => $"{l.Column} {l.Description}"))}; {RowsSuppressed:N0} of {inputRows:N0} row(s) suppressed; " +
        $"information loss {InformationLoss.ToString("0.000", CultureInfo.InvariantCulture)} (mean generalization height), " +
        $"discernibility {Discernibility.ToString("N0", CultureInfo.InvariantCulture)} ({Search} search, {NodesEvaluated:N0} generalization(s) tried).";

    public override string ToString() =>
        $"k={AchievedK} (asked {K}); {string.Join(", ", Levels.Select(l => $"{l.Column}: level {l.Level}/{l.MaxLevel} {l.Description}"))}; {RowsSuppressed:N0} row(s) suppressed; loss {InformationLoss:0.000}";
}

/// <summary>
/// Makes a dataset k-anonymous over its quasi-identifiers by full-domain generalization and suppression, as ARX
/// does: every combination of generalization levels (a node of the lattice) is a candidate; a node qualifies when
/// the rows in classes smaller than k are few enough to suppress (at most <c>maxSuppression</c> of all rows).
/// Of the qualifying nodes the one with the least information loss (mean relative generalization height) wins;
/// ties go to fewer suppressed rows, then the lower discernibility, then the lower levels in the order the
/// quasi-identifiers were given. Nodes are tried from the least loss up, and the search stops after the first
/// qualifying loss, so each quasi-identifier stays as narrow as k allows. Lattices of more than
/// <see cref="MaxLatticeNodes"/> nodes fall back to a greedy search (one level up at a time, for the
/// quasi-identifier that leaves the fewest rows in small classes): fast, not optimal.
/// </summary>
public static class KAnonymizer
{
    public const int MaxLatticeNodes = 100_000;

    public static KAnonymityResult Apply(Dataset dataset, IReadOnlyList<string> quasiIdentifiers, int k, double maxSuppression) =>
        Apply(dataset, new KAnonymityRequest(k, quasiIdentifiers, maxSuppression));

    public static KAnonymityResult Apply(Dataset dataset, KAnonymityRequest request)
    {
        var (k, quasiIdentifiers, maxSuppression) = (request.K, request.QuasiIdentifiers, request.MaxSuppression);
        if (k < 1)
            throw new DataException("InvalidK", DataErrorKind.InvalidArgument, $"{{option:KAnonymity}} must be at least 1; it is {k}.", "Give {option:KAnonymity} 5 for classes of at least 5 rows.");
        if (maxSuppression is < 0 or > 1 || double.IsNaN(maxSuppression))
            throw new DataException("InvalidMaxSuppression", DataErrorKind.InvalidArgument,
                $"{{option:MaxSuppression}} is a share of the rows between 0 and 1; it is {maxSuppression}.", "Give e.g. {option:MaxSuppression} 0.05 (5% of the rows).");
        if (quasiIdentifiers.Count == 0)
            throw new DataException("QuasiIdentifierRequired", DataErrorKind.InvalidArgument,
                "{option:KAnonymity} needs the quasi-identifier columns.", "Give {option:QuasiIdentifier} age,zip,sex (the columns an attacker could link on).");
        var hierarchies = Hierarchies(dataset, request);
        var n = dataset.RowCount;
        var allowed = (int)Math.Floor(maxSuppression * n);
        var lattice = hierarchies.Aggregate(1.0, (size, h) => size * (h.MaxLevel + 1));
        var (levels, evaluated, search) = lattice <= MaxLatticeNodes
            ? (OptimalSearch(hierarchies, k, allowed, n, out var tried), tried, "optimal")
            : (GreedySearch(hierarchies, k, allowed, out var steps), steps, "greedy");
        var top = hierarchies.Select(h => h.MaxLevel).ToArray();
        var (below, classOf, sizes) = Classes(hierarchies, levels ?? top, k);
        if (levels == null || below > allowed || below == n)
            throw new DataException("KAnonymityNotReached", DataErrorKind.InvalidData,
                $"{k}-anonymity over {string.Join(", ", quasiIdentifiers)} cannot be reached: even fully generalized, {below:N0} of {n:N0} rows are in classes smaller than {k}, and at most {allowed:N0} may be suppressed ({{option:MaxSuppression}} {maxSuppression}).",
                "Allow more suppression ({option:MaxSuppression}), ask for a smaller k, or use fewer quasi-identifiers.");

        var keep = new List<int>(n);
        for (var row = 0; row < n; row++)
            if (sizes[classOf[row]] >= k) keep.Add(row);
        var replaced = hierarchies.Select((h, q) => (h.Name, Column: h.ColumnAt(levels[q]))).ToDictionary(p => p.Name, p => p.Column, StringComparer.Ordinal);
        var rows = keep.ToArray();
        var columns = dataset.Columns.Select(c => replaced.TryGetValue(c.Name, out var g) ? g : c)
            .Select(c => rows.Length == n ? c : c.Take(rows));
        var result = new Dataset(dataset.Name, columns, dataset.Source, dataset.Lineage);
        var cost = hierarchies.Select((h, q) => new QuasiIdentifierLevel(h.Name, levels[q], h.MaxLevel, h.Describe(levels[q]))).ToArray();
        int? l = request.Sensitive is { } sensitive ? AnonymityAnalyzer.Measure(result, quasiIdentifiers, sensitive).LDiversity : null;
        return new KAnonymityResult(result, k, sizes.Where(s => s >= k).Min(), cost, n - rows.Length,
            Loss(hierarchies, levels), Discernibility(sizes, k, n), l, request.Sensitive, search, evaluated);
    }

    private static GeneralizationHierarchy[] Hierarchies(Dataset dataset, KAnonymityRequest request)
    {
        var files = request.Hierarchies ?? new Dictionary<string, string>();
        var stray = files.Keys.FirstOrDefault(c => !request.QuasiIdentifiers.Contains(c, StringComparer.Ordinal));
        if (stray != null)
            throw new DataException("HierarchyWithoutQuasiIdentifier", DataErrorKind.InvalidArgument,
                $"{{option:Hierarchy}} names column '{stray}', which is not one of the quasi-identifiers ({string.Join(", ", request.QuasiIdentifiers)}).",
                "Give hierarchies only for {option:QuasiIdentifier} columns, or add the column to {option:QuasiIdentifier}.", column: stray);
        if (request.Sensitive != null && request.QuasiIdentifiers.Contains(request.Sensitive, StringComparer.Ordinal))
            throw new DataException("SensitiveIsQuasiIdentifier", DataErrorKind.InvalidArgument,
                $"Column '{request.Sensitive}' is named both as a quasi-identifier and as the sensitive column.",
                "The sensitive column is what must not be learned; leave it out of {option:QuasiIdentifier}.", column: request.Sensitive);
        return request.QuasiIdentifiers
            .Select(name => new GeneralizationHierarchy(Features.FeatureColumns.Require(dataset, name, "{option:QuasiIdentifier}"),
                files.TryGetValue(name, out var file) ? HierarchyTable.Load(file) : null))
            .ToArray();
    }

    // Every node, from the least loss up; the first loss at which some node qualifies ends the search.
    private static int[]? OptimalSearch(GeneralizationHierarchy[] hierarchies, int k, int allowed, int n, out int evaluated)
    {
        var nodes = new List<int[]>();
        void Enumerate(int q, int[] levels)
        {
            if (q == hierarchies.Length) { nodes.Add((int[])levels.Clone()); return; }
            for (var level = 0; level <= hierarchies[q].MaxLevel; level++)
            {
                levels[q] = level;
                Enumerate(q + 1, levels);
            }
        }
        Enumerate(0, new int[hierarchies.Length]);
        var ordered = nodes.Select(levels => (Levels: levels, Loss: Loss(hierarchies, levels)))
            .OrderBy(node => node.Loss).ThenBy(node => node.Levels.Sum()).ToList();
        evaluated = 0;
        int[]? best = null;
        (double Loss, int Suppressed, double Discernibility) bestCost = default;
        foreach (var (levels, loss) in ordered)
        {
            if (best != null && loss > bestCost.Loss + 1e-12) break;
            evaluated++;
            var (below, _, sizes) = Classes(hierarchies, levels, k);
            if (below > allowed || below == n) continue;
            var cost = (loss, below, Discernibility(sizes, k, n));
            // Ties on loss: fewer suppressed rows, then lower discernibility; the order of enumeration breaks the rest.
            if (best == null || cost.below < bestCost.Suppressed || cost.below == bestCost.Suppressed && cost.Item3 < bestCost.Discernibility)
                (best, bestCost) = (levels, cost);
        }
        return best;
    }

    private static int[]? GreedySearch(GeneralizationHierarchy[] hierarchies, int k, int allowed, out int evaluated)
    {
        var levels = new int[hierarchies.Length];
        var below = Classes(hierarchies, levels, k).Below;
        evaluated = 1;
        while (below > allowed)
        {
            var best = -1;
            var bestBelow = int.MaxValue;
            for (var q = 0; q < hierarchies.Length; q++)
            {
                if (levels[q] >= hierarchies[q].MaxLevel) continue;
                levels[q]++;
                var candidate = Classes(hierarchies, levels, k).Below;
                evaluated++;
                levels[q]--;
                if (candidate < bestBelow) (best, bestBelow) = (q, candidate);
            }
            if (best < 0) return null;
            levels[best]++;
            below = bestBelow;
        }
        return levels;
    }

    /// <summary>The mean over quasi-identifiers of level / top level (a quasi-identifier with one value only counts 0).</summary>
    private static double Loss(GeneralizationHierarchy[] hierarchies, int[] levels) =>
        hierarchies.Select((h, q) => h.MaxLevel == 0 ? 0.0 : levels[q] / (double)h.MaxLevel).Average();

    // The discernibility metric: each kept row is charged the size of its class, each suppressed row the row count.
    private static double Discernibility(int[] sizes, int k, int n)
    {
        double total = 0;
        foreach (var size in sizes) total += size >= k ? (double)size * size : (double)size * n;
        return total;
    }

    // Equivalence classes at the given levels: the rows in classes smaller than k, each row's class, each class's size.
    private static (int Below, int[] ClassOf, int[] Sizes) Classes(GeneralizationHierarchy[] hierarchies, int[] levels, int k)
    {
        var (first, count) = hierarchies[0].Codes(levels[0]);
        var classOf = (int[])first.Clone();
        for (var q = 1; q < hierarchies.Length; q++)
            count = EquivalenceClasses.Combine(classOf, hierarchies[q].Codes(levels[q]).Codes, classOf);
        var sizes = new int[count];
        foreach (var c in classOf) sizes[c]++;
        var below = 0;
        foreach (var s in sizes) if (s < k) below += s;
        return (below, classOf, sizes);
    }
}
