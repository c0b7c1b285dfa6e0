using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected encodings computed with Debian's scikit-learn 1.2.1: s = [b,a,c,a,b], n = [3,10,3,2,10];
/// OneHotEncoder(sparse_output=False) gives categories [a,b,c] and [2,3,10] (numbers sorted as numbers),
/// feature names s_a.. n_10 and rows [0,1,0,0,1,0] [1,0,0,0,0,1] [0,0,1,0,1,0] [1,0,0,1,0,0] [0,1,0,0,0,1];
/// OrdinalEncoder gives s -> [1,0,2,0,1], n -> [1,2,1,0,2]; handle_unknown='ignore' encodes z as all zeros.
/// </summary>
public class EncoderTests
{
    private static Dataset Train() => new("train",
    [
        new StringColumn("s", ["b", "a", "c", "a", "b"]),
        new DoubleColumn("before", [1, 2, 3, 4, 5]),
        new Int64Column("n", [3, 10, 3, 2, 10]),
    ]);

    private static long?[] Values(Dataset ds, string column) =>
        Enumerable.Range(0, ds.RowCount).Select(r => (long?)ds[column].GetValue(r)).ToArray();

    [Fact]
    public void OneHot_matches_OneHotEncoder_and_replaces_the_column_in_place()
    {
        var encoder = DataEncoder.Fit(Train(), EncodingMethod.OneHot, ["s", "n"]);
        Assert.Equal(["a", "b", "c"], encoder.Columns[0].Categories);
        Assert.Equal(["2", "3", "10"], encoder.Columns[1].Categories);
        var encoded = encoder.Transform(Train());
        Assert.Equal(["s_a", "s_b", "s_c", "before", "n_2", "n_3", "n_10"], encoded.Columns.Select(c => c.Name));
        Assert.All(encoded.Columns.Where(c => c.Name != "before"), c => Assert.Equal(ColumnType.Int64, c.Type));
        Assert.Equal([0L, 1, 0, 1, 0], Values(encoded, "s_a"));
        Assert.Equal([1L, 0, 0, 0, 1], Values(encoded, "s_b"));
        Assert.Equal([0L, 0, 1, 0, 0], Values(encoded, "s_c"));
        Assert.Equal([0L, 0, 0, 1, 0], Values(encoded, "n_2"));
        Assert.Equal([1L, 0, 1, 0, 0], Values(encoded, "n_3"));
        Assert.Equal([0L, 1, 0, 0, 1], Values(encoded, "n_10"));
        Assert.Equal("Invoke-DataEncoding", encoded.Lineage[^1].Operation);
        Assert.Equal("s,n", encoded.Lineage[^1].Parameters["Columns"]);
    }

    [Fact]
    public void Ordinal_matches_OrdinalEncoder()
    {
        var encoder = DataEncoder.Fit(Train(), EncodingMethod.Ordinal, ["s", "n"]);
        var encoded = encoder.Transform(Train());
        Assert.Equal(["s", "before", "n"], encoded.Columns.Select(c => c.Name));
        Assert.Equal([1L, 0, 2, 0, 1], Values(encoded, "s"));
        Assert.Equal([1L, 2, 1, 0, 2], Values(encoded, "n"));
    }

    [Fact]
    public void Missing_stays_missing_and_is_not_a_category()
    {
        var withMissing = new Dataset("m", [new StringColumn("s", ["x", null, "y"])]);
        var oneHot = DataEncoder.Fit(withMissing, EncodingMethod.OneHot, ["s"]);
        Assert.Equal(["x", "y"], oneHot.Columns[0].Categories);
        var encoded = oneHot.Transform(withMissing);
        Assert.Equal([1L, null, 0], Values(encoded, "s_x"));
        Assert.Equal([0L, null, 1], Values(encoded, "s_y"));
        var ordinal = DataEncoder.Fit(withMissing, EncodingMethod.Ordinal, ["s"]).Transform(withMissing);
        Assert.Equal([0L, null, 1], Values(ordinal, "s"));
    }

    [Fact]
    public void Unknown_categories_error_by_default_and_are_ignored_on_request()
    {
        var test = new Dataset("test", [new StringColumn("s", ["z", "c"]), new Int64Column("n", [2, 3])]);
        var strict = DataEncoder.Fit(Train(), EncodingMethod.OneHot, ["s"]);
        var e = Assert.Throws<DataException>(() => strict.Transform(test));
        Assert.Equal(("DataCenterTools.UnknownCategory", "s"), (e.ErrorId, e.ColumnName));
        Assert.Contains("'z'", e.Message);

        var lenient = DataEncoder.Fit(Train(), EncodingMethod.OneHot, ["s"], UnknownCategoryHandling.Ignore).Transform(test);
        Assert.Equal([0L, 0], Values(lenient, "s_a"));
        Assert.Equal([0L, 0], Values(lenient, "s_b"));
        Assert.Equal([0L, 1], Values(lenient, "s_c"));
        var ordinal = DataEncoder.Fit(Train(), EncodingMethod.Ordinal, ["s"], UnknownCategoryHandling.Ignore).Transform(test);
        Assert.Equal([null, 2L], Values(ordinal, "s"));
    }

    [Fact]
    public void Booleans_sort_false_first_and_bad_columns_are_named()
    {
        var flags = new Dataset("f", [new BooleanColumn("ok", [true, false, true]), new DoubleColumn("x", [1, 2, 3])]);
        var encoder = DataEncoder.Fit(flags, EncodingMethod.Ordinal, ["ok"]);
        Assert.Equal(["False", "True"], encoder.Columns[0].Categories);
        Assert.Equal([1L, 0, 1], Values(encoder.Transform(flags), "ok"));
        var numeric = Assert.Throws<DataException>(() => DataEncoder.Fit(flags, EncodingMethod.OneHot, ["x"]));
        Assert.Equal(("DataCenterTools.ColumnNotCategorical", "x"), (numeric.ErrorId, numeric.ColumnName));
        var missing = Assert.Throws<DataException>(() => DataEncoder.Fit(flags, EncodingMethod.OneHot, ["nope"]));
        Assert.Equal(("DataCenterTools.ColumnNotFound", "nope"), (missing.ErrorId, missing.ColumnName));
    }

    [Fact]
    public void A_generated_name_that_clashes_is_an_error()
    {
        var ds = new Dataset("d", [new StringColumn("s", ["a", "b"]), new Int64Column("s_a", [1, 2])]);
        var e = Assert.Throws<DataException>(() => DataEncoder.Fit(ds, EncodingMethod.OneHot, ["s"]).Transform(ds));
        Assert.Equal(("DataCenterTools.ColumnNameConflict", "s_a"), (e.ErrorId, e.ColumnName));
    }
}
