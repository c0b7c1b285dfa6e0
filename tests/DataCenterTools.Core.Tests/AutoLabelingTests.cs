using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;

namespace DataCenterTools.Core.Tests;

public class AutoLabelingTests
{
    private static readonly string?[] Sentences =
    [
        "Great product, love it",            // 0: positive
        "Terrible, it arrived broken",        // 1: negative, but a human already said neutral
        "Great price but broken on arrival",  // 2: both: a conflict
        "okay I guess",                       // 3: no rule
        null,                                 // 4: missing text never matches
        "EXCELLENT",                          // 5: positive (case-insensitive)
    ];

    private static Dataset Reviews() => new("reviews",
    [
        new Int64Column("id", [10, 11, 12, 13, 14, 15]),
        new StringColumn("text", Sentences),
        new StringColumn("label", [null, "neutral", null, null, null, null]),
    ]);

    private static IReadOnlyList<RuleMatches> KeywordRules(Dataset ds)
    {
        var text = AutoLabeler.RequireTextColumn(ds, "text");
        return
        [
            AutoLabeler.MatchPattern(text, "positive", "positive", "great|excellent|love"),
            AutoLabeler.MatchPattern(text, "negative", "negative", "terrible|broken|refund"),
        ];
    }

    [Fact]
    public void Regex_rules_match_case_insensitively_and_never_on_missing_text()
    {
        var rules = KeywordRules(Reviews());
        Assert.Equal([true, false, true, false, false, true], rules[0].Matched);
        Assert.Equal([false, true, true, false, false, false], rules[1].Matched);
    }

    [Fact]
    public void Reports_matches_coverage_and_conflicts_per_rule()
    {
        var result = AutoLabeler.Label(Reviews(), KeywordRules(Reviews()), null, new AutoLabelOptions());
        // positive matches rows 0, 2, 5 (3 of 6); negative rows 1, 2 (2 of 6); row 2 is the one conflict.
        Assert.Equal(new LabelRuleReport("positive", "positive", 3, 0.5, 1), result.Rules[0]);
        Assert.Equal("negative", result.Rules[1].Rule);
        Assert.Equal(2, result.Rules[1].Matches);
        Approx.Relative(2.0 / 6, result.Rules[1].Coverage);
        Assert.Equal(1, result.Rules[1].Conflicts);
    }

    [Fact]
    public void Keeps_human_labels_leaves_conflicts_unlabelled_and_sends_the_rest_to_review()
    {
        var input = Reviews();
        var result = AutoLabeler.Label(input, KeywordRules(input), null, new AutoLabelOptions());
        var labels = (StringColumn)result.Labeled["label"];
        var sources = (StringColumn)result.Labeled[AutoLabeler.SourceColumn];
        Assert.Equal(["positive", "neutral", null, null, null, "positive"], Enumerable.Range(0, 6).Select(r => labels[r]));
        Assert.Equal(["rule", "human", null, null, null, "rule"], Enumerable.Range(0, 6).Select(r => sources[r]));
        Assert.Equal((1, 2, 0, 1, 3), (result.HumanRows, result.RuleRows, result.ModelRows, result.ConflictRows, result.ReviewRows));
        Assert.Equal([12L, 13L, 14L], ((Int64Column)result.Review["id"]).Values.ToArray());
        Assert.Equal("Invoke-AutoLabeling", result.Labeled.Lineage[^1].Operation);
        // The input keeps its own label column and gains no label_source.
        Assert.Null(((StringColumn)input["label"])[0]);
        Assert.False(input.TryGetColumn(AutoLabeler.SourceColumn, out _));
    }

    [Fact]
    public void Rules_of_the_same_label_agree_rather_than_conflict()
    {
        var (labels, conflict) = AutoLabeler.Combine(
        [
            new RuleMatches("pos[1]", "pos", [true, true, false]),
            new RuleMatches("pos[2]", "pos", [true, false, false]),
            new RuleMatches("neg", "neg", [false, false, true]),
        ], 3);
        Assert.Equal(["pos", "pos", "neg"], labels.Cast<string>());
        Assert.Equal([false, false, false], conflict);
    }

    [Fact]
    public void An_invalid_regex_is_an_error_naming_the_rule()
    {
        var text = AutoLabeler.RequireTextColumn(Reviews(), "text");
        var e = Assert.Throws<DataException>(() => AutoLabeler.MatchPattern(text, "broken-rule", "negative", "(refund"));
        Assert.Equal("DataCenterTools.InvalidLabelRule", e.ErrorId);
        Assert.Contains("'broken-rule'", e.Message);
    }

    [Fact]
    public void An_unknown_text_column_is_column_not_found()
    {
        var e = Assert.Throws<DataException>(() => AutoLabeler.RequireTextColumn(Reviews(), "body"));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
        Assert.Equal("body", e.ColumnName);
    }
}

public class LabelingTaskTests
{
    [Fact]
    public void Uncertainty_ranks_the_least_confident_rows_first_with_unscored_rows_before_all()
    {
        double[] confidence = [0.9, 0.4, double.NaN, 0.55, 0.4, 0.99];
        // NaN (row 2) first, then 0.4 (rows 1 and 4, row order kept), then 0.55 (row 3).
        Assert.Equal([2, 1, 4, 3], LabelingTasks.LeastConfident(confidence, 4));
        Assert.Equal([2, 1, 4, 3, 0, 5], LabelingTasks.LeastConfident(confidence, 100));
    }

    [Fact]
    public void Stratified_keeps_class_shares_by_largest_remainder()
    {
        // 6 a, 3 b, 1 c; 5 tasks: quotas 3, 1.5, 0.5 -> floors 3, 1, 0; the spare task goes to b
        // (remainders tie at 0.5; b is seen first).
        var column = new StringColumn("k", ["a", "b", "a", "c", "a", "b", "a", "b", "a", "a"]);
        var rows = LabelingTasks.Stratified(column, 5, seed: 3);
        var counts = rows.GroupBy(r => column[r]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(3, counts["a"]);
        Assert.Equal(2, counts["b"]);
        Assert.False(counts.ContainsKey("c"));
        Assert.Equal(rows.Order(), rows);
        Assert.Equal(rows, LabelingTasks.Stratified(column, 5, seed: 3));
    }

    [Fact]
    public void Random_rows_are_distinct_in_row_order_and_repeat_with_the_seed()
    {
        var a = LabelingTasks.RandomRows(100, 10, seed: 42);
        Assert.Equal(10, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.All(a, r => Assert.InRange(r, 0, 99));
        Assert.Equal(a, LabelingTasks.RandomRows(100, 10, seed: 42));
        Assert.NotEqual(a, LabelingTasks.RandomRows(100, 10, seed: 43));
        Assert.Equal(Enumerable.Range(0, 5), LabelingTasks.RandomRows(5, 50, seed: 1));
    }

    private static Dataset Typed() => new("typed",
    [
        new Int64Column("id", [1, 2]),
        new DoubleColumn("x", [1.5, 2.0], ValidityBitmap.FromFlags([true, false])),
        new BooleanColumn("ok", [true, false]),
        new DateTimeColumn("at", [new DateTime(2024, 3, 1, 12, 30, 0, DateTimeKind.Utc), new DateTime(2024, 3, 2)]),
        new StringColumn("text", ["héllo \"you\"", null]),
    ]);

    [Fact]
    public void Writes_the_Label_Studio_task_file_with_JSON_types()
    {
        using var dir = new TempFolder();
        var plan = LabelingTasks.Plan(Typed(), new LabelingTaskOptions { Count = 5, Seed = 1 });
        var written = LabelingTasks.Write(plan, dir.File("tasks.json"), overwrite: false);
        Assert.Equal(2, written.Tasks);
        Assert.Equal(1L, written.Seed);
        const string expected = """
            [
              {
                "data": {
                  "id": 1,
                  "x": 1.5,
                  "ok": true,
                  "at": "2024-03-01T12:30:00Z",
                  "text": "héllo \"you\""
                },
                "meta": {
                  "row": 0,
                  "sampling": "Random"
                }
              },
              {
                "data": {
                  "id": 2,
                  "x": null,
                  "ok": false,
                  "at": "2024-03-02",
                  "text": null
                },
                "meta": {
                  "row": 1,
                  "sampling": "Random"
                }
              }
            ]

            """;
        Assert.Equal(expected, File.ReadAllText(written.Path));
    }

    [Fact]
    public void Uncertainty_tasks_carry_the_prediction_and_confidence_and_only_the_chosen_columns()
    {
        using var dir = new TempFolder();
        var ds = Typed();
        var plan = new LabelingTaskPlan(ds, [new LabelingTaskRow(1, "setosa", 0.625)], [ds["id"]], TaskSampling.Uncertainty, null);
        LabelingTasks.Write(plan, dir.File("u.json"), overwrite: false);
        const string expected = """
            [
              {
                "data": {
                  "id": 2
                },
                "meta": {
                  "row": 1,
                  "sampling": "Uncertainty",
                  "prediction": "setosa",
                  "confidence": 0.625
                }
              }
            ]

            """;
        Assert.Equal(expected, File.ReadAllText(dir.File("u.json")));
    }

    [Fact]
    public void Refuses_to_overwrite_without_force_and_checks_its_inputs()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.json", "keep");
        var plan = LabelingTasks.Plan(Typed(), new LabelingTaskOptions { Count = 1, Seed = 1 });
        Assert.Equal("DataCenterTools.FileExists", Assert.Throws<DataException>(() => LabelingTasks.Write(plan, path, false)).ErrorId);
        Assert.Equal("keep", File.ReadAllText(path));
        Assert.Equal("DataCenterTools.ColumnNotFound", Assert.Throws<DataException>(() =>
            LabelingTasks.Plan(Typed(), new LabelingTaskOptions { Columns = ["nope"] })).ErrorId);
        Assert.Equal("DataCenterTools.StratifyByRequired", Assert.Throws<DataException>(() =>
            LabelingTasks.Plan(Typed(), new LabelingTaskOptions { Sampling = TaskSampling.Stratified })).ErrorId);
        Assert.Equal("DataCenterTools.ModelRequired", Assert.Throws<DataException>(() =>
            LabelingTasks.Plan(Typed(), new LabelingTaskOptions { Sampling = TaskSampling.Uncertainty })).ErrorId);
    }
}
