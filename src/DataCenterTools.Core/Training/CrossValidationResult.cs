namespace DataCenterTools.Core.Training;

/// <summary>Per-fold metrics of a k-fold cross-validation with the mean and (sample) standard deviation of each figure.</summary>
public sealed class CrossValidationResult
{
    public CrossValidationResult(IReadOnlyList<ModelMetrics> folds)
    {
        Folds = folds;
        var names = folds[0].Scalars().Keys;
        Mean = names.ToDictionary(n => n, n => folds.Average(f => f.Scalars()[n]));
        Std = names.ToDictionary(n => n, n =>
        {
            if (folds.Count < 2) return 0.0;
            var m = Mean[n];
            return Math.Sqrt(folds.Sum(f => Math.Pow(f.Scalars()[n] - m, 2)) / (folds.Count - 1));
        });
    }

    public IReadOnlyList<ModelMetrics> Folds { get; }
    public IReadOnlyDictionary<string, double> Mean { get; }
    public IReadOnlyDictionary<string, double> Std { get; }

    public override string ToString() => string.Join(", ", Mean.Select(kv => $"{kv.Key}={kv.Value:G4}±{Std[kv.Key]:G3}"));
}
