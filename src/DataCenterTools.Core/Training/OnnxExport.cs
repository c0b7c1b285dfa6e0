using DataCenterTools.Core.Data;
using Microsoft.ML;

namespace DataCenterTools.Core.Training;

/// <summary>The formats Export-Model writes.</summary>
public enum ModelExportFormat
{
    /// <summary>ONNX (Open Neural Network Exchange), through Microsoft.ML.OnnxConverter, for ONNX Runtime and other servers.</summary>
    Onnx,
}

/// <summary>One input the exported ONNX graph expects: the name, the element type and the Dataset column it comes from.</summary>
public sealed record OnnxInput(string Name, string ElementType, string SourceColumn);

/// <summary>
/// Writes a trained ML.NET pipeline as an ONNX graph with ML.NET's own converter (Microsoft.ML.OnnxConverter). The graph's
/// inputs are the columns the pipeline reads: one [N, 1] tensor per feature (float for numbers and booleans, string for
/// categories; a DateTime feature arrives as its parts, e.g. timestamp.Hour); its outputs are ML.NET's (Score.output,
/// PredictedLabel.output, Probability.output). What the converter cannot express is refused with an error that says why:
/// a recommender (matrix factorization written in this project) and the TF-IDF text path (featurized outside the pipeline).
/// </summary>
public static class OnnxExport
{
    public static IReadOnlyList<OnnxInput> Save(TrainedModel model, string path, bool overwrite)
    {
        CheckSupported(model);
        var view = ModelInputs.BuildView(EmptyInput(model), model.Features, null, model.Task, model.Classes, model.TextVocabularies);
        var buffer = new MemoryStream();
        try
        {
            model.Context.Model.ConvertToOnnx(model.Transformer, view, buffer);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or NotImplementedException)
        {
            throw new DataException("OnnxNotSupported", DataErrorKind.NotSupported,
                $"ML.NET's ONNX converter cannot export this {model.Trainer} pipeline: {e.Message.Split('\n')[0].Trim()}",
                "Train with a trainer and features the converter supports (LightGbm, FastTree, FastForest, Sdca, Lbfgs on numeric, boolean and categorical features), or keep the ML.NET model (Save-Model).", inner: e);
        }
        using var file = AtomicFile.Create(path, overwrite);
        buffer.Position = 0;
        buffer.CopyTo(file.Stream);
        file.Commit();
        return view.Schema.Select(c => new OnnxInput(c.Name, c.Type.RawType == typeof(ReadOnlyMemory<char>) ? "string" : "float", ViewSourceColumn(model, c.Name))).ToArray();
    }

    /// <summary>Refuses, before any work, what the converter cannot express.</summary>
    public static void CheckSupported(TrainedModel model)
    {
        if (model.Recommender != null)
            throw new DataException("OnnxNotSupported", DataErrorKind.NotSupported,
                $"The {model.Trainer} recommender is a matrix factorization computed by DataCenterTools, not an ML.NET pipeline, so ML.NET's ONNX converter cannot export it.",
                "Keep it as a model file (Save-Model), or export its recommendations (Get-DataRecommendation | Export-Dataset).");
        var text = model.Features.FirstOrDefault(f => f.Kind is FeatureKind.TfIdf or FeatureKind.Text);
        if (text != null)
            throw new DataException("OnnxNotSupported", DataErrorKind.NotSupported,
                $"The feature '{text.Name}' is free text; its TF-IDF vectors are computed outside the ML.NET pipeline, so the ONNX graph could not take the text itself.",
                "Export a model without text features, or keep the ML.NET model (Save-Model).");
    }

    private static string ViewSourceColumn(TrainedModel model, string viewColumn) =>
        model.Features.FirstOrDefault(f => ViewColumns.NamesFor(f).Contains(viewColumn))?.Name ?? viewColumn;

    /// <summary>A Dataset with no rows and the model's feature columns, so the converter sees the input schema.</summary>
    private static Dataset EmptyInput(TrainedModel model) => new("onnx-input", model.Features.Select(f => (Column)(f.Type switch
    {
        ColumnType.Int64 => new Int64Column(f.Name, []),
        ColumnType.Boolean => new BooleanColumn(f.Name, []),
        ColumnType.DateTime => new DateTimeColumn(f.Name, []),
        ColumnType.String => new StringColumn(f.Name, Array.Empty<string?>()),
        _ => new DoubleColumn(f.Name, []),
    })));
}
