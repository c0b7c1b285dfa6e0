using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Labeling;

public sealed record LabelIssueOptions
{
    public required string Label { get; init; }
    /// <summary>The feature columns; null uses every column but the label.</summary>
    public IReadOnlyList<string>? Features { get; init; }
    public int Folds { get; init; } = 5;
    /// <summary>Seeds the fold assignment and the trainers; null draws one.</summary>
    public int? Seed { get; init; }
}

/// <summary>A row whose given label is likely wrong: its 0-based row, given and suggested labels and their out-of-fold probabilities.</summary>
public sealed record LabelIssue(int Row, string GivenLabel, string SuggestedLabel, double SelfConfidence, double SuggestedConfidence);

/// <summary>What Find-LabelIssue found: the issues (lowest self-confidence first), the per-class thresholds and the seed used.</summary>
public sealed record LabelIssueResult(IReadOnlyList<LabelIssue> Issues, IReadOnlyList<string> Classes, IReadOnlyList<double> Thresholds, int LabelledRows, int Seed);

/// <summary>
/// Confident learning (Northcutt, Jiang and Chuang 2021) on out-of-fold predicted probabilities.
/// </summary>
public static class LabelIssueFinder
{
    /// <summary>Trains K-fold out-of-fold classifiers on <paramref name="dataset"/> and flags the rows whose label they confidently contradict.</summary>
    public static LabelIssueResult Find(Dataset dataset, LabelIssueOptions options, Action<TrainingProgress>? progress = null)
    {
        var trainer = new ModelTrainer(options.Seed);
        if (progress != null) trainer.Progress += progress;
        var oof = trainer.PredictOutOfFold(dataset, options.Label, options.Features, options.Folds);
        var (issues, thresholds) = Flag(oof.Probabilities, oof.Given, oof.Classes.Count);
        var result = issues.Select(i => new LabelIssue(oof.Rows[i.Row], oof.Classes[i.Given], oof.Classes[i.Suggested], i.SelfConfidence, i.SuggestedConfidence)).ToArray();
        return new LabelIssueResult(result, oof.Classes, thresholds, oof.Rows.Length, trainer.Seed);
    }

    /// <summary>One flagged row by position in the probability matrix, with class indexes.</summary>
    public readonly record struct FlaggedRow(int Row, int Given, int Suggested, double SelfConfidence, double SuggestedConfidence);

    /// <summary>
    /// The confident-joint rule. Threshold t_c = the mean probability of class c over the rows given class c
    /// (the mean self-confidence of that class; NaN when no row has it, and such a class is never suggested).
    /// A row with given label y is confidently counted as class s = the most probable of the classes c with
    /// p_c &gt;= t_c; it is flagged when s != y and p_s &gt; p_y (the confident joint's off-diagonal, cleanlab's
    /// filter_by='confident_learning', with the suggested class also required to beat the given one).
    /// Flags are ordered by self-confidence p_y, lowest first (ties by row).
    /// </summary>
    /// <param name="probabilities">Row-major n x k probabilities.</param>
    /// <param name="given">Each row's given class index (0..k-1).</param>
    public static (IReadOnlyList<FlaggedRow> Flags, double[] Thresholds) Flag(double[] probabilities, int[] given, int k)
    {
        var n = given.Length;
        if (probabilities.Length != n * k) throw new ArgumentException($"Expected {n} x {k} probabilities, got {probabilities.Length}.", nameof(probabilities));
        var sums = new double[k];
        var counts = new int[k];
        for (var r = 0; r < n; r++)
        {
            sums[given[r]] += probabilities[r * k + given[r]];
            counts[given[r]]++;
        }
        var thresholds = new double[k];
        for (var c = 0; c < k; c++) thresholds[c] = counts[c] == 0 ? double.NaN : sums[c] / counts[c];

        var flags = new List<FlaggedRow>();
        for (var r = 0; r < n; r++)
        {
            var row = probabilities.AsSpan(r * k, k);
            var confident = -1;
            for (var c = 0; c < k; c++)
                if (row[c] >= thresholds[c] && (confident < 0 || row[c] > row[confident])) confident = c;
            var y = given[r];
            if (confident >= 0 && confident != y && row[confident] > row[y])
                flags.Add(new FlaggedRow(r, y, confident, row[y], row[confident]));
        }
        flags.Sort((a, b) => a.SelfConfidence.CompareTo(b.SelfConfidence) is var c and not 0 ? c : a.Row.CompareTo(b.Row));
        return (flags, thresholds);
    }

    /// <summary>The dataset without the flagged rows (a new Dataset; the input is unchanged).</summary>
    public static Dataset Remove(Dataset dataset, IReadOnlyList<LabelIssue> issues, string label)
    {
        var drop = issues.Select(i => i.Row).ToHashSet();
        var keep = Enumerable.Range(0, dataset.RowCount).Where(r => !drop.Contains(r)).ToArray();
        return dataset.WithColumns(dataset.Columns.Select(c => c.Take(keep)), new LineageEntry("Find-LabelIssue", new Dictionary<string, string> { ["Label"] = label, ["RemovedRows"] = drop.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }
}
