using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Tests;

public class RecommenderTests
{
    /// <summary>
    /// An exactly low-rank rating matrix: r = 3 + b_u + b_i + p_u·q_i with 2 factors, for 40 users x 30 items; every cell
    /// is a row, and cells with (u * 7 + i * 3) % 10 &lt; 3 (30%) are the held-out ones.
    /// </summary>
    private static (Dataset Train, Dataset Test) LowRank()
    {
        var rows = new List<(long U, long I, double R, bool Test)>();
        for (var u = 0; u < 40; u++)
            for (var i = 0; i < 30; i++)
            {
                double bu = 0.3 * Math.Sin(u), bi = 0.4 * Math.Cos(i);
                double p1 = Math.Sin(0.7 * u), p2 = Math.Cos(0.3 * u), q1 = Math.Cos(0.5 * i), q2 = Math.Sin(0.9 * i + 1);
                rows.Add((u, i, 3 + bu + bi + 0.8 * (p1 * q1 + p2 * q2), (u * 7 + i * 3) % 10 < 3));
            }
        Dataset Side(bool test)
        {
            var side = rows.Where(r => r.Test == test).ToArray();
            return new Dataset(test ? "low-rank-test" : "low-rank-train",
                [new Int64Column("user", side.Select(r => r.U).ToArray()), new Int64Column("item", side.Select(r => r.I).ToArray()), new DoubleColumn("rating", side.Select(r => r.R).ToArray())]);
        }
        return (Side(false), Side(true));
    }

    private static TrainingOptions Options(Dataset? test = null, RecommenderOptions? o = null, int folds = 0) => new()
    {
        Label = "rating", Task = ModelTask.Recommendation, User = "user", Item = "item", TestDataset = test, CrossValidationFolds = folds,
        Recommender = o ?? new RecommenderOptions { Factors = 4, Epochs = 200, LearningRate = 0.02, Regularization = 0.001, InitialStandardDeviation = 0.1 },
    };

    [Theory]
    [InlineData(RecommenderSolver.Sgd)]
    [InlineData(RecommenderSolver.Als)]
    public void Matrix_factorization_recovers_held_out_cells_of_a_low_rank_matrix(RecommenderSolver solver)
    {
        var (train, test) = LowRank();
        var options = new RecommenderOptions { Factors = 4, Epochs = solver == RecommenderSolver.Als ? 30 : 200, LearningRate = 0.02, Regularization = 0.001, Solver = solver };
        var model = new ModelTrainer(3).Train(train, Options(test, options));
        // Predicting the training mean for every held-out cell: RMSE = the held-out ratings' spread around it.
        var labels = ((DoubleColumn)test["rating"]).Values.ToArray();
        var mean = ((DoubleColumn)train["rating"]).Values.ToArray().Average();
        var baseline = Math.Sqrt(labels.Average(r => (r - mean) * (r - mean)));
        Assert.True(baseline > 0.5, $"baseline RMSE {baseline}");
        Assert.True(model.Metrics.RootMeanSquaredError < 0.1, $"{solver}: held-out RMSE {model.Metrics.RootMeanSquaredError} (mean baseline {baseline})");
        Assert.True(model.Metrics.RSquared > 0.97);
        Assert.Equal(0, model.Metrics.UnseenUserRows);
        Assert.Equal(360, model.Metrics.Rows);
    }

    [Fact]
    public void The_same_seed_gives_the_same_factors_and_another_seed_does_not()
    {
        var (train, test) = LowRank();
        var options = new RecommenderOptions { Factors = 8, Epochs = 10 };
        var a = new ModelTrainer(7).Train(train, Options(test, options));
        var b = new ModelTrainer(7).Train(train, Options(test, options));
        var c = new ModelTrainer(8).Train(train, Options(test, options));
        Assert.Equal(a.Recommender!.UserFactors, b.Recommender!.UserFactors);
        Assert.Equal(a.Recommender.ItemBias, b.Recommender.ItemBias);
        Assert.Equal(a.Metrics.RootMeanSquaredError, b.Metrics.RootMeanSquaredError);
        Assert.NotEqual(a.Recommender.UserFactors, c.Recommender!.UserFactors);
        var als = new RecommenderOptions { Factors = 8, Epochs = 5, Solver = RecommenderSolver.Als };
        Assert.Equal(new ModelTrainer(7).Train(train, Options(test, als)).Recommender!.ItemFactors, new ModelTrainer(7).Train(train, Options(test, als)).Recommender!.ItemFactors);
    }

    [Fact]
    public void Ranking_metrics_match_hand_worked_lists()
    {
        // Top 5: relevant, not, relevant, not, not; 3 relevant items in all (one not listed).
        bool[] list = [true, false, true, false, false];
        Approx.Relative(0.4, RankingMetrics.PrecisionAtK(list, 5));
        Approx.Relative(2.0 / 3, RankingMetrics.RecallAtK(list, 3, 5));
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4). scikit-learn:
        // ndcg_score([[1,0,1,0,0,1]], [[6,5,4,3,2,1]], k=5) = 0.7039180890341348.
        Approx.Relative(0.7039180890341348, RankingMetrics.NdcgAtK(list, 3, 5), 1e-12);
        // AP@5 = (1/1 + 2/3) / min(5, 3).
        Approx.Relative((1 + 2.0 / 3) / 3, RankingMetrics.AveragePrecisionAtK(list, 3, 5));
        // ndcg_score([[0,1,0,1]], [[4,3,2,1]], k=3) = 0.38685280723454163: DCG = 1/log2(3), IDCG = 1 + 1/log2(3).
        Approx.Relative(0.38685280723454163, RankingMetrics.NdcgAtK([false, true, false, true], 2, 3), 1e-12);
        Approx.Relative(0.5 / 2, RankingMetrics.AveragePrecisionAtK([false, true, false, true], 2, 3));
        Assert.Equal(0, RankingMetrics.Hits([false, false], 2));

        // Two users: lists [0, 1] and [2, 3] at k = 2, relevant {1} and {5}; 6 items in the catalogue.
        var summary = RankingMetrics.Summarize([[0, 1], [2, 3]], [new HashSet<int> { 1 }, new HashSet<int> { 5 }], 2, 6);
        Assert.Equal(2, summary.Users);
        Approx.Relative((0.5 + 0) / 2, summary.Precision);
        Approx.Relative((1.0 + 0) / 2, summary.Recall);
        Approx.Relative((1 / Math.Log2(3) + 0) / 2, summary.Ndcg);
        Approx.Relative((0.5 + 0) / 2, summary.MeanAveragePrecision);
        Approx.Relative(0.5, summary.HitRate);
        Approx.Relative(4.0 / 6, summary.CatalogCoverage);
    }

    [Fact]
    public void Top_k_keeps_the_best_scores_in_order_ties_by_index_and_skips_excluded()
    {
        float[] scores = [0.5f, 0.9f, 0.1f, 0.9f, 0.7f, float.NaN];
        Assert.Equal([1, 3, 4], RankingMetrics.TopK(scores, 3));
        Assert.Equal([3, 4, 0], RankingMetrics.TopK(scores, 3, i => i == 1));
        Assert.Equal([1, 3, 4, 0, 2, 5], RankingMetrics.TopK(scores, 10));
    }

    /// <summary>Two communities: users 0-19 use items 0-9, users 20-39 items 10-19; each user misses a seeded random fifth of their community's items.</summary>
    private static Dataset Communities()
    {
        var users = new List<string>();
        var items = new List<string>();
        var random = new SplitMix64(11);
        for (var u = 0; u < 40; u++)
            for (var i = 0; i < 10; i++)
            {
                if (random.NextBelow(5) == 0) continue;
                users.Add($"u{u}");
                items.Add($"i{(u < 20 ? i : i + 10)}");
            }
        return new Dataset("plays", [new StringColumn("user", users.ToArray()), new StringColumn("item", items.ToArray())]);
    }

    [Fact]
    public void Implicit_ALS_recommends_unseen_items_of_the_users_own_community()
    {
        var plays = Communities();
        var model = new ModelTrainer(1).Train(plays, new TrainingOptions
        {
            Label = "", Task = ModelTask.Recommendation, User = "user", Item = "item", TestFraction = 0.2,
            Recommender = new RecommenderOptions { Implicit = true, Factors = 2, Epochs = 10, Regularization = 0.1, Alpha = 1 },
        });
        Assert.Equal("ImplicitAls", model.Trainer);
        Assert.Null(model.Metrics.RootMeanSquaredError);
        // Each user's list of the items they have not played starts with the rest of their own community, whatever the
        // items' popularity: the unplayed items of the user's community come first.
        var users = Enumerable.Range(0, 40).Select(u => $"u{u}").ToArray();
        var lists = Recommendations.ForUsers(model, users, 3, plays).Recommendations;
        var user = (StringColumn)lists["user"];
        var item = (StringColumn)lists["item"];
        var played = Enumerable.Range(0, plays.RowCount).Select(r => (((StringColumn)plays["user"])[r], ((StringColumn)plays["item"])[r])).ToHashSet();
        for (var r = 0; r < lists.RowCount; r++)
        {
            var u = int.Parse(user[r]![1..]);
            var own = Enumerable.Range(u < 20 ? 0 : 10, 10).Count(i => !played.Contains((user[r], $"i{i}")));
            var rank = r % 3;
            Assert.True((rank < own) == (u < 20 == int.Parse(item[r]![1..]) < 10), $"{user[r]} (unplayed in own community: {own}) got {item[r]} at rank {rank + 1}");
        }
        // The held-out plays rank high: hit rate at 10 over the users with a held-out play.
        Assert.True(model.Metrics.HitRate > 0.9, $"hit rate {model.Metrics.HitRate}");
        Assert.True(model.Metrics.NdcgAtK > 0.5, $"NDCG {model.Metrics.NdcgAtK}");
    }

    [Fact]
    public void Unknown_users_and_items_fall_back_to_biases_and_say_so()
    {
        var (train, _) = LowRank();
        var model = new ModelTrainer(1).Train(train, Options(null, new RecommenderOptions { Factors = 2, Epochs = 5 }));
        var r = model.Recommender!;
        var rows = new Dataset("ask", [new Int64Column("user", [0, 0, 999, 999]), new Int64Column("item", [0, 999, 0, 999])]);
        var scored = ModelPredictor.Predict(model, rows);
        var basis = (StringColumn)scored[Recommendations.BasisColumn];
        var score = (DoubleColumn)scored[Recommendations.ScoreColumn];
        Assert.Equal(["Factors", "UserBias", "ItemBias", "GlobalMean"], Enumerable.Range(0, 4).Select(i => basis[i]));
        int u0 = r.UserIndex("0"), i0 = r.ItemIndex("0");
        Approx.Relative(r.GlobalMean + r.UserBias[u0], score[1], 1e-6);
        Approx.Relative(r.GlobalMean + r.ItemBias[i0], score[2], 1e-6);
        Approx.Relative(r.GlobalMean, score[3], 1e-12);

        var lists = Recommendations.ForUsers(model, ["0", "999"], 3, train);
        Assert.Equal(1, lists.UnknownUsers);
        var ds = lists.Recommendations;
        Assert.Equal(ColumnType.Int64, ds["user"].Type);
        Assert.Equal([1L, 2, 3, 1, 2, 3], ((Int64Column)ds["Rank"]).Values.ToArray());
        Assert.Equal("ItemBias", ((StringColumn)ds["Basis"])[3]);
        // User 0 rated 21 of the 30 items in training: only the other 9 may be recommended to them.
        var seen = Enumerable.Range(0, train.RowCount).Where(i => ((Int64Column)train["user"])[i] == 0).Select(i => ((Int64Column)train["item"])[i]).ToHashSet();
        Assert.All(Enumerable.Range(0, 3), k => Assert.DoesNotContain(((Int64Column)ds["item"])[k], seen));
        // The unknown user's list is the items of highest bias.
        var byBias = Enumerable.Range(0, r.Items).OrderByDescending(i => r.ItemBias[i]).Take(3).Select(i => long.Parse(r.ItemKeys[i])).ToArray();
        Assert.Equal(byBias, Enumerable.Range(3, 3).Select(k => ((Int64Column)ds["item"])[k]));
    }

    [Fact]
    public void A_saved_recommender_loads_with_the_same_predictions()
    {
        using var dir = new TempFolder();
        var (train, test) = LowRank();
        var model = new ModelTrainer(2).Train(train, Options(test, new RecommenderOptions { Factors = 3, Epochs = 20 }));
        var path = dir.File("rec.zip");
        ModelFile.Save(model, path, overwrite: false);
        var loaded = ModelFile.Load(path);
        Assert.Equal(ModelTask.Recommendation, loaded.Task);
        Assert.Equal(model.Recommender!.ItemFactors, loaded.Recommender!.ItemFactors);
        Assert.Equal(((DoubleColumn)ModelPredictor.Predict(model, test)["Score"]).Values.ToArray(), ((DoubleColumn)ModelPredictor.Predict(loaded, test)["Score"]).Values.ToArray());
        Assert.Equal(model.Metrics.RootMeanSquaredError!.Value, ModelTrainer.Test(loaded, test).RootMeanSquaredError!.Value, 12);
        var error = Assert.Throws<DataException>(() => OnnxExport.Save(loaded, dir.File("rec.onnx"), false));
        Assert.Equal("DataCenterTools.OnnxNotSupported", error.ErrorId);
    }

    [Fact]
    public void Cross_validation_reports_every_figure_per_fold()
    {
        var (train, _) = LowRank();
        var model = new ModelTrainer(5).Train(train, Options(null, new RecommenderOptions { Factors = 2, Epochs = 10 }, folds: 3));
        Assert.Equal(3, model.CrossValidation!.Folds.Count);
        Assert.Contains("NdcgAtK", model.CrossValidation.Mean.Keys);
        Assert.Equal(train.RowCount, model.Metrics.Rows);
        Assert.Equal(train.RowCount, model.RowsUsed);
        Approx.Relative(model.CrossValidation.Folds.Average(f => f.RootMeanSquaredError!.Value), model.Metrics.RootMeanSquaredError!.Value);
    }

    [Fact]
    public void Bad_rows_are_counted_and_bad_columns_are_errors()
    {
        var ds = new Dataset("r",
        [
            new StringColumn("user", ["a", null, "b", "a", "b", "c"]),
            new StringColumn("item", ["x", "y", null, "y", "x", "y"]),
            new DoubleColumn("rating", [5, 4, 3, 2, 1, 0], ValidityBitmap.FromFlags([true, true, true, true, true, false])),
            new StringColumn("stars", ["5", "4", "3", "2", "1", "0"]),
            new DateTimeColumn("when", [DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch]),
        ]);
        var model = new ModelTrainer(1).Train(ds, Options(null, new RecommenderOptions { Factors = 1, Epochs = 2 }) with { TestFraction = 0.34 });
        Assert.Equal(3, model.SkippedRows);
        Assert.Equal("DataCenterTools.RatingNotNumeric", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Options() with { Label = "stars" })).ErrorId);
        Assert.Equal("DataCenterTools.RecommenderKeyType", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Options() with { User = "when" })).ErrorId);
        Assert.Equal("DataCenterTools.ColumnNotFound", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Options() with { Item = "nope" })).ErrorId);
        Assert.Equal("DataCenterTools.RecommenderOptionOutOfRange",
            Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Options(null, new RecommenderOptions { Factors = 0 }))).ErrorId);
        Assert.Equal("DataCenterTools.RecommenderOptionWithoutTask",
            Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Options() with { Task = ModelTask.Regression })).ErrorId);
        var unknown = Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Options() with { TrainerOptions = new Dictionary<string, object?> { ["Factorz"] = 3 } }));
        Assert.Equal("DataCenterTools.TrainerOptionUnknown", unknown.ErrorId);
        Assert.Contains("Factors", unknown.Recommendation);
    }

    [Fact]
    public void Leave_last_out_tests_each_users_latest_rows_and_keeps_short_histories_in_training()
    {
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ds = new Dataset("r",
        [
            new StringColumn("user", ["a", "a", "b", "a", "c", "c"]),
            new DateTimeColumn("time", [t.AddDays(3), t.AddDays(1), t, t.AddDays(2), t.AddDays(5), t.AddDays(4)]),
        ]);
        var split = DatasetSplitter.Split(ds, new DatasetSplitOptions { GroupBy = "user", TimeColumn = "time", LeaveLastOut = 1 });
        Assert.Equal(SplitStrategy.LastPerGroup, split.Strategy);
        // a: rows 1, 3, 0 by time, the last (row 0) tests; b has one row and stays; c: row 5 then row 4, row 4 tests.
        Assert.Equal(["a", "c"], Enumerable.Range(0, split.Test.RowCount).Select(r => ((StringColumn)split.Test["user"])[r]));
        Assert.Equal([t.AddDays(3), t.AddDays(5)], ((DateTimeColumn)split.Test["time"]).Values.ToArray());
        Assert.Equal(4, split.Train.RowCount);
        Assert.Equal("DataCenterTools.ConflictingSplitOptions", Assert.Throws<DataException>(() => DatasetSplitter.Split(ds, new DatasetSplitOptions { GroupBy = "user", LeaveLastOut = 1 })).ErrorId);
    }
}
