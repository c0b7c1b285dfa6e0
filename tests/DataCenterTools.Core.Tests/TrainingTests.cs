using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Tests;

public class TrainingTests
{
    /// <summary>y = 3·x1 − 2·x2 + 5 exactly, with a two-class tag (tag = x1 &gt; x2).</summary>
    private static Dataset Linear(int rows = 200)
    {
        var x1 = new double[rows];
        var x2 = new double[rows];
        var y = new double[rows];
        var tag = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            x1[i] = i % 17;
            x2[i] = (i * 7) % 13;
            y[i] = 3 * x1[i] - 2 * x2[i] + 5;
            tag[i] = x1[i] > x2[i];
        }
        return new Dataset("linear", [new DoubleColumn("x1", x1), new DoubleColumn("x2", x2), new DoubleColumn("y", y), new BooleanColumn("tag", tag)]);
    }

    [Fact]
    public void ConfusionMatrixGivesKnownPrecisionAndRecall()
    {
        // scikit-learn: precision_score(a, p, average=None) = [2/3, 1/3, 2/3], recall_score = [2/3, 1/2, 1/2]
        // for a=[0,0,0,1,1,2,2,2,2], p=[0,1,0,1,2,2,2,0,1].
        var m = ConfusionMatrix.FromPairs(["a", "b", "c"], [0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 1, 0, 1, 2, 2, 2, 0, 1]);
        Approx.Relative(2.0 / 3, m.Precision(0));
        Approx.Relative(1.0 / 3, m.Precision(1));
        Approx.Relative(2.0 / 3, m.Precision(2));
        Approx.Relative(2.0 / 3, m.Recall(0));
        Approx.Relative(0.5, m.Recall(1));
        Approx.Relative(0.5, m.Recall(2));
        Approx.Relative(5.0 / 9, m.Accuracy);
        Approx.Relative((2.0 / 3 + 0.5 + 0.5) / 3, m.MacroAccuracy);
        Assert.Equal(4, m.PerClass()[2].Support);
    }

    [Fact]
    public void AucAndAveragePrecisionMatchScikitLearn()
    {
        // /usr/bin/python3: roc_auc_score(y, s) = 0.625, average_precision_score(y, s) = 0.6928571428571428.
        bool[] y = [true, false, true, true, false, false, true, false];
        float[] s = [0.9f, 0.8f, 0.7f, 0.7f, 0.3f, 0.7f, 0.2f, 0.1f];
        Approx.Relative(0.625, ModelScoring.AreaUnderRoc(y, s));
        Approx.Relative(0.6928571428571428, ModelScoring.AveragePrecision(y, s));
    }

    [Fact]
    public void PerfectPredictionsGiveR2OneAndRmseZero()
    {
        var m = ModelMetrics.ForRegression([1, 2, 3, 4], [1, 2, 3, 4]);
        Assert.Equal(1.0, m.RSquared);
        Assert.Equal(0.0, m.RootMeanSquaredError);
        // By hand: errors 1,0,0,-1 → MSE 0.5, MAE 0.5; SStot = 5 → R2 = 1 - 2/5 = 0.6.
        var off = ModelMetrics.ForRegression([1, 2, 3, 4], [0, 2, 3, 5]);
        Approx.Relative(0.5, off.MeanSquaredError!.Value);
        Approx.Relative(0.5, off.MeanAbsoluteError!.Value);
        Approx.Relative(0.6, off.RSquared!.Value);
    }

    [Fact]
    public void LinearDataGivesNearPerfectLinearModel()
    {
        var model = new ModelTrainer(3).Train(Linear(), new TrainingOptions { Label = "y", Features = ["x1", "x2"], Trainer = TrainerKind.Sdca, Seed = 3 });
        Assert.Equal(ModelTask.Regression, model.Task);
        // SDCA stops at its convergence tolerance, so not exactly 1 and 0: y spans -19..53 (std about 16).
        Assert.True(model.Metrics.RSquared > 0.995, $"R2 {model.Metrics.RSquared}");
        Assert.True(model.Metrics.RootMeanSquaredError < 1.5, $"RMSE {model.Metrics.RootMeanSquaredError}");
        Assert.Equal(160, model.RowsUsed);
        Assert.Equal(40, model.Metrics.Rows);
    }

    [Fact]
    public void SameSeedGivesSameMetrics()
    {
        var options = new TrainingOptions { Label = "tag", Features = ["x1", "x2"], Trainer = TrainerKind.LightGbm, Seed = 11 };
        var a = new ModelTrainer(11).Train(Linear(), options);
        var b = new ModelTrainer(11).Train(Linear(), options);
        Assert.Equal(ModelTask.BinaryClassification, a.Task);
        Assert.Equal(a.Metrics.Scalars(), b.Metrics.Scalars());
        Assert.Equal(["False", "True"], a.Classes);
    }

    [Fact]
    public void CrossValidationReturnsKFoldsWithMeanAndStd()
    {
        var model = new ModelTrainer(5).Train(Linear(100), new TrainingOptions { Label = "y", Features = ["x1", "x2"], Trainer = TrainerKind.Sdca, CrossValidationFolds = 4, Seed = 5 });
        var cv = model.CrossValidation!;
        Assert.Equal(4, cv.Folds.Count);
        Assert.All(cv.Folds, f => Assert.Equal(25, f.Rows));
        var r2 = cv.Folds.Select(f => f.RSquared!.Value).ToArray();
        Approx.Relative(r2.Average(), cv.Mean["RSquared"]);
        Approx.Relative(Math.Sqrt(r2.Sum(v => Math.Pow(v - r2.Average(), 2)) / 3), cv.Std["RSquared"], 1e-6);
        Assert.Equal(100, model.RowsUsed);
    }

    [Fact]
    public void SaveAndLoadGiveIdenticalPredictions()
    {
        using var dir = new TempFolder();
        var data = Linear();
        var model = new ModelTrainer(2).Train(data, new TrainingOptions { Label = "tag", Features = ["x1", "x2"], Trainer = TrainerKind.FastTree, Seed = 2 });
        var path = Path.Combine(dir.Path, "m.zip");
        ModelFile.Save(model, path, overwrite: false);
        var loaded = ModelFile.Load(path);
        Assert.Equal(model.Features, loaded.Features);
        Assert.Equal(model.Metrics.Scalars(), loaded.Metrics.Scalars());
        var before = ModelPredictor.Predict(model, data);
        var after = ModelPredictor.Predict(loaded, data);
        Assert.Equal(((DoubleColumn)before["Score"]).Values.ToArray(), ((DoubleColumn)after["Score"]).Values.ToArray());
        Assert.Equal(((BooleanColumn)before["PredictedLabel"]).Values.ToArray(), ((BooleanColumn)after["PredictedLabel"]).Values.ToArray());
        Assert.Throws<DataException>(() => ModelFile.Save(model, path, overwrite: false));
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        var data = Linear(20);
        string Id(Action a) => Assert.Throws<DataException>(a).ErrorId;
        Assert.Equal("DataCenterTools.LabelNotFound", Id(() => new ModelTrainer(1).Train(data, new TrainingOptions { Label = "nope" })));
        var oneClass = new Dataset("one", [new DoubleColumn("x", [1, 2, 3]), new Int64Column("c", [7, 7, 7])]);
        Assert.Equal("DataCenterTools.LabelSingleClass", Id(() => new ModelTrainer(1).Train(oneClass, new TrainingOptions { Label = "c" })));
        var allMissing = new Dataset("m", [new DoubleColumn("x", [0, 0, 0, 0], ValidityBitmap.FromFlags([false, false, false, false])), new DoubleColumn("y", [1, 2, 3, 4])]);
        Assert.Equal("DataCenterTools.AllMissingFeature", Id(() => new ModelTrainer(1).Train(allMissing, new TrainingOptions { Label = "y" })));

        using var dir = new TempFolder();
        var notModel = Path.Combine(dir.Path, "x.zip");
        File.WriteAllText(notModel, "not a zip");
        Assert.Equal("DataCenterTools.ModelInvalid", Id(() => ModelFile.Load(notModel)));

        var model = new ModelTrainer(1).Train(data, new TrainingOptions { Label = "y", Features = ["x1", "x2"], Trainer = TrainerKind.Sdca, Seed = 1 });
        var missing = new Dataset("new", [new DoubleColumn("x1", [1.0])]);
        var e = Assert.Throws<DataException>(() => ModelPredictor.Predict(model, missing));
        Assert.Equal("DataCenterTools.FeatureNotFound", e.ErrorId);
        Assert.Equal("x2", e.ColumnName);
    }

    [Fact]
    public void CancelStopsTraining()
    {
        Assert.NotNull(ModelTrainer.CancelExecution);
        var trainer = new ModelTrainer(1);
        trainer.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(Linear(), new TrainingOptions { Label = "y", Trainer = TrainerKind.Sdca, Seed = 1 }));
    }
}
