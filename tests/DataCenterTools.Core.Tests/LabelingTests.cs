using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Labeling;

namespace DataCenterTools.Core.Tests;

public class LabelingTests
{
    private static Dataset Long(params (string Item, string Annotator, string Label)[] rows) => new("labels",
    [
        new StringColumn("item", rows.Select(r => r.Item).ToArray()),
        new StringColumn("annotator", rows.Select(r => r.Annotator).ToArray()),
        new StringColumn("label", rows.Select(r => r.Label).ToArray()),
    ]);

    private static LabelTable Table(Dataset ds, IReadOnlyList<string>? order = null) =>
        LabelTable.FromDataset(ds, new LabelColumns(), order, out _);

    private static Dataset Diagnoses()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", "diagnoses.csv"))) dir = dir.Parent;
        var wide = CsvDatasetReader.Read(Path.Combine(dir!.FullName, "examples", "data", "diagnoses.csv"), new ReadOptions());
        return LabelImporter.FromDataset(wide, new LabelImportOptions { Format = LabelFormat.Wide }).Labels;
    }

    /// <summary>Two raters over items 1..n, one label each.</summary>
    private static Dataset TwoRaters(string[] a, string[] b) =>
        Long(a.Select((l, i) => ((i + 1).ToString(), "a", l)).Concat(b.Select((l, i) => ((i + 1).ToString(), "b", l))).ToArray());

    [Fact]
    public void Fleiss_kappa_and_percent_agreement_on_Fleiss_1971_diagnoses()
    {
        var result = AgreementCalculator.Measure(Table(Diagnoses()), new AgreementOptions(), "diagnoses");
        Assert.Equal(30, result.Items);
        Assert.Equal(6, result.AnnotatorCount);
        Assert.Equal(6.0, result.LabelsPerItem);
        // Fleiss (1971) published 0.430; the full-precision figure is from numpy on the same table.
        Approx.Relative(0.43024452006014074, result.FleissKappa, 1e-12);
        // R irr's agree(diagnoses): 16.7 %, i.e. 5 of 30 items unanimous.
        Approx.Relative(100.0 * 5 / 30, result.PercentAgreement, 1e-12);
        // scikit-learn cohen_kappa_score(rater1, rater2) = 0.6511627906976745.
        var pair = Assert.Single(result.Pairs, p => p.AnnotatorA == "rater1" && p.AnnotatorB == "rater2");
        Assert.Equal(30, pair.SharedItems);
        Approx.Relative(0.6511627906976745, pair.Kappa, 1e-12);
        Assert.Equal(15, result.Pairs.Count);
        // Nominal alpha by an independent pair-enumerating Python implementation: 0.4334098282820249.
        Approx.Relative(0.4334098282820249, result.KrippendorffAlpha, 1e-12);
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", reliability data with missing values: 4 coders, 12 units.
    private static readonly string?[][] KrippendorffData =
    [
        ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
        ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
        [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
        ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
    ];

    [Theory]
    [InlineData(AlphaLevel.Nominal, 0.743)]
    [InlineData(AlphaLevel.Ordinal, 0.815)]
    [InlineData(AlphaLevel.Interval, 0.849)]
    public void Krippendorff_alpha_matches_the_published_worked_example(AlphaLevel level, double published)
    {
        var rows = new List<(string, string, string)>();
        for (var coder = 0; coder < 4; coder++)
            for (var unit = 0; unit < 12; unit++)
                if (KrippendorffData[coder][unit] is { } value) rows.Add(((unit + 1).ToString(), "ABCD"[coder].ToString(), value));
        var result = AgreementCalculator.Measure(Table(Long(rows.ToArray())), new AgreementOptions { Level = level }, "k");
        Assert.Equal(published, Math.Round(result.KrippendorffAlpha, 3));
    }

    [Theory]
    // Hand case, checked with scikit-learn cohen_kappa_score(a, b, weights=...).
    [InlineData(KappaWeight.None, 0.4285714285714286)]
    [InlineData(KappaWeight.Linear, 0.5384615384615384)]
    [InlineData(KappaWeight.Quadratic, 0.6666666666666667)]
    public void Cohen_kappa_small_hand_case(KappaWeight weight, double expected)
    {
        var ds = TwoRaters(["1", "2", "3", "1", "2", "3", "1", "2"], ["1", "2", "2", "1", "3", "3", "2", "2"]);
        var pair = Assert.Single(AgreementCalculator.Measure(Table(ds), new AgreementOptions { Weight = weight }, "t").Pairs);
        Approx.Relative(expected, pair.Kappa, 1e-12);
        Approx.Relative(5.0 / 8, pair.Agreement, 1e-12);
    }

    [Fact]
    public void Unweighted_kappa_by_hand()
    {
        // 2x2 table [[2,1],[0,1]]: po = 3/4, pe = (3/4)(2/4) + (1/4)(2/4) = 1/2, kappa = (3/4 - 1/2) / (1/2) = 1/2.
        Approx.Relative(0.5, AgreementCalculator.CohenKappa([2, 1, 0, 1], 2, KappaWeight.None), 1e-12);
    }

    [Fact]
    public void Declared_order_changes_weighted_kappa_and_undeclared_labels_are_kept()
    {
        var ds = TwoRaters(["low", "mid", "high", "low", "mid"], ["low", "high", "high", "mid", "mid"]);
        var table = Table(ds, ["low", "mid"]);
        Assert.Equal(["low", "mid", "high"], table.Categories);
        Assert.Equal(3, table.UndeclaredLabelRows);
        // Ordinal (string) sort order without -Order: high, low, mid.
        Assert.Equal(["high", "low", "mid"], Table(ds).Categories);
    }

    [Fact]
    public void One_annotator_leaves_kappa_undefined_with_a_warning()
    {
        var result = AgreementCalculator.Measure(Table(Long(("1", "a", "x"), ("2", "a", "y"))), new AgreementOptions(), "solo");
        Assert.True(double.IsNaN(result.FleissKappa));
        Assert.True(double.IsNaN(result.KrippendorffAlpha));
        Assert.Empty(result.Pairs);
        Assert.Contains(result.Warnings, w => w.Contains("undefined"));
    }

    [Fact]
    public void Majority_vote_reports_ties_and_breaks_them_by_order_or_leaves_them_empty()
    {
        var ds = Long(("1", "a", "x"), ("1", "b", "y"), ("2", "a", "y"), ("2", "b", "y"), ("2", "c", "x"));
        var first = LabelConsensus.Merge(Table(ds), new ConsensusOptions(), ds);
        Assert.Equal(1, first.Ties);
        var labels = (StringColumn)first.Dataset["label"];
        Assert.Equal("x", labels[0]);
        Assert.Equal("y", labels[1]);
        var confidence = (DoubleColumn)first.Dataset["confidence"];
        Assert.Equal(0.5, confidence[0]);
        Approx.Relative(2.0 / 3, confidence[1], 1e-12);
        // Item 2: pairs (a,b) agree, (a,c) and (b,c) do not: 1/3.
        Approx.Relative(1.0 / 3, ((DoubleColumn)first.Dataset["agreement"])[1], 1e-12);
        Assert.Equal([true, false], ((BooleanColumn)first.Dataset["tied"]).Values.ToArray());
        Assert.Equal(3L, ((Int64Column)first.Dataset["annotators"])[1]);

        var missing = LabelConsensus.Merge(Table(ds), new ConsensusOptions { TieBreak = TieBreak.Missing }, ds);
        Assert.Null(((StringColumn)missing.Dataset["label"])[0]);
        // Consensus x (tie broken by order), y: a matches both, b only item 2, c (x on item 2) neither.
        var accuracy = first.Annotators.ToDictionary(a => a.Annotator, a => a.Accuracy);
        Assert.Equal(1.0, accuracy["a"]);
        Assert.Equal(0.5, accuracy["b"]);
        Assert.Equal(0.0, accuracy["c"]);
    }

    /// <summary>Binary labels from annotators of known accuracy: each labels every item, right with its probability.</summary>
    private static (Dataset Labels, string[] Truth) Simulated(double[] accuracies, int items, ulong seed)
    {
        var random = new SplitMix64(seed);
        var truth = new string[items];
        var rows = new List<(string, string, string)>();
        for (var i = 0; i < items; i++)
        {
            truth[i] = Uniform(ref random) < 0.3 ? "yes" : "no";
            for (var a = 0; a < accuracies.Length; a++)
            {
                var right = Uniform(ref random) < accuracies[a];
                rows.Add((i.ToString(), "w" + a, right ? truth[i] : truth[i] == "yes" ? "no" : "yes"));
            }
        }
        return (Long(rows.ToArray()), truth);
    }

    private static double Uniform(ref SplitMix64 random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static double Accuracy(Dataset merged, string[] truth)
    {
        var items = (StringColumn)merged["item"];
        var labels = (StringColumn)merged["label"];
        var right = 0;
        for (var r = 0; r < merged.RowCount; r++) if (labels[r] == truth[int.Parse(items[r]!)]) right++;
        return (double)right / merged.RowCount;
    }

    [Fact]
    public void Dawid_Skene_recovers_known_annotator_accuracies_and_beats_majority_vote()
    {
        double[] accuracies = [0.95, 0.9, 0.85, 0.6, 0.55, 0.55, 0.55];
        var (labels, truth) = Simulated(accuracies, 2000, 42);
        var table = Table(labels);
        var ds = LabelConsensus.Merge(table, new ConsensusOptions { Method = ConsensusMethod.DawidSkene }, labels);
        Assert.True(ds.Converged);
        foreach (var estimate in ds.Annotators)
            Assert.InRange(estimate.Accuracy, accuracies[int.Parse(estimate.Annotator[1..])] - 0.03, accuracies[int.Parse(estimate.Annotator[1..])] + 0.03);
        var majority = LabelConsensus.Merge(table, new ConsensusOptions(), labels);
        var dsAccuracy = Accuracy(ds.Dataset, truth);
        var mvAccuracy = Accuracy(majority.Dataset, truth);
        Assert.True(dsAccuracy > mvAccuracy + 0.01, $"Dawid-Skene {dsAccuracy}, majority vote {mvAccuracy}");
        // Deterministic: the same input gives the same posteriors.
        var again = LabelConsensus.Merge(table, new ConsensusOptions { Method = ConsensusMethod.DawidSkene }, labels);
        Assert.Equal(((DoubleColumn)ds.Dataset["confidence"]).Values.ToArray(), ((DoubleColumn)again.Dataset["confidence"]).Values.ToArray());
    }

    [Fact]
    public void Dawid_Skene_reports_when_the_iteration_cap_stops_it()
    {
        var (labels, _) = Simulated([0.9, 0.7, 0.6], 200, 7);
        var result = LabelConsensus.Merge(Table(labels), new ConsensusOptions { Method = ConsensusMethod.DawidSkene, MaxIterations = 1, Tolerance = 1e-12 }, labels);
        Assert.False(result.Converged);
        Assert.Equal(1, result.Iterations);
    }

    [Fact]
    public void Label_Studio_full_json_counts_empty_cancelled_multiple_and_unknown()
    {
        using var folder = new TempFolder();
        var path = folder.File("export.json", """
        [
          {"id": 1, "data": {"text": "good"}, "annotations": [
            {"id": 11, "completed_by": 1, "was_cancelled": false, "updated_at": "2024-03-01T10:00:00.000000Z",
             "result": [{"value": {"choices": ["Positive"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]},
            {"id": 12, "completed_by": {"id": 2, "email": "b@example.com"},
             "result": [{"value": {"choices": ["Positive", "Neutral"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]}]},
          {"id": 2, "data": {"text": "bad"}, "annotations": [
            {"id": 21, "completed_by": null, "result": [{"value": {"choices": ["Negative"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]},
            {"id": 22, "completed_by": 1, "was_cancelled": true, "result": []}]},
          {"id": 3, "data": {"text": "none"}, "annotations": []}
        ]
        """);
        var (labels, report) = LabelImporter.ReadFile(path, new LabelImportOptions());
        Assert.Equal(LabelFormat.LabelStudioJson, report.Format);
        Assert.Equal(3, report.Tasks);
        Assert.Equal(3, report.LabelRows);
        Assert.Equal(1, report.UnlabeledTasks);
        Assert.Equal(1, report.CancelledAnnotations);
        Assert.Equal(1, report.MultipleChoiceAnnotations);
        Assert.Equal(1, report.UnknownAnnotators);
        Assert.Equal(["1", "1", "2"], Enumerable.Range(0, 3).Select(r => ((StringColumn)labels["item"])[r]));
        Assert.Equal(["1", "b@example.com", "unknown:21"], Enumerable.Range(0, 3).Select(r => ((StringColumn)labels["annotator"])[r]));
        Assert.Equal(["Positive", "Positive;Neutral", "Negative"], Enumerable.Range(0, 3).Select(r => ((StringColumn)labels["label"])[r]));
        Assert.Equal(new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc), ((DateTimeColumn)labels["time"])[0]);
        Assert.True(labels["time"].IsNull(1));
    }

    [Fact]
    public void Label_Studio_json_min_finds_the_choices_field()
    {
        using var folder = new TempFolder();
        var path = folder.File("min.json", """
        [
          {"id": 5, "text": "ok", "sentiment": "Positive", "annotator": "a@example.com", "annotation_id": 1, "created_at": "2024-01-01T00:00:00Z", "lead_time": 2.5},
          {"id": 5, "text": "ok", "sentiment": {"choices": ["Positive", "Negative"]}, "annotator": "b@example.com", "annotation_id": 2},
          {"id": 6, "text": "later"}
        ]
        """);
        var (labels, report) = LabelImporter.ReadFile(path, new LabelImportOptions());
        Assert.Equal(LabelFormat.LabelStudioJsonMin, report.Format);
        Assert.Equal(2, report.Tasks);
        Assert.Equal(2, labels.RowCount);
        Assert.Equal(1, report.UnlabeledTasks);
        Assert.Equal(1, report.MultipleChoiceAnnotations);
        Assert.Equal("Positive;Negative", ((StringColumn)labels["label"])[1]);
    }

    [Fact]
    public void Not_a_Label_Studio_export_is_a_clear_error()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<DataException>(() => LabelImporter.ReadFile(folder.File("x.json", """{"tasks": []}"""), new LabelImportOptions()));
        Assert.Equal("DataCenterTools.NotLabelStudioExport", e.ErrorId);
        var min = folder.File("m.json", """[{"id": 1, "text": "a", "sentiment": "x", "annotator": 1, "annotation_id": 3}]""");
        Assert.Equal("DataCenterTools.LabelColumnRequired",
            Assert.Throws<DataException>(() => LabelImporter.ReadFile(min, new LabelImportOptions())).ErrorId);
        Assert.Equal("x", ((StringColumn)LabelImporter.ReadFile(min, new LabelImportOptions { LabelColumn = "sentiment" }).Labels["label"])[0]);
    }

    [Fact]
    public void Wide_table_becomes_long_form_with_missing_cells_counted()
    {
        var wide = new Dataset("wide",
        [
            new Int64Column("id", [10, 11]),
            new StringColumn("r1", ["a", null]),
            new StringColumn("r2", ["b", "c"]),
        ]);
        var (labels, report) = LabelImporter.FromDataset(wide, new LabelImportOptions { ItemColumn = "id", AnnotatorColumns = ["r1", "r2"] });
        Assert.Equal(LabelFormat.Wide, report.Format);
        Assert.Equal(1, report.MissingLabels);
        Assert.Equal(["10", "10", "11"], Enumerable.Range(0, 3).Select(r => ((StringColumn)labels["item"])[r]));
        Assert.Equal(["r1", "r2", "r2"], Enumerable.Range(0, 3).Select(r => ((StringColumn)labels["annotator"])[r]));
    }

    [SharedDataFact("annotators/snow2008/rte.standardized.tsv")]
    public void Rte_Dawid_Skene_beats_majority_vote_against_gold()
    {
        var file = SharedData.Find("annotators/snow2008/rte.standardized.tsv")!;
        var raw = DatasetReader.Read(file, new ReadOptions());
        var labels = LabelImporter.FromDataset(raw, new LabelImportOptions
            { Format = LabelFormat.Long, ItemColumn = "orig_id", AnnotatorColumns = ["!amt_worker_ids"], LabelColumn = "response" }).Labels;
        var gold = new Dictionary<string, string>();
        for (var r = 0; r < raw.RowCount; r++) gold[LabelTable.CellText(raw["orig_id"], r)!] = LabelTable.CellText(raw["gold"], r)!;
        var truth = (StringColumn)labels["item"];
        double Score(ConsensusMethod method)
        {
            var merged = LabelConsensus.Merge(Table(labels), new ConsensusOptions { Method = method }, labels).Dataset;
            var items = (StringColumn)merged["item"];
            var chosen = (StringColumn)merged["label"];
            return Enumerable.Range(0, merged.RowCount).Count(r => chosen[r] == gold[items[r]!]) / (double)merged.RowCount;
        }
        var mv = Score(ConsensusMethod.MajorityVote);
        var dawidSkene = Score(ConsensusMethod.DawidSkene);
        Assert.Equal(800, truth.Length / 10);
        Assert.True(dawidSkene > mv, $"Dawid-Skene {dawidSkene}, majority vote {mv}");
    }
}
