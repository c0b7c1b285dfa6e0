using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected values from Debian's scipy 1.10.1 (/usr/bin/python3): scipy.stats.f.sf(f, d1, d2), scipy.stats.chi2.sf(x, k),
/// scipy.special.betainc(a, b, x), gammaincc(a, x), gammainc(a, x) and gammaln(x), printed with repr() and pasted here.
/// The functions are MathNet.Numerics' under our guards, so these check that they are wired the right way round
/// (upper vs lower tail, argument order) and keep tiny tails to ten digits.
/// </summary>
public class DistributionsTests
{
    [Theory]
    [InlineData(0.5, 1, 10, 0.49564750438311966)]
    [InlineData(2.0, 3, 7, 0.2026936424866509)]
    [InlineData(3.7, 2, 147, 0.027055019295900165)]
    [InlineData(10.0, 5, 20, 6.552183141595504e-05)]
    [InlineData(0.01, 1, 1, 0.9365489651388929)]
    [InlineData(119.26, 2, 147, 1.6725379354473844e-31)]
    [InlineData(0.001, 4, 4, 0.999997007985024)]
    [InlineData(500, 3, 1000, 2.0971308008839826e-198)]
    [InlineData(1.05, 200, 300, 0.34947032355975743)]
    [InlineData(40, 10, 12, 1.1588825340197027e-07)]
    public void FSurvivalMatchesScipy(double f, double d1, double d2, double expected) =>
        Approx.Relative(expected, Distributions.FSurvival(f, d1, d2), 1e-10);

    [Theory]
    [InlineData(0.5, 1, 0.47950012218695337)]
    [InlineData(3.84, 1, 0.05004352124870519)]
    [InlineData(10, 2, 0.006737946999085468)]
    [InlineData(2, 5, 0.8491450360846096)]
    [InlineData(20, 10, 0.029252688076961124)]
    [InlineData(100, 50, 3.454931382984871e-05)]
    [InlineData(0.1, 30, 1.0)]
    [InlineData(300, 10, 1.5546747543803087e-58)]
    [InlineData(1100, 1000, 0.014614408126295192)]
    [InlineData(900, 1000, 0.9892827619087102)]
    [InlineData(0.001, 0.5, 0.8350402492315872)]
    public void ChiSquareSurvivalMatchesScipy(double x, double k, double expected) =>
        Approx.Relative(expected, Distributions.ChiSquareSurvival(x, k), 1e-10);

    [Theory]
    [InlineData(0.5, 0.5, 0.3, 0.3690101195655454)]
    [InlineData(30, 40, 0.45, 0.6447480085585666)]
    [InlineData(2.5, 7.5, 0.999, 0.9999999999999999)]
    [InlineData(0.1, 200, 1e-05, 0.5643987068699494)]
    public void IncompleteBetaMatchesScipy(double a, double b, double x, double expected) =>
        Approx.Relative(expected, Distributions.RegularizedIncompleteBeta(a, b, x), 1e-10);

    [Theory]
    [InlineData(0.3, 0.1, 0.45408715040820347, 0.5459128495917965)]
    [InlineData(50, 45, 0.7531979655998298, 0.24680203440017026)]
    [InlineData(2.5, 1.5, 0.6999858358786276, 0.3000141641213724)]
    [InlineData(200, 260, 4.750012444300866e-05, 0.999952499875557)]
    public void IncompleteGammaMatchesScipy(double a, double x, double upper, double lower)
    {
        Approx.Relative(upper, Distributions.RegularizedGammaQ(a, x), 1e-10);
        Approx.Relative(lower, Distributions.RegularizedGammaP(a, x), 1e-10);
    }

    [Theory]
    [InlineData(200.5, 860.5822035097824)]
    [InlineData(0.01, 4.599479878042022)]
    [InlineData(3.3, 0.9870985778947343)]
    [InlineData(1e5, 1051287.7089736569)]
    public void LogGammaMatchesScipy(double x, double expected) =>
        Approx.Relative(expected, Distributions.LogGamma(x), 1e-12);

    [Fact]
    public void ChiSquareWithTwoDegreesOfFreedomIsAnExponentialTail()
    {
        // chi2(2) is exponential with mean 2: P(X > x) = exp(-x / 2) exactly.
        foreach (var x in new[] { 0.1, 1.0, 7.5, 40.0 })
            Approx.Relative(Math.Exp(-x / 2), Distributions.ChiSquareSurvival(x, 2), 1e-12);
    }

    [Fact]
    public void IncompleteBetaKnowsItsClosedForms()
    {
        // I_x(1, 1) = x;  I_x(a, 1) = x^a;  I_x(1, b) = 1 - (1 - x)^b;  symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
        Approx.Relative(0.3, Distributions.RegularizedIncompleteBeta(1, 1, 0.3), 1e-12);
        Approx.Relative(Math.Pow(0.7, 2.5), Distributions.RegularizedIncompleteBeta(2.5, 1, 0.7), 1e-12);
        Approx.Relative(1 - Math.Pow(0.6, 4), Distributions.RegularizedIncompleteBeta(1, 4, 0.4), 1e-12);
        Approx.Relative(1 - Distributions.RegularizedIncompleteBeta(7, 3, 0.8), Distributions.RegularizedIncompleteBeta(3, 7, 0.2), 1e-12);
        Assert.Equal(0, Distributions.RegularizedIncompleteBeta(2, 3, 0));
        Assert.Equal(1, Distributions.RegularizedIncompleteBeta(2, 3, 1));
    }

    [Fact]
    public void LogGammaMatchesFactorials()
    {
        Approx.Relative(Math.Log(3628800), Distributions.LogGamma(11), 1e-12); // 10!
        Approx.Relative(Math.Log(Math.Sqrt(Math.PI)), Distributions.LogGamma(0.5), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.LogGamma(0));
    }

    [Fact]
    public void TailsAtTheEdges()
    {
        Assert.Equal(1, Distributions.FSurvival(0, 3, 4));
        Assert.Equal(0, Distributions.FSurvival(double.PositiveInfinity, 3, 4));
        Assert.True(double.IsNaN(Distributions.FSurvival(double.NaN, 3, 4)));
        Assert.Equal(1, Distributions.ChiSquareSurvival(0, 3));
        Assert.Equal(0, Distributions.ChiSquareSurvival(double.PositiveInfinity, 3));
        Approx.Relative(1 - Distributions.RegularizedGammaQ(2.5, 1.5), Distributions.RegularizedGammaP(2.5, 1.5), 1e-12);
    }
}
