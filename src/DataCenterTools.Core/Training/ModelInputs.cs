using System.Globalization;
using DataCenterTools.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataCenterTools.Core.Training;

/// <summary>The rows of a Dataset as rows of a tokenized text corpus: row r of the Dataset is row Rows[r] of Corpus.</summary>
internal sealed record CorpusRows(TfIdfCorpus Corpus, int[] Rows);

/// <summary>
/// Turns Datasets into the IDataViews a model reads: checks the feature columns (present, right type),
/// plans how each feature is encoded, and builds the label column for the task.
/// </summary>
internal static class ModelInputs
{
    /// <summary>Strings with at most this many distinct values are one-hot encoded; more are hashed.</summary>
    public const int OneHotMaxDistinct = 100;

    /// <summary>Labels with at most this many classes (strings or small integers) make a multiclass task.</summary>
    public const int MaxClasses = 20;

    public static string LabelText(Column column, int row) => column switch
    {
        StringColumn s => s[row] ?? "",
        Int64Column l => l[row].ToString(CultureInfo.InvariantCulture),
        DoubleColumn d => d[row].ToString("R", CultureInfo.InvariantCulture),
        BooleanColumn b => b[row] ? "True" : "False",
        _ => column.GetValue(row)?.ToString() ?? "",
    };

    public static Column RequireLabel(Dataset dataset, string label)
    {
        if (!dataset.TryGetColumn(label, out var column))
            throw new DataException("LabelNotFound", DataErrorKind.ObjectNotFound,
                $"The dataset '{dataset.Name}' has no label column '{label}'.", $"Give one of its columns to {{option:Label}}: {string.Join(", ", dataset.Schema.Select(c => c.Name))}.", column: label);
        if (column.Type == ColumnType.DateTime)
            throw new DataException("LabelTypeNotSupported", DataErrorKind.InvalidArgument,
                $"The label column '{label}' is DateTime; a model predicts numbers, booleans or classes.", "Choose a numeric, boolean or string label.", column: label);
        return column;
    }

    /// <summary>Boolean or two distinct values: binary; strings or integers with ≤ 20 classes: multiclass; else regression.</summary>
    public static ModelTask InferTask(Column label, IReadOnlyList<string> distinct)
    {
        if (label.Type == ColumnType.Boolean || distinct.Count == 2) return ModelTask.BinaryClassification;
        if (label.Type == ColumnType.String || (label.Type == ColumnType.Int64 && distinct.Count <= MaxClasses)) return ModelTask.MulticlassClassification;
        return ModelTask.Regression;
    }

    /// <summary>The label's distinct values as text, in ordinal order (the model's class order).</summary>
    public static IReadOnlyList<string> DistinctLabels(Column label)
    {
        if (label is BooleanColumn) return ["False", "True"];
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < label.Length; r++)
            if (!label.IsNull(r)) set.Add(LabelText(label, r));
        if (label.Type is ColumnType.Int64 or ColumnType.Double)
            return set.OrderBy(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return set.OrderBy(s => s, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Chooses how each feature is encoded from its type and, for strings, its values; DateTime features into <paramref name="dateParts"/> (null: the default parts).</summary>
    public static IReadOnlyList<FeatureSpec> PlanFeatures(Dataset dataset, IReadOnlyList<string> names, IReadOnlyList<DatePart>? dateParts = null)
    {
        if (dateParts is { Count: 0 })
            throw new DataException("DatePartsEmpty", DataErrorKind.InvalidArgument, "{option:DateParts} names no part.", $"Give one or more of: {string.Join(", ", Enum.GetNames<DatePart>())}.");
        var specs = new List<FeatureSpec>();
        foreach (var name in names)
        {
            var column = RequireFeature(dataset, name, null);
            if (column.NullCount == column.Length)
                throw new DataException("AllMissingFeature", DataErrorKind.InvalidData,
                    $"The feature column '{name}' has no values: every row is missing.", "Leave it out of {option:Feature}, or fill it first (Invoke-DataCleaning).", column: name);
            var kind = column.Type switch
            {
                ColumnType.DateTime => FeatureKind.DateTimeParts,
                ColumnType.String => StringKind((StringColumn)column),
                _ => FeatureKind.Numeric,
            };
            specs.Add(new FeatureSpec(name, column.Type, kind, kind == FeatureKind.DateTimeParts ? dateParts?.Distinct().ToArray() : null));
        }
        return specs;
    }

    /// <summary>Free text has several words per value on average; otherwise few distinct values one-hot, many hashed.</summary>
    private static FeatureKind StringKind(StringColumn column)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        long words = 0, values = 0;
        for (var r = 0; r < column.Length; r++)
        {
            var v = column[r];
            if (v == null) continue;
            values++;
            words += v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            distinct.Add(v);
        }
        if (words == 0)
            throw new DataException("EmptyTextFeature", DataErrorKind.InvalidData,
                $"The feature column '{column.Name}' is empty or blank in every row, so there is nothing to learn from it.",
                "Leave it out of {option:Feature}, or check the import (a wrong delimiter or column).", column: column.Name);
        if (values > 0 && (double)words / values >= 3) return FeatureKind.TfIdf;
        return distinct.Count <= OneHotMaxDistinct ? FeatureKind.OneHot : FeatureKind.Hashed;
    }

    public static Column RequireFeature(Dataset dataset, string name, ColumnType? expected)
    {
        if (!dataset.TryGetColumn(name, out var column))
            throw new DataException("FeatureNotFound", DataErrorKind.InvalidData,
                $"The dataset '{dataset.Name}' has no column '{name}', which the model uses as a feature.",
                "Give a dataset with every feature column the model was trained on (see the model's Features).", column: name);
        if (expected is { } type && column.Type != type)
            throw new DataException("FeatureTypeMismatch", DataErrorKind.InvalidData,
                $"The feature column '{name}' is {column.Type} here but was {type} when the model was trained.",
                "Convert the column to the training type first (Invoke-DataCleaning -ConvertType).", column: name);
        return column;
    }

    /// <summary>
    /// The view a model reads: the feature columns (free text as its TF-IDF vector from <paramref name="text"/>), and the
    /// label as the task needs it when a label is given.
    /// </summary>
    public static DatasetDataView BuildView(Dataset dataset, IReadOnlyList<FeatureSpec> features, string? label, ModelTask task, IReadOnlyList<string>? classes,
        IReadOnlyDictionary<string, TfIdfVocabulary>? text = null, IReadOnlyDictionary<string, CorpusRows>? corpusRows = null)
    {
        var columns = new List<ViewColumn>();
        foreach (var f in features)
        {
            var column = RequireFeature(dataset, f.Name, f.Type);
            if (f.Kind == FeatureKind.TfIdf)
            {
                if (text == null || !text.TryGetValue(f.Name, out var vocabulary))
                    throw new InvalidOperationException($"The TF-IDF feature '{f.Name}' has no fitted vocabulary.");
                // Rows of the tokenized corpus the vocabulary came from are vectorized from their term ids; any other text from its characters.
                columns.Add(corpusRows != null && corpusRows.TryGetValue(f.Name, out var corpus) && vocabulary.Knows(corpus.Corpus)
                    ? ViewColumns.TfIdf(TfIdfColumn(f.Name), f.Name, corpus.Corpus, corpus.Rows, vocabulary)
                    : ViewColumns.TfIdf(TfIdfColumn(f.Name), (StringColumn)column, vocabulary));
            }
            else columns.AddRange(ViewColumns.ForFeature(column, f.PartsOrDefault));
        }
        if (label != null) columns.Add(LabelColumn(dataset[label], task, classes));
        return new DatasetDataView(dataset.RowCount, columns);
    }

    /// <summary>The name of a text feature's TF-IDF vector column.</summary>
    public static string TfIdfColumn(string feature) => feature + ".TfIdf";

    /// <summary>The class index of each row's label (-1 for a class the model does not know).</summary>
    public static int[] ClassIndexes(Column label, IReadOnlyList<string> classes)
    {
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var result = new int[label.Length];
        for (var r = 0; r < result.Length; r++) result[r] = index.GetValueOrDefault(LabelText(label, r), -1);
        return result;
    }

    private static ViewColumn LabelColumn(Column label, ModelTask task, IReadOnlyList<string>? classes)
    {
        const string name = "Label";
        switch (task)
        {
            case ModelTask.Regression:
                return label switch
                {
                    DoubleColumn d => new ViewColumn<float>(name, NumberDataViewType.Single, label.Name, r => (float)d[r]),
                    Int64Column l => new ViewColumn<float>(name, NumberDataViewType.Single, label.Name, r => l[r]),
                    BooleanColumn b => new ViewColumn<float>(name, NumberDataViewType.Single, label.Name, r => b[r] ? 1 : 0),
                    _ => throw new DataException("LabelTypeNotSupported", DataErrorKind.InvalidArgument,
                        $"The label column '{label.Name}' is {label.Type}; regression needs a numeric label.", "Use {option:Task} MulticlassClassification, or a numeric label.", column: label.Name),
                };
            case ModelTask.BinaryClassification:
            {
                var idx = ClassIndexes(label, classes!);
                return new ViewColumn<bool>(name, BooleanDataViewType.Instance, label.Name, r => idx[r] == 1);
            }
            default:
            {
                // A key (1-based class index; 0 = a class the model never saw), so no value-to-key mapping must travel with the model.
                var idx = ClassIndexes(label, classes!);
                return new ViewColumn<uint>(name, new KeyDataViewType(typeof(uint), classes!.Count), label.Name, r => (uint)(idx[r] + 1));
            }
        }
    }

    /// <summary>
    /// The featurizer for the planned features: missing-value indicators, one-hot, hashing, ML.NET text, DateTime parts,
    /// then one Features vector. With <paramref name="normalize"/> the dense part is min-max scaled; TF-IDF vectors are
    /// already L2-normalised and are left as they are (scaling each term by its maximum would undo the idf).
    /// </summary>
    public static IEstimator<ITransformer> Featurizer(MLContext ml, IReadOnlyList<FeatureSpec> features, Dataset train, bool normalize)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        var outputs = new List<string>();
        var sparse = new List<string>();
        foreach (var f in features)
        {
            switch (f.Kind)
            {
                case FeatureKind.Numeric or FeatureKind.DateTimeParts:
                    foreach (var n in ViewColumns.NamesFor(f))
                    {
                        if (train[f.Name].NullCount > 0)
                        {
                            chain = chain.Append(ml.Transforms.IndicateMissingValues(n + ".Missing", n))
                                .Append(ml.Transforms.Conversion.ConvertType(n + ".Missing", outputKind: DataKind.Single));
                            outputs.Add(n + ".Missing");
                        }
                        chain = chain.Append(ml.Transforms.ReplaceMissingValues(n, replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean));
                        outputs.Add(n);
                    }
                    break;
                case FeatureKind.OneHot:
                    chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding(f.Name + ".OneHot", f.Name));
                    outputs.Add(f.Name + ".OneHot");
                    break;
                case FeatureKind.Hashed:
                    chain = chain.Append(ml.Transforms.Categorical.OneHotHashEncoding(f.Name + ".Hash", f.Name, numberOfBits: 10));
                    outputs.Add(f.Name + ".Hash");
                    break;
                case FeatureKind.Text:
                    chain = chain.Append(ml.Transforms.Text.FeaturizeText(f.Name + ".Text", f.Name));
                    outputs.Add(f.Name + ".Text");
                    break;
                case FeatureKind.TfIdf:
                    sparse.Add(TfIdfColumn(f.Name));
                    break;
            }
        }
        if (sparse.Count == 0)
        {
            chain = chain.Append(ml.Transforms.Concatenate("Features", outputs.ToArray()));
            if (normalize) chain = chain.Append(ml.Transforms.NormalizeMinMax("Features"));
            return chain;
        }
        if (outputs.Count > 0)
        {
            chain = chain.Append(ml.Transforms.Concatenate("Features.Dense", outputs.ToArray()));
            if (normalize) chain = chain.Append(ml.Transforms.NormalizeMinMax("Features.Dense"));
            sparse.Insert(0, "Features.Dense");
        }
        return chain.Append(ml.Transforms.Concatenate("Features", sparse.ToArray()));
    }
}
