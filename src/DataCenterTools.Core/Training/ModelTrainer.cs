using System.Diagnostics;
using System.Globalization;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataCenterTools.Core.Training;

public sealed record TrainingOptions
{
    /// <summary>The column to predict; with Task Recommendation the rating (optional with implicit feedback).</summary>
    public required string Label { get; init; }

    /// <summary>The feature columns; null uses every column but the label.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    public ModelTask Task { get; init; } = ModelTask.Auto;

    /// <summary>The trainer; null: the text fast path when a feature is free text (<see cref="TrainerCatalog.TextDefault"/>), else Auto.</summary>
    public TrainerKind? Trainer { get; init; }

    /// <summary>The share of rows held out to measure the model (ignored with TestDataset or CrossValidationFolds).</summary>
    public double TestFraction { get; init; } = 0.2;

    public Dataset? TestDataset { get; init; }

    /// <summary>k for k-fold cross-validation; 0 for none.</summary>
    public int CrossValidationFolds { get; init; }

    /// <summary>The seed for splits, folds, trainers and permutations; null draws one (and reports it).</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// With Trainer Auto: no candidate starts that is expected to end after this much time (at least one always runs).
    /// Null: 5 minutes, or with a free-text feature <see cref="TextMaxTime"/>.
    /// </summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Compute permutation feature importance on the evaluation rows, and the metric without each feature.</summary>
    public bool Explain { get; init; }

    /// <summary>The parts DateTime features are encoded as; null: hour, day of week, day of month, month.</summary>
    public IReadOnlyList<DatePart>? DateParts { get; init; }

    /// <summary>Hyperparameters of the chosen trainer by the name of its ML.NET option (validated; needs a trainer other than Auto).</summary>
    public IReadOnlyDictionary<string, object?>? TrainerOptions { get; init; }

    /// <summary>How free-text features are featurized (n-gram ranges, weighting); null: the defaults of <see cref="TfIdfOptions"/>.</summary>
    public TfIdfOptions? Text { get; init; }

    /// <summary>Cross-validate on the folds this integer column gives (one fold per distinct value) instead of drawing them.</summary>
    public string? FoldColumn { get; init; }

    /// <summary>Task Recommendation: the user id and item id columns and the factorization's options.</summary>
    public string? User { get; init; }
    public string? Item { get; init; }
    public RecommenderOptions? Recommender { get; init; }

    /// <summary>The default -MaxTime with a free-text feature: 3 seconds per 10,000 rows, at least 2 seconds.</summary>
    public static TimeSpan TextMaxTime(int rows) => TimeSpan.FromSeconds(Math.Max(2, 3.0 * rows / 10_000));
}

/// <summary>A fitted pipeline: the ML.NET transformer and the TF-IDF vocabularies its view needs.</summary>
internal sealed record FittedPipeline(ITransformer Transformer, IReadOnlyDictionary<string, TfIdfVocabulary> Text);

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
/// and explains it with permutation importance. Task Recommendation trains a matrix factorization instead
/// (<see cref="RecommenderTraining"/>). Cancel() stops it at ML.NET's next checkpoint.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A CancellationTokenSource with no timer, no linked tokens and no WaitHandle holds nothing Dispose would free.")]
public sealed class ModelTrainer
{
    private readonly MLContext _ml;
    private readonly int _seed;
    private readonly CancellationTokenSource _cancel = new();
    private string? _labelName;
    private string _primaryMetric = "";
    private TfIdfOptions _text = new();

    /// <summary>With cross-validation: each text feature of the labelled rows, tokenized once for every fold and candidate.</summary>
    private readonly Dictionary<string, TfIdfCorpus> _corpora = new(StringComparer.Ordinal);

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
        if (options.Task == ModelTask.Recommendation) return TrainRecommender(dataset, options);
        if (options.User != null || options.Item != null || options.Recommender != null)
            throw new DataException("RecommenderOptionWithoutTask", DataErrorKind.InvalidArgument,
                "{option:User}, {option:Item}, {option:Factors}, {option:Epochs}, {option:Regularization}, {option:LearningRate} and {option:Implicit} are options of a recommender.", "Add {option:Task} Recommendation, or leave them out.");
        if (string.IsNullOrEmpty(options.Label))
            throw new DataException("LabelRequired", DataErrorKind.InvalidArgument, "Start-ModelTraining needs the column to predict (-Label).",
                $"Give {{option:Label}} <column>: one of {string.Join(", ", dataset.Schema.Select(c => c.Name))}.");
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
                $"The label column '{options.Label}' has {classes.Count} classes; binary classification needs exactly two.", "Use {option:Task} MulticlassClassification.", column: options.Label);
        var modelClasses = task == ModelTask.Regression ? null : classes;
        _labelName = options.Label;
        _text = options.Text ?? new TfIdfOptions();
        _primaryMetric = new ModelMetrics { Task = task, AreaUnderRocCurve = 0 }.PrimaryMetricName;
        var features = ModelInputs.PlanFeatures(data, featureNames, options.DateParts);
        var text = features.Any(f => f.Kind == FeatureKind.TfIdf);

        // Not naming a trainer means the fast path for text, a search (Auto) for the rest.
        var trainer = options.Trainer ?? (text ? TrainerCatalog.TextDefault(task) : TrainerKind.Auto);
        var candidates = Candidates(task, trainer, text, options.TrainerOptions);
        var maxTime = options.MaxTime ?? (text ? TrainingOptions.TextMaxTime(data.RowCount) : TimeSpan.FromMinutes(5));
        var folds = options.CrossValidationFolds > 0 || options.FoldColumn != null ? Folds(data, options) : null;
        if (folds != null) Tokenize(data, features);
        var allRows = Enumerable.Range(0, data.RowCount).ToArray();
        var (train, test) = folds != null ? (data, data) : EvaluationSides(data, options);
        ReportProgress("Preparing", 0);

        TrainerCandidate best;
        ModelMetrics metrics;
        CrossValidationResult? cv = null;
        IReadOnlyList<LeaderboardEntry>? leaderboard = null;
        FittedPipeline final;
        string evaluation;
        Func<IReadOnlyList<FeatureSpec>, TrainerCandidate, double> score;
        if (folds != null)
        {
            // -Trainer Auto keeps each candidate's cross-validation, so the winner's is not computed twice.
            var tried = new Dictionary<TrainerCandidate, CrossValidationResult>(ReferenceEqualityComparer.Instance);
            score = (f, c) => CrossValidate(data, f, task, modelClasses, c, folds).Folds.Average(m => m.PrimaryScore);
            (best, leaderboard) = trainer == TrainerKind.Auto
                ? Leaderboard(candidates, maxTime, text, c => (tried[c] = CrossValidate(data, features, task, modelClasses, c, folds)).Folds.Average(m => m.PrimaryScore))
                : (candidates[0], null);
            cv = tried.TryGetValue(best, out var done) ? done : CrossValidate(data, features, task, modelClasses, best, folds);
            metrics = ModelMetrics.MeanOf(cv);
            ReportProgress($"Final model on all {data.RowCount:N0} rows: {best.Kind}", 85);
            final = Fit(data, features, task, modelClasses, best, allRows);
            evaluation = options.FoldColumn != null ? $"{folds.Max() + 1}-fold cross-validation by column '{options.FoldColumn}'" : $"{options.CrossValidationFolds}-fold cross-validation";
        }
        else
        {
            // -Trainer Auto keeps the best candidate's model and metrics, so the winner is not trained twice.
            (TrainerCandidate Candidate, FittedPipeline Model, ModelMetrics Metrics)? kept = null;
            score = (f, c) => Evaluate(Fit(train, f, task, modelClasses, c), test, f, task, modelClasses).PrimaryScore;
            (best, leaderboard) = trainer == TrainerKind.Auto
                ? Leaderboard(candidates, maxTime, text, c =>
                {
                    var model = Fit(train, features, task, modelClasses, c);
                    var m = Evaluate(model, test, features, task, modelClasses);
                    if (kept == null || m.PrimaryScore > kept.Value.Metrics.PrimaryScore) kept = (c, model, m);
                    return m.PrimaryScore;
                })
                : (candidates[0], null);
            if (kept is { } k && ReferenceEquals(k.Candidate, best)) (final, metrics) = (k.Model, k.Metrics);
            else
            {
                ReportProgress($"Training {best.Kind} ({best.Hyperparameters}) on {train.RowCount:N0} rows", 10);
                final = Fit(train, features, task, modelClasses, best);
                metrics = Evaluate(final, test, features, task, modelClasses);
            }
            evaluation = options.TestDataset != null ? $"test dataset '{options.TestDataset.Name}'" : $"hold-out {options.TestFraction.ToString("P0", CultureInfo.InvariantCulture)}";
        }

        IReadOnlyList<FeatureImportance>? importance = null;
        if (options.Explain)
        {
            ReportProgress("Permutation feature importance", 90);
            importance = PermutationImportance(final, folds != null ? data : test, features, task, modelClasses, folds != null ? allRows : null);
            if (features.Count > 1) importance = WithRemovalGains(importance, features, metrics.PrimaryScore, f => score(f, best));
        }
        ReportProgress("Done", 100);

        return new TrainedModel(_ml, final.Transformer)
        {
            Task = task,
            Trainer = best.Kind.ToString(),
            Hyperparameters = best.Hyperparameters,
            Label = options.Label,
            LabelType = labelColumn.Type,
            Classes = modelClasses,
            Features = features,
            TextVocabularies = final.Text,
            Metrics = metrics,
            Evaluation = evaluation,
            CrossValidation = cv,
            Leaderboard = leaderboard,
            FeatureImportance = importance,
            TrainingTime = clock.Elapsed,
            RowsUsed = folds != null ? data.RowCount : train.RowCount,
            SkippedRows = dataset.RowCount - data.RowCount,
            Seed = _seed,
            DatasetName = dataset.Name,
            Source = dataset.Source,
            Lineage = dataset.Lineage,
        };
    }

    private TrainedModel TrainRecommender(Dataset dataset, TrainingOptions options)
    {
        var recommender = options.Recommender ?? new RecommenderOptions();
        if (options.TrainerOptions is { Count: > 0 } given)
        {
            // -TrainerOption names the recommender's options as well (Factors, Epochs, Alpha, ...).
            var converted = OptionSetter.Convert(recommender, given, "the matrix-factorization recommender", "DataCenterTools.TrainerOption");
            recommender = recommender with { };
            foreach (var (name, value) in converted) OptionSetter.SetRaw(recommender, name, value);
        }
        if (options.Trainer is { } named && named != TrainerKind.Auto)
            throw new DataException("TrainerNotSuitable", DataErrorKind.InvalidArgument,
                $"The trainer {options.Trainer} does not do recommendation; {{option:Task}} Recommendation trains a matrix factorization.", "Leave {option:Trainer} out (choose the solver with {option:Solver}).");
        var training = new RecommenderTraining(_seed, p => Progress?.Invoke(p), _cancel.Token);
        return training.Train(dataset, new TrainingOptions
        {
            Label = options.Label, Task = options.Task, TestFraction = options.TestFraction, TestDataset = options.TestDataset,
            CrossValidationFolds = options.CrossValidationFolds, FoldColumn = options.FoldColumn, Seed = options.Seed,
            User = options.User, Item = options.Item, Recommender = recommender,
        }, rows => options.FoldColumn != null ? FoldsFromColumn(dataset, options.FoldColumn, rows) : FoldAssignment(rows.Length, options.CrossValidationFolds));
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
        _labelName = label;
        var specs = ModelInputs.PlanFeatures(data, featureNames);
        var text = specs.Any(f => f.Kind == FeatureKind.TfIdf);
        var candidate = TrainerCatalog.Grid(task, task == ModelTask.BinaryClassification ? TrainerKind.LbfgsLogisticRegression : TrainerKind.LbfgsMaximumEntropy, text)[text ? 0 : 1];
        var fold = FoldAssignment(data.RowCount, folds);
        _text = new TfIdfOptions();
        Tokenize(data, specs);
        var k = classes.Count;
        var probabilities = new double[data.RowCount * k];
        for (var f = 0; f < folds; f++)
        {
            ReportProgress($"Fold {f + 1} of {folds}", 100 * f / folds);
            var testRows = Enumerable.Range(0, data.RowCount).Where(r => fold[r] == f).ToArray();
            var trainRows = Enumerable.Range(0, data.RowCount).Where(r => fold[r] != f).ToArray();
            var model = Fit(Rows(data, trainRows), specs, task, classes, candidate, trainRows);
            var scored = model.Transformer.Transform(ModelInputs.BuildView(Rows(data, testRows), specs, null, task, classes, model.Text, CorpusRowsOf(testRows)));
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
        if (model.Recommender != null) return RecommenderTraining.Test(model, labelled);
        var label = ModelInputs.RequireLabel(labelled, model.Label);
        var data = WithLabel(labelled, label);
        var view = ModelInputs.BuildView(data, model.Features, model.Label, model.Task, model.Classes, model.TextVocabularies);
        return ModelScoring.Evaluate(model.Transformer, view, model.Task, model.Classes);
    }

    /// <summary>The feature columns: those given, or every column but the label; never the label, never none.</summary>
    private static string[] FeatureNames(Dataset dataset, string label, IReadOnlyList<string>? features)
    {
        var names = features?.ToArray() ?? dataset.Schema.Select(c => c.Name).Where(n => n != label).ToArray();
        if (names.Contains(label))
            throw new DataException("LabelIsFeature", DataErrorKind.InvalidArgument, $"The label '{label}' is also listed as a feature.", "Leave the label out of {option:Feature}.", column: label);
        if (names.Length == 0)
            throw new DataException("NoFeatures", DataErrorKind.InvalidArgument, "There are no feature columns.", "Give the columns to learn from with {option:Feature}.");
        return names;
    }

    private static Dataset WithLabel(Dataset dataset, Column label)
    {
        if (label.NullCount == 0) return dataset;
        var rows = Enumerable.Range(0, dataset.RowCount).Where(r => !label.IsNull(r)).ToArray();
        return new Dataset(dataset.Name, dataset.Columns.Select(c => c.Take(rows)), dataset.Source, dataset.Lineage);
    }

    private static IReadOnlyList<TrainerCandidate> Candidates(ModelTask task, TrainerKind trainer, bool text, IReadOnlyDictionary<string, object?>? trainerOptions)
    {
        var suitable = TrainerCatalog.Suitable(task);
        if (trainer == TrainerKind.Auto)
        {
            if (trainerOptions is { Count: > 0 })
                throw new DataException("TrainerOptionNeedsTrainer", DataErrorKind.InvalidArgument,
                    "{option:TrainerOptions} sets the options of one trainer, and {option:Trainer} Auto tries several.", $"Name the trainer with {{option:Trainer}} (one of: {string.Join(", ", suitable)}).");
            // The linear SVM gives no probabilities, which labeling and calibration need: only an explicit -Trainer LinearSvm uses it.
            var order = (text ? TrainerCatalog.SuitableForText(task) : suitable).Where(k => k != TrainerKind.LinearSvm);
            return order.SelectMany(k => TrainerCatalog.Grid(task, k, text)).ToArray();
        }
        if (!suitable.Contains(trainer))
            throw new DataException("TrainerNotSuitable", DataErrorKind.InvalidArgument,
                $"The trainer {trainer} does not do {task}.", $"Use one of: {string.Join(", ", suitable)}, or {{option:Trainer}} Auto.");
        var candidate = TrainerCatalog.Grid(task, trainer, text)[0];
        if (trainerOptions is { Count: > 0 }) candidate = candidate.With(TrainerCatalog.CheckOptions(task, trainer, trainerOptions));
        // Made once here so that ML.NET's own checks of the option values fail before any training.
        TrainerCatalog.Create(new MLContext(0), task, candidate.Kind, candidate.Settings);
        return [candidate];
    }

    private (Dataset Train, Dataset Test) EvaluationSides(Dataset data, TrainingOptions options)
    {
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
        $"The {side} has no labelled rows.", "Give more labelled rows, or change {option:TestFraction}.");

    /// <summary>Each row's fold: drawn (seeded) for -CrossValidation, or read from -FoldColumn.</summary>
    private int[] Folds(Dataset data, TrainingOptions options)
    {
        if (options.FoldColumn != null) return FoldsFromColumn(data, options.FoldColumn, Enumerable.Range(0, data.RowCount).ToArray());
        if (options.CrossValidationFolds < 2 || options.CrossValidationFolds > data.RowCount)
            throw new DataException("FoldsOutOfRange", DataErrorKind.InvalidArgument,
                $"{{option:CrossValidationFolds}} {options.CrossValidationFolds} needs between 2 and {data.RowCount} folds for {data.RowCount} rows.", "Give a smaller number of folds, e.g. 5.");
        return FoldAssignment(data.RowCount, options.CrossValidationFolds);
    }

    /// <summary>Folds from an integer column, for the given rows: its distinct values in ascending order are folds 0, 1, ...</summary>
    private static int[] FoldsFromColumn(Dataset data, string name, int[] rows)
    {
        var column = FeatureColumns.Require(data, name, "{option:FoldColumn}");
        if (column is not Int64Column ints)
            throw new DataException("FoldColumnNotInteger", DataErrorKind.InvalidArgument,
                $"The fold column '{name}' is {column.Type}; it must hold whole numbers (0, 1, ... k-1).", "Give an Int64 column with one fold number per row.", column: name);
        foreach (var r in rows)
            if (ints.IsNull(r))
                throw new DataException("FoldColumnMissing", DataErrorKind.InvalidData, $"Row {r + 1} has no fold in column '{name}'.", "Give every row a fold number.", line: r + 1, column: name);
        var distinct = rows.Select(r => ints[r]).Distinct().Order().ToArray();
        if (distinct.Length < 2)
            throw new DataException("FoldsOutOfRange", DataErrorKind.InvalidArgument, $"The fold column '{name}' holds {distinct.Length} fold(s); cross-validation needs at least two.", "Give at least two fold numbers.", column: name);
        var index = distinct.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        return rows.Select(r => index[ints[r]]).ToArray();
    }

    /// <summary>Tokenizes each text feature of <paramref name="data"/> once, for the folds (see <see cref="TfIdfCorpus"/>).</summary>
    private void Tokenize(Dataset data, IReadOnlyList<FeatureSpec> features)
    {
        _corpora.Clear();
        foreach (var f in features.Where(f => f.Kind == FeatureKind.TfIdf))
        {
            ReportProgress($"Tokenizing '{f.Name}'", 0);
            _corpora[f.Name] = TfIdfCorpus.Build((StringColumn)data[f.Name], _text, _cancel.Token);
        }
    }

    /// <summary>Rows of the labelled data as rows of each tokenized text feature; null without cross-validation or rows.</summary>
    private Dictionary<string, CorpusRows>? CorpusRowsOf(int[]? rows) =>
        rows == null || _corpora.Count == 0 ? null : _corpora.ToDictionary(c => c.Key, c => new CorpusRows(c.Value, rows));

    /// <summary>
    /// Fits the featurizer and trainer on <paramref name="train"/>; <paramref name="rows"/>, when given, are its rows in the
    /// labelled data (a fold), so its text is vectorized from the corpus tokenized once.
    /// </summary>
    private FittedPipeline Fit(Dataset train, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes, TrainerCandidate candidate, int[]? rows = null)
    {
        _cancel.Token.ThrowIfCancellationRequested();
        if (task != ModelTask.Regression && ModelInputs.ClassIndexes(train[_labelName!], classes!).Distinct().Count() < 2)
            throw new DataException("LabelSingleClass", DataErrorKind.InvalidData, "The training rows hold a single class; a classifier needs at least two.", "Give more labelled rows, or change the seed or {option:TestFraction}.");
        // The TF-IDF vocabularies are fitted on the training rows only, so a held-out row's words never leak into the idf.
        var text = new Dictionary<string, TfIdfVocabulary>(StringComparer.Ordinal);
        var corpusRows = new Dictionary<string, CorpusRows>(StringComparer.Ordinal);
        foreach (var f in features.Where(f => f.Kind == FeatureKind.TfIdf))
        {
            var corpus = rows != null && _corpora.TryGetValue(f.Name, out var shared)
                ? new CorpusRows(shared, rows)
                : new CorpusRows(TfIdfCorpus.Build((StringColumn)train[f.Name], _text, _cancel.Token), Enumerable.Range(0, train.RowCount).ToArray());
            corpusRows[f.Name] = corpus;
            var vocabulary = TfIdfVocabulary.Fit(corpus.Corpus, corpus.Rows);
            if (vocabulary.Dimension == 0)
                throw new DataException("EmptyTextFeature", DataErrorKind.InvalidData,
                    $"The text feature '{f.Name}' gives no word or character n-gram in the training rows.", "Leave it out of {option:Feature}.", column: f.Name);
            text[f.Name] = vocabulary;
        }
        var view = ModelInputs.BuildView(train, features, _labelName!, task, classes, text, corpusRows);
        // The cache keeps the featurized rows in memory: iterative trainers (SDCA, L-BFGS) pass over them many times, and
        // without it every pass featurized every row again (most of the time FeaturizeText + SDCA took).
        var pipeline = ModelInputs.Featurizer(_ml, features, train, candidate.NeedsNormalization).AppendCacheCheckpoint(_ml).Append(candidate.Create(_ml, task));
        try
        {
            return new FittedPipeline(pipeline.Fit(view), text);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException && !_cancel.IsCancellationRequested)
        {
            // LightGBM checks some option values only when it trains (e.g. NumberOfLeaves above 1) and fails with its own message.
            throw new DataException("TrainerOptionInvalid", DataErrorKind.InvalidArgument,
                $"{candidate.Kind} could not train with {candidate.Hyperparameters}: {e.Message.Split('\n')[0].Trim()}",
                "Check the values given with {option:TrainerOptions} against the trainer's documented ranges.", inner: e);
        }
    }

    private ModelMetrics Evaluate(FittedPipeline model, Dataset test, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes, int[]? rows = null) =>
        ModelScoring.Evaluate(model.Transformer, ModelInputs.BuildView(test, features, _labelName!, task, classes, model.Text, CorpusRowsOf(rows)), task, classes);

    /// <summary>
    /// Tries the candidates in order and keeps the best. Before each it estimates its time from the time of the last one
    /// (scaled by the trainers' relative costs) and skips it when that would run past <paramref name="maxTime"/>; the first always runs.
    /// </summary>
    private (TrainerCandidate, IReadOnlyList<LeaderboardEntry>) Leaderboard(IReadOnlyList<TrainerCandidate> candidates, TimeSpan maxTime, bool text, Func<TrainerCandidate, double> score)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<(TrainerCandidate Candidate, double Score, TimeSpan Time)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var left = maxTime - clock.Elapsed;
            string expectation;
            if (results.Count > 0)
            {
                var last = results[^1];
                var expected = last.Time * (TrainerCatalog.RelativeCost(c.Kind, text) / TrainerCatalog.RelativeCost(last.Candidate.Kind, text));
                if (expected > left)
                {
                    ReportProgress($"Skipping {c.Kind} ({c.Hyperparameters}): about {expected.TotalSeconds:0.0} s expected, {Math.Max(0, left.TotalSeconds):0.0} s of {{option:MaxTime}} {maxTime.TotalSeconds:0} s left", 80 * i / candidates.Count);
                    continue;
                }
                expectation = $"about {expected.TotalSeconds:0.0} s expected, {left.TotalSeconds:0.0} s left";
            }
            else expectation = $"{{option:MaxTime}} {maxTime.TotalSeconds:0} s";
            ReportProgress($"Trying {c.Kind} ({c.Hyperparameters}): {expectation}", 80 * i / candidates.Count);
            var started = clock.Elapsed;
            var s = score(c);
            results.Add((c, double.IsNaN(s) ? double.NegativeInfinity : s, clock.Elapsed - started));
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
            var model = Fit(Rows(data, trainRows), features, task, classes, candidate, trainRows);
            results.Add(Evaluate(model, Rows(data, testRows), features, task, classes, testRows));
        }
        return new CrossValidationResult(results);
    }

    private static Dataset Rows(Dataset data, int[] rows) => new(data.Name, data.Columns.Select(c => c.Take(rows)), data.Source, data.Lineage);

    /// <summary>For each feature column, the drop in the primary metric when its rows are shuffled (seeded); negative when shuffling helps.</summary>
    private IReadOnlyList<FeatureImportance> PermutationImportance(FittedPipeline model, Dataset rows, IReadOnlyList<FeatureSpec> features, ModelTask task, IReadOnlyList<string>? classes, int[]? dataRows)
    {
        var view = ModelInputs.BuildView(rows, features, _labelName, task, classes, model.Text, CorpusRowsOf(dataRows));
        var baseline = ModelScoring.Evaluate(model.Transformer, view, task, classes);
        var result = new List<FeatureImportance>();
        var rng = new SplitMix64((ulong)_seed ^ 0x9E3779B97F4A7C15UL);
        foreach (var f in features)
        {
            _cancel.Token.ThrowIfCancellationRequested();
            var permutation = Enumerable.Range(0, rows.RowCount).ToArray();
            rng.Shuffle(permutation.AsSpan());
            var permuted = ModelScoring.Evaluate(model.Transformer, view.WithPermutedColumn(f.Name, permutation), task, classes);
            result.Add(new FeatureImportance(f.Name, baseline.PrimaryScore - permuted.PrimaryScore, baseline.PrimaryMetricName));
        }
        return result.OrderByDescending(r => r.Importance).ToArray();
    }

    /// <summary>Trains again without each feature (same trainer, same evaluation) and records how the held-out metric changes.</summary>
    private IReadOnlyList<FeatureImportance> WithRemovalGains(IReadOnlyList<FeatureImportance> importance, IReadOnlyList<FeatureSpec> features, double baseline,
        Func<IReadOnlyList<FeatureSpec>, double> score)
    {
        var gains = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            ReportProgress($"Training without '{features[i].Name}'", 90 + 10 * i / features.Count);
            gains[features[i].Name] = score(features.Where((_, j) => j != i).ToArray()) - baseline;
        }
        return importance.Select(f => f with { RemovalGain = gains[f.Feature] }).ToArray();
    }

    private void ReportProgress(string activity, int percent) => Progress?.Invoke(new TrainingProgress(activity, percent));
}
