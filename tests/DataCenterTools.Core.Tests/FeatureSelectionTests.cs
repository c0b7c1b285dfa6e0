using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected scores computed with Debian's scikit-learn 1.2.1 / scipy 1.10.1 (/usr/bin/python3):
/// sklearn.feature_selection.f_classif, chi2, f_regression, SelectPercentile and numpy's var on the
/// same arrays, printed with repr() and pasted here.
/// </summary>
public class FeatureSelectionTests
{
    private static Dataset Iris()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", "iris.csv"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return CsvDatasetReader.Read(Path.Combine(dir!.FullName, "examples", "data", "iris.csv"), new ReadOptions());
    }

    private static readonly string[] IrisFeatures = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

    // X = [[1,0,3],[2,1,0],[0,3,1],[4,0,2],[3,2,5],[5,1,4],[2,2,2]], y = [a,b,a,c,b,c,a]
    private static readonly double[][] SmallX = [[1, 2, 0, 4, 3, 5, 2], [0, 1, 3, 0, 2, 1, 2], [3, 0, 1, 2, 5, 4, 2]];
    private static readonly int[] SmallClasses = [0, 1, 0, 2, 1, 2, 0];

    private static void AssertTests(Func<double[], TestResult> test, double[][] features, double[] statistics, double[] pValues)
    {
        for (var j = 0; j < features.Length; j++)
        {
            var result = test(features[j]);
            Approx.Relative(statistics[j], result.Statistic);
            Approx.Relative(pValues[j], result.PValue);
        }
    }

    [Fact]
    public void FClassifMatchesSklearnOnASmallArray() =>
        AssertTests(x => FeatureScoring.FClassif(x, SmallClasses, 3), SmallX,
            [9.80952380952381, 0.6218487394957987, 0.1471861471861473],
            [0.02868106139438085, 0.58189513477975, 0.8676021071800207]);

    [Fact]
    public void Chi2MatchesSklearnOnASmallArray() =>
        AssertTests(x => FeatureScoring.Chi2(x, SmallClasses, 3), SmallX,
            [6.058823529411765, 1.3703703703703707, 0.5000000000000001],
            [0.04834406745041755, 0.5039968881753005, 0.7788007830714048]);

    [Fact]
    public void FRegressionMatchesSklearnOnASmallArray()
    {
        // x columns [1..6], [2,1,4,3,6,5], [0.5,0.1,0.9,0.3,0.2,0.8]; y = [1.1,2.3,2.9,4.2,5.1,5.8]
        double[] y = [1.1, 2.3, 2.9, 4.2, 5.1, 5.8];
        double[][] x = [[1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5], [0.5, 0.1, 0.9, 0.3, 0.2, 0.8]];
        double[] f = [495.76011994005825, 7.3123154715444487, 0.050013886840192513];
        double[] p = [2.4087427373062983e-05, 5.3863496237032793e-02, 8.3399662926734253e-01];
        double[] r = [0.9959900401493977, 0.8039919601205979, 0.11112634934474197]; // numpy.corrcoef
        for (var j = 0; j < 3; j++)
        {
            var test = FeatureScoring.FRegression(x[j], y);
            Approx.Relative(f[j], test.Statistic);
            Approx.Relative(p[j], test.PValue);
            Approx.Relative(r[j], FeatureScoring.PearsonR(x[j], y), 1e-12);
        }
    }

    [Fact]
    public void DegenerateFeaturesScoreAsSklearnDoes()
    {
        double[] constant = [2, 2, 2, 2];
        Assert.Equal(new TestResult(0, 1), FeatureScoring.FRegression(constant, [1, 2, 3, 4])); // force_finite=True
        Assert.True(double.IsNaN(FeatureScoring.FClassif(constant, [0, 0, 1, 1], 2).Statistic));
        Assert.Equal(new TestResult(double.PositiveInfinity, 0), FeatureScoring.FClassif([1, 1, 5, 5], [0, 0, 1, 1], 2));
        Assert.True(double.IsNaN(FeatureScoring.Chi2([0, 0, 0, 0], [0, 0, 1, 1], 2).Statistic));
        Assert.Equal(new TestResult(double.PositiveInfinity, 0), FeatureScoring.FRegression([1, 2, 3, 4], [2, 4, 6, 8]));
    }

    [Fact]
    public void PopulationVarianceIsDdofZero()
    {
        Assert.Equal(2.0, FeatureScoring.PopulationVariance([1, 2, 3, 4, 5])); // sum of squares 10 / 5
        Assert.Equal(0.0, FeatureScoring.PopulationVariance([7, 7, 7]));
    }

    [Fact]
    public void MutualInformationBinsByRankAndKeepsTiesTogether()
    {
        // ranks of first occurrence 0,0,2,2,4,4 with 3 bins -> floor(r*3/6) = 0,0,1,1,2,2
        Assert.Equal([0, 0, 1, 1, 2, 2], MutualInformation.EqualFrequencyBins([1, 1, 2, 2, 3, 3], 3));
        Assert.Equal([1, 0, 0, 1], MutualInformation.EqualFrequencyBins([9, 4, 4, 7], 2)); // 7 has rank 2 -> floor(2*2/4)=1
        // Hand-worked: joint counts (0,a)=2, (1,a)=1, (1,b)=1, (2,b)=2 over 6 rows:
        // MI = 2·(1/3)·ln((1/3)/(1/3·1/2)) + 2·(1/6)·ln((1/6)/(1/3·1/2)) = (2/3) ln 2;
        // sklearn.metrics.mutual_info_score([0,0,1,1,2,2], list('aaabbb')) = 0.4620981203732969.
        Approx.Relative(2.0 / 3 * Math.Log(2), MutualInformation.WithClasses([1, 1, 2, 2, 3, 3], [0, 0, 0, 1, 1, 1], 2, bins: 3), 1e-14);
        Approx.Relative(0.4620981203732969, MutualInformation.WithClasses([1, 1, 2, 2, 3, 3], [0, 0, 0, 1, 1, 1], 2, bins: 3), 1e-14);
        // A feature that separates two equal classes perfectly carries ln 2 nats; an unrelated one none.
        Approx.Relative(Math.Log(2), MutualInformation.WithClasses([1, 2, 3, 4], [0, 0, 1, 1], 2), 1e-14);
        Assert.Equal(0.0, MutualInformation.WithClasses([1, 2, 3, 4], [0, 1, 0, 1], 2, bins: 2));
    }

    [Fact]
    public void FTestOnIrisMatchesSklearnFClassif()
    {
        var result = FeatureSelector.Select(Iris(), new FeatureSelectionOptions { Method = FeatureScoringMethod.FTest, Target = "target_name", K = 2 });
        // f_classif(X, iris.target_name)
        double[] f = [119.26450218449871, 49.16004008961098, 1180.1611822529776, 960.0071468018025];
        double[] p = [1.6696691907731882e-31, 4.4920171333119905e-17, 2.8567766109621302e-91, 4.1694458394450892e-85];
        Assert.Equal(IrisFeatures, result.Scores.Select(s => s.Column));
        for (var j = 0; j < 4; j++)
        {
            Approx.Relative(f[j], result.Scores[j].Score);
            Approx.Relative(p[j], result.Scores[j].PValue!.Value, 1e-8);
        }
        Assert.Equal([3, 4, 1, 2], result.Scores.Select(s => s.Rank));
        Assert.Equal(["petal length (cm)", "petal width (cm)", "target_name"], result.Dataset.Columns.Select(c => c.Name));
        Assert.Equal(TargetKind.Categorical, result.TargetKind);
        // The numeric 'target' column recodes target_name: skipped as leakage, with a warning.
        Assert.Contains(result.Warnings, w => w.Contains("'target'") && w.Contains("leakage"));
        var step = result.Dataset.Lineage[^1];
        Assert.Equal("Select-DataFeature", step.Operation);
        Assert.Equal("petal length (cm), petal width (cm)", step.Parameters["Selected"]);
        Assert.Equal("K=2", step.Parameters["Rule"]);
    }

    [Fact]
    public void Chi2OnIrisMatchesSklearn()
    {
        var result = FeatureSelector.Select(Iris(), new FeatureSelectionOptions { Method = FeatureScoringMethod.Chi2, Target = "target_name", Threshold = 10 });
        double[] chi = [10.817820878494002, 3.7107283035324965, 116.31261309207025, 67.04836020011118];
        double[] p = [4.4765149902257677e-03, 1.5639598043162514e-01, 5.5339722771938657e-26, 2.7582496530034032e-15];
        for (var j = 0; j < 4; j++)
        {
            Approx.Relative(chi[j], result.Scores[j].Score);
            Approx.Relative(p[j], result.Scores[j].PValue!.Value, 1e-8);
        }
        Assert.Equal([true, false, true, true], result.Scores.Select(s => s.Selected));
    }

    [Fact]
    public void FRegressionOnIrisWithANumericTarget()
    {
        var result = FeatureSelector.Select(Iris(), new FeatureSelectionOptions
        {
            Method = FeatureScoringMethod.FTest, Target = "petal length (cm)", Columns = ["sepal length (cm)", "sepal width (cm)", "petal width (cm)"],
        });
        // f_regression(X[:, [0, 1, 3]], X[:, 2])
        double[] f = [468.5501535169646, 33.275007736768984, 1882.4523676480271];
        double[] p = [1.0386674194549770e-47, 4.5133142672739014e-08, 4.6750039073274773e-86];
        Assert.Equal(TargetKind.Numeric, result.TargetKind);
        for (var j = 0; j < 3; j++)
        {
            Approx.Relative(f[j], result.Scores[j].Score);
            Approx.Relative(p[j], result.Scores[j].PValue!.Value, 1e-8);
        }
        Assert.All(result.Scores, s => Assert.True(s.Selected)); // default K = 10, clamped silently
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void VarianceOnIrisMatchesNumpyVarAndKeepsAboveTheThreshold()
    {
        var iris = Iris();
        var result = FeatureSelector.Select(iris, new FeatureSelectionOptions { Method = FeatureScoringMethod.Variance, Exclude = ["target", "target_name"], Threshold = 0.6 });
        double[] variance = [0.6811222222222222, 0.1887128888888887, 3.0955026666666674, 0.5771328888888888]; // X.var(axis=0)
        for (var j = 0; j < 4; j++) Approx.Relative(variance[j], result.Scores[j].Score, 1e-12);
        Assert.Equal(["sepal length (cm)", "petal length (cm)"], result.Dataset.Columns.Select(c => c.Name));
        Assert.All(result.Scores, s => Assert.Null(s.PValue));
        Assert.Equal(6, iris.ColumnCount); // input untouched
    }

    [Fact]
    public void MutualInformationOnIrisMatchesTheDocumentedEstimator()
    {
        var result = FeatureSelector.Select(Iris(), new FeatureSelectionOptions { Method = FeatureScoringMethod.MutualInformation, Target = "target_name", K = 1 });
        // Independent check in Python: bins = (rankdata(x, 'min') - 1) * 10 // 150, then
        // sklearn.metrics.mutual_info_score(bins, target_name) (plug-in, natural log).
        double[] mi = [0.506114992512413, 0.2799850900057722, 0.9315290229184876, 0.9353051106982697];
        for (var j = 0; j < 4; j++) Approx.Relative(mi[j], result.Scores[j].Score, 1e-12);
        Assert.Equal(["petal width (cm)", "target_name"], result.Dataset.Columns.Select(c => c.Name));
        // Numeric target: both sides binned; mutual_info_score(bins(petal width), bins(petal length)).
        var numeric = FeatureSelector.Select(Iris(), new FeatureSelectionOptions { Method = FeatureScoringMethod.MutualInformation, Target = "petal length (cm)", Columns = ["petal width (cm)"] });
        Approx.Relative(1.1045300482087312, numeric.Scores[0].Score, 1e-12);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4 }, 50, new[] { 2, 3 })]
    [InlineData(new double[] { 1, 2, 3, 4 }, 20, new[] { 3 })]
    [InlineData(new double[] { 5, 5, 5, 1, 0 }, 40, new[] { 0, 1 })]
    [InlineData(new double[] { 3, 1, 2 }, 50, new[] { 0 })]
    [InlineData(new double[] { 1, 2, 2, 2, 3 }, 30, new[] { 4 })]
    public void PercentileKeepsWhatSelectPercentileKeeps(double[] scores, double percentile, int[] expected) =>
        // SelectPercentile(score_func=lambda X, y: scores, percentile=p).get_support()
        Assert.Equal(expected, FeatureSelector.PercentileSelection(scores, percentile));

    private static Dataset Small(params Column[] extra) => new("small",
    [
        new DoubleColumn("a", [1, 2, 3, 4, 5, 6]),
        new DoubleColumn("b", [1, 2, 3, 4, 5, 6]),
        new Int64Column("c", [6, 1, 4, 2, 5, 3]),
        new StringColumn("host", ["h1", "h2", "h1", "h2", "h1", "h2"]),
        new DoubleColumn("y", [1.0, 2.5, 2.9, 4.1, 5.2, 5.9]),
        .. extra,
    ]);

    [Fact]
    public void TiesRankTheEarlierColumnFirst()
    {
        var result = FeatureSelector.Select(Small(), new FeatureSelectionOptions { Method = FeatureScoringMethod.Correlation, Target = "y", K = 1 });
        Assert.Equal(result.Scores[0].Score, result.Scores[1].Score); // a and b are identical
        Assert.Equal([1, 2, 3], result.Scores.Select(s => s.Rank));
        Assert.Equal(["a", "y"], result.Dataset.Columns.Select(c => c.Name));
        Assert.Contains(result.Warnings, w => w.Contains("'host'") && w.Contains("not numeric"));
    }

    [Fact]
    public void KAboveTheCandidateCountKeepsAllWithAWarning()
    {
        var result = FeatureSelector.Select(Small(), new FeatureSelectionOptions { Method = FeatureScoringMethod.Correlation, Target = "y", K = 10 });
        Assert.All(result.Scores, s => Assert.True(s.Selected));
        Assert.Contains(result.Warnings, w => w.Contains("{option:K} 10") && w.Contains("3 candidate"));
        Assert.Equal("K=3", result.Dataset.Lineage[^1].Parameters["Rule"]);
    }

    [Fact]
    public void MissingValuesAreLeftOutAndReported()
    {
        var gappy = new DoubleColumn("d", [1, double.NaN, 3, 4, 5, 7], ValidityBitmap.FromFlags([true, true, true, false, true, true]));
        var result = FeatureSelector.Select(Small(gappy), new FeatureSelectionOptions { Method = FeatureScoringMethod.FTest, Target = "y" });
        Assert.Equal(4, result.RowsScored);
        Assert.Contains(result.Warnings, w => w.Contains("4 of 6 rows") && w.Contains("'d' (2)"));
        // Rows 0, 2, 4, 5 only: f_regression of a on y over those rows.
        var expected = FeatureScoring.FRegression([1, 3, 5, 6], [1.0, 2.9, 5.2, 5.9]);
        Assert.Equal(expected.Statistic, result.Scores[0].Score);
    }

    private static DataException Fails(Dataset ds, FeatureSelectionOptions o) => Assert.Throws<DataException>(() => FeatureSelector.Select(ds, o));

    [Fact]
    public void BadInputGivesClearErrors()
    {
        var ds = Small();
        var e = Fails(ds, new() { Method = FeatureScoringMethod.FTest, Target = "nope" });
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
        Assert.Equal("nope", e.ColumnName);
        Assert.Equal("DataCenterTools.ColumnNotFound", Fails(ds, new() { Target = "y", Columns = ["a", "zz"] }).ErrorId);

        var constant = Small(new StringColumn("one", ["x", "x", "x", "x", "x", "x"]));
        e = Fails(constant, new() { Method = FeatureScoringMethod.FTest, Target = "one" });
        Assert.Equal("DataCenterTools.ConstantTarget", e.ErrorId);
        Assert.Equal("one", e.ColumnName);

        e = Fails(Small(new DoubleColumn("neg", [1, 2, -3, 4, 5, 6])), new() { Method = FeatureScoringMethod.Chi2, Target = "host" });
        Assert.Equal("DataCenterTools.NegativeFeatureValue", e.ErrorId);
        Assert.Equal("neg", e.ColumnName);
        Assert.Contains("row 3", e.Message);

        Assert.Equal("DataCenterTools.TargetRequired", Fails(ds, new() { Method = FeatureScoringMethod.FTest }).ErrorId);
        Assert.Equal("DataCenterTools.TargetNotNumeric", Fails(ds, new() { Method = FeatureScoringMethod.Correlation, Target = "host" }).ErrorId);
        Assert.Equal("DataCenterTools.ConflictingSelectionRules", Fails(ds, new() { Target = "y", K = 1, Threshold = 2 }).ErrorId);
        Assert.Equal("DataCenterTools.NoCandidateFeatures", Fails(ds, new() { Target = "y", Columns = ["host"] }).ErrorId);

        var empty = Small(new DoubleColumn("gone", new double[6], ValidityBitmap.FromFlags([false, false, false, false, false, false])));
        Assert.Equal("DataCenterTools.NoCompleteRows", Fails(empty, new() { Target = "y" }).ErrorId);
        Assert.Equal(5, ds.ColumnCount); // never modified
    }

    [Fact]
    public void AStringTargetCanBeScoredAsClassesAndAnIntegerOneOnRequest()
    {
        var ds = Small(new Int64Column("cls", [0, 0, 0, 1, 1, 1]));
        var byString = FeatureSelector.Select(ds, new() { Method = FeatureScoringMethod.FTest, Target = "host", Exclude = ["y", "cls"] });
        Assert.Equal(TargetKind.Categorical, byString.TargetKind);
        var asClasses = FeatureSelector.Select(ds, new() { Method = FeatureScoringMethod.FTest, Target = "cls", TargetKind = TargetKind.Categorical, Columns = ["a"] });
        var expected = FeatureScoring.FClassif([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1], 2);
        Assert.Equal(expected.Statistic, asClasses.Scores[0].Score);
        Approx.Relative(13.5, expected.Statistic, 1e-12); // SSB = 13.5, SSW = 4 on 4 df -> F = 13.5 / 1
    }
}
