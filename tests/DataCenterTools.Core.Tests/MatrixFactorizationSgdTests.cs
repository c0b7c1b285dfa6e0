using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Core.Tests;

/// <summary>The SGD solver of the recommender: its update rule by hand, and its defaults on data of known noise.</summary>
public class MatrixFactorizationSgdTests
{
    /// <summary>
    /// 3 users x 3 items, ratings (u0, i0, 5), (u0, i1, 3), (u1, i0, 4) in that order, μ = 4, rate 0.1, reg 0.1, biases 0.
    /// Two live factors, at 0 and 9 of 10 so they go through both the SIMD part and the scalar tail; the other 8 start at 0
    /// and must stay 0. Worked by hand:
    /// 1. (u0, i0): r̂ = 4 + 0.1·0.2 + 0.2·0.1 = 4.04, e = 0.96; b_u0 = b_i0 = 0.096; p_0 = (0.1 + 0.1(0.96·0.2 - 0.01),
    ///    0.2 + 0.1(0.96·0.1 - 0.02)) = (0.1182, 0.2076); q_0 from the old p_0 = (0.2076, 0.1182).
    /// 2. (u0, i1): r̂ = 4.096 - 0.01182 + 0.08304 = 4.16722, e = -1.16722; b_u0 = 0.096 + 0.1(e - 0.0096) = -0.021682;
    ///    b_i1 = -0.116722; p_0 = (0.1286902, 0.1588352); q_1 = (-0.1127965404, 0.3717685128).
    /// 3. (u1, i0): r̂ = 4.096 + 0.06228 - 0.01182 = 4.14646, e = -0.14646; b_u1 = -0.014646; b_i0 = 0.096 + 0.1(e - 0.0096)
    ///    = 0.080394; p_1 = (0.2939594904, -0.1007311572); q_0 = (0.2011302, 0.1184826).
    /// </summary>
    [Fact]
    public void One_SGD_pass_from_a_fixed_start_gives_the_hand_worked_biases_and_factors()
    {
        const int k = 10;
        float[] Factors(params (float A, float B)[] rows)
        {
            var values = new float[rows.Length * k];
            for (var r = 0; r < rows.Length; r++) { values[r * k] = rows[r].A; values[r * k + k - 1] = rows[r].B; }
            return values;
        }
        var p = Factors((0.1f, 0.2f), (0.3f, -0.1f), (0.5f, 0.5f));
        var q = Factors((0.2f, 0.1f), (-0.1f, 0.4f), (0.7f, 0.7f));
        var bu = new float[3];
        var bi = new float[3];
        var data = new Interactions([0, 0, 1], [0, 1, 0], [5f, 3f, 4f], 3, 3);

        MatrixFactorization.SgdBlock([0, 1, 2], data, k, 4f, 0.1f, 0.1f, bu, bi, p, q);

        void Near(double expected, float actual) => Assert.Equal(expected, actual, 5);
        Near(-0.021682, bu[0]); Near(-0.014646, bu[1]); Assert.Equal(0f, bu[2]);
        Near(0.080394, bi[0]); Near(-0.116722, bi[1]); Assert.Equal(0f, bi[2]);
        double[] expectedP = [0.1286902, 0.1588352, 0.2939594904, -0.1007311572, 0.5, 0.5];
        double[] expectedQ = [0.2011302, 0.1184826, -0.1127965404, 0.3717685128, 0.7, 0.7];
        for (var r = 0; r < 3; r++)
        {
            Near(expectedP[2 * r], p[r * k]); Near(expectedP[2 * r + 1], p[r * k + k - 1]);
            Near(expectedQ[2 * r], q[r * k]); Near(expectedQ[2 * r + 1], q[r * k + k - 1]);
            for (var f = 1; f < k - 1; f++) { Assert.Equal(0f, p[r * k + f]); Assert.Equal(0f, q[r * k + f]); }
        }
    }

    /// <summary>
    /// r = 3.5 + b_u + b_i + p_u·q_i + ε with 3 true factors and ε ~ N(0, σ = 0.3), 300 users x 200 items, half of the cells
    /// rated and a fifth of those held out. Even the true matrix scores RMSE σ on held-out cells (the noise cannot be
    /// predicted), and the training mean scores about the ratings' spread (≈ 0.95 here); the defaults (50 factors, L2 0.1,
    /// whose shrinkage costs a little) must come within 30% of σ.
    /// </summary>
    [Fact]
    public void Default_SGD_on_a_noisy_low_rank_matrix_comes_near_the_noise_floor_and_repeats_bit_for_bit()
    {
        const double sigma = 0.3;
        var random = new Random(20260);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        const int users = 300, items = 200, rank = 3;
        var userBias = Enumerable.Range(0, users).Select(_ => 0.4 * Gaussian()).ToArray();
        var itemBias = Enumerable.Range(0, items).Select(_ => 0.5 * Gaussian()).ToArray();
        var pu = Enumerable.Range(0, users * rank).Select(_ => 0.6 * Gaussian()).ToArray();
        var qi = Enumerable.Range(0, items * rank).Select(_ => 0.6 * Gaussian()).ToArray();
        var train = new List<(long U, long I, double R)>();
        var test = new List<(long U, long I, double R)>();
        double noiseSquares = 0;
        for (var u = 0; u < users; u++)
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() >= 0.5) continue;
                var noise = sigma * Gaussian();
                var r = 3.5 + userBias[u] + itemBias[i] + noise;
                for (var f = 0; f < rank; f++) r += pu[u * rank + f] * qi[i * rank + f];
                if (random.NextDouble() < 0.2) { test.Add((u, i, r)); noiseSquares += noise * noise; }
                else train.Add((u, i, r));
            }
        // The noise actually drawn for the held-out cells: what the true matrix itself would score.
        var floor = Math.Sqrt(noiseSquares / test.Count);
        Dataset Rows(string name, List<(long U, long I, double R)> rows) => new(name,
            [new Int64Column("user", rows.Select(r => r.U).ToArray()), new Int64Column("item", rows.Select(r => r.I).ToArray()), new DoubleColumn("rating", rows.Select(r => r.R).ToArray())]);
        var options = new TrainingOptions
        {
            Label = "rating", Task = ModelTask.Recommendation, User = "user", Item = "item", TestDataset = Rows("noisy-test", test),
            Recommender = new RecommenderOptions { ClipPredictions = false },
        };
        var trainSet = Rows("noisy-train", train);

        var model = new ModelTrainer(4).Train(trainSet, options);
        var again = new ModelTrainer(4).Train(trainSet, options);

        var mean = train.Average(r => r.R);
        var baseline = Math.Sqrt(test.Average(r => (r.R - mean) * (r.R - mean)));
        Assert.InRange(floor, 0.28, 0.32);
        Assert.True(baseline > 0.9, $"mean baseline {baseline}");
        var rmse = model.Metrics.RootMeanSquaredError!.Value;
        Assert.True(rmse >= floor * 0.95, $"held-out RMSE {rmse} below the noise floor {floor}: the test leaks");
        Assert.True(rmse < floor * 1.3, $"held-out RMSE {rmse}, noise floor {floor}, mean baseline {baseline}");
        Assert.Equal(model.Recommender!.UserFactors, again.Recommender!.UserFactors);
        Assert.Equal(model.Recommender.ItemFactors, again.Recommender.ItemFactors);
        Assert.Equal(model.Recommender.UserBias, again.Recommender.UserBias);
    }
}
