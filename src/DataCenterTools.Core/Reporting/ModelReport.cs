using System.Globalization;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Training;
using ScottPlot;
using static DataCenterTools.Core.Reporting.DataReport;

namespace DataCenterTools.Core.Reporting;

/// <summary>What Export-ModelReport puts in the report.</summary>
public sealed record ModelReportOptions
{
    /// <summary>A column of the evaluation rows: the metrics are also given per value of it.</summary>
    public string? GroupBy { get; init; }

    /// <summary>At most this many groups are listed (the largest).</summary>
    public int MaxGroups { get; init; } = 50;
}

/// <summary>
/// One self-contained HTML page about a trained model, as Export-DataReport is about a dataset: what it is and what it
/// learned from, its metrics (as trained, and on the labelled rows given), the cross-validation spread, feature importance
/// (negative where shuffling a feature helped), a residual plot (regression, ratings) or calibration plot (binary), the
/// confusion matrix (classifiers), metrics per group and the lineage. Charts are SVG data URIs; nothing is loaded from
/// elsewhere and every text from the data or the model is HTML-escaped.
/// </summary>
public static class ModelReport
{
    private const int Width = 640, Height = 360, MaxPoints = 5000;
    private static readonly Color Positive = new(31, 119, 180), Negative = new(214, 96, 77);

    public static string Build(TrainedModel model, Dataset evaluation, ModelReportOptions options)
    {
        var tested = ModelTrainer.Test(model, evaluation);
        var scored = ModelPredictor.Predict(model, evaluation);
        var title = $"{model.Task} {model.Trainer} on {(model.Label == "" ? "(implicit feedback)" : model.Label)}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<title>Model report: ").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>Model report: ").Append(E(title)).Append("</h1>\n")
            .Append("<p class=\"muted\">Generated ").Append(E(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" by DataCenterTools Export-ModelReport; evaluated on '").Append(E(evaluation.Name)).Append("' (").Append(evaluation.RowCount.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows).</p>\n")
            .Append("<nav><a href=\"#model\">Model</a> <a href=\"#metrics\">Metrics</a> <a href=\"#cv\">Cross-validation</a> <a href=\"#importance\">Importance</a> <a href=\"#plot\">Residuals / calibration</a> <a href=\"#confusion\">Confusion matrix</a> <a href=\"#groups\">Groups</a> <a href=\"#lineage\">Lineage</a></nav>\n");
        Summary(html, model);
        Metrics(html, model, tested);
        CrossValidation(html, model.CrossValidation);
        Importance(html, model);
        Plot(html, model, scored);
        Confusion(html, tested.ConfusionMatrix);
        Groups(html, model, evaluation, options);
        Lineage(html, model);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    public static void Save(TrainedModel model, Dataset evaluation, ModelReportOptions options, string path, bool overwrite) =>
        AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(Build(model, evaluation, options)), overwrite);

    private static void Summary(StringBuilder html, TrainedModel m)
    {
        html.Append("<section id=\"model\"><h2>Model</h2><table class=\"kv\">");
        Row(html, "Task", m.Task.ToString());
        Row(html, "Trainer", $"{m.Trainer} ({m.Hyperparameters})");
        Row(html, "Label", m.Label);
        Row(html, "Features", string.Join(", ", m.Features.Select(f => $"{f.Name} ({f.Kind})")));
        if (m.Classes != null) Row(html, "Classes", string.Join(", ", m.Classes));
        Row(html, "Trained on", $"'{m.DatasetName}': {m.RowsUsed:N0} rows" + (m.SkippedRows > 0 ? $" ({m.SkippedRows:N0} left out: no label, user or item)" : ""));
        if (m.Source?.Path is { } path) Row(html, "Source", path + (m.Source.Sha256 is { } sha ? $" (SHA-256 {sha})" : ""));
        Row(html, "Evaluation", m.Evaluation);
        Row(html, "Seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        Row(html, "Training time", $"{m.TrainingTime.TotalSeconds:0.00} s");
        if (m.Recommender is { } r) Row(html, "Factorization", $"{r.Users:N0} users x {r.Items:N0} items, {r.Factors} factors{(r.Implicit ? ", implicit feedback" : $", global mean {r.GlobalMean:0.####}")}");
        html.Append("</table></section>\n");
    }

    private static void Metrics(StringBuilder html, TrainedModel m, ModelMetrics tested)
    {
        html.Append("<section id=\"metrics\"><h2>Metrics</h2><table><tr><th>Metric</th><th>").Append(E(m.Evaluation)).Append(" (").Append(m.Metrics.Rows.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" rows)</th><th>these rows (").Append(tested.Rows.ToString("N0", CultureInfo.InvariantCulture)).Append(")</th></tr>");
        var mine = m.Metrics.Scalars();
        var here = tested.Scalars();
        foreach (var name in mine.Keys.Union(here.Keys))
            html.Append("<tr><th>").Append(E(name)).Append("</th><td class=\"num\">").Append(Number(mine.GetValueOrDefault(name, double.NaN)))
                .Append("</td><td class=\"num\">").Append(Number(here.GetValueOrDefault(name, double.NaN))).Append("</td></tr>");
        html.Append("</table>");
        if (m.Task == ModelTask.Recommendation)
            html.Append("<p class=\"muted\">Top-N figures (precision, recall, NDCG, MAP at ").Append(m.Metrics.TopK).Append(", hit rate, coverage) need the training rows, so they are given for the evaluation of training only.</p>");
        html.Append("</section>\n");
    }

    private static void CrossValidation(StringBuilder html, CrossValidationResult? cv)
    {
        html.Append("<section id=\"cv\"><h2>Cross-validation</h2>");
        if (cv == null) { html.Append("<p>The model was measured on a hold-out or a test dataset, not by cross-validation.</p></section>\n"); return; }
        html.Append("<table><tr><th>Metric</th><th>Mean</th><th>SD</th><th>Min</th><th>Max</th>");
        for (var f = 0; f < cv.Folds.Count; f++) html.Append("<th>Fold ").Append(f + 1).Append("</th>");
        html.Append("</tr>");
        foreach (var (name, mean) in cv.Mean)
        {
            var values = cv.Folds.Select(f => f.Scalars().GetValueOrDefault(name, double.NaN)).ToArray();
            html.Append("<tr><th>").Append(E(name)).Append("</th><td class=\"num\">").Append(Number(mean)).Append("</td><td class=\"num\">").Append(Number(cv.Std[name]))
                .Append("</td><td class=\"num\">").Append(Number(values.Min())).Append("</td><td class=\"num\">").Append(Number(values.Max())).Append("</td>");
            foreach (var v in values) html.Append("<td class=\"num\">").Append(Number(v)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
        var primary = cv.Folds[0].PrimaryMetricName;
        if (cv.Mean.ContainsKey(primary))
        {
            var plot = DataChart.NewPlot();
            var ys = cv.Folds.Select(f => f.Scalars()[primary]).ToArray();
            plot.Add.ScatterPoints(Enumerable.Range(1, ys.Length).Select(i => (double)i).ToArray(), ys).MarkerSize = 8;
            plot.Add.HorizontalLine(cv.Mean[primary]).LinePattern = LinePattern.Dashed;
            plot.Title($"{primary} per fold (dashed: mean)");
            plot.XLabel("Fold");
            plot.YLabel(primary);
            Image(html, plot, $"{primary} per fold", Width, 280);
        }
        html.Append("</section>\n");
    }

    private static void Importance(StringBuilder html, TrainedModel m)
    {
        html.Append("<section id=\"importance\"><h2>Feature importance</h2>");
        var importance = m.FeatureImportance;
        if (importance == null || importance.Count == 0) { html.Append("<p>Not computed: train the model with its permutation importance (<code>Start-ModelTraining -Explain</code>).</p></section>\n"); return; }
        html.Append("<p>Permutation importance: how much the held-out ").Append(E(importance[0].Metric))
            .Append(" drops when the feature's values are shuffled. A negative value means the model scored better without the feature's real values. \"Without it\": the change in the held-out metric when the model is trained again without the feature (positive: better without it).</p>");
        var plot = DataChart.NewPlot();
        var bars = importance.Select((f, i) => new Bar { Position = importance.Count - 1 - i, Value = f.Importance, FillColor = f.Importance < 0 ? Negative : Positive }).ToArray();
        plot.Add.Bars(bars).Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(bars.Select(b => b.Position).ToArray(), importance.Select(f => f.Feature).ToArray());
        plot.Add.VerticalLine(0).Color = Colors.Black;
        plot.XLabel($"Drop in {importance[0].Metric} when shuffled");
        Image(html, plot, "Permutation importance", Width, Math.Max(200, 40 + 28 * importance.Count));
        html.Append("<table><tr><th>Feature</th><th>Permutation importance</th><th>Without it</th><th></th></tr>");
        foreach (var f in importance)
            html.Append("<tr").Append(f.RemovalImproves ? " class=\"drifted\"" : "").Append("><td>").Append(E(f.Feature)).Append("</td><td class=\"num\">").Append(Signed(f.Importance))
                .Append("</td><td class=\"num\">").Append(f.RemovalGain is { } g ? Signed(g) : "").Append("</td><td>")
                .Append(f.RemovalImproves ? "<span class=\"alert\">better without it</span>" : f.Importance < 0 ? "<span class=\"alert\">negative</span>" : "").Append("</td></tr>");
        html.Append("</table></section>\n");
    }

    /// <summary>Residuals against predictions (regression, ratings) or a reliability diagram (binary with probabilities).</summary>
    private static void Plot(StringBuilder html, TrainedModel m, Dataset scored)
    {
        html.Append("<section id=\"plot\"><h2>");
        var regression = m.Task == ModelTask.Regression || (m.Task == ModelTask.Recommendation && m.Recommender?.Implicit == false);
        if (regression)
        {
            html.Append("Residuals</h2>");
            var label = scored[m.Label];
            var score = (DoubleColumn)scored[Recommendations.ScoreColumn];
            var rows = Enumerable.Range(0, scored.RowCount).Where(r => !label.IsNull(r) && !score.IsNull(r) && FeatureColumns.IsNumeric(label)).ToArray();
            var step = Math.Max(1, rows.Length / MaxPoints);
            var shown = rows.Where((_, i) => i % step == 0).ToArray();
            var plot = DataChart.NewPlot();
            plot.Add.ScatterPoints(shown.Select(r => score[r]).ToArray(), shown.Select(r => FeatureColumns.NumberAt(label, r) - score[r]).ToArray()).MarkerSize = 3;
            plot.Add.HorizontalLine(0).Color = Colors.Black;
            plot.Title(shown.Length < rows.Length ? $"Residuals of every {step}th row ({shown.Length:N0} of {rows.Length:N0})" : $"Residuals ({rows.Length:N0} rows)");
            plot.XLabel("Predicted " + m.Label);
            plot.YLabel("Actual - predicted");
            Image(html, plot, "Residuals against predictions", Width, Height);
        }
        else if (m.Task == ModelTask.BinaryClassification && scored.TryGetColumn("Probability", out var probability))
        {
            html.Append("Calibration</h2>");
            var truth = ModelInputs.ClassIndexes(scored[m.Label], m.Classes!);
            var p = ((DoubleColumn)probability).Values;
            var (mean, fraction, counts) = ReliabilityBins(p, truth, 10);
            var plot = DataChart.NewPlot();
            var diagonal = plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.MarkerSize = 0;
            var used = Enumerable.Range(0, counts.Length).Where(b => counts[b] > 0).ToArray();
            plot.Add.Scatter(used.Select(b => mean[b]).ToArray(), used.Select(b => fraction[b]).ToArray()).MarkerSize = 7;
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.Title("Reliability: predicted probability against the share that was positive (10 bins)");
            plot.XLabel($"Predicted P({m.Classes![1]})");
            plot.YLabel("Observed share positive");
            Image(html, plot, "Calibration plot", Width, Height);
            html.Append("<table><tr><th>Bin</th><th>Rows</th><th>Mean predicted</th><th>Share positive</th></tr>");
            foreach (var b in used)
                html.Append("<tr><td>").Append((b / 10.0).ToString("0.0", CultureInfo.InvariantCulture)).Append('-').Append(((b + 1) / 10.0).ToString("0.0", CultureInfo.InvariantCulture))
                    .Append("</td><td class=\"num\">").Append(counts[b].ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td class=\"num\">").Append(Number(mean[b]))
                    .Append("</td><td class=\"num\">").Append(Number(fraction[b])).Append("</td></tr>");
            html.Append("</table>");
        }
        else html.Append("Residuals / calibration</h2><p>No residuals or calibration for this model: it is ").Append(E(m.Task.ToString()))
            .Append(m.Task == ModelTask.BinaryClassification ? " without calibrated probabilities" : "").Append(".</p>");
        html.Append("</section>\n");
    }

    /// <summary>Per probability bin [b/k, (b+1)/k): the mean predicted probability, the share of positive rows and the row count.</summary>
    internal static (double[] Mean, double[] Fraction, int[] Counts) ReliabilityBins(ReadOnlySpan<double> probability, int[] truth, int bins)
    {
        var sum = new double[bins];
        var positive = new double[bins];
        var counts = new int[bins];
        for (var i = 0; i < probability.Length; i++)
        {
            if (double.IsNaN(probability[i]) || truth[i] < 0) continue;
            var b = Math.Clamp((int)(probability[i] * bins), 0, bins - 1);
            sum[b] += probability[i];
            if (truth[i] == 1) positive[b]++;
            counts[b]++;
        }
        return (sum.Select((s, b) => counts[b] == 0 ? double.NaN : s / counts[b]).ToArray(), positive.Select((s, b) => counts[b] == 0 ? double.NaN : s / counts[b]).ToArray(), counts);
    }

    private static void Confusion(StringBuilder html, ConfusionMatrix? matrix)
    {
        html.Append("<section id=\"confusion\"><h2>Confusion matrix</h2>");
        if (matrix == null) { html.Append("<p>Only classifiers have one.</p></section>\n"); return; }
        var max = Math.Max(1, matrix.Counts.SelectMany(r => r).DefaultIfEmpty(0).Max());
        html.Append("<p>Rows: actual class; columns: predicted class; on the rows given.</p><table><tr><th>actual \\ predicted</th>");
        foreach (var c in matrix.Classes) html.Append("<th>").Append(E(c)).Append("</th>");
        html.Append("<th>Recall</th></tr>");
        for (var a = 0; a < matrix.Classes.Count; a++)
        {
            html.Append("<tr><th>").Append(E(matrix.Classes[a])).Append("</th>");
            for (var p = 0; p < matrix.Classes.Count; p++)
            {
                var shade = (int)(255 - 120.0 * matrix.Counts[a][p] / max);
                html.Append("<td class=\"num\" style=\"background:rgb(").Append(a == p ? $"{shade},{255},{shade}" : $"255,{shade},{shade}").Append(")\">")
                    .Append(matrix.Counts[a][p].ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
            }
            html.Append("<td class=\"num\">").Append(Number(matrix.Recall(a))).Append("</td></tr>");
        }
        html.Append("<tr><th>Precision</th>");
        for (var p = 0; p < matrix.Classes.Count; p++) html.Append("<td class=\"num\">").Append(Number(matrix.Precision(p))).Append("</td>");
        html.Append("<td></td></tr></table></section>\n");
    }

    private static void Groups(StringBuilder html, TrainedModel m, Dataset evaluation, ModelReportOptions options)
    {
        html.Append("<section id=\"groups\"><h2>Metrics per group</h2>");
        if (options.GroupBy == null) { html.Append("<p>Name a column to group by (<code>Export-ModelReport -GroupBy &lt;column&gt;</code>) for the metrics per value of that column.</p></section>\n"); return; }
        var column = FeatureColumns.Require(evaluation, options.GroupBy, "{option:GroupBy}");
        var groups = DatasetSplitter.RowsByKey(column).OrderByDescending(g => g.Rows.Count).ToArray();
        var shown = groups.Take(options.MaxGroups).ToArray();
        var tested = shown.Select(g => (g.Key, Rows: g.Rows.Count, Metrics: TryTest(m, evaluation, g.Rows))).ToArray();
        var names = tested.Where(t => t.Metrics != null).SelectMany(t => t.Metrics!.Scalars().Keys).Distinct().ToArray();
        html.Append("<p>").Append(E(options.GroupBy)).Append(": ").Append(groups.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" groups")
            .Append(groups.Length > shown.Length ? $", the {shown.Length} largest shown" : "").Append(".</p><table><tr><th>").Append(E(options.GroupBy)).Append("</th><th>Rows</th>");
        foreach (var n in names) html.Append("<th>").Append(E(n)).Append("</th>");
        html.Append("</tr>");
        foreach (var (key, rows, metrics) in tested)
        {
            html.Append("<tr><td>").Append(E(key ?? "(missing)")).Append("</td><td class=\"num\">").Append(rows.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
            var values = metrics?.Scalars();
            foreach (var n in names) html.Append("<td class=\"num\">").Append(values != null && values.TryGetValue(n, out var v) ? Number(v) : "").Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table></section>\n");
    }

    /// <summary>The metrics on one group's rows; null where they cannot be computed (e.g. a single class).</summary>
    private static ModelMetrics? TryTest(TrainedModel m, Dataset evaluation, List<int> rows)
    {
        try { return ModelTrainer.Test(m, evaluation.TakeRows(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows), evaluation.Name, new LineageEntry("group", new Dictionary<string, string>()))); }
        catch (DataException) { return null; }
    }

    private static void Lineage(StringBuilder html, TrainedModel m)
    {
        html.Append("<section id=\"lineage\"><h2>Lineage</h2>");
        if (m.Lineage.Count == 0) html.Append("<p>The training data has no recorded steps.</p>");
        else
        {
            html.Append("<table><tr><th>#</th><th>Step</th><th>Parameters</th><th>Time (UTC)</th></tr>");
            for (var i = 0; i < m.Lineage.Count; i++)
            {
                var step = m.Lineage[i];
                html.Append("<tr><td class=\"num\">").Append(i + 1).Append("</td><td>").Append(E(step.Operation)).Append("</td><td>")
                    .Append(E(string.Join("; ", step.Parameters.Select(p => $"{p.Key}={p.Value}")))).Append("</td><td>")
                    .Append(E(step.TimestampUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("<p>Then: Start-ModelTraining (").Append(E(m.Trainer)).Append(", ").Append(E(m.Evaluation)).Append(", seed ").Append(m.Seed).Append(") at ")
            .Append(E(m.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC.</p></section>\n");
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : E(value.ToString("G5", CultureInfo.InvariantCulture));
    private static string Signed(double value) => E(value.ToString("+0.#####;-0.#####;0", CultureInfo.InvariantCulture));
}
