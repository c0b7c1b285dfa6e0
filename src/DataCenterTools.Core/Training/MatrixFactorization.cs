using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Training;

/// <summary>Observed (user, item, value) triples with users and items as dense indexes.</summary>
internal sealed record Interactions(int[] Users, int[] Items, float[] Values, int UserCount, int ItemCount)
{
    public int Count => Users.Length;

    /// <summary>Compressed rows: for each user (or item), the positions of its interactions.</summary>
    public (int[] Starts, int[] Positions) ByUser() => Group(Users, UserCount);
    public (int[] Starts, int[] Positions) ByItem() => Group(Items, ItemCount);

    private static (int[] Starts, int[] Positions) Group(int[] keys, int count)
    {
        var starts = new int[count + 1];
        foreach (var k in keys) starts[k + 1]++;
        for (var i = 0; i < count; i++) starts[i + 1] += starts[i];
        var next = starts[..^1].ToArray();
        var positions = new int[keys.Length];
        for (var p = 0; p < keys.Length; p++) positions[next[keys[p]]++] = p;
        return (starts, positions);
    }
}

/// <summary>The fitted parameters before they are given keys: μ, biases and factors.</summary>
internal sealed record Factorization(double GlobalMean, float[] UserBias, float[] ItemBias, float[] UserFactors, float[] ItemFactors);

/// <summary>
/// Biased matrix factorization for explicit ratings (Koren, Bell and Volinsky 2009, "Matrix factorization techniques for
/// recommender systems") by SGD or ALS, and implicit-feedback ALS (Hu, Koren and Volinsky 2008). Written here because
/// Microsoft.ML.Recommender is not available to this project; each solver is seeded and gives the same factors on any
/// number of threads: SGD runs blocks of users x items that share no user and no item side by side (DSGD, Gemulla et al.
/// 2011) and ALS solves each row on its own.
/// </summary>
internal static class MatrixFactorization
{
    /// <summary>SGD strata: the ratings are cut into Blocks x Blocks blocks; fixed (not the core count) so the result never depends on the machine.</summary>
    private const int Blocks = 8;

    public static Factorization Fit(Interactions data, RecommenderOptions options, int seed, Action<int>? epochDone, CancellationToken cancel)
    {
        var k = options.Factors;
        var random = new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 1));
        var p = Normal(data.UserCount * k, options.InitialStandardDeviation, ref random);
        var q = Normal(data.ItemCount * k, options.InitialStandardDeviation, ref random);
        if (options.Implicit) return ImplicitAls(data, options, p, q, epochDone, cancel);
        double mean = 0;
        foreach (var v in data.Values) mean += v;
        mean /= Math.Max(1, data.Count);
        var bu = new float[data.UserCount];
        var bi = new float[data.ItemCount];
        if (options.EffectiveSolver == RecommenderSolver.Als) ExplicitAls(data, options, mean, bu, bi, p, q, epochDone, cancel);
        else Sgd(data, options, mean, bu, bi, p, q, ref random, epochDone, cancel);
        return new Factorization(mean, bu, bi, p, q);
    }

    private static float[] Normal(int n, double sd, ref SplitMix64 random)
    {
        var values = new float[n];
        for (var i = 0; i < n; i += 2)
        {
            // Box-Muller on two uniforms in (0, 1].
            var u1 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) + 1.0 / (1UL << 54);
            var u2 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            var radius = Math.Sqrt(-2 * Math.Log(u1)) * sd;
            values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < n) values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
        }
        return values;
    }

    private static void Sgd(Interactions data, RecommenderOptions options, double mean, float[] bu, float[] bi, float[] p, float[] q,
        ref SplitMix64 random, Action<int>? epochDone, CancellationToken cancel)
    {
        var k = options.Factors;
        float rate = (float)options.LearningRate, reg = (float)options.Regularization, mu = (float)mean;
        // Block (user % B, item % B) holds its ratings; stratum s is the blocks (b, (b + s) % B), which share no user and no item.
        var blocks = new List<int>[Blocks * Blocks];
        for (var b = 0; b < blocks.Length; b++) blocks[b] = [];
        for (var r = 0; r < data.Count; r++) blocks[data.Users[r] % Blocks * Blocks + data.Items[r] % Blocks].Add(r);
        var order = blocks.Select(b => b.ToArray()).ToArray();
        var seeds = new ulong[order.Length];
        var strata = Enumerable.Range(0, Blocks).ToArray();
        var parallel = new ParallelOptions { CancellationToken = cancel };
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            // The draws are made here, in a fixed order, so every block's shuffle is the same whichever thread runs it.
            for (var b = 0; b < seeds.Length; b++) seeds[b] = random.NextUInt64();
            random.Shuffle(strata.AsSpan());
            foreach (var s in strata)
                Parallel.For(0, Blocks, parallel, b =>
                {
                    var block = b * Blocks + (b + s) % Blocks;
                    new SplitMix64(seeds[block]).Shuffle(order[block].AsSpan());
                    SgdBlock(order[block], data, k, mu, rate, reg, bu, bi, p, q);
                });
            epochDone?.Invoke(epoch + 1);
        }
    }

    // The hot loops are compiled fully optimized at once (AggressiveOptimization): on a busy machine tiered compilation
    // can leave them in their first, slow form for seconds, and SIMD code is not precompiled (ReadyToRun) anyway.
    /// <summary>One SGD pass over <paramref name="ratings"/> in the given order (Koren, Bell and Volinsky 2009): e = r - r̂, b_u += rate (e - reg b_u), b_i likewise, then <see cref="SgdStep"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SgdBlock(int[] ratings, Interactions data, int k, float mu, float rate, float reg, float[] bu, float[] bi, float[] p, float[] q)
    {
        foreach (var r in ratings)
        {
            int u = data.Users[r], i = data.Items[r];
            var pu = p.AsSpan(u * k, k);
            var qi = q.AsSpan(i * k, k);
            var error = data.Values[r] - (mu + bu[u] + bi[i] + TensorPrimitives.Dot(pu, qi));
            bu[u] += rate * (error - reg * bu[u]);
            bi[i] += rate * (error - reg * bi[i]);
            SgdStep(pu, qi, error, rate, reg);
        }
    }

    /// <summary>p_u += rate (e q_i - reg p_u) and q_i += rate (e p_u - reg q_i), both from the old values; SIMD where the machine has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SgdStep(Span<float> pu, Span<float> qi, float error, float rate, float reg)
    {
        var f = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var width = System.Numerics.Vector<float>.Count;
            System.Numerics.Vector<float> r = new(rate), e = new(error), g = new(reg);
            for (; f <= pu.Length - width; f += width)
            {
                var p = new System.Numerics.Vector<float>(pu[f..]);
                var q = new System.Numerics.Vector<float>(qi[f..]);
                (p + r * (e * q - g * p)).CopyTo(pu[f..]);
                (q + r * (e * p - g * q)).CopyTo(qi[f..]);
            }
        }
        for (; f < pu.Length; f++)
        {
            float pf = pu[f], qf = qi[f];
            pu[f] += rate * (error * qf - reg * pf);
            qi[f] += rate * (error * pf - reg * qf);
        }
    }

    /// <summary>
    /// ALS with biases: each user's [b_u, p_u] is the ridge solution against the items' [1, q_i] and the targets r - μ - b_i,
    /// λ scaled by the user's count (ALS-WR, Zhou et al. 2008); then the items the same way.
    /// </summary>
    private static void ExplicitAls(Interactions data, RecommenderOptions options, double mean, float[] bu, float[] bi, float[] p, float[] q,
        Action<int>? epochDone, CancellationToken cancel)
    {
        var byUser = data.ByUser();
        var byItem = data.ByItem();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            SolveBiased(data.UserCount, byUser, data.Items, data.Values, mean, bi, q, bu, p, options, cancel);
            SolveBiased(data.ItemCount, byItem, data.Users, data.Values, mean, bu, p, bi, q, options, cancel);
            epochDone?.Invoke(epoch + 1);
        }
    }

    private static void SolveBiased(int rows, (int[] Starts, int[] Positions) group, int[] other, float[] values, double mean,
        float[] otherBias, float[] otherFactors, float[] bias, float[] factors, RecommenderOptions options, CancellationToken cancel)
    {
        var k = options.Factors;
        var d = k + 1;
        Parallel.For(0, rows, new ParallelOptions { CancellationToken = cancel }, () => (new double[d * d], new double[d], new double[d]), (row, _, buffers) =>
        {
            var (a, b, y) = buffers;
            Array.Clear(a);
            Array.Clear(b);
            var n = group.Starts[row + 1] - group.Starts[row];
            for (var t = group.Starts[row]; t < group.Starts[row + 1]; t++)
            {
                var position = group.Positions[t];
                var j = other[position];
                y[0] = 1;
                for (var f = 0; f < k; f++) y[f + 1] = otherFactors[j * k + f];
                var target = values[position] - mean - otherBias[j];
                AddOuter(a, y, d, 1);
                for (var f = 0; f < d; f++) b[f] += target * y[f];
            }
            var lambda = options.Regularization * Math.Max(1, n);
            for (var f = 0; f < d; f++) a[f * d + f] += lambda;
            Cholesky.Solve(a, b, d);
            bias[row] = (float)b[0];
            for (var f = 0; f < k; f++) factors[row * k + f] = (float)b[f + 1];
            return buffers;
        }, _ => { });
    }

    /// <summary>
    /// Implicit ALS (Hu, Koren and Volinsky 2008): x_u = (YᵀY + Yᵀ(Cᵤ - I)Y + λI)⁻¹ YᵀCᵤp(u), with confidence c = 1 + α·value
    /// and preference 1 for the observed pairs; YᵀY is computed once per sweep, so each user costs only its own items.
    /// </summary>
    private static Factorization ImplicitAls(Interactions data, RecommenderOptions options, float[] p, float[] q, Action<int>? epochDone, CancellationToken cancel)
    {
        var byUser = data.ByUser();
        var byItem = data.ByItem();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            SolveImplicit(data.UserCount, byUser, data.Items, data.Values, q, data.ItemCount, p, options, cancel);
            SolveImplicit(data.ItemCount, byItem, data.Users, data.Values, p, data.UserCount, q, options, cancel);
            epochDone?.Invoke(epoch + 1);
        }
        return new Factorization(0, new float[data.UserCount], new float[data.ItemCount], p, q);
    }

    private static void SolveImplicit(int rows, (int[] Starts, int[] Positions) group, int[] other, float[] values, float[] otherFactors, int otherCount,
        float[] factors, RecommenderOptions options, CancellationToken cancel)
    {
        var k = options.Factors;
        var gram = new double[k * k];
        var y = new double[k];
        for (var j = 0; j < otherCount; j++)
        {
            for (var f = 0; f < k; f++) y[f] = otherFactors[j * k + f];
            AddOuter(gram, y, k, 1);
        }
        Parallel.For(0, rows, new ParallelOptions { CancellationToken = cancel }, () => (new double[k * k], new double[k], new double[k]), (row, _, buffers) =>
        {
            var (a, b, v) = buffers;
            Array.Copy(gram, a, gram.Length);
            Array.Clear(b);
            for (var t = group.Starts[row]; t < group.Starts[row + 1]; t++)
            {
                var position = group.Positions[t];
                var j = other[position];
                var confidence = 1 + options.Alpha * values[position];
                for (var f = 0; f < k; f++) v[f] = otherFactors[j * k + f];
                AddOuter(a, v, k, confidence - 1);
                for (var f = 0; f < k; f++) b[f] += confidence * v[f];
            }
            for (var f = 0; f < k; f++) a[f * k + f] += options.Regularization;
            Cholesky.Solve(a, b, k);
            for (var f = 0; f < k; f++) factors[row * k + f] = (float)b[f];
            return buffers;
        }, _ => { });
    }

    /// <summary>a += weight · y yᵀ (lower triangle only; Cholesky reads no more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuter(double[] a, double[] y, int d, double weight)
    {
        for (var r = 0; r < d; r++)
        {
            var row = a.AsSpan(r * d, r + 1);
            TensorPrimitives.MultiplyAdd(y.AsSpan(0, r + 1), weight * y[r], row, row);
        }
    }
}

/// <summary>
/// Solves A x = b for a small symmetric positive-definite A in place (Cholesky, lower triangle). Hand-written because ALS
/// solves one such system per user and item per sweep: a library factorization would allocate a matrix for each.
/// </summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> (n x n, row-major) with L and <paramref name="b"/> with x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Solve(double[] a, double[] b, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            var sum = a[j * n + j] - TensorPrimitives.Dot(rowJ, rowJ);
            // The ridge term keeps A positive definite; a tiny floor guards against rounding.
            var diagonal = Math.Sqrt(Math.Max(sum, 1e-12));
            a[j * n + j] = diagonal;
            for (var i = j + 1; i < n; i++)
                a[i * n + j] = (a[i * n + j] - TensorPrimitives.Dot(a.AsSpan(i * n, j), rowJ)) / diagonal;
        }
        for (var i = 0; i < n; i++)
            b[i] = (b[i] - TensorPrimitives.Dot(a.AsSpan(i * n, i), b.AsSpan(0, i))) / a[i * n + i];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var m = i + 1; m < n; m++) s -= a[m * n + i] * b[m];
            b[i] = s / a[i * n + i];
        }
    }
}
