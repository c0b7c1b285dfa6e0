namespace DataCenterTools.Core.Training;

/// <summary>How the factors are fitted.</summary>
public enum RecommenderSolver
{
    /// <summary>Explicit: stochastic gradient descent (Funk; Koren, Bell and Volinsky 2009); implicit: ALS.</summary>
    Auto,
    /// <summary>Stochastic gradient descent over the ratings, in blocks of users x items that share nothing (Gemulla et al. 2011), so the blocks of a stratum run in parallel and the result does not depend on the thread count.</summary>
    Sgd,
    /// <summary>Alternating least squares: users solved in parallel given the items, then the items given the users.</summary>
    Als,
}

/// <summary>
/// The hyperparameters of the matrix-factorization recommender. Explicit ratings: r̂ = μ + b_u + b_i + p_u·q_i,
/// fitted by minimising the squared error plus Regularization x (b_u² + b_i² + |p_u|² + |q_i|²). Implicit feedback
/// (Hu, Koren and Volinsky 2008): preference 1 for every observed pair with confidence 1 + Alpha x value, 0 with
/// confidence 1 for every other pair; no biases.
/// </summary>
public sealed record RecommenderOptions
{
    /// <summary>The length of the latent factor vectors p_u and q_i.</summary>
    public int Factors { get; init; } = 50;

    /// <summary>Passes over the ratings (SGD) or alternating sweeps (ALS).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>
    /// The L2 penalty (SGD: per update, as Funk's SVD; ALS: λ, scaled by each row's count for explicit ratings, ALS-WR).
    /// 0.1 and the step 0.02 were chosen on an inner 64/16 split of a seeded 80% of MovieLens ml-latest-small and ml-100k
    /// (the other 20% and the benchmark's folds unused); 0.05/0.01 gave 0.9378 on ml-100k there, these 0.9278.
    /// </summary>
    public double Regularization { get; init; } = 0.1;

    /// <summary>The SGD step size (ALS has none).</summary>
    public double LearningRate { get; init; } = 0.02;

    public RecommenderSolver Solver { get; init; } = RecommenderSolver.Auto;

    /// <summary>Clicks, plays or purchases instead of ratings: fitted by implicit ALS.</summary>
    public bool Implicit { get; init; }

    /// <summary>Implicit: the confidence of an observed pair is 1 + Alpha x its value (its count, or 1).</summary>
    public double Alpha { get; init; } = 20;

    /// <summary>The standard deviation of the seeded normal draws the factors start from.</summary>
    public double InitialStandardDeviation { get; init; } = 0.1;

    /// <summary>Top-N metrics: the length of each user's list (precision@k, recall@k, NDCG@k, MAP@k, hit rate).</summary>
    public int TopK { get; init; } = 10;

    /// <summary>Explicit top-N metrics: a held-out rating at least this high is a relevant item (4 is the usual choice on a 5-star scale). Implicit: every held-out pair is relevant.</summary>
    public double RelevantRating { get; init; } = 4;

    /// <summary>Explicit: predictions are clipped to the range of the training ratings.</summary>
    public bool ClipPredictions { get; init; } = true;

    /// <summary>The solver actually used for these options.</summary>
    public RecommenderSolver EffectiveSolver => Solver != RecommenderSolver.Auto ? Solver : Implicit ? RecommenderSolver.Als : RecommenderSolver.Sgd;

    public override string ToString() => EffectiveSolver == RecommenderSolver.Sgd
        ? $"factors={Factors} epochs={Epochs} reg={Regularization} rate={LearningRate}"
        : $"factors={Factors} epochs={Epochs} reg={Regularization}{(Implicit ? $" alpha={Alpha}" : "")}";
}
