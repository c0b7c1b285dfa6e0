using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// k-anonymity on UCI Adult (Kohavi and Becker 1996, CC BY 4.0): the first 1,000 rows ship as
/// examples/data/adult/adult_sample.csv with a native-country hierarchy in ARX's format beside it.
/// </summary>
public class AdultKAnonymityTests
{
    private static string DataFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", "adult", name))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "examples", "data", "adult", name);
    }

    internal static Dataset Adult() => CsvDatasetReader.Read(DataFile("adult_sample.csv"), new ReadOptions());

    private static Dictionary<string, string> Countries() => new() { ["native-country"] = DataFile("adult_hierarchy_native-country.csv") };

    // Rows 1-10 of adult.data: age, sex, native-country.
    private static Dataset FirstTen() => new("adult10",
    [
        TestColumns.Longs("age", 39, 50, 38, 53, 28, 37, 49, 52, 31, 42),
        new StringColumn("sex", ["Male", "Male", "Male", "Male", "Female", "Female", "Female", "Male", "Female", "Male"]),
        new StringColumn("native-country", ["United-States", "United-States", "United-States", "United-States", "Cuba", "United-States", "Jamaica", "United-States", "United-States", "United-States"]),
    ]);

    private static string[] Cells(Dataset ds, string column) => Enumerable.Range(0, ds.RowCount).Select(r => (string)ds[column].GetValue(r)!).ToArray();

    [Fact]
    public void A_suppressed_category_is_one_star_whatever_its_length()
    {
        // k=5 over (age, sex), no suppression. Loss = (age level / 5 + sex level / 1) / 2; ages 28..53 reach one
        // range at width 80 (level 5). Keeping sex (6 Male, 4 Female) fails k=5 at every age level, so sex must go;
        // then age needs width 20 (level 3: 20-39 holds 39,38,28,37,31 and 40-59 holds 50,53,49,52,42): loss 0.8.
        // Levels (1,1) and (2,1), losses 0.6 and 0.7, leave classes of 1 to 4.
        var result = KAnonymizer.Apply(FirstTen(), ["age", "sex"], k: 5, maxSuppression: 0);
        Assert.Equal([3, 1], result.Levels.Select(l => l.Level));
        Assert.All(Cells(result.Dataset, "sex"), cell => Assert.Equal("*", cell));
        Assert.Equal(["20-39", "40-59", "20-39", "40-59", "20-39", "20-39", "40-59", "40-59", "20-39", "40-59"], Cells(result.Dataset, "age"));
        Assert.Equal(0.8, result.InformationLoss, 12);
        // Two classes of 5: 25 + 25.
        Assert.Equal(50, result.Discernibility);
        Assert.Equal(4, result.GeneralizationHeight);
        Assert.Equal("optimal", result.Search);
    }

    [Fact]
    public void Numbers_get_the_narrowest_bands_that_reach_k()
    {
        // k=2 over (age, sex). No suppression: widths 5, 10, 20, 40 each leave a class of 1 (49 Female, at 20 and 40
        // wide the only woman of 40 and over), so the least loss is age level 5 (0-79) with sex kept: 0.5, as much
        // as sex level 1 with ages as they are (all different: fails). Classes: 6 Male, 4 Female.
        var strict = KAnonymizer.Apply(FirstTen(), ["age", "sex"], k: 2, maxSuppression: 0);
        Assert.Equal([5, 0], strict.Levels.Select(l => l.Level));
        Assert.Equal(4, strict.AchievedK);
        Assert.Equal(36 + 16, strict.Discernibility);
        Assert.Equal(["Male", "Male"], Cells(strict.Dataset, "sex")[..2]);
        // One row may go (10%): width 20 (level 3, loss 0.3) leaves only row 7 (49, Female) alone, and it is removed.
        var loose = KAnonymizer.Apply(FirstTen(), ["age", "sex"], k: 2, maxSuppression: 0.1);
        Assert.Equal([3, 0], loose.Levels.Select(l => l.Level));
        Assert.Equal("ranges 20 wide", loose.Levels[0].Description);
        Assert.Equal(1, loose.RowsSuppressed);
        Assert.Equal(9, loose.Dataset.RowCount);
        Assert.Equal(0.3, loose.InformationLoss, 12);
        // Kept classes (20-39, Male) 2, (40-59, Male) 4, (20-39, Female) 3; the suppressed row costs 10 (the row count).
        Assert.Equal(4 + 16 + 9 + 10, loose.Discernibility);
    }

    [Fact]
    public void Countries_follow_the_hierarchy_file()
    {
        // native-country levels: country, UN sub-region, continent, * (loss c/3); sex 0/1. k=2: sub-region (level 1,
        // loss 1/6) gives (Male, Northern America) 6, (Female, Caribbean) 2 (Cuba, Jamaica), (Female, Northern America) 2.
        var two = KAnonymizer.Apply(FirstTen(), new KAnonymityRequest(2, ["sex", "native-country"], 0, Countries()));
        Assert.Equal([0, 1], two.Levels.Select(l => l.Level));
        Assert.Equal("level 1/3 of adult_hierarchy_native-country.csv", two.Levels[1].Description);
        Assert.Equal("Caribbean", Cells(two.Dataset, "native-country")[4]);
        Assert.Equal("Northern America", Cells(two.Dataset, "native-country")[0]);
        // k=3: the two women of the Caribbean are too few; the continent (level 2, loss 1/3) puts every row in the Americas.
        var three = KAnonymizer.Apply(FirstTen(), new KAnonymityRequest(3, ["sex", "native-country"], 0, Countries()));
        Assert.Equal([0, 2], three.Levels.Select(l => l.Level));
        Assert.All(Cells(three.Dataset, "native-country"), c => Assert.Equal("Americas", c));
        Assert.Equal(4, three.AchievedK);
    }

    [Fact]
    public void A_value_missing_from_the_hierarchy_and_a_malformed_hierarchy_are_clear_errors()
    {
        using var folder = new TempFolder();
        var partial = folder.File("countries.csv", "United-States;Northern America;*\nCuba;Caribbean;*\n");
        var missing = Assert.Throws<DataException>(() => KAnonymizer.Apply(FirstTen(),
            new KAnonymityRequest(2, ["native-country"], 0, new Dictionary<string, string> { ["native-country"] = partial })));
        Assert.Equal("DataCenterTools.HierarchyValueMissing", missing.ErrorId);
        Assert.Contains("1 cell(s) whose value is not in the hierarchy", missing.Message);
        Assert.Contains("'Jamaica'", missing.Message);
        var ragged = folder.File("ragged.csv", "United-States;Northern America;*\nCuba;*\n");
        var error = Assert.Throws<DataException>(() => HierarchyTable.Load(ragged));
        Assert.Equal("DataCenterTools.HierarchyInvalid", error.ErrorId);
        Assert.Equal(2, error.Line);
        var tangled = folder.File("tangled.csv", "a;x;p\nb;x;q\n");
        Assert.Contains("must nest", Assert.Throws<DataException>(() => HierarchyTable.Load(tangled)).Message);
        Assert.Equal("DataCenterTools.HierarchyWithoutQuasiIdentifier", Assert.Throws<DataException>(() => KAnonymizer.Apply(FirstTen(),
            new KAnonymityRequest(2, ["sex"], 0, Countries()))).ErrorId);
    }

    [Theory]
    // Expected from tests/oracles/adult_kanonymity.py: pandas, brute force over the whole lattice (python3-pandas 1.5.3).
    [InlineData("age,sex,race", new[] { 2, 0, 0 }, 42, 5, 0.111111, 128638)]
    [InlineData("age,sex,native-country", new[] { 2, 0, 2 }, 33, 5, 0.333333, 136247)]
    [InlineData("age,sex,race,native-country,education,marital-status", new[] { 5, 0, 0, 3, 1, 0 }, 36, 5, 0.472222, 207174)]
    public void The_first_thousand_rows_of_Adult_match_a_brute_force_search(string quasi, int[] levels, int suppressed, int achievedK, double loss, double discernibility)
    {
        var hierarchies = quasi.Contains("native-country") ? Countries() : null;
        var result = KAnonymizer.Apply(Adult(), new KAnonymityRequest(5, quasi.Split(','), 0.05, hierarchies, "income"));
        Assert.Equal(levels, result.Levels.Select(l => l.Level));
        Assert.Equal(suppressed, result.RowsSuppressed);
        Assert.Equal(achievedK, result.AchievedK);
        Assert.Equal(loss, result.InformationLoss, 6);
        Assert.Equal(discernibility, result.Discernibility);
        Assert.Equal(1000 - suppressed, result.Dataset.RowCount);
        // l: the fewest distinct incomes (<=50K, >50K) in a class; measured independently on the result.
        Assert.Equal(AnonymityAnalyzer.Measure(result.Dataset, quasi.Split(','), "income").LDiversity, result.LDiversity);
        Assert.InRange(result.LDiversity!.Value, 1, 2);
    }

    [Fact]
    public void Age_bands_on_Adult_are_ten_wide_not_the_whole_range()
    {
        var result = KAnonymizer.Apply(Adult(), new KAnonymityRequest(5, ["age", "sex", "race"], 0.05));
        var ages = Cells(result.Dataset, "age").Distinct().Order().ToArray();
        // The few rows of 80 and over are in classes under 5 and are among the 42 suppressed, as in the oracle's run.
        Assert.Equal(["10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79"], ages);
        Assert.Equal(["Female", "Male"], Cells(result.Dataset, "sex").Distinct().Order());
    }
}

public class QuasiIdentifierFindingTests
{
    [Fact]
    public void Census_microdata_is_found_to_hold_quasi_identifiers_and_is_not_sensitivity_None()
    {
        var adult = AdultKAnonymityTests.Adult();
        var findings = SensitiveDataScanner.Scan(adult);
        Assert.Equal(["age", "race", "sex", "native-country"], findings.Select(f => f.Column));
        Assert.All(findings, f => Assert.Equal(SensitiveDataKind.QuasiIdentifier, f.Kind));
        Assert.Equal(["age", "race", "sex", "nationality"], findings.Select(f => f.Attribute));
        Assert.All(findings, f => Assert.Equal("Medium", f.Level));
        Assert.Equal(["3*", "5*"], findings[0].Samples);
        var sensitivity = Management.DatasetSensitivity.FromFindings(findings);
        Assert.Equal("Medium", sensitivity.Level);
        Assert.Equal(["QuasiIdentifier"], sensitivity.Kinds);
        // -Auto leaves quasi-identifiers to k-anonymity: no column operator of their own.
        Assert.Empty(ProtectionPlan.Auto(adult, findings));
    }

    [Theory]
    [InlineData("zip", "13053", "14850", true)]
    [InlineData("postcode", "SW1A 1AA", "EC1A 1BB", true)]
    [InlineData("gender", "F", "M", true)]
    [InlineData("年龄", "34", "51", true)]
    [InlineData("age", "-3", "900", false)]
    [InlineData("usage", "34", "51", false)]
    [InlineData("page", "3", "4", false)]
    public void Names_and_values_decide(string column, string a, string b, bool found)
    {
        var ds = new Dataset("t", [new StringColumn(column, Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? a : b).ToArray())]);
        var finding = SensitiveDataScanner.Scan(ds).SingleOrDefault();
        Assert.Equal(found, finding?.Kind == SensitiveDataKind.QuasiIdentifier);
    }
}
