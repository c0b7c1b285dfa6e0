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
        var scored = transformer.Transform(labelled);
        switch (task)
        {
            case ModelTask.Regression:
                return ModelMetrics.ForRegression(scored.GetColumn<float>("Label").ToArray(), scored.GetColumn<float>("Score").ToArray());
            case ModelTask.BinaryClassification:
            {
                var labels = scored.GetColumn<bool>("Label").ToArray();
                var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
                var scores = scored.GetColumn<float>("Score").ToArray();
                var probabilities = scored.Schema.GetColumnOrNull("Probability") != null ? scored.GetColumn<float>("Probability").ToArray() : null;
                var matrix = ConfusionMatrix.FromPairs(classes!, labels.Select(l => l ? 1 : 0).ToArray(), predicted.Select(p => p ? 1 : 0).ToArray());
                double? logLoss = probabilities == null ? null
                    : labels.Select((l, i) => -Math.Log(Math.Clamp(l ? probabilities[i] : 1 - probabilities[i], MinProbability, 1))).Average();
                return ModelMetrics.ForBinary(matrix, NullIfNaN(AreaUnderRoc(labels, scores)), NullIfNaN(AveragePrecision(labels, scores)), logLoss);
            }
            default:
            {
                var labels = scored.GetColumn<uint>("Label").ToArray();
                var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
                var scores = Vectors(scored, "Score");
                // Rows whose class the model never saw (key 0) cannot be scored against it; they are left out.
                var known = Enumerable.Range(0, labels.Length).Where(i => labels[i] > 0 && predicted[i] > 0).ToArray();
                var matrix = ConfusionMatrix.FromPairs(classes!, known.Select(i => (int)labels[i] - 1).ToArray(), known.Select(i => (int)predicted[i] - 1).ToArray());
                double? logLoss = known.Length == 0 ? null
                    : known.Select(i => -Math.Log(Math.Clamp(scores[i][(int)labels[i] - 1], MinProbability, 1))).Average();
                return ModelMetrics.ForMulticlass(matrix, logLoss);
            }
        }
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
