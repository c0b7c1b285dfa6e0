using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Privacy;

/// <summary>How identifiable the rows of a dataset are through their quasi-identifiers.</summary>
public sealed class AnonymityReport
{
    public string Dataset { get; init; } = "";

    /// <summary>The size of the smallest equivalence class: every row shares its quasi-identifiers with at least K-1 others. 0 for an empty dataset.</summary>
    public int K { get; init; }

    /// <summary>Distinct l-diversity: the fewest distinct sensitive values in any class (null without a sensitive column).</summary>
    public int? LDiversity { get; init; }

    /// <summary>The number of distinct quasi-identifier combinations.</summary>
    public long EquivalenceClasses { get; init; }

    /// <summary>Rows in classes smaller than <see cref="Threshold"/>: the rows that break k-anonymity at that k.</summary>
    public long RowsInClassesUnderThreshold { get; init; }

    public int Threshold { get; init; }

    /// <summary>1/K: the chance of picking out the most exposed row given its quasi-identifiers.</summary>
    public double MaxReidentificationRisk { get; init; }

    /// <summary>The mean over rows of 1/(its class size), which equals classes/rows.</summary>
    public double AverageReidentificationRisk { get; init; }

    public long Rows { get; init; }
    public IReadOnlyList<string> QuasiIdentifiers { get; init; } = [];
    public string? SensitiveColumn { get; init; }

    public override string ToString() => $"k={K}{(LDiversity is { } l ? $", l={l}" : "")} over {string.Join(",", QuasiIdentifiers)}";
}

/// <summary>Measures k-anonymity, distinct l-diversity and re-identification risk (Sweeney 2002; Machanavajjhala et al. 2007).</summary>
public static class AnonymityAnalyzer
{
    public static AnonymityReport Measure(Dataset dataset, IReadOnlyList<string> quasiIdentifiers, string? sensitiveColumn = null, int threshold = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var names = FeatureColumns.Distinct(quasiIdentifiers ?? []);
        if (names.Length == 0)
            throw new DataException("NoQuasiIdentifier", DataErrorKind.InvalidArgument,
                "Give at least one quasi-identifier column.", "Name the columns an attacker could know about a person, e.g. {option:QuasiIdentifier} age,zip,sex.");
        var columns = names.Select(n => FeatureColumns.Require(dataset, n, "a quasi-identifier")).ToList();
        Column? sensitive = null;
        if (sensitiveColumn != null)
        {
            sensitive = FeatureColumns.Require(dataset, sensitiveColumn, "the sensitive column");
            if (columns.Any(c => c.Name == sensitive.Name))
                throw new DataException("SensitiveIsQuasiIdentifier", DataErrorKind.InvalidArgument,
                    $"Column '{sensitive.Name}' is named both as a quasi-identifier and as the sensitive column.",
                    "The sensitive column is what must not be learned; leave it out of {option:QuasiIdentifier}.", column: sensitive.Name);
        }

        var classes = EquivalenceClasses.Assign(columns, dataset.RowCount);
        var sizes = classes.ClassSizes;
        var rows = dataset.RowCount;
        var k = sizes.Count == 0 ? 0 : sizes.Min();
        long underThreshold = 0;
        foreach (var size in sizes) if (size < threshold) underThreshold += size;

        return new AnonymityReport
        {
            Dataset = dataset.Name,
            K = k,
            LDiversity = sensitive == null ? null : DistinctLDiversity(classes, sensitive),
            EquivalenceClasses = sizes.Count,
            RowsInClassesUnderThreshold = underThreshold,
            Threshold = threshold,
            MaxReidentificationRisk = k == 0 ? 0 : 1.0 / k,
            AverageReidentificationRisk = rows == 0 ? 0 : sizes.Count / (double)rows,
            Rows = rows,
            QuasiIdentifiers = columns.Select(c => c.Name).ToList(),
            SensitiveColumn = sensitive?.Name,
        };
    }

    /// <summary>The fewest distinct sensitive values (a missing value counts as one) in any class; 0 when there are no rows.</summary>
    private static int DistinctLDiversity(EquivalenceClassAssignment classes, Column sensitive)
    {
        if (classes.ClassCount == 0) return 0;
        var classOfRow = classes.ClassOfRow.ToArray();
        var pairs = new int[classOfRow.Length];
        var pairCount = EquivalenceClasses.Combine(classOfRow, EquivalenceClasses.CodesOf(sensitive), pairs);
        // Each distinct (class, value) pair adds one distinct value to its class.
        var distinctPerClass = new int[classes.ClassCount];
        var counted = new bool[pairCount];
        for (var row = 0; row < pairs.Length; row++)
        {
            if (counted[pairs[row]]) continue;
            counted[pairs[row]] = true;
            distinctPerClass[classOfRow[row]]++;
        }
        return distinctPerClass.Min();
    }
}
