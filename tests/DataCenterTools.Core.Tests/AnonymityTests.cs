using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The inpatient microdata of Machanavajjhala, Kifer, Gehrke and Venkitasubramaniam (2007), "l-Diversity: Privacy
/// beyond k-anonymity", ACM TKDD 1(1), Figure 1 (original) and Figure 2 (its 4-anonymous generalization).
/// </summary>
public class AnonymityTests
{
    private static readonly string[] Zip = ["13053", "13068", "13068", "13053", "14853", "14853", "14850", "14850", "13053", "13053", "13068", "13068"];
    private static readonly long[] Age = [28, 29, 21, 23, 50, 55, 47, 49, 31, 37, 36, 35];
    private static readonly string[] Nationality = ["Russian", "American", "Japanese", "American", "Indian", "Russian", "American", "American", "American", "Indian", "Japanese", "American"];
    private static readonly string[] Condition = ["Heart Disease", "Heart Disease", "Viral Infection", "Viral Infection", "Cancer", "Heart Disease", "Viral Infection", "Viral Infection", "Cancer", "Cancer", "Cancer", "Cancer"];

    private static Dataset Original() => new("inpatient", [
        new StringColumn("zip", Zip), new Int64Column("age", Age), new StringColumn("nationality", Nationality), new StringColumn("condition", Condition)]);

    // Figure 2: zip 130** / 1485*, age <30 / >=40 / 3*, nationality suppressed. Dictionary-encoded on purpose.
    private static Dataset FourAnonymous() => new("inpatient4", [
        new StringColumn("zip", [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0], ["130**", "1485*"]),
        new StringColumn("age", [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], ["<30", ">=40", "3*"]),
        new StringColumn("nationality", Enumerable.Repeat(0, 12).ToArray(), ["*"]),
        new StringColumn("condition", Condition)]);

    [Fact]
    public void OriginalTableIsOnlyOneAnonymous()
    {
        // Every (zip, age, nationality) is unique: 12 classes of 1, k = 1, max risk 1, average 12/12 = 1, l = 1.
        var r = AnonymityAnalyzer.Measure(Original(), ["zip", "age", "nationality"], "condition", threshold: 2);
        Assert.Equal(1, r.K);
        Assert.Equal(1, r.LDiversity);
        Assert.Equal(12, r.EquivalenceClasses);
        Assert.Equal(12, r.RowsInClassesUnderThreshold);
        Assert.Equal(1.0, r.MaxReidentificationRisk);
        Assert.Equal(1.0, r.AverageReidentificationRisk);
    }

    [Fact]
    public void ZipAloneByHand()
    {
        // zip 13053: rows 1,4,9,10 (Heart, Viral, Cancer, Cancer -> 3 distinct); 13068: rows 2,3,11,12 (Heart, Viral,
        // Cancer, Cancer -> 3); 14853: rows 5,6 (Cancer, Heart -> 2); 14850: rows 7,8 (Viral, Viral -> 1).
        // Sizes 4,4,2,2: k = 2, l = 1, 4 classes, max risk 1/2, average 4/12 = (4*1/4 + 4*1/4 + 2*1/2 + 2*1/2)/12 = 1/3.
        // Threshold 3: the two classes of 2 hold 4 rows. (Checked with pandas: groupby(zip).size().min() = 2,
        // condition.nunique().min() = 1, 4 groups, mean of 1/size over rows = 0.3333.)
        var r = AnonymityAnalyzer.Measure(Original(), ["zip"], "condition", threshold: 3);
        Assert.Equal(2, r.K);
        Assert.Equal(1, r.LDiversity);
        Assert.Equal(4, r.EquivalenceClasses);
        Assert.Equal(4, r.RowsInClassesUnderThreshold);
        Assert.Equal(0.5, r.MaxReidentificationRisk);
        Assert.Equal(1.0 / 3, r.AverageReidentificationRisk, 12);
        Assert.Equal(12, r.Rows);
        Assert.Equal(3, r.Threshold);
    }

    [Fact]
    public void FigureTwoIsFourAnonymousButOnlyOneDiverse()
    {
        // Blocks rows 1-4 (Heart, Heart, Viral, Viral -> 2 distinct), 5-8 (Cancer, Heart, Viral, Viral -> 3),
        // 9-12 (Cancer x4 -> 1): k = 4, l = 1 — the paper's homogeneity attack on the third block.
        // 3 classes of 4: max risk 1/4, average 3/12 = 1/4; threshold 5 puts all 12 rows under it, 4 none.
        var r = AnonymityAnalyzer.Measure(FourAnonymous(), ["zip", "age", "nationality"], "condition", threshold: 5);
        Assert.Equal(4, r.K);
        Assert.Equal(1, r.LDiversity);
        Assert.Equal(3, r.EquivalenceClasses);
        Assert.Equal(12, r.RowsInClassesUnderThreshold);
        Assert.Equal(0.25, r.MaxReidentificationRisk);
        Assert.Equal(0.25, r.AverageReidentificationRisk);
        Assert.Equal(0, AnonymityAnalyzer.Measure(FourAnonymous(), ["zip", "age"], threshold: 4).RowsInClassesUnderThreshold);
        Assert.Null(AnonymityAnalyzer.Measure(FourAnonymous(), ["zip", "age"]).LDiversity);
    }

    [Fact]
    public void ClassesNumberRowsInOrderOfFirstAppearanceAndNullIsAValue()
    {
        var ds = new Dataset("t", [
            TestColumns.Longs("a", 1, 1, null, 2, null, 1),
            TestColumns.Doubles("b", 0.5, 0.5, null, 0.5, null, 0.75)]);
        var classes = EquivalenceClasses.Assign(ds, ["a", "b"]);
        // (1,.5) (1,.5) (null,null) (2,.5) (null,null) (1,.75)
        Assert.Equal([0, 0, 1, 2, 1, 3], classes.ClassOfRow);
        Assert.Equal([2, 2, 1, 1], classes.ClassSizes);
        Assert.Equal(4, classes.ClassCount);
    }

    [Fact]
    public void BufferedAndDictionaryStringsGroupAlike()
    {
        var buffered = new Dataset("t", [new StringColumn("s", ["x", "y", "x", null, "y"])]);
        var coded = new Dataset("t", [new StringColumn("s", [0, 1, 2, -1, 1], ["x", "y", "x"])]); // "x" twice in the dictionary
        Assert.Equal([0, 1, 0, 2, 1], EquivalenceClasses.Assign(buffered, ["s"]).ClassOfRow);
        Assert.Equal([0, 1, 0, 2, 1], EquivalenceClasses.Assign(coded, ["s"]).ClassOfRow);
    }

    [Fact]
    public void EmptyDatasetHasNoClasses()
    {
        var empty = new Dataset("empty", [new StringColumn("zip", Array.Empty<string?>()), new StringColumn("d", Array.Empty<string?>())]);
        var r = AnonymityAnalyzer.Measure(empty, ["zip"], "d", 5);
        Assert.Equal(0, r.K);
        Assert.Equal(0, r.LDiversity);
        Assert.Equal(0, r.EquivalenceClasses);
        Assert.Equal(0, r.RowsInClassesUnderThreshold);
        Assert.Equal(0.0, r.MaxReidentificationRisk);
        Assert.Equal(0.0, r.AverageReidentificationRisk);
    }

    [Theory]
    [InlineData(new[] { "zipcode" }, null, "DataCenterTools.ColumnNotFound")]
    [InlineData(new[] { "zip" }, "diagnosis", "DataCenterTools.ColumnNotFound")]
    [InlineData(new string[0], null, "DataCenterTools.NoQuasiIdentifier")]
    [InlineData(new[] { "zip", "condition" }, "condition", "DataCenterTools.SensitiveIsQuasiIdentifier")]
    public void BadColumnsAreNamed(string[] quasi, string? sensitive, string errorId)
    {
        var e = Assert.Throws<DataException>(() => AnonymityAnalyzer.Measure(Original(), quasi, sensitive));
        Assert.Equal(errorId, e.ErrorId);
    }
}
