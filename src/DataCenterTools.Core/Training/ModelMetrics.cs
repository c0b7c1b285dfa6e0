namespace DataCenterTools.Core.Training;

/// <summary>Precision and recall of one class, from the confusion matrix.</summary>
public sealed record ClassMetrics(string Class, double Precision, double Recall, long Support);

/// <summary>
/// Counts of (actual, predicted) class pairs: rows are the actual class, columns the predicted one.
/// Precision, recall and accuracy come from these counts; a class never predicted has precision 0
/// (as scikit-learn's zero_division=0).
/// </summary>
public sealed class ConfusionMatrix
{
    public ConfusionMatrix(IReadOnlyList<string> classes, long[][] counts)
    {
        if (counts.Length != classes.Count || counts.Any(r => r.Length != classes.Count))
            throw new ArgumentException("The confusion matrix must be square, one row and column per class.");
        Classes = classes;
        Counts = counts;
    }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Counts[actual][predicted].</summary>
    public long[][] Counts { get; }

    public static ConfusionMatrix FromPairs(IReadOnlyList<string> classes, ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        var counts = classes.Select(_ => new long[classes.Count]).ToArray();
        for (var i = 0; i < actual.Length; i++) counts[actual[i]][predicted[i]]++;
        return new ConfusionMatrix(classes, counts);
    }

    public long Total => Counts.Sum(r => r.Sum());
    public long Correct => Enumerable.Range(0, Classes.Count).Sum(i => Counts[i][i]);

    /// <summary>The share of rows predicted right (micro-averaged accuracy).</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    public double Precision(int cls)
    {
        long predicted = Counts.Sum(r => r[cls]);
        return predicted == 0 ? 0 : (double)Counts[cls][cls] / predicted;
    }

    public double Recall(int cls)
    {
        long actual = Counts[cls].Sum();
        return actual == 0 ? 0 : (double)Counts[cls][cls] / actual;
    }

    public double F1(int cls)
    {
        double p = Precision(cls), r = Recall(cls);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The mean of the per-class recalls over the classes present (ML.NET's macro accuracy).</summary>
    public double MacroAccuracy
    {
        get
        {
            var present = Enumerable.Range(0, Classes.Count).Where(c => Counts[c].Sum() > 0).ToArray();
            return present.Length == 0 ? double.NaN : present.Average(Recall);
        }
    }

    public IReadOnlyList<ClassMetrics> PerClass() =>
        Enumerable.Range(0, Classes.Count).Select(c => new ClassMetrics(Classes[c], Precision(c), Recall(c), Counts[c].Sum())).ToArray();

    public override string ToString() => string.Join("; ", Classes.Select((c, i) => $"{c}: [{string.Join(", ", Counts[i])}]"));
}

/// <summary>
/// The evaluation of a model on labelled rows. Which figures are set depends on the task; the
/// others are null. Headline shows the main ones in one line.
/// </summary>
public sealed class ModelMetrics
{
    public ModelTask Task { get; init; }
    public int Rows { get; init; }

    // Regression
    public double? RootMeanSquaredError { get; init; }
    public double? MeanSquaredError { get; init; }
    public double? MeanAbsoluteError { get; init; }
    public double? RSquared { get; init; }

    // Classification
    public double? Accuracy { get; init; }
    public double? AreaUnderRocCurve { get; init; }
    public double? AreaUnderPrecisionRecallCurve { get; init; }
    public double? F1Score { get; init; }
    public double? Precision { get; init; }
    public double? Recall { get; init; }
    public double? LogLoss { get; init; }
    public double? MicroAccuracy { get; init; }
    public double? MacroAccuracy { get; init; }
    public ConfusionMatrix? ConfusionMatrix { get; init; }
    public IReadOnlyList<ClassMetrics>? PerClass { get; init; }

    // Recommendation: rating figures above (explicit), top-N figures here, over the users with a relevant held-out item.
    public int? TopK { get; init; }
    public int? RankedUsers { get; init; }
    public double? PrecisionAtK { get; init; }
    public double? RecallAtK { get; init; }
    public double? NdcgAtK { get; init; }
    public double? MapAtK { get; init; }
    public double? HitRate { get; init; }
    public double? CatalogCoverage { get; init; }

    /// <summary>Recommendation: held-out rows whose user (or item) was not in the training rows, scored by a fallback.</summary>
    public int? UnseenUserRows { get; init; }
    public int? UnseenItemRows { get; init; }

    /// <summary>The figure that ranks models (higher is better): R2, AUC (accuracy if uncalibrated) or macro accuracy.</summary>
    public double PrimaryScore => Task switch
    {
        ModelTask.Regression => RSquared ?? double.NaN,
        ModelTask.BinaryClassification => AreaUnderRocCurve ?? Accuracy ?? double.NaN,
        ModelTask.Recommendation => RSquared ?? NdcgAtK ?? double.NaN,
        _ => MacroAccuracy ?? double.NaN,
    };

    public string PrimaryMetricName => Task switch
    {
        ModelTask.Regression => "RSquared",
        ModelTask.BinaryClassification => AreaUnderRocCurve != null ? "AreaUnderRocCurve" : "Accuracy",
        ModelTask.Recommendation => RSquared != null ? "RSquared" : "NdcgAtK",
        _ => "MacroAccuracy",
    };

    /// <summary>The scalar figures by name (for cross-validation means and standard deviations).</summary>
    public IReadOnlyDictionary<string, double> Scalars()
    {
        var all = new (string, double?)[]
        {
            (nameof(RootMeanSquaredError), RootMeanSquaredError), (nameof(MeanSquaredError), MeanSquaredError),
            (nameof(MeanAbsoluteError), MeanAbsoluteError), (nameof(RSquared), RSquared), (nameof(Accuracy), Accuracy),
            (nameof(AreaUnderRocCurve), AreaUnderRocCurve), (nameof(AreaUnderPrecisionRecallCurve), AreaUnderPrecisionRecallCurve),
            (nameof(F1Score), F1Score), (nameof(Precision), Precision), (nameof(Recall), Recall), (nameof(LogLoss), LogLoss),
            (nameof(MicroAccuracy), MicroAccuracy), (nameof(MacroAccuracy), MacroAccuracy),
            (nameof(PrecisionAtK), PrecisionAtK), (nameof(RecallAtK), RecallAtK), (nameof(NdcgAtK), NdcgAtK), (nameof(MapAtK), MapAtK),
            (nameof(HitRate), HitRate), (nameof(CatalogCoverage), CatalogCoverage),
        };
        return all.Where(p => p.Item2 != null).ToDictionary(p => p.Item1, p => p.Item2!.Value);
    }

    public string Headline => Task switch
    {
        ModelTask.Regression => $"RMSE={RootMeanSquaredError:G4} MAE={MeanAbsoluteError:G4} R2={RSquared:0.####}",
        ModelTask.BinaryClassification => $"Acc={Accuracy:0.####} AUC={AreaUnderRocCurve:0.####} F1={F1Score:0.####}",
        ModelTask.Recommendation => ((RootMeanSquaredError != null ? $"RMSE={RootMeanSquaredError:0.####} MAE={MeanAbsoluteError:0.####} " : "")
            + (NdcgAtK != null ? $"NDCG@{TopK}={NdcgAtK:0.####}" : "")).Trim(),
        _ => $"MicroAcc={MicroAccuracy:0.####} MacroAcc={MacroAccuracy:0.####} LogLoss={LogLoss:0.####}",
    };

    public override string ToString() => Headline;

    /// <summary>The mean of each figure over the folds of a cross-validation; row and user counts are summed.</summary>
    public static ModelMetrics MeanOf(CrossValidationResult cv)
    {
        double? M(string name) => cv.Mean.TryGetValue(name, out var v) ? v : null;
        var first = cv.Folds[0];
        return new ModelMetrics
        {
            Task = first.Task,
            Rows = cv.Folds.Sum(f => f.Rows),
            RootMeanSquaredError = M(nameof(RootMeanSquaredError)),
            MeanSquaredError = M(nameof(MeanSquaredError)),
            MeanAbsoluteError = M(nameof(MeanAbsoluteError)),
            RSquared = M(nameof(RSquared)),
            Accuracy = M(nameof(Accuracy)),
            AreaUnderRocCurve = M(nameof(AreaUnderRocCurve)),
            AreaUnderPrecisionRecallCurve = M(nameof(AreaUnderPrecisionRecallCurve)),
            F1Score = M(nameof(F1Score)),
            Precision = M(nameof(Precision)),
            Recall = M(nameof(Recall)),
            LogLoss = M(nameof(LogLoss)),
            MicroAccuracy = M(nameof(MicroAccuracy)),
            MacroAccuracy = M(nameof(MacroAccuracy)),
            TopK = first.TopK,
            RankedUsers = first.RankedUsers == null ? null : cv.Folds.Sum(f => f.RankedUsers ?? 0),
            PrecisionAtK = M(nameof(PrecisionAtK)),
            RecallAtK = M(nameof(RecallAtK)),
            NdcgAtK = M(nameof(NdcgAtK)),
            MapAtK = M(nameof(MapAtK)),
            HitRate = M(nameof(HitRate)),
            CatalogCoverage = M(nameof(CatalogCoverage)),
            UnseenUserRows = first.UnseenUserRows == null ? null : cv.Folds.Sum(f => f.UnseenUserRows ?? 0),
            UnseenItemRows = first.UnseenItemRows == null ? null : cv.Folds.Sum(f => f.UnseenItemRows ?? 0),
        };
    }

    /// <summary>RMSE, MSE, MAE and R2 (1 - SSres/SStot, as scikit-learn's r2_score) of predictions against labels.</summary>
    public static ModelMetrics ForRegression(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        double mean = 0;
        foreach (var y in labels) mean += y;
        mean /= labels.Length;
        double sse = 0, sae = 0, sst = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            double e = (double)labels[i] - scores[i];
            sse += e * e;
            sae += Math.Abs(e);
            sst += ((double)labels[i] - mean) * ((double)labels[i] - mean);
        }
        var mse = sse / labels.Length;
        return new ModelMetrics
        {
            Task = ModelTask.Regression,
            Rows = labels.Length,
            MeanSquaredError = mse,
            RootMeanSquaredError = Math.Sqrt(mse),
            MeanAbsoluteError = sae / labels.Length,
            RSquared = sst == 0 ? double.NaN : 1 - sse / sst,
        };
    }

    /// <summary>Accuracy, precision, recall and F1 of the positive class (index 1) from a two-class confusion matrix.</summary>
    public static ModelMetrics ForBinary(ConfusionMatrix matrix, double? auc, double? aucPr, double? logLoss) => new()
    {
        Task = ModelTask.BinaryClassification,
        Rows = (int)matrix.Total,
        Accuracy = matrix.Accuracy,
        Precision = matrix.Precision(1),
        Recall = matrix.Recall(1),
        F1Score = matrix.F1(1),
        AreaUnderRocCurve = auc,
        AreaUnderPrecisionRecallCurve = aucPr,
        LogLoss = logLoss,
        ConfusionMatrix = matrix,
        PerClass = matrix.PerClass(),
    };

    public static ModelMetrics ForMulticlass(ConfusionMatrix matrix, double? logLoss) => new()
    {
        Task = ModelTask.MulticlassClassification,
        Rows = (int)matrix.Total,
        MicroAccuracy = matrix.Accuracy,
        MacroAccuracy = matrix.MacroAccuracy,
        Accuracy = matrix.Accuracy,
        LogLoss = logLoss,
        ConfusionMatrix = matrix,
        PerClass = matrix.PerClass(),
    };
}
