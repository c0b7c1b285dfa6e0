using System.Diagnostics;
using System.Globalization;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataCenterTools.Core.Training;

public sealed class TrainingOptions
{
    public required string Label { get; init; }

    /// <summary>The feature columns; null uses every column but the label.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    public ModelTask Task { get; init; } = ModelTask.Auto;
    public TrainerKind Trainer { get; init; } = TrainerKind.Auto;

    /// <summary>The share of rows held out to measure the model (ignored with TestDataset or CrossValidationFolds).</summary>
    public double TestFraction { get; init; } = 0.2;

    public Dataset? TestDataset { get; init; }

    /// <summary>k for k-fold cross-validation; 0 for none.</summary>
    public int CrossValidationFolds { get; init; }

    /// <summary>The seed for splits, folds, trainers and permutations; null draws one (and reports it).</summary>
    public int? Seed { get; init; }

    /// <summary>With Trainer Auto: no new candidate starts after this much time (at least one always runs).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Compute permutation feature importance on the evaluation rows.</summary>
    public bool Explain { get; init; }
}

/// <summary>
/// Out-of-fold predicted probabilities: for labelled row i (index Rows[i] in the input), its given class
/// Given[i] (an index into Classes) and its probability of class c at Probabilities[i * Classes.Count + c].
/// </summary>
public sealed record OutOfFoldProbabilities(IReadOnlyList<string> Classes, int[] Rows, int[] Given, double[] Probabilities);

/// <summary>Progress of a training run: what it is doing and how far it is (0–100).</summary>
public sealed record TrainingProgress(string Activity, int Percent);

/// <summary>
/// Trains an ML.NET model on a Dataset: infers the task, encodes the features from the schema,
/// holds out rows (or a test dataset, or k folds) to measure it, tries trainers with -Trainer Auto,
/// and explains it with permutation importance. Cancel() stops it at ML.NET's next checkpoint.
/// </summary>
public sealed class ModelTrainer
{
    private readonly MLContext _ml;
    private readonly int _seed;
    private readonly CancellationTokenSource _cancel = new();
    private string? _labelName;
    private string _primaryMetric = "";

    public ModelTrainer(int? seed = null)
    {
        _seed = seed ?? Random.Shared.Next();
        _ml = new MLContext(_seed);
    }

    public int Seed => _seed;
    public event Action<TrainingProgress>? Progress;

    public void Cancel()
    {
        _cancel.Cancel();
        CancelExecution?.Invoke(_ml, null);
    }

    /// <summary>MLContext.CancelExecution is internal in ML.NET 5; it makes running trainers stop at their next checkpoint.</summary>
    internal static readonly System.Reflection.MethodInfo? CancelExecution =
        typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, Type.EmptyTypes);

    public TrainedModel Train(Dataset dataset, TrainingOptions options)
    {
        var clock = Stopwatch.StartNew();
        var labelColumn = ModelInputs.RequireLabel(dataset, options.Label);
        var featureNames = FeatureNames(dataset, options.Label, options.Features);

        // Rows without a label cannot teach anything.
        var data = WithLabel(dataset, labelColumn);
        labelColumn = data[options.Label];
        var classes = ModelInputs.DistinctLabels(labelColumn);
        if (classes.Count < 2)
            throw new DataException("LabelSingleClass", DataErrorKind.InvalidData,
                $"The label column '{options.Label}' has {classes.Count} distinct value(s) in {data.RowCount} labelled rows; a model needs at least two.", "Check the label column, or filter fewer rows out.", column: options.Label);
        var task = options.Task == ModelTask.Auto ? ModelInputs.InferTask(labelColumn, classes) : options.Task;
        if (task == ModelTask.BinaryClassification && classes.Count != 2)
            throw new DataException("LabelNotBinary", DataErrorKind.InvalidData,
                $"The label column '{options.Label}' has {classes.Count} classes; binary classification needs exactly two.", "Use -Task MulticlassClassification.", column: options.Label);
        var modelClasses = task == ModelTask.Regression ? null : classes;
        _labelName = options.Label;
        _primaryMetric = new ModelMetrics { Task = task, AreaUnderRocCurve = 0 }.PrimaryMetricName;
        var features = ModelInputs.PlanFeatures(data, featureNames);

        var candidates = Candidates(task, options.Trainer);
        var (train, test) = EvaluationSides(data, options);
        ReportProgress("Preparing", 0);

        TrainerCandidate best;
        ModelMetrics metrics;
        CrossValidationResult? cv = null;
        IReadOnlyList<LeaderboardEntry>? leaderboard = null;
        ITransformer final;
        string evaluation;
        if (options.CrossValidationFolds > 0)
        {
            var folds = FoldAssignment(data.RowCount, options.CrossValidationFolds);
            (best, leaderboard) = options.Trainer == TrainerKind.Auto
                ? Leaderboard(candidates, options.MaxTime, c => CrossValidate(data, features, task, modelClasses, c, folds).Folds.Average(f => f.PrimaryScore))
                : (candidates[0], null);
            cv = CrossValidate(data, features, task, modelClasses, best, folds);
            metrics = MeanMetrics(task, cv);
            final = Fit(data, features, task, modelClasses, best);
            evaluation = $"{options.CrossValidationFolds}-fold cross-validation";
        }
        else
        {
            (best, leaderboard) = options.Trainer == TrainerKind.Auto
                ? Leaderboard(candidates, options.MaxTime, c => Evaluate(Fit(train, features, task, modelClasses, c), test, features, task, modelClasses).PrimaryScore)
                : (candidates[0], null);
            final = Fit(train, features, task, modelClasses, best);
            metrics = Evaluate(final, test, features, task, modelClasses);
            evaluation = options.TestDataset != null ? $"test dataset '{options.TestDataset.Name}'" : $"hold-out {options.TestFraction.ToString("P0", CultureInfo.InvariantCulture)}";
        }

        IReadOnlyList<FeatureImportance>? importance = null;
        if (options.Explain)
        {
            ReportProgress("Permutation feature importance", 90);
            importance = PermutationImportance(final, options.CrossValidationFolds > 0 ? data : test, features, task, modelClasses);
        }
        ReportProgress("Done", 100);

        return new TrainedModel(_ml, final)
        {
            Task = task,
            Trainer = best.Kind.ToString(),
            Hyperparameters = best.Hyperparameters,
            Label = options.Label,
            LabelType = labelColumn.Type,
            Classes = modelClasses,
            Features = features,
            Metrics = metrics,
            Evaluation = evaluation,
            CrossValidation = cv,
            Leaderboard = leaderboard,
            FeatureImportance = importance,
            TrainingTime = clock.Elapsed,
            RowsUsed = options.CrossValidationFolds > 0 ? data.RowCount : train.RowCount,
            Seed = _seed,
            DatasetName = dataset.Name,
            Source = dataset.Source,
            Lineage = dataset.Lineage,
        };
    }

    /// <summary>
    /// Out-of-fold class probabilities for every labelled row: the rows are dealt into <paramref name="folds"/>
    /// seeded folds, a classifier is trained on the other folds and predicts the held-out one, so no row is
    /// scored by a model that saw its label. Rows without a label are left out (see <see cref="OutOfFoldProbabilities.Rows"/>).
    /// The trainer is an L-BFGS logistic regression (binary) or maximum-entropy model (multiclass): both give probabilities.
    /// </summary>
    public OutOfFoldProbabilities PredictOutOfFold(Dataset dataset, string label, IReadOnlyList<string>? features, int folds)
    {
        var labelColumn = ModelInputs.RequireLabel(dataset, label);
        var featureNames = FeatureNames(dataset, label, features);
        var labelled = Enumerable.Range(0, dataset.RowCount).Where(r => !labelColumn.IsNull(r)).ToArray();
        var data = Rows(dataset, labelled);
        var classes = ModelInputs.DistinctLabels(data[label]);
        if (classes.Count < 2)
            throw new DataException("LabelSingleClass", DataErrorKind.InvalidData,
                $"The label column '{label}' has {classes.Count} distinct value(s) in {data.RowCount} labelled rows; finding wrong labels needs at least two classes.", "Check the label column.", column: label);
        if (classes.Count > ModelInputs.MaxClasses * 5)
            throw new DataException("LabelNotCategorical", DataErrorKind.InvalidData,
                $"The label column '{label}' has {classes.Count} distinct values: it looks continuous, not a set of classes.", "Give a categorical label column.", column: label);
        if (folds < 2 || folds > data.RowCount)
            throw new DataException("FoldsOutOfRange", DataErrorKind.InvalidArgument,
                $"{folds} folds need between 2 and {data.RowCount} labelled rows.", "Give a smaller number of folds, e.g. 5.");
        var task = classes.Count == 2 ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification;
        var candidate = TrainerCatalog.Grid(task, task == ModelTask.BinaryClassification ? TrainerKind.LbfgsLogisticRegression : TrainerKind.LbfgsMaximumEntropy)[1];
        _labelName = label;
        var specs = ModelInputs.PlanFeatures(data, featureNames);
        var fold = FoldAssignment(data.RowCount, folds);
        var k = classes.Count;
        var probabilities = new double[data.RowCount * k];
        for (var f = 0; f < folds; f++)
        {
            ReportProgress($"Fold {f + 1} of {folds}", 100 * f / folds);
            var testRows = Enumerable.Range(0, data.RowCount).Where(r => fold[r] == f).ToArray();
            var model = Fit(Rows(data, Enumerable.Range(0, data.RowCount).Where(r => fold[r] != f).ToArray()), specs, task, classes, candidate);
            var scored = model.Transform(ModelInputs.BuildView(Rows(data, testRows), specs, null, task, classes));
            if (task == ModelTask.BinaryClassification)
            {
                var positive = scored.GetColumn<float>("Probability").ToArray();
                for (var i = 0; i < testRows.Length; i++)
                {
                    probabilities[testRows[i] * k + 1] = positive[i];
                    probabilities[testRows[i] * k] = 1 - positive[i];
                }
            }
            else
            {
                var scores = ModelScoring.Vectors(scored, "Score");
                for (var i = 0; i < testRows.Length; i++)
                    for (var c = 0; c < k; c++) probabilities[testRows[i] * k + c] = scores[i][c];
            }
        }
        ReportProgress("Done", 100);
        return new OutOfFoldProbabilities(classes, labelled, ModelInputs.ClassIndexes(data[label], classes), probabilities);
    }

    /// <summary>The metrics of <paramref name="model"/> on labelled rows it has not seen.</summary>
    public static ModelMetrics Test(TrainedModel model, Dataset labelled)
    {
        var label = ModelInputs.RequireLabel(labelled, model.Label);
        var data = WithLabel(labelled, label);
        var view = ModelInputs.BuildView(data, model.Features, model.Label, model.Task, model.Classes);
        return ModelScoring.Evaluate(model.Transformer, view, model.Task, model.Classes);
    }

    /// <summary>The feature columns: those given, or every column but the label; never the label, never none.</summary>
    private static string[] FeatureNames(Dataset dataset, string label, IReadOnlyList<string>? features)
    {
        var names = features?.ToArray() ?? dataset.Schema.Select(c => c.Name).Where(n => n != label).ToArray();
        if (names.Contains(label))
            throw new DataException("LabelIsFeature", DataErrorKind.InvalidArgument, $"The label '{label}' is also listed as a feature.", "Leave the label out of -Feature.", column: label);
        if (names.Length == 0)
            throw new DataException("NoFeatures", DataErrorKind.InvalidArgument, "There are no feature columns.", "Give the columns to learn from with -Feature.");
        return names;
    }

    private static Dataset WithLabel(Dataset dataset, Column label)
    {
        if (label.NullCount == 0) return dataset;
        var rows = Enumerable.Range(0, dataset.RowCount).Where(r => !label.IsNull(r)).ToArray();
        return new Dataset(dataset.Name, dataset.Columns.Select(c => c.Take(rows)), dataset.Source, dataset.Lineage);
    }

    private static IReadOnlyList<TrainerCandidate> Candidates(ModelTask task, TrainerKind trainer)
    {
        var suitable = TrainerCatalog.Suitable(task);
        if (trainer == TrainerKind.Auto) return suitable.SelectMany(k => TrainerCatalog.Grid(task, k)).ToArray();
        if (!suitable.Contains(trainer))
            throw new DataException("TrainerNotSuitable", DataErrorKind.InvalidArgument,
                $"The trainer {trainer} does not do {task}.", $"Use one of: {string.Join(", ", suitable)}, or -Trainer Auto.");
        return TrainerCatalog.Grid(task, trainer).Take(1).ToArray();
    }

    private (Dataset Train, Dataset Test) EvaluationSides(Dataset data, TrainingOptions options)
    {
        if (options.CrossValidationFolds > 0)
        {
            if (options.CrossValidationFolds < 2 || options.CrossValidationFolds > data.RowCount)
                throw new DataException("FoldsOutOfRange", DataErrorKind.InvalidArgument,
                    $"-CrossValidation {options.CrossValidationFolds} needs between 2 and {data.RowCount} folds for {data.RowCount} rows.", "Give a smaller number of folds, e.g. 5.");
            return (data, data);
        }
        if (options.TestDataset != null)
        {
            var test = WithLabel(options.TestDataset, ModelInputs.RequireLabel(options.TestDataset, options.Label));
            if (test.RowCount == 0) throw EmptySide("test dataset");
            return (data, test);
        }
        if (data.RowCount < 2) throw EmptySide("training or test side");
        var split = DatasetSplitter.Split(data, new DatasetSplitOptions { TrainFraction = 1 - options.TestFraction, Seed = _seed });
        if (split.Train.RowCount == 0) throw EmptySide("training side");
        if (split.Test.RowCount == 0) throw EmptySide("test side");
        return (split.Train, split.Test);
    }

    private static DataException EmptySide(string side) => new("EmptySplit", DataErrorKind.InvalidData,
        $"The {side} has no labelled rows.", "Give more labelled rows, or change -TestFraction.");

    private ITransformer Fit(Dataset train, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes, TrainerCandidate candidate)
    {
        _cancel.Token.ThrowIfCancellationRequested();
        if (task != ModelTask.Regression && ModelInputs.ClassIndexes(train[_labelName!], classes!).Distinct().Count() < 2)
            throw new DataException("LabelSingleClass", DataErrorKind.InvalidData, "The training rows hold a single class; a classifier needs at least two.", "Give more labelled rows, or change the seed or -TestFraction.");
        var view = ModelInputs.BuildView(train, features, _labelName!, task, classes);
        var pipeline = ModelInputs.Featurizer(_ml, features, train, candidate.NeedsNormalization).Append(candidate.Create(_ml));
        return pipeline.Fit(view);
    }

    private static ModelMetrics Evaluate(ITransformer model, Dataset test, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes, string label) =>
        ModelScoring.Evaluate(model, ModelInputs.BuildView(test, features, label, task, classes), task, classes);

    private ModelMetrics Evaluate(ITransformer model, Dataset test, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes) =>
        Evaluate(model, test, features, task, classes, _labelName!);

    private (TrainerCandidate, IReadOnlyList<LeaderboardEntry>) Leaderboard(IReadOnlyList<TrainerCandidate> candidates, TimeSpan maxTime, Func<TrainerCandidate, double> score)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<(TrainerCandidate Candidate, double Score, TimeSpan Time)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (results.Count > 0 && clock.Elapsed > maxTime) break;
            ReportProgress($"Trying {candidates[i].Kind} ({candidates[i].Hyperparameters})", 80 * i / candidates.Count);
            var started = clock.Elapsed;
            var s = score(candidates[i]);
            results.Add((candidates[i], double.IsNaN(s) ? double.NegativeInfinity : s, clock.Elapsed - started));
        }
        var ranked = results.OrderByDescending(r => r.Score).ToArray();
        var metric = _primaryMetric;
        return (ranked[0].Candidate, ranked.Select((r, i) => new LeaderboardEntry(i + 1, r.Candidate.Kind.ToString(), r.Candidate.Hyperparameters, metric, r.Score, r.Time)).ToArray());
    }

    private int[] FoldAssignment(int rows, int k)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new SplitMix64((ulong)_seed).Shuffle(order.AsSpan());
        var fold = new int[rows];
        for (var i = 0; i < rows; i++) fold[order[i]] = i % k;
        return fold;
    }

    private CrossValidationResult CrossValidate(Dataset data, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes, TrainerCandidate candidate, int[] folds)
    {
        var k = folds.Max() + 1;
        var results = new List<ModelMetrics>();
        for (var f = 0; f < k; f++)
        {
            ReportProgress($"Fold {f + 1} of {k}: {candidate.Kind}", 80 * f / k);
            var trainRows = Enumerable.Range(0, data.RowCount).Where(r => folds[r] != f).ToArray();
            var testRows = Enumerable.Range(0, data.RowCount).Where(r => folds[r] == f).ToArray();
            var model = Fit(Rows(data, trainRows), features, task, classes, candidate);
            results.Add(Evaluate(model, Rows(data, testRows), features, task, classes));
        }
        return new CrossValidationResult(results);
    }

    private static Dataset Rows(Dataset data, int[] rows) => new(data.Name, data.Columns.Select(c => c.Take(rows)), data.Source, data.Lineage);

    private static ModelMetrics MeanMetrics(ModelTask task, CrossValidationResult cv)
    {
        double? M(string name) => cv.Mean.TryGetValue(name, out var v) ? v : null;
        return new ModelMetrics
        {
            Task = task,
            Rows = cv.Folds.Sum(f => f.Rows),
            RootMeanSquaredError = M(nameof(ModelMetrics.RootMeanSquaredError)),
            MeanSquaredError = M(nameof(ModelMetrics.MeanSquaredError)),
            MeanAbsoluteError = M(nameof(ModelMetrics.MeanAbsoluteError)),
            RSquared = M(nameof(ModelMetrics.RSquared)),
            Accuracy = M(nameof(ModelMetrics.Accuracy)),
            AreaUnderRocCurve = M(nameof(ModelMetrics.AreaUnderRocCurve)),
            AreaUnderPrecisionRecallCurve = M(nameof(ModelMetrics.AreaUnderPrecisionRecallCurve)),
            F1Score = M(nameof(ModelMetrics.F1Score)),
            Precision = M(nameof(ModelMetrics.Precision)),
            Recall = M(nameof(ModelMetrics.Recall)),
            LogLoss = M(nameof(ModelMetrics.LogLoss)),
            MicroAccuracy = M(nameof(ModelMetrics.MicroAccuracy)),
            MacroAccuracy = M(nameof(ModelMetrics.MacroAccuracy)),
        };
    }

    /// <summary>For each feature column, the drop in the primary metric when its rows are shuffled (seeded).</summary>
    private IReadOnlyList<FeatureImportance> PermutationImportance(ITransformer model, Dataset rows, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes)
    {
        var view = ModelInputs.BuildView(rows, features, _labelName, task, classes);
        var baseline = ModelScoring.Evaluate(model, view, task, classes);
        var result = new List<FeatureImportance>();
        var rng = new SplitMix64((ulong)_seed ^ 0x9E3779B97F4A7C15UL);
        foreach (var f in features)
        {
            _cancel.Token.ThrowIfCancellationRequested();
            var permutation = Enumerable.Range(0, rows.RowCount).ToArray();
            rng.Shuffle(permutation.AsSpan());
            var permuted = ModelScoring.Evaluate(model, view.WithPermutedColumn(f.Name, permutation), task, classes);
            result.Add(new FeatureImportance(f.Name, baseline.PrimaryScore - permuted.PrimaryScore, baseline.PrimaryMetricName));
        }
        return result.OrderByDescending(r => r.Importance).ToArray();
    }

    private void ReportProgress(string activity, int percent) => Progress?.Invoke(new TrainingProgress(activity, percent));
}
