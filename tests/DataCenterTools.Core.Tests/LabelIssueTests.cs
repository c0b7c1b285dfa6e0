using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;

namespace DataCenterTools.Core.Tests;

public class LabelIssueTests
{
    [Fact]
    public void ConfidentJointRuleFlagsOnlyConfidentContradictions()
    {
        // Hand-worked: thresholds are the mean self-confidence per given class:
        // t0 = (0.9 + 0.7 + 0.2) / 3 = 0.6, t1 = (0.8 + 0.5 + 0.53) / 3 = 0.61, t2 = (0.8 + 0.4 + 0.15) / 3 = 0.45.
        double[][] p =
        [
            [0.9, 0.05, 0.05],  // 0 given 0: confident 0 -> clean
            [0.7, 0.2, 0.1],    // 1 given 0: clean
            [0.2, 0.7, 0.1],    // 2 given 0: 0.7 >= t1 and > 0.2 -> flagged, suggest 1
            [0.1, 0.8, 0.1],    // 3 given 1: clean
            [0.4, 0.5, 0.1],    // 4 given 1: no class reaches its threshold -> clean
            [0.1, 0.1, 0.8],    // 5 given 2: clean
            [0.5, 0.1, 0.4],    // 6 given 2: argmax is 0 but 0.5 < t0 -> clean
            [0.8, 0.05, 0.15],  // 7 given 2: 0.8 >= t0 -> flagged, suggest 0
            [0.0, 0.53, 0.47],  // 8 given 1: 0.47 >= t2 but below the given 0.53 -> clean (the tightened rule)
        ];
        int[] given = [0, 0, 0, 1, 1, 2, 2, 2, 1];
        var (flags, thresholds) = LabelIssueFinder.Flag(p.SelectMany(r => r).ToArray(), given, 3);

        Assert.Equal(0.6, thresholds[0], 12);
        Assert.Equal(0.61, thresholds[1], 12);
        Assert.Equal(0.45, thresholds[2], 12);
        // Lowest self-confidence first.
        Assert.Equal([7, 2], flags.Select(f => f.Row));
        Assert.Equal([0, 1], flags.Select(f => f.Suggested));
        Assert.Equal([2, 0], flags.Select(f => f.Given));
        Assert.Equal(0.15, flags[0].SelfConfidence, 12);
        Assert.Equal(0.8, flags[0].SuggestedConfidence, 12);
    }

    [Fact]
    public void AClassNobodyWasGivenIsNeverSuggested()
    {
        // Class 1 has no rows, so its threshold is undefined; row 0 leans to it but is not flagged.
        var (flags, thresholds) = LabelIssueFinder.Flag([0.3, 0.7, 0.9, 0.1], [0, 0], 2);
        Assert.True(double.IsNaN(thresholds[1]));
        Assert.Empty(flags);
    }

    private static Dataset IrisWithFlippedLabels(out HashSet<int> flipped)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", "iris.csv"))) dir = dir.Parent;
        var iris = CsvDatasetReader.Read(Path.Combine(dir!.FullName, "examples", "data", "iris.csv"), new ReadOptions());
        string[] names = ["setosa", "versicolor", "virginica"];
        var labels = Enumerable.Range(0, iris.RowCount).Select(r => ((StringColumn)iris["target_name"])[r]!).ToArray();
        // Rows 7, 22, ..., 142: ten flips, the next class along.
        flipped = Enumerable.Range(0, 10).Select(j => 7 + 15 * j).ToHashSet();
        foreach (var r in flipped) labels[r] = names[(Array.IndexOf(names, labels[r]) + 1) % 3];
        return new Dataset("iris", iris.Columns.Where(c => c.Name is not ("target" or "target_name")).Append(new StringColumn("species", labels)));
    }

    [Fact]
    public void FindsMostFlippedIrisLabels()
    {
        var ds = IrisWithFlippedLabels(out var flipped);
        var result = LabelIssueFinder.Find(ds, new LabelIssueOptions { Label = "species", Folds = 5, Seed = 1 });
        var found = result.Issues.Count(i => flipped.Contains(i.Row));
        var wrong = result.Issues.Count(i => !flipped.Contains(i.Row));
        Assert.True(found >= 7, $"found {found} of 10 flipped labels");
        Assert.True(wrong < 10, $"{wrong} clean rows flagged");
        // Every issue on a flipped row suggests its true class back.
        Assert.All(result.Issues.Where(i => flipped.Contains(i.Row)), i => Assert.NotEqual(i.GivenLabel, i.SuggestedLabel));
        Assert.True(result.Issues.Select(i => i.SelfConfidence).SequenceEqual(result.Issues.Select(i => i.SelfConfidence).Order()));
        Assert.Equal(150, result.LabelledRows);

        var cleaned = LabelIssueFinder.Remove(ds, result.Issues, "species");
        Assert.Equal(150 - result.Issues.Count, cleaned.RowCount);
        Assert.Equal(150, ds.RowCount);
    }
}
