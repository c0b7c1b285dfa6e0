using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected figures were computed with Debian's scikit-learn 1.2.1 (/usr/bin/python3) on
/// X = [[1,-3.5],[2,0.5],[nan,10],[4,2],[7,-8],[11,6]] (train) and T = [[0,1],[5,1],[20,nan]] (test):
/// StandardScaler(), MinMaxScaler(), MinMaxScaler(feature_range=(-1,2)), RobustScaler(), MaxAbsScaler(),
/// np.log1p; .transform(X) and .transform(T) printed with repr.
/// </summary>
public class ScalerTests
{
    private static readonly ValidityBitmap ThirdMissing = ValidityBitmap.FromFlags([true, true, false, true, true, true])!;

    // Column a is Int64 with a missing cell (sklearn's nan), b is Double.
    private static Dataset Train() => new("train",
    [
        new Int64Column("a", [1, 2, 0, 4, 7, 11], ThirdMissing),
        new DoubleColumn("b", [-3.5, 0.5, 10, 2, -8, 6]),
        new StringColumn("host", ["h1", "h2", "h3", "h4", "h5", "h6"]),
    ]);

    private static Dataset Test() => new("test",
    [
        new Int64Column("a", [0, 5, 20]),
        new DoubleColumn("b", [1, 1, 0], ValidityBitmap.FromFlags([true, true, false])),
    ]);

    private static double?[] Values(Dataset ds, string column) =>
        Enumerable.Range(0, ds.RowCount).Select(r => ds[column].GetValue(r) is { } v ? Convert.ToDouble(v) : (double?)null).ToArray();

    private static void AssertClose(double?[] expected, double?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i].HasValue == actual[i].HasValue, $"row {i}: missing differs");
            if (expected[i] is { } e) Assert.True(Math.Abs(e - actual[i]!.Value) <= 1e-12 * Math.Max(1, Math.Abs(e)), $"row {i}: {e:R} vs {actual[i]:R}");
        }
    }

    [Fact]
    public void ZScore_matches_StandardScaler_with_population_std()
    {
        var scaler = DataScaler.Fit(Train(), ScalingMethod.ZScore, ["a", "b"]);
        Assert.Equal(5.0, scaler.Columns[0].Mean);
        Assert.Equal(3.63318042491699, scaler.Columns[0].Std!.Value, 12);   // sqrt(var_ 13.2), ddof 0
        Assert.Equal(1.1666666666666667, scaler.Columns[1].Mean!.Value, 14);
        Assert.Equal(5.892556509887896, scaler.Columns[1].Std!.Value, 12);
        Assert.Null(scaler.Columns[0].Min);
        var train = scaler.Transform(Train());
        AssertClose([-1.1009637651263606, -0.8257228238447705, null, -0.27524094128159016, 0.5504818825631803, 1.651445647689541], Values(train, "a"));
        AssertClose([-0.7919595949289332, -0.1131370849898476, 1.4990663761154808, 0.14142135623730948, -1.5556349186104044, 0.820243866176395], Values(train, "b"));
        var test = scaler.Transform(Test());
        AssertClose([-1.3762047064079508, 0.0, 4.128614119223853], Values(test, "a"));
        AssertClose([-0.028284271247461912, -0.028284271247461912, null], Values(test, "b"));
    }

    [Fact]
    public void MinMax_matches_MinMaxScaler()
    {
        var scaler = DataScaler.Fit(Train(), ScalingMethod.MinMax, ["a", "b"]);
        Assert.Equal((1.0, 11.0), (scaler.Columns[0].Min!.Value, scaler.Columns[0].Max!.Value));
        Assert.Equal((-8.0, 10.0), (scaler.Columns[1].Min!.Value, scaler.Columns[1].Max!.Value));
        var train = scaler.Transform(Train());
        AssertClose([0.0, 0.1, null, 0.30000000000000004, 0.6000000000000001, 1.0], Values(train, "a"));
        AssertClose([0.25, 0.4722222222222222, 1.0, 0.5555555555555556, 0.0, 0.7777777777777777], Values(train, "b"));
        var test = scaler.Transform(Test());
        AssertClose([-0.1, 0.4, 1.9], Values(test, "a"));  // outside the fitted range, as in sklearn (no clipping)
        AssertClose([0.5, 0.5, null], Values(test, "b"));
    }

    [Fact]
    public void MinMax_with_a_range_matches_feature_range()
    {
        var scaler = DataScaler.Fit(Train(), ScalingMethod.MinMax, ["a", "b"], -1, 2);
        Assert.Equal((-1.0, 2.0), (scaler.RangeMin!.Value, scaler.RangeMax!.Value));
        var train = scaler.Transform(Train());
        AssertClose([-1.0, -0.7000000000000001, null, -0.10000000000000009, 0.8, 1.9999999999999998], Values(train, "a"));
        AssertClose([-0.25, 0.4166666666666666, 1.9999999999999998, 0.6666666666666665, -1.0, 1.3333333333333333], Values(train, "b"));
        AssertClose([-1.3, 0.19999999999999996, 4.7], Values(scaler.Transform(Test()), "a"));
    }

    [Fact]
    public void Robust_matches_RobustScaler_with_interpolated_quartiles()
    {
        var scaler = DataScaler.Fit(Train(), ScalingMethod.Robust, ["a", "b"]);
        Assert.Equal((4.0, 5.0), (scaler.Columns[0].Median!.Value, scaler.Columns[0].Iqr!.Value));
        Assert.Equal((1.25, 7.5), (scaler.Columns[1].Median!.Value, scaler.Columns[1].Iqr!.Value)); // q25 -2.5, q75 5 by interpolation
        var train = scaler.Transform(Train());
        AssertClose([-0.6, -0.4, null, 0.0, 0.6, 1.4], Values(train, "a"));
        AssertClose([-0.6333333333333333, -0.1, 1.1666666666666667, 0.1, -1.2333333333333334, 0.6333333333333333], Values(train, "b"));
        var test = scaler.Transform(Test());
        AssertClose([-0.8, 0.2, 3.2], Values(test, "a"));
        AssertClose([-0.03333333333333333, -0.03333333333333333, null], Values(test, "b"));
    }

    [Fact]
    public void MaxAbs_matches_MaxAbsScaler()
    {
        var scaler = DataScaler.Fit(Train(), ScalingMethod.MaxAbs, ["a", "b"]);
        Assert.Equal((11.0, 10.0), (scaler.Columns[0].MaxAbs!.Value, scaler.Columns[1].MaxAbs!.Value));
        var train = scaler.Transform(Train());
        AssertClose([0.09090909090909091, 0.18181818181818182, null, 0.36363636363636365, 0.6363636363636364, 1.0], Values(train, "a"));
        AssertClose([-0.35, 0.05, 1.0, 0.2, -0.8, 0.6], Values(train, "b"));
        AssertClose([0.0, 0.45454545454545453, 1.8181818181818181], Values(scaler.Transform(Test()), "a"));
    }

    [Fact]
    public void Log1p_matches_numpy_and_rejects_values_at_or_below_minus_one()
    {
        var scaler = DataScaler.Fit(Train(), ScalingMethod.Log1p, ["a"]);
        AssertClose([0.6931471805599453, 1.0986122886681096, null, 1.6094379124341003, 2.0794415416798357, 2.4849066497880004], Values(scaler.Transform(Train()), "a"));
        // log1p stays accurate where log(1 + x) would lose every digit.
        Assert.Equal(1e-20, DataScaler.LogOnePlus(1e-20));
        Assert.Equal(1e-20, DataScaler.ExpMinusOne(1e-20));
        var bad = new Dataset("bad", [new DoubleColumn("a", [0.5, -1])]);
        var e = Assert.Throws<DataException>(() => scaler.Transform(bad));
        Assert.Equal("DataCenterTools.ValueOutOfDomain", e.ErrorId);
        Assert.Equal("a", e.ColumnName);
    }

    [Theory]
    [InlineData(ScalingMethod.MinMax)]
    [InlineData(ScalingMethod.ZScore)]
    [InlineData(ScalingMethod.Robust)]
    [InlineData(ScalingMethod.MaxAbs)]
    [InlineData(ScalingMethod.Log1p)]
    public void Inverse_round_trips_and_other_columns_are_shared(ScalingMethod method)
    {
        var original = Train();
        var scaler = DataScaler.Fit(original, method, new[] { "a", "b" }.Where(c => method != ScalingMethod.Log1p || c == "a"));
        var scaled = scaler.Transform(original);
        Assert.Equal(ColumnType.Double, scaled["a"].Type);
        Assert.Same(original["host"], scaled["host"]);
        Assert.True(scaled["a"].IsNull(2));
        var back = scaler.InverseTransform(scaled);
        AssertClose(Values(original, "a"), Values(back, "a"));
        AssertClose(Values(original, "b"), Values(back, "b"));
        Assert.Equal("Invoke-DataScaling", back.Lineage[^1].Operation);
        Assert.Equal("True", back.Lineage[^1].Parameters["Inverse"]);
        Assert.Equal(method.ToString(), scaled.Lineage[^1].Parameters["Method"]);
        // The input is untouched: still Int64 with its values.
        Assert.Equal(ColumnType.Int64, original["a"].Type);
        Assert.Empty(original.Lineage);
    }

    [Fact]
    public void A_constant_column_scales_by_one_like_scikit_learn()
    {
        // StandardScaler / MinMaxScaler / RobustScaler / MaxAbsScaler on [3,3,3] give 0,0,0 (scale_ 1), and
        // MaxAbs on [0,0] keeps 0: the zero spread is replaced by 1, never divided by.
        var constant = new Dataset("c", [new DoubleColumn("x", [3, 3, 3]), new DoubleColumn("z", [0, 0, 0])]);
        foreach (var method in new[] { ScalingMethod.ZScore, ScalingMethod.MinMax, ScalingMethod.Robust })
            AssertClose([0, 0, 0], Values(DataScaler.Fit(constant, method, ["x"]).Transform(constant), "x"));
        var maxAbs = DataScaler.Fit(constant, ScalingMethod.MaxAbs, ["z"]);
        Assert.Equal(0.0, maxAbs.Columns[0].MaxAbs);
        AssertClose([0, 0, 0], Values(maxAbs.Transform(constant), "z"));
    }

    [Fact]
    public void Bad_input_is_a_DataException_naming_the_column()
    {
        var train = Train();
        var unknown = Assert.Throws<DataException>(() => DataScaler.Fit(train, ScalingMethod.ZScore, ["a", "nope"]));
        Assert.Equal(("DataCenterTools.ColumnNotFound", "nope"), (unknown.ErrorId, unknown.ColumnName));
        var text = Assert.Throws<DataException>(() => DataScaler.Fit(train, ScalingMethod.ZScore, ["host"]));
        Assert.Equal(("DataCenterTools.ColumnNotNumeric", "host"), (text.ErrorId, text.ColumnName));
        var scaler = DataScaler.Fit(train, ScalingMethod.ZScore, ["a", "b"]);
        var lacking = new Dataset("other", [new Int64Column("a", [1, 2])]);
        var missing = Assert.Throws<DataException>(() => scaler.Transform(lacking));
        Assert.Equal(("DataCenterTools.ColumnNotFound", "b"), (missing.ErrorId, missing.ColumnName));
        var range = Assert.Throws<DataException>(() => DataScaler.Fit(train, ScalingMethod.MinMax, ["a"], 1, 1));
        Assert.Equal("DataCenterTools.InvalidScalingRange", range.ErrorId);
        var empty = new Dataset("e", [new DoubleColumn("x", [0, 0], ValidityBitmap.FromFlags([false, false]))]);
        Assert.Equal("DataCenterTools.NoValuesToFit", Assert.Throws<DataException>(() => DataScaler.Fit(empty, ScalingMethod.ZScore, ["x"])).ErrorId);
    }

    [Fact]
    public void A_rebuilt_scaler_lacking_parameters_is_rejected()
    {
        var scaler = new DataScaler { Method = ScalingMethod.ZScore, Columns = [new ColumnScaling { Column = "a", Mean = 1 }] };
        var e = Assert.Throws<DataException>(() => scaler.Transform(Train()));
        Assert.Equal("DataCenterTools.InvalidScaler", e.ErrorId);
        Assert.Contains("Std", e.Message);
    }
}
