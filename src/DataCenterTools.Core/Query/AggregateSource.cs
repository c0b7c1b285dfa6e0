using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// What the aggregates over one source column share, each computed once on first use: the values as doubles with
/// their presence, the per-group counts, sums and squared deviations (mean, std and var from one set of sums), and
/// the per-group quantiles of every q asked of the column, from one selection per group.
/// </summary>
internal sealed class AggregateSource(Column source, int[] groupOf, int groups, Lazy<GroupMembers> members, IReadOnlyList<double> quantiles)
{
    private (double[] Values, bool[] Present)? _numbers;
    private (long[] Count, double[] Sum)? _sums;
    private double[]? _squares;
    private Dictionary<double, double[]>? _quantiles;

    public Column Source => source;

    /// <summary>The column as doubles with a flag per row for the values aggregates use (present and not NaN).</summary>
    public (double[] Values, bool[] Present) Numbers => _numbers ??= ToNumbers(source);

    /// <summary>Per group, how many values and their sum, in row order.</summary>
    public (long[] Count, double[] Sum) Sums
    {
        get
        {
            if (_sums is { } known) return known;
            var (values, present) = Numbers;
            var count = new long[groups];
            var sum = new double[groups];
            for (var i = 0; i < groupOf.Length; i++)
                if (present[i]) { count[groupOf[i]]++; sum[groupOf[i]] += values[i]; }
            return (_sums = (count, sum)).Value;
        }
    }

    /// <summary>Per group, the mean (0 for a group without values).</summary>
    public double[] Means()
    {
        var (count, sum) = Sums;
        var mean = new double[groups];
        for (var g = 0; g < groups; g++) mean[g] = count[g] > 0 ? sum[g] / count[g] : 0;
        return mean;
    }

    /// <summary>Per group, the sum of squared deviations from its mean (a second pass, for accuracy).</summary>
    public double[] Squares
    {
        get
        {
            if (_squares != null) return _squares;
            var (values, present) = Numbers;
            var mean = Means();
            var squares = new double[groups];
            for (var i = 0; i < groupOf.Length; i++)
                if (present[i]) { var d = values[i] - mean[groupOf[i]]; squares[groupOf[i]] += d * d; }
            return _squares = squares;
        }
    }

    /// <summary>Per group, the q-quantile (NaN for a group without values).</summary>
    public double[] Quantile(double q)
    {
        _quantiles ??= AllQuantiles();
        return _quantiles[q];
    }

    /// <summary>Every q asked of this column, per group from one selection over the group's values (Numerics.Quantiles).</summary>
    private Dictionary<double, double[]> AllQuantiles()
    {
        var qs = quantiles.Distinct().Order().ToArray();
        var perQ = qs.Select(_ => new double[groups]).ToArray();
        var (values, present) = Numbers;
        var groupMembers = members.Value;
        var buffer = new double[Math.Max(1, groupMembers.MaxGroupSize)];
        var result = new double[qs.Length];
        for (var g = 0; g < groups; g++)
        {
            var k = 0;
            foreach (var row in groupMembers.Of(g)) if (present[row]) buffer[k++] = values[row];
            Numerics.Quantiles.LinearUnsorted(buffer.AsSpan(0, k), qs, result);
            for (var j = 0; j < qs.Length; j++) perQ[j][g] = result[j];
        }
        return qs.Select((q, j) => (q, j)).ToDictionary(p => p.q, p => perQ[p.j]);
    }

    private static (double[] Values, bool[] Present) ToNumbers(Column c)
    {
        var n = c.Length;
        var values = new double[n];
        var present = new bool[n];
        switch (c)
        {
            case DoubleColumn d:
                var dv = d.Values;
                for (var i = 0; i < n; i++) { values[i] = dv[i]; present[i] = !double.IsNaN(dv[i]); }
                break;
            case Int64Column l:
                var lv = l.Values;
                for (var i = 0; i < n; i++) { values[i] = lv[i]; present[i] = true; }
                break;
            case BooleanColumn b:
                var bv = b.Values;
                for (var i = 0; i < n; i++) { values[i] = bv[i] ? 1 : 0; present[i] = true; }
                break;
            default: throw new InvalidOperationException();
        }
        if (c.Validity is { } validity) for (var i = 0; i < n; i++) present[i] &= validity.IsValid(i);
        return (values, present);
    }
}
