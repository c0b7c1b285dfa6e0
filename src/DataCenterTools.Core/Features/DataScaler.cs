using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Features;

/// <summary>How a scaler maps each value; the definitions are scikit-learn's.</summary>
public enum ScalingMethod
{
    /// <summary>MinMaxScaler: (x - Min) / (Max - Min), stretched onto the feature range (default 0..1).</summary>
    MinMax,
    /// <summary>StandardScaler: (x - Mean) / Std with the population standard deviation (ddof 0).</summary>
    ZScore,
    /// <summary>RobustScaler: (x - Median) / Iqr, quartiles linearly interpolated as numpy.percentile.</summary>
    Robust,
    /// <summary>MaxAbsScaler: x / MaxAbs, so values fall in -1..1 and zeros stay zero.</summary>
    MaxAbs,
    /// <summary>numpy.log1p: log(1 + x); nothing to fit, values must be above -1.</summary>
    Log1p,
}

/// <summary>
/// The fitted parameters of one column. Only the parameters of the scaler's method are set; the others
/// are null. A zero spread (Max = Min, Std, Iqr or MaxAbs of 0) is kept as fitted and scales by 1, as
/// scikit-learn does for constant columns.
/// </summary>
public sealed class ColumnScaling
{
    public string Column { get; set; } = "";
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? Mean { get; set; }
    public double? Std { get; set; }
    public double? Median { get; set; }
    public double? Iqr { get; set; }
    public double? MaxAbs { get; set; }

    public override string ToString() => Column;
}

/// <summary>
/// A scaler fitted on one dataset (the training data) and applied unchanged to others, so test data is
/// scaled with training parameters and nothing leaks. A plain class with settable properties: it
/// round-trips through Export-Clixml and JSON.
/// </summary>
public sealed class DataScaler
{
    public ScalingMethod Method { get; set; }

    /// <summary>The fitted columns and their parameters, in the order they were given.</summary>
    public ColumnScaling[] Columns { get; set; } = [];

    /// <summary>MinMax only: the target range (scikit-learn's feature_range); null for other methods.</summary>
    public double? RangeMin { get; set; }
    public double? RangeMax { get; set; }

    /// <summary>The name of the dataset the scaler was fitted on, and its row count: provenance only.</summary>
    public string? FittedOn { get; set; }
    public int FittedRows { get; set; }

    public override string ToString() => $"{Method} scaler of {string.Join(", ", Columns.Select(c => c.Column))}";

    /// <summary>Fits <paramref name="method"/> on the named columns; missing cells are ignored.</summary>
    public static DataScaler Fit(Dataset dataset, ScalingMethod method, IEnumerable<string> columns, double rangeMin = 0, double rangeMax = 1)
    {
        if (!Enum.IsDefined(method))
            throw new DataException("UnknownScalingMethod", DataErrorKind.InvalidArgument, $"'{method}' is not a scaling method.",
                $"Use one of: {string.Join(", ", Enum.GetNames<ScalingMethod>())}.");
        if (method == ScalingMethod.MinMax && !(rangeMin < rangeMax))
            throw new DataException("InvalidScalingRange", DataErrorKind.InvalidArgument,
                $"The range {rangeMin.ToString(CultureInfo.InvariantCulture)}..{rangeMax.ToString(CultureInfo.InvariantCulture)} is empty; the minimum must be below the maximum.",
                "Give {option:Range} as two numbers, smallest first, e.g. {option:Range} -1, 1.");
        var names = FeatureColumns.Distinct(columns);
        if (names.Length == 0)
            throw new DataException("NoColumnsToScale", DataErrorKind.InvalidArgument, $"Dataset '{dataset.Name}' has no numeric column to scale.",
                "Name the columns with {option:Column}.");

        // Check every column before fitting any, so a bad name fails fast and names the column.
        var sources = names.Select(n => FeatureColumns.RequireNumeric(dataset, n, "scaling")).ToArray();
        var fitted = new ColumnScaling[sources.Length];
        // Columns are independent: fitted on all cores (an error is the first column's in order, as one by one).
        Numerics.ColumnParallel.For(sources.Length, i => fitted[i] = FitColumn(dataset, sources[i], method));

        return new DataScaler
        {
            Method = method,
            Columns = fitted,
            RangeMin = method == ScalingMethod.MinMax ? rangeMin : null,
            RangeMax = method == ScalingMethod.MinMax ? rangeMax : null,
            FittedOn = dataset.Name,
            FittedRows = dataset.RowCount,
        };
    }

    private static ColumnScaling FitColumn(Dataset dataset, Column column, ScalingMethod method)
    {
        var values = FeatureColumns.PresentNumbers(column);
        var result = new ColumnScaling { Column = column.Name };
        if (method == ScalingMethod.Log1p)
        {
            CheckLog1pDomain(column, values, dataset.Name);
            return result;
        }
        if (values.Length == 0)
            throw new DataException("NoValuesToFit", DataErrorKind.InvalidData,
                $"Column '{column.Name}' of dataset '{dataset.Name}' has no values (every cell is missing), so there is nothing to fit.",
                "Leave the column out of {option:Column}, or fill its missing values first.", column: column.Name);
        switch (method)
        {
            case ScalingMethod.MinMax:
                result.Min = values.Min();
                result.Max = values.Max();
                break;
            case ScalingMethod.ZScore:
                result.Mean = Statistics.Mean(values);
                result.Std = Statistics.PopulationStd(values, result.Mean.Value);
                break;
            case ScalingMethod.Robust:
                Array.Sort(values);
                result.Median = Statistics.Median(values);
                result.Iqr = Statistics.Quantile(values, 0.75) - Statistics.Quantile(values, 0.25);
                break;
            case ScalingMethod.MaxAbs:
                result.MaxAbs = values.Max(Math.Abs);
                break;
        }
        return result;
    }

    private static void CheckLog1pDomain(Column column, IEnumerable<double> values, string datasetName)
    {
        foreach (var v in values)
            if (!(v > -1))
                throw new DataException("ValueOutOfDomain", DataErrorKind.InvalidData,
                    $"Column '{column.Name}' of dataset '{datasetName}' holds {v.ToString(CultureInfo.InvariantCulture)}; log1p needs values above -1.",
                    "Use another {option:Method} (ZScore, Robust), or shift the column first.", column: column.Name);
    }

    /// <summary>A new dataset with the scaler's columns scaled (as Double); every other column is shared unchanged.</summary>
    public Dataset Transform(Dataset dataset) => Apply(dataset, inverse: false);

    /// <summary>Undoes <see cref="Transform"/>: the scaled columns back in their original units (as Double).</summary>
    public Dataset InverseTransform(Dataset dataset) => Apply(dataset, inverse: true);

    private Dataset Apply(Dataset dataset, bool inverse)
    {
        Validate();
        var purpose = $"the {Method} scaler fitted on '{FittedOn}'";
        // Check every column first: a dataset missing one of the scaler's columns fails before any work.
        var sources = Columns.Select(c => FeatureColumns.RequireNumeric(dataset, c.Column, purpose)).ToArray();
        if (Method == ScalingMethod.Log1p && !inverse)
            foreach (var source in sources) CheckLog1pDomain(source, FeatureColumns.PresentNumbers(source), dataset.Name);
        // Columns are independent: scaled on all cores, each in one typed pass.
        var scaled = new Column[sources.Length];
        Numerics.ColumnParallel.For(sources.Length, i => scaled[i] = new ColumnMap(this, Columns[i]).Apply(sources[i], inverse));
        var replaced = new Dictionary<string, Column>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sources.Length; i++) replaced[sources[i].Name] = scaled[i];
        var step = new LineageEntry("Invoke-DataScaling", new Dictionary<string, string>
        {
            ["Method"] = Method.ToString(),
            ["Columns"] = FeatureColumns.Join(sources.Select(s => s.Name)),
            ["Inverse"] = inverse ? "True" : "False",
            ["FittedOn"] = FittedOn ?? "",
        });
        return dataset.WithColumns(dataset.Columns.Select(c => replaced.GetValueOrDefault(c.Name, c)), step);
    }

    /// <summary>
    /// Checks a scaler that was rebuilt from its properties (Import-Clixml, JSON): a known method, named
    /// columns and, for each, the finite parameters that method needs.
    /// </summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Method)) throw Invalid($"'{Method}' is not a scaling method.");
        if (Columns is not { Length: > 0 }) throw Invalid("it names no columns.");
        if (Method == ScalingMethod.MinMax && !(RangeMin < RangeMax)) throw Invalid("a MinMax scaler needs RangeMin below RangeMax.");
        foreach (var c in Columns)
        {
            if (c == null || string.IsNullOrEmpty(c.Column)) throw Invalid("a column has no name.");
            var needed = Method switch
            {
                ScalingMethod.MinMax => new[] { (nameof(c.Min), c.Min), (nameof(c.Max), c.Max) },
                ScalingMethod.ZScore => [(nameof(c.Mean), c.Mean), (nameof(c.Std), c.Std)],
                ScalingMethod.Robust => [(nameof(c.Median), c.Median), (nameof(c.Iqr), c.Iqr)],
                ScalingMethod.MaxAbs => [(nameof(c.MaxAbs), c.MaxAbs)],
                _ => [],
            };
            foreach (var (name, value) in needed)
                if (value is not { } v || !double.IsFinite(v))
                    throw Invalid($"column '{c.Column}' lacks a finite {name}, which a {Method} scaler needs.");
        }
    }

    private static DataException Invalid(string why) =>
        new("InvalidScaler", DataErrorKind.InvalidArgument, $"The scaler is not usable: {why}",
            "Pass a scaler made by New-DataScaler (or read back with Import-Clixml / ConvertFrom-Json without editing).");

    /// <summary>One column's forward and inverse maps, written the way scikit-learn computes them.</summary>
    private readonly struct ColumnMap
    {
        private readonly ScalingMethod _method;
        private readonly double _center;
        private readonly double _scale;
        private readonly double _offset;

        public ColumnMap(DataScaler scaler, ColumnScaling c)
        {
            _method = scaler.Method;
            switch (_method)
            {
                case ScalingMethod.MinMax:
                    // MinMaxScaler: scale_ = range / (max - min), min_ = rmin - min * scale_, x * scale_ + min_.
                    _scale = (scaler.RangeMax!.Value - scaler.RangeMin!.Value) / NonZero(c.Max!.Value - c.Min!.Value);
                    _offset = scaler.RangeMin.Value - c.Min.Value * _scale;
                    break;
                case ScalingMethod.ZScore: _center = c.Mean!.Value; _scale = NonZero(c.Std!.Value); break;
                case ScalingMethod.Robust: _center = c.Median!.Value; _scale = NonZero(c.Iqr!.Value); break;
                case ScalingMethod.MaxAbs: _scale = NonZero(c.MaxAbs!.Value); break;
            }
        }

        /// <summary>The column mapped (as Double, validity shared); missing cells hold 0.</summary>
        public DoubleColumn Apply(Column source, bool inverse)
        {
            var output = new double[source.Length];
            if (source is DoubleColumn d) Map(d.Values, output, inverse);
            else
            {
                var longs = ((Int64Column)source).Values;
                for (var row = 0; row < longs.Length; row++) output[row] = longs[row];
                Map(output, output, inverse);
            }
            if (source.Validity is { } validity)
                for (var row = 0; row < output.Length; row++) if (!validity.IsValid(row)) output[row] = 0;
            return new DoubleColumn(source.Name, output, source.Validity);
        }

        /// <summary>
        /// Forward or Inverse of every value: the affine methods vectorized (the same operations in the same order
        /// per element, so the same doubles as one at a time), Log1p one by one.
        /// </summary>
        private void Map(ReadOnlySpan<double> values, Span<double> output, bool inverse)
        {
            var row = 0;
            if (_method != ScalingMethod.Log1p && System.Numerics.Vector.IsHardwareAccelerated)
            {
                var width = System.Numerics.Vector<double>.Count;
                var (center, scale, offset) = (new System.Numerics.Vector<double>(_center), new System.Numerics.Vector<double>(_scale), new System.Numerics.Vector<double>(_offset));
                var minMax = _method == ScalingMethod.MinMax;
                for (; row + width <= values.Length; row += width)
                {
                    var x = new System.Numerics.Vector<double>(values[row..]);
                    var y = minMax
                        ? (inverse ? (x - offset) / scale : x * scale + offset)
                        : (inverse ? x * scale + center : (x - center) / scale);
                    y.CopyTo(output[row..]);
                }
            }
            for (; row < values.Length; row++) output[row] = inverse ? Inverse(values[row]) : Forward(values[row]);
        }

        // scikit-learn's _handle_zeros_in_scale: a constant column is divided by 1, not 0.
        private static double NonZero(double spread) => spread == 0 ? 1 : spread;

        public double Forward(double x) => _method switch
        {
            ScalingMethod.MinMax => x * _scale + _offset,
            ScalingMethod.Log1p => LogOnePlus(x),
            _ => (x - _center) / _scale,
        };

        public double Inverse(double y) => _method switch
        {
            ScalingMethod.MinMax => (y - _offset) / _scale,
            ScalingMethod.Log1p => ExpMinusOne(y),
            _ => y * _scale + _center,
        };
    }

    /// <summary>log(1 + x), accurate for small x (the identity log1p(x) = x * log(u) / (u - 1) with u = 1 + x).</summary>
    internal static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(y) - 1, accurate for small y (Kahan's trick), the inverse of log1p.</summary>
    internal static double ExpMinusOne(double y)
    {
        var u = Math.Exp(y);
        if (u == 1.0) return y;
        if (double.IsPositiveInfinity(u)) return u;
        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * y / Math.Log(u);
    }
}
