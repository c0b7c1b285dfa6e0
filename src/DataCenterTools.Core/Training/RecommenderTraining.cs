using System.Diagnostics;
using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Training;

/// <summary>
/// The (user, item, value) rows of a Dataset that a recommender can learn from: keys as invariant text, values as
/// floats (1 for implicit rows without a value column). Rows with a missing user, item or value are left out and counted.
/// </summary>
internal sealed class RatingRows
{
    private RatingRows(string?[] users, string?[] items, float[] values, int[] rows, int skipped)
    {
        UserKeys = users; ItemKeys = items; Values = values; Rows = rows; SkippedRows = skipped;
    }

    /// <summary>Per kept row: its user key, item key and value; Rows[i] is its row in the Dataset.</summary>
    public string?[] UserKeys { get; }
    public string?[] ItemKeys { get; }
    public float[] Values { get; }
    public int[] Rows { get; }
    public int SkippedRows { get; }
    public int Count => Rows.Length;

    public static Column RequireKey(Dataset dataset, string name, string purpose)
    {
        var column = FeatureColumns.Require(dataset, name, purpose);
        if (column.Type is not (ColumnType.Int64 or ColumnType.String))
            throw new DataException("RecommenderKeyType", DataErrorKind.InvalidArgument,
                $"The {purpose} column '{name}' is {column.Type}; user and item ids must be Int64 or String.",
                "Give the id column (Import-Dataset reads whole numbers as Int64), or convert it with Invoke-DataCleaning -ConvertType.", column: name);
        return column;
    }

    public static RatingRows Read(Dataset dataset, string user, string item, string? label, bool isImplicit)
    {
        var userColumn = RequireKey(dataset, user, "{option:User}");
        var itemColumn = RequireKey(dataset, item, "{option:Item}");
        if (user == item)
            throw new DataException("UserIsItem", DataErrorKind.InvalidArgument, $"{{option:User}} and {{option:Item}} both name '{user}'.", "Give the user id column and the item id column.", column: user);
        Column? valueColumn = null;
        if (!string.IsNullOrEmpty(label))
        {
            valueColumn = ModelInputs.RequireLabel(dataset, label);
            if (valueColumn.Type is not (ColumnType.Int64 or ColumnType.Double or ColumnType.Boolean))
                throw new DataException("RatingNotNumeric", DataErrorKind.InvalidData,
                    $"The rating column '{label}' is {valueColumn.Type}; a recommender learns from numeric ratings (or counts, with {{option:Implicit}}).",
                    "Convert it to a number first (Invoke-DataCleaning -ConvertType), or give the numeric rating column to {option:Label}.", column: label);
        }
        else if (!isImplicit)
            throw new DataException("RatingRequired", DataErrorKind.InvalidArgument,
                "Explicit matrix factorization needs the rating column ({option:Label}).", "Give {option:Label} <rating column>, or {option:Implicit} for clicks or plays without a rating.");

        var users = new List<string?>(dataset.RowCount);
        var items = new List<string?>(dataset.RowCount);
        var values = new List<float>(dataset.RowCount);
        var rows = new List<int>(dataset.RowCount);
        var skipped = 0;
        for (var r = 0; r < dataset.RowCount; r++)
        {
            var u = FeatureColumns.TextAt(userColumn, r);
            var i = FeatureColumns.TextAt(itemColumn, r);
            var v = valueColumn == null ? 1.0 : valueColumn is BooleanColumn b ? (b.IsNull(r) ? double.NaN : b[r] ? 1 : 0)
                : NumericStats.TryGetNumber(valueColumn, r, out var x) ? x : double.NaN;
            if (u == null || i == null || double.IsNaN(v)) { skipped++; continue; }
            if (isImplicit && v < 0)
                throw new DataException("ImplicitValueNegative", DataErrorKind.InvalidData,
                    $"Row {r + 1} of '{dataset.Name}' has {label} = {v}; implicit feedback values are counts or weights, 0 or more.",
                    "Give a count column, or leave {option:Label} out to count each row once.", line: r + 1, column: label);
            users.Add(u); items.Add(i); values.Add((float)v); rows.Add(r);
        }
        return new RatingRows(users.ToArray(), items.ToArray(), values.ToArray(), rows.ToArray(), skipped);
    }

    public RatingRows Subset(int[] positions) => new(
        positions.Select(p => UserKeys[p]).ToArray(), positions.Select(p => ItemKeys[p]).ToArray(),
        positions.Select(p => Values[p]).ToArray(), positions.Select(p => Rows[p]).ToArray(), 0);
}

/// <summary>
/// Trains and measures a matrix-factorization recommender (see <see cref="MatrixFactorization"/>): the held-out rows are
/// scored for RMSE, MAE and R2 (explicit ratings) and each held-out user gets a top-k list of the items they did not rate in
/// training, scored for precision@k, recall@k, NDCG@k, MAP@k, hit rate and catalogue coverage.
/// </summary>
internal sealed class RecommenderTraining(int seed, Action<TrainingProgress>? progress, CancellationToken cancel)
{
    public TrainedModel Train(Dataset dataset, TrainingOptions options, Func<int[], int[]> folds)
    {
        var clock = Stopwatch.StartNew();
        var o = options.Recommender ?? new RecommenderOptions();
        Validate(o);
        var user = options.User ?? throw new DataException("UserRequired", DataErrorKind.InvalidArgument, "{option:Task} Recommendation needs the user id column ({option:User}).", "Give {option:User} <column> and {option:Item} <column>.");
        var item = options.Item ?? throw new DataException("ItemRequired", DataErrorKind.InvalidArgument, "{option:Task} Recommendation needs the item id column ({option:Item}).", "Give {option:User} <column> and {option:Item} <column>.");
        var label = string.IsNullOrEmpty(options.Label) ? null : options.Label;
        var all = RatingRows.Read(dataset, user, item, label, o.Implicit);
        if (all.Count < 2)
            throw new DataException("EmptySplit", DataErrorKind.InvalidData, $"'{dataset.Name}' has {all.Count} usable (user, item{(label == null ? "" : ", rating")}) row(s); a recommender needs more.", "Check the columns, or drop fewer rows.");

        ModelMetrics metrics;
        CrossValidationResult? cv = null;
        RecommenderModel final;
        string evaluation;
        int rowsUsed;
        if (options.CrossValidationFolds > 0 || options.FoldColumn != null)
        {
            var fold = folds(all.Rows);
            var k = fold.Max() + 1;
            var results = new List<ModelMetrics>();
            for (var f = 0; f < k; f++)
            {
                var trainSide = all.Subset(Enumerable.Range(0, all.Count).Where(r => fold[r] != f).ToArray());
                var testSide = all.Subset(Enumerable.Range(0, all.Count).Where(r => fold[r] == f).ToArray());
                var model = Fit(trainSide, dataset, user, item, o, $"Fold {f + 1} of {k}", 90 * f / k, 90 / k);
                results.Add(Evaluate(model, trainSide, testSide, o));
            }
            cv = new CrossValidationResult(results);
            metrics = ModelMetrics.MeanOf(cv);
            final = Fit(all, dataset, user, item, o, "Final model on all rows", 90, 10);
            evaluation = options.FoldColumn != null ? $"{k}-fold cross-validation by column '{options.FoldColumn}'" : $"{k}-fold cross-validation";
            rowsUsed = all.Count;
        }
        else
        {
            RatingRows train, test;
            if (options.TestDataset != null)
            {
                train = all;
                test = RatingRows.Read(options.TestDataset, user, item, label, o.Implicit);
                if (test.Count == 0) throw new DataException("EmptySplit", DataErrorKind.InvalidData, $"The test dataset '{options.TestDataset.Name}' has no usable rows.", "Give a test dataset with user, item and rating values.");
                evaluation = $"test dataset '{options.TestDataset.Name}'";
            }
            else
            {
                var order = Enumerable.Range(0, all.Count).ToArray();
                new SplitMix64((ulong)seed).Shuffle(order.AsSpan());
                var cut = (int)Math.Round(all.Count * (1 - options.TestFraction), MidpointRounding.AwayFromZero);
                if (cut <= 0 || cut >= all.Count) throw new DataException("EmptySplit", DataErrorKind.InvalidData, $"A test fraction of {options.TestFraction} of {all.Count} rows leaves one side empty.", "Use a fraction nearer 0.5, or more rows.");
                var trainRows = order[..cut];
                var testRows = order[cut..];
                Array.Sort(trainRows);
                Array.Sort(testRows);
                train = all.Subset(trainRows);
                test = all.Subset(testRows);
                evaluation = $"hold-out {options.TestFraction:P0}";
            }
            final = Fit(train, dataset, user, item, o, "Training", 0, 90);
            metrics = Evaluate(final, train, test, o);
            rowsUsed = train.Count;
        }
        progress?.Invoke(new TrainingProgress("Done", 100));
        var labelType = label != null ? dataset[label].Type : ColumnType.Double;
        return new TrainedModel(final)
        {
            Task = ModelTask.Recommendation,
            Trainer = o.Implicit ? "ImplicitAls" : o.EffectiveSolver == RecommenderSolver.Als ? "MatrixFactorizationAls" : "MatrixFactorizationSgd",
            Hyperparameters = o.ToString(),
            Label = label ?? "",
            LabelType = labelType,
            Features = [new FeatureSpec(user, dataset[user].Type, FeatureKind.User), new FeatureSpec(item, dataset[item].Type, FeatureKind.Item)],
            Metrics = metrics,
            Evaluation = evaluation,
            CrossValidation = cv,
            TrainingTime = clock.Elapsed,
            RowsUsed = rowsUsed,
            SkippedRows = all.SkippedRows,
            Seed = seed,
            DatasetName = dataset.Name,
            Source = dataset.Source,
            Lineage = dataset.Lineage,
        };
    }

    private static void Validate(RecommenderOptions o)
    {
        static DataException Bad(string what, string range) => new("RecommenderOptionOutOfRange", DataErrorKind.InvalidArgument, $"{what} is out of range.", $"Give {range}.");
        if (o.Factors is < 1 or > 1000) throw Bad($"{{option:Factors}} {o.Factors}", "between 1 and 1000 factors");
        if (o.Epochs is < 1 or > 10_000) throw Bad($"{{option:Epochs}} {o.Epochs}", "between 1 and 10,000 epochs");
        if (!(o.Regularization >= 0) || double.IsInfinity(o.Regularization)) throw Bad($"{{option:Regularization}} {o.Regularization}", "a penalty of 0 or more");
        if (!(o.LearningRate > 0 && o.LearningRate < 1)) throw Bad($"{{option:LearningRate}} {o.LearningRate}", "a step size between 0 and 1 (e.g. 0.01)");
        if (o.TopK is < 1 or > 10_000) throw Bad($"{{option:TopK}} {o.TopK}", "a list length between 1 and 10,000");
        if (!(o.Alpha >= 0)) throw Bad($"Alpha {o.Alpha}", "a confidence weight of 0 or more");
        if (o.Implicit && o.Solver == RecommenderSolver.Sgd)
            throw new DataException("ImplicitNeedsAls", DataErrorKind.InvalidArgument, "{option:Implicit} is fitted by alternating least squares; SGD over every unobserved pair is not offered.", "Leave {option:Solver} out, or give {option:Solver} Als.");
    }

    /// <summary>Fits the factors on <paramref name="rows"/>: users and items are numbered in order of first appearance.</summary>
    private RecommenderModel Fit(RatingRows rows, Dataset dataset, string user, string item, RecommenderOptions o, string activity, int percent, int span)
    {
        cancel.ThrowIfCancellationRequested();
        var userKeys = new List<string>();
        var itemKeys = new List<string>();
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var us = new int[rows.Count];
        var its = new int[rows.Count];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var r = 0; r < rows.Count; r++)
        {
            us[r] = IndexOf(rows.UserKeys[r]!, userIndex, userKeys);
            its[r] = IndexOf(rows.ItemKeys[r]!, itemIndex, itemKeys);
            min = Math.Min(min, rows.Values[r]);
            max = Math.Max(max, rows.Values[r]);
        }
        var data = new Interactions(us, its, rows.Values, userKeys.Count, itemKeys.Count);
        progress?.Invoke(new TrainingProgress($"{activity}: {o.EffectiveSolver} on {rows.Count:N0} rows, {userKeys.Count:N0} users x {itemKeys.Count:N0} items", percent));
        var fit = MatrixFactorization.Fit(data, o, seed, epoch => progress?.Invoke(new TrainingProgress($"{activity}: epoch {epoch} of {o.Epochs}", percent + span * epoch / o.Epochs)), cancel);
        var counts = new int[itemKeys.Count];
        foreach (var i in its) counts[i]++;
        return new RecommenderModel(user, dataset[user].Type, item, dataset[item].Type, o.Implicit, o.Factors, userKeys.ToArray(), itemKeys.ToArray(),
            fit.GlobalMean, fit.UserBias, fit.ItemBias, fit.UserFactors, fit.ItemFactors, counts, min, max, o.ClipPredictions && !o.Implicit);
    }

    private static int IndexOf(string key, Dictionary<string, int> index, List<string> keys)
    {
        if (index.TryGetValue(key, out var i)) return i;
        index[key] = keys.Count;
        keys.Add(key);
        return keys.Count - 1;
    }

    /// <summary>Test-Model for a recommender: the rating figures of its predictions on labelled (user, item, rating) rows; no top-N (that needs the training rows).</summary>
    public static ModelMetrics Test(TrainedModel trained, Dataset labelled)
    {
        var model = trained.Recommender!;
        var rows = RatingRows.Read(labelled, model.UserColumn, model.ItemColumn, string.IsNullOrEmpty(trained.Label) ? null : trained.Label, model.Implicit);
        if (model.Implicit)
            throw new DataException("ModelNotRatingPredictor", DataErrorKind.InvalidArgument,
                "An implicit-feedback recommender scores preferences, not ratings, so it has no rating error to test.", "Measure it by its top-N figures: Start-ModelTraining -Task Recommendation -Implicit -TestDataset $heldOut.");
        var labels = new float[rows.Count];
        var scores = new float[rows.Count];
        int unseenUsers = 0, unseenItems = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            int u = model.UserIndex(rows.UserKeys[r]), i = model.ItemIndex(rows.ItemKeys[r]);
            if (u < 0) unseenUsers++;
            if (i < 0) unseenItems++;
            labels[r] = rows.Values[r];
            scores[r] = (float)model.Score(u, i).Score;
        }
        var m = ModelMetrics.ForRegression(labels, scores);
        return new ModelMetrics
        {
            Task = ModelTask.Recommendation, Rows = rows.Count, RootMeanSquaredError = m.RootMeanSquaredError, MeanSquaredError = m.MeanSquaredError,
            MeanAbsoluteError = m.MeanAbsoluteError, RSquared = m.RSquared, UnseenUserRows = unseenUsers, UnseenItemRows = unseenItems,
        };
    }

    /// <summary>Rating figures on the held-out rows (explicit only) and top-k figures for the held-out users.</summary>
    private ModelMetrics Evaluate(RecommenderModel model, RatingRows train, RatingRows test, RecommenderOptions o)
    {
        cancel.ThrowIfCancellationRequested();
        int unseenUsers = 0, unseenItems = 0;
        var labels = new float[test.Count];
        var scores = new float[test.Count];
        var testUsers = new int[test.Count];
        var testItems = new int[test.Count];
        for (var r = 0; r < test.Count; r++)
        {
            testUsers[r] = model.UserIndex(test.UserKeys[r]);
            testItems[r] = model.ItemIndex(test.ItemKeys[r]);
            if (testUsers[r] < 0) unseenUsers++;
            if (testItems[r] < 0) unseenItems++;
            labels[r] = test.Values[r];
            scores[r] = (float)model.Score(testUsers[r], testItems[r]).Score;
        }
        var topN = TopN(model, train, testUsers, testItems, test.Values, o);
        var rating = o.Implicit ? null : ModelMetrics.ForRegression(labels, scores);
        return new ModelMetrics
        {
            Task = ModelTask.Recommendation,
            Rows = test.Count,
            RootMeanSquaredError = rating?.RootMeanSquaredError,
            MeanSquaredError = rating?.MeanSquaredError,
            MeanAbsoluteError = rating?.MeanAbsoluteError,
            RSquared = rating?.RSquared,
            TopK = topN.K,
            RankedUsers = topN.Users,
            PrecisionAtK = topN.Precision,
            RecallAtK = topN.Recall,
            NdcgAtK = topN.Ndcg,
            MapAtK = topN.MeanAveragePrecision,
            HitRate = topN.HitRate,
            CatalogCoverage = topN.CatalogCoverage,
            UnseenUserRows = unseenUsers,
            UnseenItemRows = unseenItems,
        };
    }

    /// <summary>Each known held-out user's top-k among the training items they did not rate in training; relevant = held out and rated at least RelevantRating (implicit: held out).</summary>
    private TopNMetrics TopN(RecommenderModel model, RatingRows train, int[] testUsers, int[] testItems, float[] testValues, RecommenderOptions o)
    {
        var relevant = new Dictionary<int, HashSet<int>>();
        for (var r = 0; r < testUsers.Length; r++)
        {
            if (testUsers[r] < 0 || testItems[r] < 0) continue;
            if (!o.Implicit && testValues[r] < o.RelevantRating) continue;
            if (!relevant.TryGetValue(testUsers[r], out var set)) relevant[testUsers[r]] = set = [];
            set.Add(testItems[r]);
        }
        var users = relevant.Keys.Order().ToArray();
        var seen = new Dictionary<int, List<int>>();
        for (var r = 0; r < train.Count; r++)
        {
            var u = model.UserIndex(train.UserKeys[r]);
            if (!relevant.ContainsKey(u)) continue;
            if (!seen.TryGetValue(u, out var list)) seen[u] = list = [];
            list.Add(model.ItemIndex(train.ItemKeys[r]));
        }
        var lists = new int[users.Length][];
        Parallel.For(0, users.Length, new ParallelOptions { CancellationToken = cancel }, () => (new float[model.Items], new bool[model.Items]), (n, _, buffers) =>
        {
            var (scores, excluded) = buffers;
            var u = users[n];
            var mine = seen.GetValueOrDefault(u) ?? [];
            foreach (var i in mine) excluded[i] = true;
            model.RankingScores(u, scores);
            lists[n] = RankingMetrics.TopK(scores, o.TopK, i => excluded[i]);
            foreach (var i in mine) excluded[i] = false;
            return buffers;
        }, _ => { });
        return RankingMetrics.Summarize(lists, users.Select(u => (IReadOnlySet<int>)relevant[u]).ToArray(), o.TopK, model.Items);
    }
}
