using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataCenterTools.Core.Training;

/// <summary>
/// Scores labelled rows with a fitted transformer and computes the metrics from the label, score,
/// probability and predicted-label columns. All figures are computed here (not by ML.NET's
/// evaluators) so they match scikit-learn's definitions; log-loss uses the natural logarithm.
/// </summary>
internal static class ModelScoring
{
    private const double MinProbability = 1e-15;

    public static ModelMetrics Evaluate(ITransformer transformer, IDataView labelled, ModelTask task, IReadOnlyList<string>? classes)
    {
        // One pass over the scored rows: each GetColumn would run the whole pipeline (featurizing every row) again.
        var scored = transformer.Transform(labelled);
        switch (task)
        {
            case ModelTask.Regression:
            {
                var (labels, scores) = (new List<float>(), new List<float>());
                ForEachRow(scored, ["Label", "Score"], c =>
                {
                    var label = c.GetGetter<float>(c.Schema["Label"]);
                    var score = c.GetGetter<float>(c.Schema["Score"]);
                    return () => { float l = 0, s = 0; label(ref l); score(ref s); labels.Add(l); scores.Add(s); };
                });
                return ModelMetrics.ForRegression(labels.ToArray(), scores.ToArray());
            }
            case ModelTask.BinaryClassification:
            {
                var hasProbability = scored.Schema.GetColumnOrNull("Probability") != null;
                var (labels, predicted, scores, probabilities) = (new List<bool>(), new List<bool>(), new List<float>(), new List<float>());
                ForEachRow(scored, hasProbability ? ["Label", "PredictedLabel", "Score", "Probability"] : ["Label", "PredictedLabel", "Score"], c =>
                {
                    var label = c.GetGetter<bool>(c.Schema["Label"]);
                    var predictedLabel = c.GetGetter<bool>(c.Schema["PredictedLabel"]);
                    var score = c.GetGetter<float>(c.Schema["Score"]);
                    var probability = hasProbability ? c.GetGetter<float>(c.Schema["Probability"]) : null;
                    return () =>
                    {
                        bool l = false, p = false; float s = 0, q = 0;
                        label(ref l); predictedLabel(ref p); score(ref s); probability?.Invoke(ref q);
                        labels.Add(l); predicted.Add(p); scores.Add(s); probabilities.Add(q);
                    };
                });
                var matrix = ConfusionMatrix.FromPairs(classes!, labels.Select(l => l ? 1 : 0).ToArray(), predicted.Select(p => p ? 1 : 0).ToArray());
                double? logLoss = !hasProbability ? null
                    : labels.Select((l, i) => -Math.Log(Math.Clamp(l ? probabilities[i] : 1 - probabilities[i], MinProbability, 1))).Average();
                return ModelMetrics.ForBinary(matrix, NullIfNaN(AreaUnderRoc(labels, scores)), NullIfNaN(AveragePrecision(labels, scores)), logLoss);
            }
            default:
            {
                var (labels, predicted, scores) = (new List<uint>(), new List<uint>(), new List<float[]>());
                ForEachRow(scored, ["Label", "PredictedLabel", "Score"], c =>
                {
                    var label = c.GetGetter<uint>(c.Schema["Label"]);
                    var predictedLabel = c.GetGetter<uint>(c.Schema["PredictedLabel"]);
                    var score = c.GetGetter<VBuffer<float>>(c.Schema["Score"]);
                    var buffer = default(VBuffer<float>);
                    return () =>
                    {
                        uint l = 0, p = 0;
                        label(ref l); predictedLabel(ref p); score(ref buffer);
                        labels.Add(l); predicted.Add(p); scores.Add(buffer.DenseValues().ToArray());
                    };
                });
                // Rows whose class the model never saw (key 0) cannot be scored against it; they are left out.
                var known = Enumerable.Range(0, labels.Count).Where(i => labels[i] > 0 && predicted[i] > 0).ToArray();
                var matrix = ConfusionMatrix.FromPairs(classes!, known.Select(i => (int)labels[i] - 1).ToArray(), known.Select(i => (int)predicted[i] - 1).ToArray());
                double? logLoss = known.Length == 0 ? null
                    : known.Select(i => -Math.Log(Math.Clamp(scores[i][(int)labels[i] - 1], MinProbability, 1))).Average();
                return ModelMetrics.ForMulticlass(matrix, logLoss);
            }
        }
    }

    /// <summary>Runs one cursor over <paramref name="columns"/>; <paramref name="bind"/> makes the per-row reader from the cursor's getters.</summary>
    private static void ForEachRow(IDataView view, string[] columns, Func<DataViewRowCursor, Action> bind)
    {
        using var cursor = view.GetRowCursor(columns.Select(c => view.Schema[c]));
        var read = bind(cursor);
        while (cursor.MoveNext()) read();
    }

    /// <summary>A vector column as dense arrays, copied row by row (a cursor reuses its buffer).</summary>
    public static float[][] Vectors(IDataView view, string column)
    {
        var col = view.Schema[column];
        var rows = new List<float[]>();
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            rows.Add(buffer.DenseValues().ToArray());
        }
        return rows.ToArray();
    }

    private static double? NullIfNaN(double v) => double.IsNaN(v) ? null : v;

    /// <summary>ROC AUC as the Mann-Whitney statistic, ties counted half (scikit-learn's roc_auc_score).</summary>
    public static double AreaUnderRoc(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => scores[i]).ToArray();
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) if (labels[order[k]]) rankSum += rank;
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Area under the precision-recall curve as average precision (scikit-learn's average_precision_score).</summary>
    public static double AveragePrecision(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ToArray();
        double positives = labels.Count(l => l);
        if (positives == 0) return double.NaN;
        double tp = 0, fp = 0, previousRecall = 0, ap = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++) { if (labels[order[k]]) tp++; else fp++; }
            var recall = tp / positives;
            ap += (recall - previousRecall) * (tp / (tp + fp));
            previousRecall = recall;
            start = end + 1;
        }
        return ap;
    }
}
