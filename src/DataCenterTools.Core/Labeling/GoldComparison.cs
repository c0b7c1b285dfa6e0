using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Labeling;

/// <summary>One annotator's labels against gold: the items of theirs that have a gold label and the share they got right.</summary>
public sealed record AnnotatorGoldAccuracy(string Annotator, int Items, int Correct, double Accuracy);

/// <summary>
/// Labels checked against gold labels: the accuracy of the (merged) labels, precision and recall per class from the
/// confusion matrix (rows gold, columns given), and each annotator's own accuracy when the labels are long-form.
/// </summary>
public sealed class GoldComparison
{
    public required string Name { get; init; }

    /// <summary>How several annotators' labels were merged into one per item; null when the labels were one per item already.</summary>
    public ConsensusMethod? Method { get; init; }

    /// <summary>Items with both a label and a gold label: what the figures are over.</summary>
    public required int Items { get; init; }
    public required int Correct { get; init; }
    public double Accuracy => Items == 0 ? double.NaN : (double)Correct / Items;
    public required ConfusionMatrix ConfusionMatrix { get; init; }
    public IReadOnlyList<ClassMetrics> PerClass => ConfusionMatrix.PerClass();
    public required IReadOnlyList<AnnotatorGoldAccuracy> Annotators { get; init; }

    /// <summary>Labelled items with no gold label (not counted), gold items with no label, and items whose merge gave no label (a tie).</summary>
    public int ItemsWithoutGold { get; init; }
    public int GoldWithoutLabel { get; init; }
    public int UnresolvedItems { get; init; }

    public override string ToString() => $"{Name}: accuracy {Accuracy:0.####} on {Items} gold items";
}

/// <summary>Compares labels with gold labels (Test-DatasetLabel).</summary>
public static class GoldComparer
{
    /// <summary>
    /// With an annotator column the labels are long-form: they are merged by <paramref name="consensus"/> first and every
    /// annotator is scored on their own; without one, each row is an item's single label (e.g. Merge-DatasetLabel's output).
    /// </summary>
    public static GoldComparison Compare(Dataset labels, Dataset gold, LabelColumns columns, string goldLabelColumn, ConsensusOptions consensus,
        IReadOnlyList<string>? order, out int skippedRows)
    {
        var goldLabels = GoldLabels(gold, columns.Item, goldLabelColumn);
        var perItem = new Dictionary<string, string?>(StringComparer.Ordinal);
        var annotators = new List<AnnotatorGoldAccuracy>();
        ConsensusMethod? method = null;
        skippedRows = 0;
        if (labels.TryGetColumn(columns.Annotator, out _))
        {
            var table = LabelTable.FromDataset(labels, columns, order, out skippedRows);
            method = consensus.Method;
            var merged = LabelConsensus.Merge(table, consensus, labels);
            var mergedItems = merged.Dataset["item"];
            var mergedLabels = merged.Dataset["label"];
            for (var r = 0; r < merged.Dataset.RowCount; r++) perItem[LabelTable.CellText(mergedItems, r)!] = LabelTable.CellText(mergedLabels, r);
            var items = new int[table.AnnotatorNames.Length];
            var correct = new int[table.AnnotatorNames.Length];
            for (var r = 0; r < table.RowCount; r++)
            {
                if (!goldLabels.TryGetValue(table.ItemNames[table.ItemOf[r]], out var truth)) continue;
                var a = table.AnnotatorOf[r];
                items[a]++;
                if (table.Categories[table.LabelOf[r]] == truth) correct[a]++;
            }
            for (var a = 0; a < items.Length; a++)
                annotators.Add(new AnnotatorGoldAccuracy(table.AnnotatorNames[a], items[a], correct[a], items[a] == 0 ? double.NaN : (double)correct[a] / items[a]));
        }
        else
        {
            var item = LabelTable.RequireColumn(labels, columns.Item);
            var label = LabelTable.RequireColumn(labels, columns.Label);
            for (var r = 0; r < labels.RowCount; r++)
            {
                var key = LabelTable.CellText(item, r);
                var value = LabelTable.CellText(label, r);
                if (key == null || value == null) { skippedRows++; continue; }
                if (perItem.TryGetValue(key, out var earlier) && earlier != value)
                    throw new DataException("LabelConflict", DataErrorKind.InvalidData,
                        $"Item '{key}' has two labels in '{labels.Name}' ('{earlier}' and '{value}') and no annotator column to tell them apart.",
                        $"Give the annotator column ({{option:AnnotatorColumn}}) so the labels are merged first, or merge them with Merge-DatasetLabel.", line: r + 1, column: columns.Item);
                perItem[key] = value;
            }
        }

        var compared = perItem.Where(p => p.Value != null && goldLabels.ContainsKey(p.Key)).ToArray();
        var classes = LabelTable.OrderCategories(goldLabels.Values.Concat(compared.Select(p => p.Value!)).Distinct(StringComparer.Ordinal), order, out _);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var actual = compared.Select(p => index[goldLabels[p.Key]]).ToArray();
        var given = compared.Select(p => index[p.Value!]).ToArray();
        var matrix = ConfusionMatrix.FromPairs(classes, actual, given);
        return new GoldComparison
        {
            Name = labels.Name,
            Method = method,
            Items = compared.Length,
            Correct = (int)matrix.Correct,
            ConfusionMatrix = matrix,
            Annotators = annotators.OrderByDescending(a => a.Accuracy).ThenBy(a => a.Annotator, StringComparer.Ordinal).ToArray(),
            ItemsWithoutGold = perItem.Count(p => !goldLabels.ContainsKey(p.Key)),
            GoldWithoutLabel = goldLabels.Keys.Count(k => !perItem.ContainsKey(k)),
            UnresolvedItems = perItem.Count(p => p.Value == null && goldLabels.ContainsKey(p.Key)),
        };
    }

    /// <summary>Gold label per item; an item given two different gold labels is an error, a row without item or label is ignored.</summary>
    private static Dictionary<string, string> GoldLabels(Dataset gold, string itemColumn, string labelColumn)
    {
        var item = LabelTable.RequireColumn(gold, itemColumn);
        var label = LabelTable.RequireColumn(gold, labelColumn);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 0; r < gold.RowCount; r++)
        {
            var key = LabelTable.CellText(item, r);
            var value = LabelTable.CellText(label, r);
            if (key == null || value == null) continue;
            if (result.TryGetValue(key, out var earlier) && earlier != value)
                throw new DataException("GoldConflict", DataErrorKind.InvalidData,
                    $"Item '{key}' has two gold labels in '{gold.Name}': '{earlier}' and '{value}'.", "Give one gold label per item.", line: r + 1, column: itemColumn);
            result[key] = value;
        }
        if (result.Count == 0)
            throw new DataException("GoldEmpty", DataErrorKind.InvalidData, $"'{gold.Name}' has no row with both an item and a gold label.", $"Check {{option:ItemColumn}} and {{option:GoldLabelColumn}} ({labelColumn}).");
        return result;
    }
}
