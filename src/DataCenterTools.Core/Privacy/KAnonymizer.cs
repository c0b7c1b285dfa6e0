using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>How far one quasi-identifier was generalized.</summary>
public sealed record QuasiIdentifierLevel(string Column, int Level, int MaxLevel, string Description);

/// <summary>What k-anonymization produced and what it cost.</summary>
public sealed record KAnonymityResult(Dataset Dataset, int K, int AchievedK, IReadOnlyList<QuasiIdentifierLevel> Levels, int RowsSuppressed)
{
    /// <summary>What k-anonymity cost, in one sentence (the cmdlet's warning).</summary>
    public string Describe(int inputRows) =>
        $"{AchievedK}-anonymity reached (asked {K}): {string.Join(", ", Levels.Select(l => $"{l.Column} {l.Description}"))}; {RowsSuppressed:N0} of {inputRows:N0} row(s) suppressed.";

    public override string ToString() =>
        $"k={AchievedK} (asked {K}); {string.Join(", ", Levels.Select(l => $"{l.Column}: level {l.Level}/{l.MaxLevel} {l.Description}"))}; {RowsSuppressed:N0} row(s) suppressed";
}

/// <summary>
/// Makes a dataset k-anonymous over its quasi-identifiers: greedy generalization, then suppression.
/// At each step every quasi-identifier that can still be generalized is tried one level up, and the
/// one leaving the fewest rows in equivalence classes smaller than k is kept (ties: the one listed
/// first). It stops as soon as those rows are few enough to suppress (at most
/// <c>maxSuppression</c> of all rows), and removes them. Greedy, not optimal: a full-domain search
/// over all level combinations can find cheaper solutions but grows exponentially with the number
/// of quasi-identifiers.
/// </summary>
public static class KAnonymizer
{
    public static KAnonymityResult Apply(Dataset dataset, IReadOnlyList<string> quasiIdentifiers, int k, double maxSuppression)
    {
        if (k < 1)
            throw new DataException("InvalidK", DataErrorKind.InvalidArgument, $"-KAnonymity must be at least 1; it is {k}.", "Give -KAnonymity 5 for classes of at least 5 rows.");
        if (maxSuppression is < 0 or > 1 || double.IsNaN(maxSuppression))
            throw new DataException("InvalidMaxSuppression", DataErrorKind.InvalidArgument,
                $"-MaxSuppression is a share of the rows between 0 and 1; it is {maxSuppression}.", "Give e.g. -MaxSuppression 0.05 (5% of the rows).");
        if (quasiIdentifiers.Count == 0)
            throw new DataException("QuasiIdentifierRequired", DataErrorKind.InvalidArgument,
                "-KAnonymity needs the quasi-identifier columns.", "Give -QuasiIdentifier age,zip,sex (the columns an attacker could link on).");
        var hierarchies = quasiIdentifiers
            .Select(name => new GeneralizationHierarchy(Features.FeatureColumns.Require(dataset, name, "-QuasiIdentifier")))
            .ToArray();
        var n = dataset.RowCount;
        var allowed = (int)Math.Floor(maxSuppression * n);
        var levels = new int[hierarchies.Length];
        var (below, classOf, sizes) = Classes(hierarchies, levels, k);
        while (below > allowed)
        {
            var best = -1;
            var bestBelow = int.MaxValue;
            for (var q = 0; q < hierarchies.Length; q++)
            {
                if (levels[q] >= hierarchies[q].MaxLevel) continue;
                levels[q]++;
                var candidate = Classes(hierarchies, levels, k).Below;
                levels[q]--;
                if (candidate < bestBelow) (best, bestBelow) = (q, candidate);
            }
            if (best < 0) break;
            levels[best]++;
            (below, classOf, sizes) = Classes(hierarchies, levels, k);
        }
        var keep = new List<int>(n);
        for (var row = 0; row < n; row++)
            if (sizes[classOf[row]] >= k) keep.Add(row);
        if (below > allowed || keep.Count == 0)
            throw new DataException("KAnonymityNotReached", DataErrorKind.InvalidData,
                $"{k}-anonymity over {string.Join(", ", quasiIdentifiers)} cannot be reached: even fully generalized, {below:N0} of {n:N0} rows are in classes smaller than {k}, and at most {allowed:N0} may be suppressed (-MaxSuppression {maxSuppression}).",
                "Allow more suppression (-MaxSuppression), ask for a smaller k, or use fewer quasi-identifiers.");
        var achieved = sizes.Where(s => s >= k).Min();
        var replaced = hierarchies.ToDictionary(h => h.Name, h => h.ColumnAt(levels[Array.IndexOf(hierarchies, h)]), StringComparer.Ordinal);
        var rows = keep.ToArray();
        var columns = dataset.Columns.Select(c => replaced.TryGetValue(c.Name, out var g) ? g : c)
            .Select(c => rows.Length == n ? c : c.Take(rows));
        var result = new Dataset(dataset.Name, columns, dataset.Source, dataset.Lineage);
        var cost = hierarchies.Select((h, q) => new QuasiIdentifierLevel(h.Name, levels[q], h.MaxLevel, h.Describe(levels[q]))).ToArray();
        return new KAnonymityResult(result, k, achieved, cost, n - rows.Length);
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
