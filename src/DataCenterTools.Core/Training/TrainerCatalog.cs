using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace DataCenterTools.Core.Training;

/// <summary>The ML.NET trainers a model can use.</summary>
public enum TrainerKind
{
    Auto,
    LightGbm,
    FastTree,
    FastForest,
    Sdca,
    LbfgsLogisticRegression,
    LbfgsMaximumEntropy,
}

/// <summary>One trainer with one set of hyperparameters.</summary>
internal sealed record TrainerCandidate(TrainerKind Kind, string Hyperparameters, bool NeedsNormalization, Func<MLContext, IEstimator<ITransformer>> Create);

/// <summary>
/// Which trainers suit a task, and the small hyperparameter grid -Trainer Auto tries for each. The
/// first grid point of a trainer is what an explicit -Trainer uses. Linear trainers run on one thread
/// so that the same seed gives the same model.
/// </summary>
internal static class TrainerCatalog
{
    private const string L = "Label", F = "Features";

    /// <summary>SDCA's own limit can run thousands of passes over a few rows that do not converge; 100 passes is plenty here.</summary>
    private const int SdcaMaxEpochs = 100;

    public static IReadOnlyList<TrainerKind> Suitable(ModelTask task) => task switch
    {
        ModelTask.Regression => [TrainerKind.LightGbm, TrainerKind.FastTree, TrainerKind.FastForest, TrainerKind.Sdca],
        ModelTask.BinaryClassification => [TrainerKind.LightGbm, TrainerKind.FastTree, TrainerKind.FastForest, TrainerKind.Sdca, TrainerKind.LbfgsLogisticRegression],
        _ => [TrainerKind.LightGbm, TrainerKind.Sdca, TrainerKind.LbfgsMaximumEntropy],
    };

    public static IReadOnlyList<TrainerCandidate> Grid(ModelTask task, TrainerKind kind) => kind switch
    {
        TrainerKind.LightGbm => [LightGbm(task, 31, 0.1, 100), LightGbm(task, 15, 0.05, 200)],
        TrainerKind.FastTree => [FastTree(task, 20, 100), FastTree(task, 10, 200)],
        TrainerKind.FastForest => [FastForest(task, 100), FastForest(task, 300)],
        TrainerKind.Sdca => [Sdca(task, null), Sdca(task, 0.1f)],
        TrainerKind.LbfgsLogisticRegression => [Lbfgs(task, 1f), Lbfgs(task, 0.1f)],
        TrainerKind.LbfgsMaximumEntropy => [Lbfgs(task, 1f), Lbfgs(task, 0.1f)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static TrainerCandidate LightGbm(ModelTask task, int leaves, double rate, int iterations) =>
        new(TrainerKind.LightGbm, $"leaves={leaves} rate={rate} iterations={iterations}", false, ml => task switch
        {
            ModelTask.Regression => ml.Regression.Trainers.LightGbm(L, F, numberOfLeaves: leaves, learningRate: rate, numberOfIterations: iterations),
            ModelTask.BinaryClassification => ml.BinaryClassification.Trainers.LightGbm(L, F, numberOfLeaves: leaves, learningRate: rate, numberOfIterations: iterations),
            _ => ml.MulticlassClassification.Trainers.LightGbm(L, F, numberOfLeaves: leaves, learningRate: rate, numberOfIterations: iterations),
        });

    private static TrainerCandidate FastTree(ModelTask task, int leaves, int trees) =>
        new(TrainerKind.FastTree, $"leaves={leaves} trees={trees}", false, ml => task == ModelTask.Regression
            ? ml.Regression.Trainers.FastTree(L, F, numberOfLeaves: leaves, numberOfTrees: trees)
            : ml.BinaryClassification.Trainers.FastTree(L, F, numberOfLeaves: leaves, numberOfTrees: trees));

    private static TrainerCandidate FastForest(ModelTask task, int trees) =>
        new(TrainerKind.FastForest, $"trees={trees}", false, ml => task == ModelTask.Regression
            ? ml.Regression.Trainers.FastForest(L, F, numberOfTrees: trees)
            : ml.BinaryClassification.Trainers.FastForest(L, F, numberOfTrees: trees));

    private static TrainerCandidate Sdca(ModelTask task, float? l2) =>
        new(TrainerKind.Sdca, l2 == null ? "l2=auto" : $"l2={l2}", true, ml => task switch
        {
            ModelTask.Regression => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { LabelColumnName = L, FeatureColumnName = F, L2Regularization = l2, NumberOfThreads = 1, MaximumNumberOfIterations = SdcaMaxEpochs }),
            ModelTask.BinaryClassification => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = L, FeatureColumnName = F, L2Regularization = l2, NumberOfThreads = 1, MaximumNumberOfIterations = SdcaMaxEpochs }),
            _ => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { LabelColumnName = L, FeatureColumnName = F, L2Regularization = l2, NumberOfThreads = 1, MaximumNumberOfIterations = SdcaMaxEpochs }),
        });

    private static TrainerCandidate Lbfgs(ModelTask task, float l2) => task == ModelTask.BinaryClassification
        ? new(TrainerKind.LbfgsLogisticRegression, $"l2={l2}", true, ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { LabelColumnName = L, FeatureColumnName = F, L2Regularization = l2, NumberOfThreads = 1, MaximumNumberOfIterations = SdcaMaxEpochs }))
        : new(TrainerKind.LbfgsMaximumEntropy, $"l2={l2}", true, ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            new LbfgsMaximumEntropyMulticlassTrainer.Options { LabelColumnName = L, FeatureColumnName = F, L2Regularization = l2, NumberOfThreads = 1, MaximumNumberOfIterations = SdcaMaxEpochs }));
}
