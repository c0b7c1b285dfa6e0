using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected figures from Debian's scipy 1.10.1 (/usr/bin/python3): scipy.stats.ks_2samp (method 'auto'),
/// scipy.special.kolmogorov (the asymptotic p-value used above 10,000 values),
/// scipy.stats.wasserstein_distance, scipy.spatial.distance.jensenshannon over
/// numpy.histogram_bin_edges(ref + cur, bins='sturges'), scipy.stats.chi2_contingency; PSI worked by hand.
/// </summary>
public class DriftTests
{
    private static readonly double[] U = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly double[] V = [3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5];

    [Fact]
    public void Kolmogorov_Smirnov_matches_scipy()
    {
        // ks_2samp(U, V) = (0.375, 0.5076923076923078): exact at these sizes.
        var (d, p) = DriftStatistics.KolmogorovSmirnov(U, V);
        Assert.Equal(0.375, d, 12);
        Approx.Relative(0.5076923076923078, p, 1e-12);
        // The asymptotic p-value used above 10,000 values: scipy.special.kolmogorov at 0.5, 1.0, 1.5, 2.5 (both series branches)
        Approx.Relative(0.9639452436648751, DriftStatistics.KolmogorovSurvival(0.5), 1e-12);
        Approx.Relative(0.26999967167735456, DriftStatistics.KolmogorovSurvival(1.0), 1e-12);
        Approx.Relative(0.022217962616525127, DriftStatistics.KolmogorovSurvival(1.5), 1e-12);
        Approx.Relative(7.453306344157342e-06, DriftStatistics.KolmogorovSurvival(2.5), 1e-10);
    }

    // Random normal samples (numpy default_rng(1), shifted by 0, 0.3 and 1): ks_2samp(a, b) -> (D, p) with scipy's
    // method='auto', which is exact at these sizes. The p-value depends only on n, m and D.
    [Theory]
    [InlineData(8, 7, 0.4642857142857143, 0.31313131313131315)]
    [InlineData(8, 7, 0.32142857142857145, 0.7356643356643358)]
    [InlineData(8, 7, 0.5, 0.19254079254079257)]
    [InlineData(5, 5, 0.2, 1.0)]
    [InlineData(5, 5, 0.4, 0.873015873015873)]
    [InlineData(5, 5, 0.6, 0.35714285714285715)]
    [InlineData(20, 30, 0.18333333333333332, 0.7715022396637633)]
    [InlineData(20, 30, 0.38333333333333336, 0.048040321074667734)]
    [InlineData(20, 30, 0.4, 0.03452032044186146)]
    [InlineData(37, 53, 0.16165221825599185, 0.5486533153164748)]
    [InlineData(37, 53, 0.31769505354411015, 0.01801028659877174)]
    [InlineData(37, 53, 0.5869454360020397, 1.6371486524908152e-07)]
    [InlineData(100, 100, 0.08, 0.9084105017744525)]
    [InlineData(100, 100, 0.28, 0.0007377026282063397)]
    [InlineData(100, 100, 0.36, 3.751914289152195e-06)]
    [InlineData(100, 250, 0.088, 0.6125182238294469)]
    [InlineData(100, 250, 0.178, 0.01944227365344343)]
    [InlineData(100, 250, 0.414, 1.8081375204959807e-11)]
    [InlineData(1000, 1000, 0.062, 0.042792013924212634)]
    [InlineData(1000, 1000, 0.181, 1.003727957465678e-14)]
    [InlineData(1000, 1000, 0.378, 5.145848984405932e-64)]
    [InlineData(1000, 1243, 0.04471118262268705, 0.20959813354483087)]
    [InlineData(1000, 1243, 0.16304827031375704, 2.460805523391193e-13)]
    [InlineData(1000, 1243, 0.3757699115044248, 3.256391596765464e-70)]
    [InlineData(3, 200, 0.52, 0.29876807252815574)]
    [InlineData(3, 200, 0.56, 0.21812752556779094)]
    [InlineData(3, 200, 0.5216666666666666, 0.29252508369725294)]
    public void Exact_p_value_matches_scipy(int n, int m, double d, double expected) =>
        Approx.Relative(expected, DriftStatistics.ExactKolmogorovSmirnovPValue(n, m, d), 1e-9);

    [Fact]
    public void Wasserstein_and_Jensen_Shannon_match_scipy()
    {
        // wasserstein_distance(U, V) = 2.0; sturges gives 5 bins over [1, 9.5]; jensenshannon = 0.356283309008926
        Approx.Relative(2.0, DriftStatistics.Wasserstein(U, V), 1e-12);
        Approx.Relative(0.356283309008926, DriftStatistics.JensenShannon(U, V), 1e-12);
    }

    [Fact]
    public void Chi_square_matches_chi2_contingency()
    {
        // chi2_contingency([[30,50,20],[20,40,40]]) = (9.777777777777779, 0.007529784255650024, 2)
        var (chi, p, dof) = DriftStatistics.ChiSquare(Counts(("a", 30), ("b", 50), ("c", 20)), Counts(("a", 20), ("b", 40), ("c", 40)));
        Approx.Relative(9.777777777777779, chi, 1e-12);
        Approx.Relative(0.007529784255650024, p, 1e-9);
        Assert.Equal(2, dof);
        // two categories: Yates' correction, chi2_contingency([[30,70],[45,55]]) = (4.181333333333333, 0.04087153408900628, 1)
        (chi, p, dof) = DriftStatistics.ChiSquare(Counts(("yes", 30), ("no", 70)), Counts(("yes", 45), ("no", 55)));
        Approx.Relative(4.181333333333333, chi, 1e-12);
        Approx.Relative(0.04087153408900628, p, 1e-9);
        Assert.Equal(1, dof);
    }

    [Fact]
    public void Psi_by_hand()
    {
        // Reference 1..10: deciles 1.9, 2.8, ..., 9.1, one value per bin (0.1 each). Current: five 1s (bin 0)
        // and five 10s (bin 9): 0.5, 0.5 and eight empty bins floored at 0.0001.
        // PSI = 2 (0.5 - 0.1) ln 5 + 8 (0.0001 - 0.1) ln(0.0001 / 0.1) = 6.808228348909805
        double[] reference = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] current = [1, 1, 1, 1, 1, 10, 10, 10, 10, 10];
        Approx.Relative(6.808228348909805, DriftStatistics.PopulationStabilityIndex(reference, current), 1e-12);
        Assert.Equal(0.0, DriftStatistics.PopulationStabilityIndex(reference, reference));
        // Categorical over the union {a, b, c, d}: ref .5/.3/.2/0 → .0001, cur .4/.3/0 → .0001/.3:
        // (.4-.5) ln(.4/.5) + 0 + (.0001-.2) ln(.0001/.2) + (.3-.0001) ln(.3/.0001) = 3.9428443903321924
        Approx.Relative(3.9428443903321924, DriftStatistics.PopulationStabilityIndex(
            Counts(("a", 50), ("b", 30), ("c", 20)), Counts(("a", 40), ("b", 30), ("d", 30))), 1e-12);
    }

    [Fact]
    public void Alibaba_halves_match_scipy_and_Evidently_verdicts()
    {
        // r = cpu_util_percent[:1000], c = [1000:2000]: ks_2samp = (0.053, 0.12051526066065596),
        // wasserstein_distance / np.std(r) = 0.08704818151539673, jensenshannon over 12 sturges bins = 0.10297805979643754
        var cpu = (DoubleColumn)DistributionTests.Example("alibaba2018_machine_usage_300s.csv")["cpu_util_percent"];
        var reference = new Dataset("ref", [cpu.Take(Enumerable.Range(0, 1000).ToArray())]);
        var current = new Dataset("cur", [cpu.Take(Enumerable.Range(1000, 1000).ToArray())]);
        var drift = DriftAnalyzer.Compare(reference, current, new DriftOptions()).Single();
        Assert.Equal(0.053, drift.KsStatistic!.Value, 12);
        Approx.Relative(0.12051526066065596, drift.KsPValue!.Value, 1e-9);
        Approx.Relative(0.08704818151539673, drift.Wasserstein!.Value, 1e-9);
        Approx.Relative(0.10297805979643754, drift.JensenShannon, 1e-9);
        // 1000 reference rows: Evidently's default is KS at p 0.05, so no drift.
        Assert.Equal(DriftMethod.KolmogorovSmirnov, drift.Method);
        Assert.False(drift.Drifted);
        // Jensen-Shannon at its 0.1 default flags it; a stricter threshold does not.
        Assert.True(DriftAnalyzer.Compare(reference, current, new DriftOptions { Method = DriftMethod.JensenShannon }).Single().Drifted);
        Assert.False(DriftAnalyzer.Compare(reference, current, new DriftOptions { Method = DriftMethod.JensenShannon, Threshold = 0.2 }).Single().Drifted);
    }

    [Fact]
    public void Shifted_column_drifts_and_unchanged_column_does_not()
    {
        var xs = Enumerable.Range(0, 200).Select(i => Math.Sin(i) * 10).ToArray();
        var reference = new Dataset("ref", [new DoubleColumn("same", xs), new DoubleColumn("shifted", xs), new StringColumn("cat", xs.Select(x => x > 0 ? "up" : "down").ToArray())]);
        var current = new Dataset("cur", [new DoubleColumn("same", xs.Reverse().ToArray()), new DoubleColumn("shifted", xs.Select(x => x + 8).ToArray()), new StringColumn("cat", xs.Select(_ => "up").ToArray())]);
        var warnings = new List<string>();
        var drift = DriftAnalyzer.Compare(reference, current, new DriftOptions { Warning = warnings.Add }).ToDictionary(d => d.Column);
        Assert.False(drift["same"].Drifted);
        Assert.Equal(1.0, drift["same"].KsPValue);
        Assert.True(drift["shifted"].Drifted);
        Assert.True(drift["cat"].Drifted);
        Assert.Equal(DriftMethod.ChiSquare, drift["cat"].Method);
        Assert.Empty(warnings);

        // A numeric-only method on a string column falls back to its categorical counterpart with a warning.
        var forced = DriftAnalyzer.Compare(reference, current, new DriftOptions { Columns = ["cat"], Method = DriftMethod.KolmogorovSmirnov, Warning = warnings.Add }).Single();
        Assert.Equal(DriftMethod.ChiSquare, forced.Method);
        Assert.Contains(warnings, w => w.Contains("'cat'") && w.Contains("not numeric"));
    }

    [Fact]
    public void Missing_column_in_current_is_a_ColumnNotFound_error()
    {
        var reference = new Dataset("ref", [new DoubleColumn("a", [1.0, 2])]);
        var current = new Dataset("cur", [new DoubleColumn("b", [1.0, 2])]);
        var e = Assert.Throws<DataException>(() => DriftAnalyzer.Compare(reference, current, new DriftOptions()));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
    }

    private static Dictionary<string, long> Counts(params (string Value, long Count)[] counts) => counts.ToDictionary(c => c.Value, c => c.Count);
}
