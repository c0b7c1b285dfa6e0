using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DataCenterTools.Core.Tests;

/// <summary>The TF-IDF text path, -TrainerOption, -DateParts, removal gains and the ONNX export.</summary>
public class TrainingSteeringTests
{
    private static string ExamplesData(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", file))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "examples", "data", file);
    }

    [Fact]
    public void TfIdf_weights_match_scikit_learn()
    {
        string[] docs = ["The cat sat on the mat.", "The dog sat on the log!", "Cats and dogs, cats and DOGS"];
        var words = TfIdfVocabulary.Fit(new StringColumn("t", docs), new TfIdfOptions { CharMax = 0 });
        // /usr/bin/python3, scikit-learn 1.2: TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True).fit_transform(docs):
        // 21 terms; 'the' 0.429903244334 in docs 1 and 2 (idf 1.2876820724517808); 'the cat' 0.333858219766; 'sat on'
        // 0.253907781479 in docs 1 and 2; 'cats' and 'cats and' 0.43238508879 in doc 3.
        Assert.Equal(21, words.Dimension);
        Approx.Relative(1.2876820724517808, words.Idf(words.IndexOf("the", false)), 1e-6);
        void Check(TfIdfVocabulary v, int doc, string term, bool character, double expected)
        {
            var (indices, values) = v.Vectorize(docs[doc]);
            var at = Array.IndexOf(indices, v.IndexOf(term, character));
            Assert.True(at >= 0, $"'{term}' not in doc {doc}");
            Approx.Relative(expected, values[at], 1e-6);
        }
        Check(words, 0, "the", false, 0.429903244334);
        Check(words, 1, "the", false, 0.429903244334);
        Check(words, 0, "the cat", false, 0.333858219766);
        Check(words, 1, "sat on", false, 0.253907781479);
        Check(words, 2, "cats", false, 0.43238508879);
        Check(words, 2, "cats and", false, 0.43238508879);
        // TfidfVectorizer(analyzer='char_wb', ngram_range=(2,3), sublinear_tf=True): 64 terms; ' t' 0.227708279427 (doc 1)
        // and 0.226608312209 (doc 2); 'at ' 0.133838519658 (doc 2); 's,' 0.129392778563 (doc 3); 'og!' 0.175981569564 (doc 2).
        var chars = TfIdfVocabulary.Fit(new StringColumn("t", docs), new TfIdfOptions { WordMax = 0, CharMin = 2, CharMax = 3 });
        Assert.Equal(64, chars.Dimension);
        Check(chars, 0, " t", true, 0.227708279427);
        Check(chars, 1, " t", true, 0.226608312209);
        Check(chars, 1, "at ", true, 0.133838519658);
        Check(chars, 2, "s,", true, 0.129392778563);
        Check(chars, 1, "og!", true, 0.175981569564);
        // A term seen only at prediction time is ignored; the vector keeps its sorted, normalised shape.
        var (i, x) = words.Vectorize("the zebra");
        Assert.Single(i);
        Approx.Relative(1.0, x[0], 1e-6);
    }

    [Fact]
    public void Text_accuracy_on_a_fixed_split_matches_scikit_learns_same_pipeline()
    {
        // The first 1,000 sentences (Amazon reviews); every fifth row tests.
        var all = CsvDatasetReader.Read(ExamplesData("sentiment_labelled_combined.csv"), new ReadOptions()).Head(1000);
        var test = Enumerable.Range(0, all.RowCount).Where(r => r % 5 == 0).ToArray();
        var train = Enumerable.Range(0, all.RowCount).Where(r => r % 5 != 0).ToArray();
        var step = new LineageEntry("test", new Dictionary<string, string>());
        var model = new ModelTrainer(1).Train(all.TakeRows(train, "train", step), new TrainingOptions
        {
            Label = "label", Features = ["sentence"], Task = ModelTask.BinaryClassification, Trainer = TrainerKind.LbfgsLogisticRegression,
            TestDataset = all.TakeRows(test, "test", step),
        });
        Assert.Equal(FeatureKind.TfIdf, model.Features[0].Kind);
        Assert.Equal(200, model.Metrics.Rows);
        // /usr/bin/python3, scikit-learn 1.2, the same rows: make_union(TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True),
        // TfidfVectorizer(analyzer='char_wb', ngram_range=(2,5), sublinear_tf=True)) + LogisticRegression(C=10): accuracy 0.845;
        // the word-only TfidfVectorizer(ngram_range=(1,2)) + LogisticRegression(C=10) of the benchmark: 0.81.
        Assert.InRange(model.Metrics.Accuracy!.Value, 0.845 - 0.0101, 0.845 + 0.0101);
        Assert.True(model.Metrics.Accuracy >= 0.81);
    }

    [Fact]
    public void Auto_on_text_tries_the_fast_path_first_and_says_what_it_expects()
    {
        var all = CsvDatasetReader.Read(ExamplesData("sentiment_labelled_combined.csv"), new ReadOptions()).Head(400);
        var trainer = new ModelTrainer(2);
        var activities = new List<string>();
        trainer.Progress += p => activities.Add(p.Activity);
        var model = trainer.Train(all, new TrainingOptions { Label = "label", Features = ["sentence"], Trainer = TrainerKind.Auto, MaxTime = TimeSpan.FromMilliseconds(1) });
        Assert.Single(model.Leaderboard!);
        Assert.Equal("LbfgsLogisticRegression", model.Trainer);
        Assert.Contains(activities, a => a.StartsWith("Trying LbfgsLogisticRegression", StringComparison.Ordinal) && a.Contains("{option:MaxTime}"));
        Assert.Contains(activities, a => a.StartsWith("Skipping LightGbm", StringComparison.Ordinal) && a.Contains("s expected"));
        Assert.Equal(TimeSpan.FromSeconds(2), TrainingOptions.TextMaxTime(1000));
        // Naming no trainer for a text feature is the fast path itself, without a search.
        var plain = new ModelTrainer(2).Train(all, new TrainingOptions { Label = "label", Features = ["sentence"] });
        Assert.Equal("LbfgsLogisticRegression", plain.Trainer);
        Assert.Null(plain.Leaderboard);
        Assert.Equal(TimeSpan.FromSeconds(30), TrainingOptions.TextMaxTime(100_000));
    }

    [Fact]
    public void A_text_feature_blank_in_every_row_is_an_error()
    {
        var ds = new Dataset("t", [new StringColumn("text", ["", "  ", null, ""]), new BooleanColumn("y", [true, false, true, false])]);
        Assert.Equal("DataCenterTools.EmptyTextFeature", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, new TrainingOptions { Label = "y" })).ErrorId);
    }

    /// <summary>y = 2·x1 + (rack b: 5) + hour/2, 300 rows; x2 is noise; a DateTime, a category and a missing cell.</summary>
    private static Dataset Mixed()
    {
        const int n = 300;
        var x1 = new double[n];
        var x2 = new double[n];
        var rack = new string?[n];
        var at = new DateTime[n];
        var y = new double[n];
        var flag = new bool[n];
        var random = new Features.SplitMix64(5);
        for (var i = 0; i < n; i++)
        {
            x1[i] = i % 23;
            x2[i] = random.NextBelow(1000) / 100.0;
            rack[i] = (i % 3) switch { 0 => "a", 1 => "b", _ => "c" };
            at[i] = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i * 5);
            y[i] = 2 * x1[i] + (rack[i] == "b" ? 5 : 0) + at[i].Hour / 2.0;
            flag[i] = y[i] > 25;
        }
        var valid = ValidityBitmap.FromFlags(Enumerable.Range(0, n).Select(i => i != 7).ToArray());
        return new Dataset("mixed", [new DoubleColumn("x1", x1, valid), new DoubleColumn("x2", x2), new StringColumn("rack", rack), new DateTimeColumn("at", at),
            new DoubleColumn("y", y), new BooleanColumn("flag", flag)]);
    }

    [Fact]
    public void Trainer_options_are_validated_against_the_trainers_ML_NET_options()
    {
        var ds = Mixed();
        TrainingOptions Lgbm(Dictionary<string, object?> options) => new() { Label = "y", Features = ["x1", "rack"], Trainer = TrainerKind.LightGbm, Seed = 1, TrainerOptions = options };
        var model = new ModelTrainer(1).Train(ds, Lgbm(new() { ["numberofleaves"] = 7, ["LearningRate"] = 0.2, ["NumberOfIterations"] = 50L }));
        Assert.Equal("NumberOfLeaves=7 LearningRate=0.2 NumberOfIterations=50", model.Hyperparameters);
        var unknown = Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Lgbm(new() { ["NumberOfLeavs"] = 7 })));
        Assert.Equal("DataCenterTools.TrainerOptionUnknown", unknown.ErrorId);
        Assert.Contains("NumberOfLeaves", unknown.Recommendation);
        Assert.Contains("MinimumExampleCountPerLeaf", unknown.Recommendation);
        Assert.DoesNotContain("LabelColumnName", unknown.Recommendation);
        Assert.Equal("DataCenterTools.TrainerOptionInvalid", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Lgbm(new() { ["NumberOfLeaves"] = 2.5 }))).ErrorId);
        Assert.Equal("DataCenterTools.TrainerOptionInvalid", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, Lgbm(new() { ["NumberOfLeaves"] = "many" }))).ErrorId);
        // ML.NET refuses a negative L2 weight when the trainer is made, before any training.
        var sdca = new TrainingOptions { Label = "y", Features = ["x1"], Trainer = TrainerKind.Sdca, TrainerOptions = new Dictionary<string, object?> { ["L2Regularization"] = -1 } };
        Assert.Equal("DataCenterTools.TrainerOptionInvalid", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, sdca)).ErrorId);
        var auto = new TrainingOptions { Label = "y", TrainerOptions = new Dictionary<string, object?> { ["NumberOfLeaves"] = 7 } };
        Assert.Equal("DataCenterTools.TrainerOptionNeedsTrainer", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(ds, auto)).ErrorId);
    }

    [Fact]
    public void Date_parts_are_the_ones_asked_for()
    {
        var at = new DateTimeColumn("at", [new DateTime(2025, 1, 2, 12, 0, 0, DateTimeKind.Utc)]);
        var spec = new FeatureSpec("at", ColumnType.DateTime, FeatureKind.DateTimeParts, [DatePart.Year, DatePart.DayOfWeek, DatePart.Ordinal]);
        var columns = ViewColumns.ForFeature(at, spec.PartsOrDefault).ToArray();
        Assert.Equal(["at.Year", "at.DayOfWeek", "at.Ordinal"], columns.Select(c => c.Name));
        var view = new DatasetDataView(1, columns);
        float Read(string name) => Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<float>(view, name).Single();
        // 2025-01-02 is a Thursday, 20,090 days after 1970-01-01; 12:00 is half a day.
        Assert.Equal(2025f, Read("at.Year"));
        Assert.Equal(4f, Read("at.DayOfWeek"));
        Assert.Equal(20090.5f, Read("at.Ordinal"));
        var model = new ModelTrainer(1).Train(Mixed(), new TrainingOptions { Label = "y", Features = ["x1", "at"], Trainer = TrainerKind.FastTree, DateParts = [DatePart.Hour] });
        Assert.Equal([DatePart.Hour], model.Features[1].DateParts);
        Assert.Equal("DataCenterTools.DatePartsEmpty", Assert.Throws<DataException>(() => new ModelTrainer(1).Train(Mixed(), new TrainingOptions { Label = "y", DateParts = [] })).ErrorId);
    }

    [Fact]
    public void Explain_gives_the_metric_change_of_training_without_each_feature()
    {
        var ds = Mixed();
        var options = new TrainingOptions { Label = "y", Features = ["x1", "x2", "rack"], Trainer = TrainerKind.FastTree, Seed = 3, Explain = true };
        var model = new ModelTrainer(3).Train(ds, options);
        var without = new ModelTrainer(3).Train(ds, options with { Features = ["x1", "rack"], Explain = false });
        var x2 = model.FeatureImportance!.Single(f => f.Feature == "x2");
        // The gain is exactly the held-out R2 of the same trainer, seed and split without the feature, minus the model's.
        Assert.Equal(without.Metrics.RSquared!.Value - model.Metrics.RSquared!.Value, x2.RemovalGain!.Value, 12);
        Assert.Equal(x2.RemovalGain > 0, x2.RemovalImproves);
        var x1 = model.FeatureImportance!.Single(f => f.Feature == "x1");
        Assert.True(x1.Importance > 0.5 && x1.RemovalGain < -0.5, $"x1 {x1}");
        Assert.Equal("x1", model.FeatureImportance![0].Feature);
    }

    [Fact]
    public void The_ONNX_graph_predicts_what_the_ML_NET_model_predicts()
    {
        using var dir = new TempFolder();
        var ds = Mixed();
        foreach (var (task, trainer, label) in new[] { (ModelTask.Regression, TrainerKind.LightGbm, "y"), (ModelTask.BinaryClassification, TrainerKind.LbfgsLogisticRegression, "flag") })
        {
            var model = new ModelTrainer(1).Train(ds, new TrainingOptions { Label = label, Features = ["x1", "x2", "rack", "at"], Task = task, Trainer = trainer });
            var path = dir.File($"{trainer}.onnx");
            var inputs = OnnxExport.Save(model, path, overwrite: false);
            Assert.Equal(["x1", "x2", "rack", "at.Hour", "at.DayOfWeek", "at.Day", "at.Month"], inputs.Select(i => i.Name));
            var expected = ModelPredictor.Predict(model, ds);

            using var session = new InferenceSession(path);
            var feeds = new List<NamedOnnxValue>();
            var view = ModelInputs.BuildView(ds, model.Features, null, task, model.Classes);
            foreach (var input in inputs)
            {
                if (input.ElementType == "string")
                    feeds.Add(NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<string>(Enumerable.Range(0, ds.RowCount).Select(r => ((StringColumn)ds[input.Name])[r] ?? "").ToArray(), [ds.RowCount, 1])));
                else
                    feeds.Add(NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<float>(view, input.Name).ToArray(), [ds.RowCount, 1])));
            }
            using var results = session.Run(feeds);
            var column = task == ModelTask.Regression ? "Score" : "Probability";
            var onnx = results.First(r => r.Name == column + ".output").AsTensor<float>().ToArray();
            var mlnet = ((DoubleColumn)expected[column]).Values.ToArray();
            Assert.Equal(ds.RowCount, onnx.Length);
            for (var r = 0; r < ds.RowCount; r++)
                Assert.True(Math.Abs(onnx[r] - mlnet[r]) <= 1e-4 * Math.Max(1, Math.Abs(mlnet[r])), $"{trainer} row {r}: ONNX {onnx[r]}, ML.NET {mlnet[r]}");
        }
        var text = new ModelTrainer(1).Train(new Dataset("t", [new StringColumn("s", ["a good one here", "a bad one there", "good good good", "bad bad bad", "so good it is", "so bad it is", "good to see", "bad to see"]),
            new BooleanColumn("y", [true, false, true, false, true, false, true, false])]),
            new TrainingOptions { Label = "y", Trainer = TrainerKind.LbfgsLogisticRegression, TestFraction = 0.5, Seed = 4 });
        Assert.Equal("DataCenterTools.OnnxNotSupported", Assert.Throws<DataException>(() => OnnxExport.Save(text, dir.File("text.onnx"), false)).ErrorId);
        Assert.False(File.Exists(dir.File("text.onnx")));
    }
}
