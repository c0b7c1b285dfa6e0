using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

public class TextValueCountsTests
{
    [Fact]
    public void Counts_buffer_text_in_place_with_pandas_order()
    {
        // Buffer storage (not dictionary-encoded), as high-cardinality text is kept.
        var column = new StringColumn("s", ["b", "a", "b", null, "c", "a", "b", "é", "d"]);
        Assert.False(column.IsDictionaryEncoded);
        var (present, distinct, top) = TextValueCounts.Count(column, 4);
        Assert.Equal(8, present);
        Assert.Equal(5, distinct);
        // pandas value_counts order; the ties (c, d, é: once each) in ordinal order.
        Assert.Equal([("b", 3L), ("a", 2L), ("c", 1L), ("d", 1L)], top.Select(kv => (kv.Key, kv.Value)));

        var profile = DistributionAnalyzer.Describe(column, new DistributionOptions { Top = 10 });
        Assert.Equal((8L, 1L, 5L), (profile.Count, profile.Missing, profile.Distinct));
        Assert.Equal(["b", "a", "c", "d", "é"], profile.TopValues.Select(v => v.Value));
        Assert.Equal(37.5, profile.TopValues[0].Percent);
    }

    [Fact]
    public void Agrees_with_the_dictionary_path_on_many_values()
    {
        var values = Enumerable.Range(0, 50_000).Select(i => i % 7 == 0 ? null : $"10.{i % 251}.{i % 13}.{i % 3}").ToArray();
        var buffer = new StringColumn("ip", values);
        var (present, distinct, top) = TextValueCounts.Count(buffer, 10);
        var expected = DistributionAnalyzer.CategoryCounts(buffer);
        Assert.Equal(expected.Values.Sum(), present);
        Assert.Equal(expected.Count, distinct);
        Assert.Equal(DistributionAnalyzer.Top(expected, 10), top);
    }
}
