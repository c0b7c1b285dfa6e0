namespace DataCenterTools.Core.Tests;

/// <summary>Floating-point comparison for statistics checked against reference values.</summary>
internal static class Approx
{
    public static void Relative(double expected, double actual, double tolerance = 1e-9) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
