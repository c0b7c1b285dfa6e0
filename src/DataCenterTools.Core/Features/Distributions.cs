namespace DataCenterTools.Core.Features;

/// <summary>
/// The survival functions (upper tail probabilities) the feature tests need: the F and the
/// chi-square distributions, built on the regularized incomplete beta and gamma functions.
/// The algorithms follow Numerical Recipes (3rd ed., §6.1-6.4): a Lanczos log-gamma, the gamma
/// series / Legendre continued fraction split at x = a + 1, and the beta continued fraction
/// evaluated with the modified Lentz method, using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
/// so the fraction always runs where it converges fast.
/// </summary>
public static class Distributions
{
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 10_000;

    // Lanczos approximation, g = 7, n = 9 (the coefficients Boost and many libraries use);
    // relative error about 1e-15 for x > 0.
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), "LogGamma needs x > 0.");
        if (x < 0.5) // reflection keeps the approximation in its accurate range
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++) sum += LanczosCoefficients[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (a <= 0) throw new ArgumentOutOfRangeException(nameof(a), "a must be > 0.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        // The series converges fast below a + 1, the continued fraction above it.
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x) = 1 - Q(a, x).</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        if (a <= 0) throw new ArgumentOutOfRangeException(nameof(a), "a must be > 0.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    // P(a, x) by the series e^-x x^a / Γ(a+1) Σ x^n / ((a+1)...(a+n)).
    private static double GammaSeries(double a, double x)
    {
        var term = 1 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    // Q(a, x) by Legendre's continued fraction, modified Lentz evaluation.
    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }

    /// <summary>The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (a <= 0 || b <= 0) throw new ArgumentOutOfRangeException(a <= 0 ? nameof(a) : nameof(b), "a and b must be > 0.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        // The continued fraction converges quickly for x < (a + 1) / (a + b + 2); use symmetry otherwise.
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a
            : 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m < MaxIterations; m++)
        {
            var m2 = 2 * m;
            // even step
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            // odd step
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
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
