using MathNet.Numerics;

namespace DataCenterTools.Core.Features;

/// <summary>
/// The survival functions (upper tail probabilities) the feature and drift tests need: the F and the chi-square
/// distributions. The special functions under them (log-gamma, the regularized incomplete gamma and beta functions)
/// come from MathNet.Numerics (MIT): a well-kept library rather than our own transcription of published algorithms.
/// The tails are written through the upper functions directly, never as 1 - CDF, so tiny p-values keep their digits.
/// </summary>
public static class Distributions
{
    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), "LogGamma needs x > 0.");
        return SpecialFunctions.GammaLn(x);
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (a <= 0) throw new ArgumentOutOfRangeException(nameof(a), "a must be > 0.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return SpecialFunctions.GammaUpperRegularized(a, x);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x) = 1 - Q(a, x).</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        if (a <= 0) throw new ArgumentOutOfRangeException(nameof(a), "a must be > 0.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return SpecialFunctions.GammaLowerRegularized(a, x);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (a <= 0 || b <= 0) throw new ArgumentOutOfRangeException(a <= 0 ? nameof(a) : nameof(b), "a and b must be > 0.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        return SpecialFunctions.BetaRegularized(a, b, x);
    }

    /// <summary>P(F &gt; f) for the F distribution with (d1, d2) degrees of freedom (scipy.stats.f.sf).</summary>
    public static double FSurvival(double f, double d1, double d2)
    {
        if (double.IsNaN(f)) return double.NaN;
        if (f <= 0) return 1;
        if (double.IsPositiveInfinity(f)) return 0;
        // P(F > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2); written with d1 f in the denominator so a
        // huge f gives a tiny x rather than 1 - tiny (keeps the small p-values accurate).
        return RegularizedIncompleteBeta(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
    }

    /// <summary>P(X &gt; x) for the chi-square distribution with k degrees of freedom (scipy.stats.chi2.sf).</summary>
    public static double ChiSquareSurvival(double x, double k)
    {
        if (double.IsNaN(x)) return double.NaN;
        return RegularizedGammaQ(k / 2, x / 2);
    }
}
