using System.Globalization;
using DataCenterTools.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

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
    /// <summary>A linear support vector machine (Pegasos; binary only; no calibrated probability).</summary>
    LinearSvm,
}

/// <summary>One trainer with one set of hyperparameters (names and values of its ML.NET Options).</summary>
internal sealed record TrainerCandidate(TrainerKind Kind, IReadOnlyDictionary<string, object> Settings, bool NeedsNormalization)
{
    public string Hyperparameters => string.Join(" ", Settings.Select(s => $"{s.Key}={OptionSetter.Format(s.Value)}"));

    public IEstimator<ITransformer> Create(MLContext ml, ModelTask task) => TrainerCatalog.Create(ml, task, Kind, Settings);

    /// <summary>The same trainer with the user's options (-TrainerOption) laid over the grid's.</summary>
    public TrainerCandidate With(IReadOnlyDictionary<string, object> options)
    {
        var settings = new Dictionary<string, object>(Settings, StringComparer.Ordinal);
        foreach (var (k, v) in options) settings[k] = v;
        return this with { Settings = settings };
    }
}

/// <summary>
/// Which trainers suit a task, and the small hyperparameter grid -Trainer Auto tries for each. The first grid point of a
/// trainer is what an explicit -Trainer uses. Linear trainers run on one thread so that the same seed gives the same model.
/// Each trainer is built from its ML.NET Options class, so -TrainerOption can set any of its scalar options by name.
/// </summary>
internal static class TrainerCatalog
{
    private const string L = "Label", F = "Features";

    /// <summary>SDCA's own limit can run thousands of passes over a few rows that do not converge; 100 passes is plenty here.</summary>
    private const int LinearMaxIterations = 100;

    public static IReadOnlyList<TrainerKind> Suitable(ModelTask task) => task switch
    {
        ModelTask.Regression => [TrainerKind.LightGbm, TrainerKind.FastTree, TrainerKind.FastForest, TrainerKind.Sdca],
        ModelTask.BinaryClassification => [TrainerKind.LightGbm, TrainerKind.FastTree, TrainerKind.FastForest, TrainerKind.Sdca, TrainerKind.LbfgsLogisticRegression, TrainerKind.LinearSvm],
        _ => [TrainerKind.LightGbm, TrainerKind.Sdca, TrainerKind.LbfgsMaximumEntropy],
    };

    /// <summary>
    /// The order -Trainer Auto tries trainers in when a feature is free text: the linear models on the sparse TF-IDF vector
    /// first (fast, and what text classification needs), then trees, which are slow on tens of thousands of sparse columns.
    /// </summary>
    public static IReadOnlyList<TrainerKind> SuitableForText(ModelTask task) => task switch
    {
        ModelTask.Regression => [TrainerKind.Sdca, TrainerKind.LightGbm],
        ModelTask.BinaryClassification => [TrainerKind.LbfgsLogisticRegression, TrainerKind.LinearSvm, TrainerKind.Sdca, TrainerKind.LightGbm],
        _ => [TrainerKind.LbfgsMaximumEntropy, TrainerKind.Sdca, TrainerKind.LightGbm],
    };

    /// <summary>The trainer used for a free-text feature when none is named: the fast path, a linear model on the TF-IDF vector.</summary>
    public static TrainerKind TextDefault(ModelTask task) => task switch
    {
        ModelTask.BinaryClassification => TrainerKind.LbfgsLogisticRegression,
        ModelTask.MulticlassClassification => TrainerKind.LbfgsMaximumEntropy,
        _ => TrainerKind.Sdca,
    };

    /// <summary>How long a trainer takes relative to L-BFGS on the same rows (for -Trainer Auto's time estimates before it has measured the trainer).</summary>
    public static double RelativeCost(TrainerKind kind, bool text) => kind switch
    {
        TrainerKind.LinearSvm => 0.5,
        TrainerKind.Sdca => 1.5,
        TrainerKind.LightGbm => text ? 20 : 1,
        TrainerKind.FastTree => text ? 20 : 1.5,
        TrainerKind.FastForest => text ? 30 : 2,
        _ => 1,
    };

    public static IReadOnlyList<TrainerCandidate> Grid(ModelTask task, TrainerKind kind, bool text = false) => kind switch
    {
        TrainerKind.LightGbm => [Tree(kind, ("NumberOfLeaves", 31), ("LearningRate", 0.1), ("NumberOfIterations", 100)), Tree(kind, ("NumberOfLeaves", 15), ("LearningRate", 0.05), ("NumberOfIterations", 200))],
        TrainerKind.FastTree => [Tree(kind, ("NumberOfLeaves", 20), ("NumberOfTrees", 100)), Tree(kind, ("NumberOfLeaves", 10), ("NumberOfTrees", 200))],
        TrainerKind.FastForest => [Tree(kind, ("NumberOfTrees", 100)), Tree(kind, ("NumberOfTrees", 300))],
        TrainerKind.Sdca => [Linear(kind), Linear(kind, ("L2Regularization", 0.1f))],
        // On TF-IDF vectors a weak L2 penalty and no L1 is what works (scikit-learn's C=10 is an L2 of 0.1 here), and a
        // tolerance of 1e-4 (scikit-learn's) stops L-BFGS 2-3x sooner with the same accuracy; on dense min-max scaled
        // features ML.NET's defaults are kept.
        TrainerKind.LbfgsLogisticRegression or TrainerKind.LbfgsMaximumEntropy => text
            ? [Linear(kind, ("L1Regularization", 0f), ("L2Regularization", 0.1f), ("OptimizationTolerance", 1e-4f)), Linear(kind, ("L1Regularization", 0f), ("L2Regularization", 1f), ("OptimizationTolerance", 1e-4f))]
            : [Linear(kind, ("L2Regularization", 1f)), Linear(kind, ("L2Regularization", 0.1f))],
        TrainerKind.LinearSvm => [Linear(kind, ("NumberOfIterations", 10)), Linear(kind, ("NumberOfIterations", 30), ("Lambda", 0.0001f))],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static TrainerCandidate Tree(TrainerKind kind, params (string, object)[] settings) =>
        new(kind, settings.ToDictionary(s => s.Item1, s => s.Item2), false);

    private static TrainerCandidate Linear(TrainerKind kind, params (string, object)[] settings) =>
        new(kind, settings.ToDictionary(s => s.Item1, s => s.Item2), true);

    /// <summary>A fresh ML.NET Options object for the trainer and task, with the column names and this project's defaults set.</summary>
    public static object NewOptions(ModelTask task, TrainerKind kind)
    {
        object options = (kind, task) switch
        {
            (TrainerKind.LightGbm, ModelTask.Regression) => new LightGbmRegressionTrainer.Options(),
            (TrainerKind.LightGbm, ModelTask.BinaryClassification) => new LightGbmBinaryTrainer.Options(),
            (TrainerKind.LightGbm, _) => new LightGbmMulticlassTrainer.Options(),
            (TrainerKind.FastTree, ModelTask.Regression) => new FastTreeRegressionTrainer.Options(),
            (TrainerKind.FastTree, _) => new FastTreeBinaryTrainer.Options(),
            (TrainerKind.FastForest, ModelTask.Regression) => new FastForestRegressionTrainer.Options(),
            (TrainerKind.FastForest, _) => new FastForestBinaryTrainer.Options(),
            (TrainerKind.Sdca, ModelTask.Regression) => new SdcaRegressionTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = LinearMaxIterations },
            (TrainerKind.Sdca, ModelTask.BinaryClassification) => new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = LinearMaxIterations },
            (TrainerKind.Sdca, _) => new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = LinearMaxIterations },
            (TrainerKind.LbfgsLogisticRegression, _) => new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = LinearMaxIterations },
            (TrainerKind.LbfgsMaximumEntropy, _) => new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = LinearMaxIterations },
            (TrainerKind.LinearSvm, _) => new LinearSvmTrainer.Options(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var columns = (TrainerInputBaseWithLabel)options;
        columns.LabelColumnName = L;
        columns.FeatureColumnName = F;
        return options;
    }

    public static IEstimator<ITransformer> Create(MLContext ml, ModelTask task, TrainerKind kind, IReadOnlyDictionary<string, object> settings)
    {
        var options = NewOptions(task, kind);
        foreach (var (name, value) in settings) OptionSetter.SetRaw(options, name, value);
        try
        {
            return options switch
            {
                LightGbmRegressionTrainer.Options o => ml.Regression.Trainers.LightGbm(o),
                LightGbmBinaryTrainer.Options o => ml.BinaryClassification.Trainers.LightGbm(o),
                LightGbmMulticlassTrainer.Options o => ml.MulticlassClassification.Trainers.LightGbm(o),
                FastTreeRegressionTrainer.Options o => ml.Regression.Trainers.FastTree(o),
                FastTreeBinaryTrainer.Options o => ml.BinaryClassification.Trainers.FastTree(o),
                FastForestRegressionTrainer.Options o => ml.Regression.Trainers.FastForest(o),
                FastForestBinaryTrainer.Options o => ml.BinaryClassification.Trainers.FastForest(o),
                SdcaRegressionTrainer.Options o => ml.Regression.Trainers.Sdca(o),
                SdcaLogisticRegressionBinaryTrainer.Options o => ml.BinaryClassification.Trainers.SdcaLogisticRegression(o),
                SdcaMaximumEntropyMulticlassTrainer.Options o => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(o),
                LbfgsLogisticRegressionBinaryTrainer.Options o => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(o),
                LbfgsMaximumEntropyMulticlassTrainer.Options o => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(o),
                LinearSvmTrainer.Options o => ml.BinaryClassification.Trainers.LinearSvm(o),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        }
        catch (ArgumentException e)
        {
            // ML.NET checks the option values when the trainer is made (e.g. NumberOfLeaves must be at least 2).
            throw new DataException("TrainerOptionInvalid", DataErrorKind.InvalidArgument,
                $"ML.NET refuses the {kind} options ({string.Join(" ", settings.Select(s => $"{s.Key}={OptionSetter.Format(s.Value)}"))}): {e.Message.Split('\n')[0].Trim()}",
                "Give values in the range the option allows (see the ML.NET documentation of the trainer's Options).", inner: e);
        }
    }

    /// <summary>
    /// Checks -TrainerOption against the trainer's ML.NET Options: every name must be one of its scalar options (an unknown
    /// one is an error listing the valid ones) and every value must convert to the option's type. Returns the converted values.
    /// </summary>
    public static IReadOnlyDictionary<string, object> CheckOptions(ModelTask task, TrainerKind kind, IReadOnlyDictionary<string, object?> given) =>
        OptionSetter.Convert(NewOptions(task, kind), given, $"the {kind} trainer", "DataCenterTools.TrainerOption");
}

/// <summary>Sets named scalar options (numbers, booleans, enums) on an options object by reflection, with clear errors for unknown names and bad values.</summary>
internal static class OptionSetter
{
    /// <summary>The settable scalar options of the object's type, by name (case-insensitive); column names are not options.</summary>
    public static IReadOnlyDictionary<string, (Type Type, Action<object, object?> Set)> Members(Type type)
    {
        var result = new Dictionary<string, (Type, Action<object, object?>)>(StringComparer.OrdinalIgnoreCase);
        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
        foreach (var f in type.GetFields(flags))
            if (!f.IsInitOnly && IsScalar(f.FieldType) && !f.Name.EndsWith("ColumnName", StringComparison.Ordinal)) result[f.Name] = (f.FieldType, f.SetValue);
        foreach (var p in type.GetProperties(flags))
            if (p.CanWrite && p.SetMethod!.IsPublic && IsScalar(p.PropertyType) && !p.Name.EndsWith("ColumnName", StringComparison.Ordinal)) result[p.Name] = (p.PropertyType, p.SetValue);
        return result;
    }

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsEnum || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(float) || t == typeof(double);
    }

    public static void SetRaw(object target, string name, object? value)
    {
        var member = Members(target.GetType())[name];
        member.Set(target, value);
    }

    public static Dictionary<string, object> Convert(object target, IReadOnlyDictionary<string, object?> given, string what, string errorPrefix)
    {
        var members = Members(target.GetType());
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (!members.TryGetValue(name, out var member))
                throw new DataException(errorPrefix + "Unknown", DataErrorKind.InvalidArgument,
                    $"'{name}' is not an option of {what}.", $"Valid options: {string.Join(", ", members.Keys.Order(StringComparer.Ordinal))}.");
            var canonical = members.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            result[canonical] = ConvertValue(value, member.Type, canonical, what, errorPrefix);
        }
        return result;
    }

    private static object ConvertValue(object? value, Type type, string name, string what, string errorPrefix)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        DataException Bad(string why) => new(errorPrefix + "Invalid", DataErrorKind.InvalidArgument,
            $"The option {name} of {what} takes {Describe(target)}; '{value}' {why}.", $"Give {name} {Describe(target)}.");
        if (value == null) throw Bad("is empty");
        try
        {
            if (target.IsEnum)
            {
                if (value is string s && Enum.TryParse(target, s, ignoreCase: true, out var parsed) && Enum.IsDefined(target, parsed!)) return parsed!;
                throw Bad("is not one of them");
            }
            if (target == typeof(bool))
            {
                if (value is bool b) return b;
                if (value is string s && bool.TryParse(s, out var parsed)) return parsed;
                throw Bad("is not true or false");
            }
            var number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (target == typeof(int) || target == typeof(long))
            {
                if (number != Math.Floor(number) || double.IsInfinity(number)) throw Bad("is not a whole number");
                return target == typeof(int) ? (object)checked((int)number) : checked((long)number);
            }
            return target == typeof(float) ? (object)(float)number : number;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw Bad("is not a number in range");
        }
    }

    private static string Describe(Type t) =>
        t.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(t))}" : t == typeof(bool) ? "true or false" : t == typeof(int) || t == typeof(long) ? "a whole number" : "a number";

    public static string Format(object value) => value switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
