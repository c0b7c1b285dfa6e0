using System.Globalization;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Labeling;

/// <summary>Which rows one labelling rule matched; how the rule was evaluated (regex or script) is the caller's business.</summary>
public sealed record RuleMatches(string Rule, string Label, bool[] Matched);

/// <summary>How one rule did: rows matched, their share of all rows, and how many of them another label's rule also matched.</summary>
public sealed record LabelRuleReport(string Rule, string Label, int Matches, double Coverage, int Conflicts);

public sealed record AutoLabelOptions
{
    public string LabelColumn { get; init; } = "label";
    /// <summary>A model's label is kept only when its confidence is at least this.</summary>
    public double MinConfidence { get; init; } = 0.9;
}

/// <summary>The labelled Dataset, the rows still needing people (Review), the rule reports and the counts by source.</summary>
public sealed class AutoLabelResult
{
    public required Dataset Labeled { get; init; }
    public required Dataset Review { get; init; }
    public required IReadOnlyList<LabelRuleReport> Rules { get; init; }
    public int Rows => Labeled.RowCount;
    public int HumanRows { get; init; }
    public int RuleRows { get; init; }
    public int ModelRows { get; init; }
    /// <summary>Rows without a human label that rules of two different labels matched (left to the model or to review).</summary>
    public int ConflictRows { get; init; }
    public int ReviewRows => Review.RowCount;

    public override string ToString() =>
        $"{Rows} rows: {HumanRows} human, {RuleRows} rule, {ModelRows} model, {ReviewRows} to review ({ConflictRows} conflicts)";
}

/// <summary>
/// Weak supervision: labels rows by rules and a model without ever overwriting a human label.
/// Order per row: an existing label (source "human"); else the label every matching rule agrees on
/// ("rule"); rows matched by rules of two different labels are conflicts and get no rule label;
/// else the model's class when its confidence is at least MinConfidence ("model"); else the row goes to review.
/// </summary>
public static class AutoLabeler
{
    public const string SourceColumn = "label_source";
    public const string Human = "human", Rule = "rule", Model = "model";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The text column the regex rules read; a missing column is a DataCenterTools.ColumnNotFound error.</summary>
    public static Column RequireTextColumn(Dataset dataset, string name) => FeatureColumns.Require(dataset, name, "{option:TextColumn}");

    /// <summary>A case-insensitive regular expression rule over the text column; a missing cell never matches.</summary>
    public static RuleMatches MatchPattern(Column text, string rule, string label, string pattern)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new DataException("InvalidLabelRule", DataErrorKind.InvalidArgument,
                $"The rule '{rule}' is not a valid regular expression: {e.Message}", "Fix the pattern (.NET regular expression syntax; escape literal characters such as ( or + with \\).", inner: e);
        }
        var matched = new bool[text.Length];
        try
        {
            for (var r = 0; r < matched.Length; r++)
                matched[r] = FeatureColumns.TextAt(text, r) is { } value && regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new DataException("InvalidLabelRule", DataErrorKind.InvalidArgument,
                $"The rule '{rule}' took longer than {MatchTimeout.TotalSeconds:0} s on one value of '{text.Name}' (catastrophic backtracking).", "Simplify the pattern: avoid nested quantifiers such as (a+)+.", column: text.Name, inner: e);
        }
        return new RuleMatches(rule, label, matched);
    }

    /// <summary>Checks up front that a model can label this dataset: a classifier whose feature columns are all here.</summary>
    public static void CheckModel(TrainedModel model, Dataset dataset)
    {
        if (model.Task is ModelTask.Regression or ModelTask.Recommendation)
            throw new DataException("ModelNotClassifier", DataErrorKind.InvalidArgument,
                $"The model predicts '{model.Label}' by {(model.Task == ModelTask.Regression ? "regression" : "matrix factorization")}; labels come from a classification model.",
                "Train a classification model (a boolean, string or small-integer label) with Start-ModelTraining.");
        foreach (var feature in model.Features) ModelInputs.RequireFeature(dataset, feature.Name, feature.Type);
    }

    public static AutoLabelResult Label(Dataset dataset, IReadOnlyList<RuleMatches> rules, TrainedModel? model, AutoLabelOptions options)
    {
        if (model != null) CheckModel(model, dataset);
        var n = dataset.RowCount;
        var labels = new string?[n];
        var sources = new string?[n];
        var humanRows = 0;
        if (dataset.TryGetColumn(options.LabelColumn, out var existing))
            for (var r = 0; r < n; r++)
                if (FeatureColumns.TextAt(existing, r) is { Length: > 0 } human) { labels[r] = human; sources[r] = Human; humanRows++; }

        var (ruleLabel, conflict) = Combine(rules, n);
        var reports = rules.Select(rule => Report(rule, conflict, n)).ToArray();
        int ruleRows = 0, conflictRows = 0;
        for (var r = 0; r < n; r++)
        {
            if (sources[r] != null) continue;
            if (conflict[r]) conflictRows++;
            else if (ruleLabel[r] != null) { labels[r] = ruleLabel[r]; sources[r] = Rule; ruleRows++; }
        }

        var modelRows = model == null ? 0 : LabelByModel(dataset, model, options.MinConfidence, labels, sources);
        var columns = dataset.Columns.Where(c => c.Name != options.LabelColumn && c.Name != SourceColumn)
            .Append(new StringColumn(options.LabelColumn, labels))
            .Append(new StringColumn(SourceColumn, sources));
        var labeled = dataset.WithColumns(columns, new LineageEntry("Invoke-AutoLabeling", new Dictionary<string, string>
        {
            ["Rules"] = string.Join(",", rules.Select(r => r.Rule)),
            ["Model"] = model == null ? "(none)" : model.Path ?? $"{model.Trainer} (in memory)",
            ["MinConfidence"] = options.MinConfidence.ToString(CultureInfo.InvariantCulture),
            ["LabelColumn"] = options.LabelColumn,
        }));
        var unlabelled = Enumerable.Range(0, n).Where(r => sources[r] == null).ToArray();
        var review = labeled.TakeRows(unlabelled, dataset.Name + "-review", new LineageEntry("Invoke-AutoLabeling", new Dictionary<string, string>
        {
            ["Side"] = "Review", ["Rows"] = unlabelled.Length.ToString(CultureInfo.InvariantCulture),
        }));
        return new AutoLabelResult
        {
            Labeled = labeled, Review = review, Rules = reports,
            HumanRows = humanRows, RuleRows = ruleRows, ModelRows = modelRows, ConflictRows = conflictRows,
        };
    }

    /// <summary>Per row, the label all matching rules agree on (null if none matched), and whether rules of different labels matched.</summary>
    public static (string?[] Labels, bool[] Conflict) Combine(IReadOnlyList<RuleMatches> rules, int rowCount)
    {
        var labels = new string?[rowCount];
        var conflict = new bool[rowCount];
        foreach (var rule in rules)
        {
            if (rule.Matched.Length != rowCount)
                throw new ArgumentException($"Rule '{rule.Rule}' has {rule.Matched.Length} matches for {rowCount} rows.", nameof(rules));
            for (var r = 0; r < rowCount; r++)
            {
                if (!rule.Matched[r]) continue;
                if (labels[r] == null) labels[r] = rule.Label;
                else if (!string.Equals(labels[r], rule.Label, StringComparison.Ordinal)) conflict[r] = true;
            }
        }
        for (var r = 0; r < rowCount; r++) if (conflict[r]) labels[r] = null;
        return (labels, conflict);
    }

    private static LabelRuleReport Report(RuleMatches rule, bool[] conflict, int rowCount)
    {
        int matches = 0, conflicts = 0;
        for (var r = 0; r < rowCount; r++)
        {
            if (!rule.Matched[r]) continue;
            matches++;
            if (conflict[r]) conflicts++;
        }
        return new LabelRuleReport(rule.Rule, rule.Label, matches, rowCount == 0 ? 0 : (double)matches / rowCount, conflicts);
    }

    /// <summary>Predicts the rows still without a label and keeps the classes the model is sure enough of.</summary>
    private static int LabelByModel(Dataset dataset, TrainedModel model, double minConfidence, string?[] labels, string?[] sources)
    {
        var open = Enumerable.Range(0, labels.Length).Where(r => sources[r] == null).ToArray();
        if (open.Length == 0) return 0;
        var subset = dataset.TakeRows(open, dataset.Name, new LineageEntry("Invoke-AutoLabeling"));
        var (predicted, confidence) = ModelPredictor.Confidence(model, subset);
        var labelled = 0;
        for (var i = 0; i < open.Length; i++)
        {
            if (!(confidence[i] >= minConfidence) || FeatureColumns.TextAt(predicted, i) is not { } label) continue;
            labels[open[i]] = label;
            sources[open[i]] = Model;
            labelled++;
        }
        return labelled;
    }
}
