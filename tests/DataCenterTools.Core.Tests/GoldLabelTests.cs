using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;

namespace DataCenterTools.Core.Tests;

public class GoldLabelTests
{
    private static Dataset Long(params (string Item, string Annotator, string Label)[] rows) => new("labels",
    [
        new StringColumn("item", rows.Select(r => r.Item).ToArray()),
        new StringColumn("annotator", rows.Select(r => r.Annotator).ToArray()),
        new StringColumn("label", rows.Select(r => r.Label).ToArray()),
    ]);

    private static Dataset Gold(params (string Item, string Label)[] rows) => new("gold",
        [new StringColumn("item", rows.Select(r => r.Item).ToArray()), new StringColumn("truth", rows.Select(r => r.Label).ToArray())]);

    [Fact]
    public void Merged_labels_and_each_annotator_are_scored_against_gold()
    {
        var labels = Long(
            ("1", "a", "x"), ("1", "b", "x"), ("1", "c", "y"),
            ("2", "a", "y"), ("2", "b", "y"), ("2", "c", "y"),
            ("3", "a", "x"), ("3", "b", "y"), ("3", "c", "y"),
            ("4", "a", "x"), ("4", "b", "x"), ("4", "c", "x"),
            ("5", "a", "y"), ("5", "b", "x"), ("5", "c", "y"),
            ("6", "a", "x"));
        var gold = Gold(("1", "x"), ("2", "y"), ("3", "x"), ("4", "x"), ("5", "y"), ("7", "x"));
        var result = GoldComparer.Compare(labels, gold, new LabelColumns(), "truth", new ConsensusOptions(), null, out var skipped);
        // Majority: x, y, y, x, y against gold x, y, x, x, y: 4 of 5. scikit-learn precision_score(gold, merged, average=None)
        // = [1.0, 0.6667] and recall_score = [0.6667, 1.0] for classes [x, y].
        Assert.Equal(0, skipped);
        Assert.Equal(ConsensusMethod.MajorityVote, result.Method);
        Assert.Equal(5, result.Items);
        Assert.Equal(4, result.Correct);
        Approx.Relative(0.8, result.Accuracy);
        Assert.Equal(["x", "y"], result.ConfusionMatrix.Classes);
        Assert.Equal([2L, 1], result.ConfusionMatrix.Counts[0]);
        Assert.Equal([0L, 2], result.ConfusionMatrix.Counts[1]);
        Approx.Relative(1.0, result.PerClass[0].Precision);
        Approx.Relative(2.0 / 3, result.PerClass[1].Precision);
        Approx.Relative(2.0 / 3, result.PerClass[0].Recall);
        Approx.Relative(1.0, result.PerClass[1].Recall);
        // a is right on all 5 gold items, b and c on 3 each (item 6 has no gold and does not count).
        Assert.Equal(["a", "b", "c"], result.Annotators.Select(a => a.Annotator));
        Assert.Equal([5, 5, 5], result.Annotators.Select(a => a.Items));
        Assert.Equal([1.0, 0.6, 0.6], result.Annotators.Select(a => a.Accuracy));
        Assert.Equal(1, result.ItemsWithoutGold);
        Assert.Equal(1, result.GoldWithoutLabel);
    }

    [Fact]
    public void One_label_per_item_is_compared_as_it_is()
    {
        var labels = new Dataset("merged", [new Int64Column("item", [1, 2, 3, 4]), new StringColumn("label", ["x", "y", null, "y"])]);
        var gold = new Dataset("gold", [new Int64Column("item", [1, 2, 3, 4]), new StringColumn("label", ["x", "x", "y", "y"])]);
        var result = GoldComparer.Compare(labels, gold, new LabelColumns(), "label", new ConsensusOptions(), null, out var skipped);
        Assert.Null(result.Method);
        Assert.Equal(1, skipped);
        Assert.Equal(3, result.Items);
        Approx.Relative(2.0 / 3, result.Accuracy);
        Assert.Empty(result.Annotators);
        var conflict = new Dataset("c", [new Int64Column("item", [1, 1]), new StringColumn("label", ["x", "y"])]);
        Assert.Equal("DataCenterTools.LabelConflict", Assert.Throws<DataException>(() => GoldComparer.Compare(conflict, gold, new LabelColumns(), "label", new ConsensusOptions(), null, out _)).ErrorId);
        var twoGolds = new Dataset("g", [new Int64Column("item", [1, 1]), new StringColumn("label", ["x", "y"])]);
        Assert.Equal("DataCenterTools.GoldConflict", Assert.Throws<DataException>(() => GoldComparer.Compare(labels, twoGolds, new LabelColumns(), "label", new ConsensusOptions(), null, out _)).ErrorId);
    }
}
