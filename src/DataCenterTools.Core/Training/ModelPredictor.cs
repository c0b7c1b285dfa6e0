using System.Globalization;
using DataCenterTools.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataCenterTools.Core.Training;

/// <summary>
/// Adds a model's predictions to a Dataset: Score (regression and binary), PredictedLabel in the
/// label's type (classification) and Probability (calibrated binary: of the positive class;
/// multiclass: of the predicted class). Columns of those names already there are replaced.
/// </summary>
public static class ModelPredictor
{
    public static Dataset Predict(TrainedModel model, Dataset dataset)
    {
        if (model.Recommender != null) return Recommendations.Predict(model, dataset);
        var view = ModelInputs.BuildView(dataset, model.Features, null, model.Task, model.Classes, model.TextVocabularies);
        var scored = model.Transformer.Transform(view);
        var added = new List<Column>();
        switch (model.Task)
        {
            case ModelTask.Regression:
                added.Add(Doubles("Score", scored.GetColumn<float>("Score").ToArray()));
                break;
            case ModelTask.BinaryClassification:
                var predicted = scored.GetColumn<bool>("PredictedLabel").Select(p => p ? 1 : 0).ToArray();
                added.Add(ClassColumn("PredictedLabel", model, predicted));
                added.Add(Doubles("Score", scored.GetColumn<float>("Score").ToArray()));
                if (scored.Schema.GetColumnOrNull("Probability") != null)
                    added.Add(Doubles("Probability", scored.GetColumn<float>("Probability").ToArray()));
                break;
            default:
                var keys = scored.GetColumn<uint>("PredictedLabel").ToArray();
                var scores = ModelScoring.Vectors(scored, "Score");
                added.Add(ClassColumn("PredictedLabel", model, keys.Select(k => (int)k - 1).ToArray()));
                added.Add(Doubles("Probability", keys.Select((k, i) => k == 0 ? float.NaN : scores[i][(int)k - 1]).ToArray()));
                break;
        }
        var names = added.Select(c => c.Name).ToHashSet();
        var columns = dataset.Columns.Where(c => !names.Contains(c.Name)).Concat(added);
        return dataset.WithColumns(columns, new LineageEntry("Invoke-ModelPrediction", new Dictionary<string, string>
        {
            ["Task"] = model.Task.ToString(), ["Trainer"] = model.Trainer, ["Label"] = model.Label, ["Model"] = model.Path ?? "(in memory)",
        }));
    }

    /// <summary>
    /// Per row, the predicted class and how sure the model is of it: the highest class probability
    /// (binary: max(p, 1 - p) of the positive-class probability). NaN where the model gave no class.
    /// </summary>
    public static (Column Predicted, double[] Confidence) Confidence(TrainedModel model, Dataset dataset)
    {
        if (model.Task is ModelTask.Regression or ModelTask.Recommendation)
            throw new DataException("ModelNotClassifier", DataErrorKind.InvalidArgument,
                $"The model predicts '{model.Label}' by {(model.Task == ModelTask.Regression ? "regression" : "matrix factorization")}, so it has no class probabilities to be sure or unsure of.",
                "Train a classification model (a boolean, string or small-integer label) with Start-ModelTraining.");
        var scored = Predict(model, dataset);
        if (!scored.TryGetColumn("Probability", out var column))
            throw new DataException("ModelHasNoProbability", DataErrorKind.InvalidArgument,
                $"The {model.Trainer} model gives no calibrated probability for '{model.Label}'.",
                "Train with a trainer that gives probabilities (e.g. {option:Trainer} LightGbm or LbfgsLogisticRegression).");
        var probability = ((DoubleColumn)column).Values;
        var confidence = new double[probability.Length];
        var binary = model.Task == ModelTask.BinaryClassification;
        for (var r = 0; r < confidence.Length; r++)
            confidence[r] = binary ? Math.Max(probability[r], 1 - probability[r]) : probability[r];
        return (scored["PredictedLabel"], confidence);
    }

    private static DoubleColumn Doubles(string name, float[] values) => new(name, values.Select(v => (double)v).ToArray());

    /// <summary>Class indexes back to the label's own type (a class index below 0 is missing).</summary>
    private static Column ClassColumn(string name, TrainedModel model, int[] index)
    {
        var classes = model.Classes!;
        var validity = ValidityBitmap.FromFlags(index.Select(i => i >= 0).ToArray());
        string Text(int r) => index[r] >= 0 ? classes[index[r]] : "";
        return model.LabelType switch
        {
            ColumnType.Boolean => new BooleanColumn(name, index.Select((_, r) => Text(r) == "True").ToArray(), validity),
            ColumnType.Int64 => new Int64Column(name, index.Select((_, r) => index[r] >= 0 ? long.Parse(Text(r), CultureInfo.InvariantCulture) : 0).ToArray(), validity),
            ColumnType.Double => new DoubleColumn(name, index.Select((_, r) => index[r] >= 0 ? double.Parse(Text(r), CultureInfo.InvariantCulture) : 0).ToArray(), validity),
            _ => new StringColumn(name, index.Select((_, r) => index[r] >= 0 ? Text(r) : null).ToArray()),
        };
    }
}
