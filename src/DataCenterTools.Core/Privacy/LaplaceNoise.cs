using System.Security.Cryptography;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Laplace(0, sensitivity / epsilon) noise added to each numeric cell independently. This perturbs
/// values one by one; it is not a differential-privacy mechanism over queries (repeated releases of
/// the same rows average the noise away, and no privacy budget is tracked).
/// </summary>
public sealed class LaplaceNoise
{
    private readonly Random? _seeded;

    /// <param name="seed">For reproducible tests only; null draws from the cryptographic RNG.</param>
    public LaplaceNoise(double epsilon, double sensitivity, int? seed = null)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon) || !(sensitivity > 0) || !double.IsFinite(sensitivity))
            throw new DataException("InvalidNoiseScale", DataErrorKind.InvalidArgument,
                $"{{option:Epsilon}} and {{option:Sensitivity}} must be positive numbers (they are {epsilon} and {sensitivity}).",
                "Give e.g. {option:Epsilon} 1 {option:Sensitivity} 1: the noise scale is Sensitivity / Epsilon.");
        Scale = sensitivity / epsilon;
        _seeded = seed is { } s ? new Random(s) : null;
    }

    /// <summary>The Laplace scale b = sensitivity / epsilon (standard deviation b·√2).</summary>
    public double Scale { get; }

    /// <summary>One draw by inverting the CDF: -b·sign(u)·ln(1 - 2|u|), u uniform on (-1/2, 1/2).</summary>
    public double Sample()
    {
        double u;
        do u = Uniform() - 0.5; while (u == -0.5);
        return -Scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }

    /// <summary>The column as Double with noise added to each non-missing cell.</summary>
    public DoubleColumn Apply(Column column)
    {
        if (column is not (Int64Column or DoubleColumn))
            throw ColumnCells.TypeMismatch(column, ProtectionOperator.Noise, "noise is added to numbers only",
                "Give {option:Noise} numeric columns; Generalize, Mask or Hash other columns.");
        var values = new double[column.Length];
        for (var row = 0; row < values.Length; row++)
            if (!column.IsNull(row)) values[row] = Generalizer.NumberAt(column, row) + Sample();
        return new DoubleColumn(column.Name, values, column.Validity);
    }

    private double Uniform()
    {
        if (_seeded != null) return _seeded.NextDouble();
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }
}
