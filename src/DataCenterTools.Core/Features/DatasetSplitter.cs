using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Features;

/// <summary>How rows were assigned to the training and test sides.</summary>
public enum SplitStrategy
{
    /// <summary>A seeded shuffle of all rows.</summary>
    Random,
    /// <summary>A seeded shuffle within each class of the stratify column, so each side keeps the class proportions.</summary>
    Stratified,
    /// <summary>A seeded shuffle of whole groups: every row of a group lands on the same side.</summary>
    Grouped,
    /// <summary>No shuffle: the earliest rows train, the latest test.</summary>
    TimeOrdered,
    /// <summary>Per group (a user), the latest N rows test and the earlier ones train ("leave last N out").</summary>
    LastPerGroup,
}

public sealed class DatasetSplitOptions
{
    /// <summary>The share of rows (or of groups, with GroupBy) that go to training; strictly between 0 and 1.</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>The shuffle seed; null draws one at random (and reports it, so the split can be repeated).</summary>
    public long? Seed { get; init; }

    public string? StratifyBy { get; init; }
    public string? GroupBy { get; init; }
    public string? TimeColumn { get; init; }

    /// <summary>With GroupBy and TimeColumn (Split-Dataset's -OrderBy): each group's latest N rows go to the test side (TrainFraction is not used).</summary>
    public int? LeaveLastOut { get; init; }

    /// <summary>Split-Dataset -OrderBy was given without -LeaveLastOut (it orders nothing then).</summary>
    public bool OrderByWithoutLeaveLastOut { get; init; }
}

/// <summary>The two sides of a split, named &lt;name&gt;-train and &lt;name&gt;-test, and how they were made.</summary>
public sealed class SplitResult
{
    public required Dataset Train { get; init; }
    public required Dataset Test { get; init; }
    public SplitStrategy Strategy { get; init; }
    public double TrainFraction { get; init; }

    /// <summary>The seed that was used (null for a time-ordered split, which does not shuffle).</summary>
    public long? Seed { get; init; }

    public override string ToString() => $"{Train.Name} ({Train.RowCount} rows) / {Test.Name} ({Test.RowCount} rows)";
}

/// <summary>
/// Splits a dataset into training and test rows without leaks: same seed, same split on every machine
/// (SplitMix64 and a Fisher-Yates shuffle); stratified, grouped or time-ordered on request. Each side
/// keeps the rows in their original order.
/// </summary>
public static class DatasetSplitter
{
    public static SplitResult Split(Dataset dataset, DatasetSplitOptions options)
    {
        var fraction = options.TrainFraction;
        if (!(fraction > 0 && fraction < 1))
            throw new DataException("FractionOutOfRange", DataErrorKind.InvalidArgument,
                $"{{option:TrainFraction}} {fraction.ToString(CultureInfo.InvariantCulture)} is not strictly between 0 and 1.",
                "Give the share of rows to train on, e.g. 0.8 for 80 %.");
        if (options.OrderByWithoutLeaveLastOut)
            throw new DataException("OrderByWithoutLeaveLastOut", DataErrorKind.InvalidArgument,
                "{option:OrderBy} orders each group's rows for {option:LeaveLastOut}; without it a grouped split shuffles whole groups.", "Add {option:LeaveLastOut} <rows per group>, or leave {option:OrderBy} out.");
        if (options.LeaveLastOut is { } last) return LeaveLastOut(dataset, options, last);
        var chosen = new[] { options.StratifyBy, options.GroupBy, options.TimeColumn }.Count(o => o != null);
        if (chosen > 1)
            throw new DataException("ConflictingSplitOptions", DataErrorKind.InvalidArgument,
                "Stratify, group and time-ordered splits cannot be combined.", "Choose one of {option:StratifyBy}, {option:GroupBy} and {option:TimeColumn}.");

        var seed = options.Seed ?? BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        var random = new SplitMix64(unchecked((ulong)seed));
        bool[] inTrain;
        SplitStrategy strategy;
        if (options.TimeColumn != null) { strategy = SplitStrategy.TimeOrdered; inTrain = ByTime(dataset, options.TimeColumn, fraction); }
        else if (options.GroupBy != null) { strategy = SplitStrategy.Grouped; inTrain = ByGroup(dataset, options.GroupBy, fraction, ref random); }
        else if (options.StratifyBy != null) { strategy = SplitStrategy.Stratified; inTrain = Stratified(dataset, options.StratifyBy, fraction, ref random); }
        else { strategy = SplitStrategy.Random; inTrain = Shuffled(dataset, fraction, ref random); }

        var usedSeed = strategy == SplitStrategy.TimeOrdered ? (long?)null : seed;
        return new SplitResult
        {
            Train = Side(dataset, inTrain, true, strategy, fraction, usedSeed, options),
            Test = Side(dataset, inTrain, false, strategy, fraction, usedSeed, options),
            Strategy = strategy,
            TrainFraction = fraction,
            Seed = usedSeed,
        };
    }

    /// <summary>
    /// Each group's latest <paramref name="last"/> rows (by the time column; ties keep file order) test, the rest train, as
    /// recommenders are measured: every user is known in training and is asked about their next items. A group with no more
    /// than <paramref name="last"/> rows stays whole on the training side, so no test user is new to the model.
    /// </summary>
    private static SplitResult LeaveLastOut(Dataset dataset, DatasetSplitOptions options, int last)
    {
        if (last < 1)
            throw new DataException("LeaveLastOutOutOfRange", DataErrorKind.InvalidArgument, $"{{option:LeaveLastOut}} {last} leaves no row out.", "Give 1 or more rows per group.");
        if (options.GroupBy == null || options.TimeColumn == null || options.StratifyBy != null)
            throw new DataException("ConflictingSplitOptions", DataErrorKind.InvalidArgument,
                "{option:LeaveLastOut} takes each group's latest rows, so it needs {option:GroupBy} and the column that orders them ({option:OrderBy}), and no {option:StratifyBy}.", "Give {option:GroupBy} <user column> {option:OrderBy} <time column>.");
        var keys = TimeKeys(dataset, options.TimeColumn);
        var inTrain = new bool[dataset.RowCount];
        foreach (var (_, rows) in RowsByKey(FeatureColumns.Require(dataset, options.GroupBy, "{option:GroupBy}")))
        {
            var ordered = rows.OrderBy(r => keys[r]).ToArray();
            var train = ordered.Length <= last ? ordered.Length : ordered.Length - last;
            for (var i = 0; i < train; i++) inTrain[ordered[i]] = true;
        }
        if (inTrain.All(t => t))
            throw new DataException("SplitSideEmpty", DataErrorKind.InvalidArgument,
                $"No group of column '{options.GroupBy}' in '{dataset.Name}' has more than {last} row(s), so the test side is empty.", "Give a smaller {option:LeaveLastOut}.");
        var fraction = Math.Round((double)inTrain.Count(t => t) / dataset.RowCount, 4);
        return new SplitResult
        {
            Train = Side(dataset, inTrain, true, SplitStrategy.LastPerGroup, fraction, null, options),
            Test = Side(dataset, inTrain, false, SplitStrategy.LastPerGroup, fraction, null, options),
            Strategy = SplitStrategy.LastPerGroup,
            TrainFraction = fraction,
        };
    }

    /// <summary>The time column's values as sortable numbers (DateTime ticks, or the number), checked: DateTime or numeric, nothing missing.</summary>
    private static double[] TimeKeys(Dataset dataset, string columnName)
    {
        var column = FeatureColumns.Require(dataset, columnName, "{option:TimeColumn}");
        if (column.Type is not (ColumnType.DateTime or ColumnType.Int64 or ColumnType.Double))
            throw new DataException("ColumnNotTime", DataErrorKind.InvalidArgument,
                $"Column '{column.Name}' of dataset '{dataset.Name}' is {column.Type}; a time-ordered split needs a DateTime or numeric column.",
                "Import the column as DateTime (Import-Dataset infers ISO 8601), or pick another {option:TimeColumn}.", column: column.Name);
        if (column.NullCount > 0)
            throw new DataException("MissingTimeValue", DataErrorKind.InvalidData,
                $"Column '{column.Name}' of dataset '{dataset.Name}' has {column.NullCount} missing value(s), so those rows have no place in time.",
                "Drop or fill the rows with no time first.", column: column.Name);
        var keys = new double[dataset.RowCount];
        for (var row = 0; row < keys.Length; row++)
            keys[row] = column is DateTimeColumn t ? t[row].Ticks : FeatureColumns.NumberAt(column, row);
        return keys;
    }

    /// <summary>Rows to train on: the fraction of <paramref name="count"/>, rounded half away from zero.</summary>
    private static int TrainCount(int count, double fraction) => (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero);

    private static int CheckedTrainCount(Dataset dataset, int count, double fraction, string what)
    {
        var train = TrainCount(count, fraction);
        if (train > 0 && train < count) return train;
        throw new DataException("SplitSideEmpty", DataErrorKind.InvalidArgument,
            $"A train fraction of {fraction.ToString(CultureInfo.InvariantCulture)} of the {count} {what} of dataset '{dataset.Name}' leaves the {(train == 0 ? "training" : "test")} side empty.",
            "Use a fraction nearer 0.5, or more data.");
    }

    private static bool[] Shuffled(Dataset dataset, double fraction, ref SplitMix64 random)
    {
        var train = CheckedTrainCount(dataset, dataset.RowCount, fraction, "rows");
        var rows = Enumerable.Range(0, dataset.RowCount).ToArray();
        random.Shuffle(rows.AsSpan());
        var inTrain = new bool[dataset.RowCount];
        for (var i = 0; i < train; i++) inTrain[rows[i]] = true;
        return inTrain;
    }

    private static bool[] Stratified(Dataset dataset, string columnName, double fraction, ref SplitMix64 random)
    {
        var column = FeatureColumns.Require(dataset, columnName, "{option:StratifyBy}");
        var inTrain = new bool[dataset.RowCount];
        foreach (var (label, rows) in RowsByKey(column))
        {
            if (rows.Count < 2)
                throw new DataException("StratifyClassTooSmall", DataErrorKind.InvalidData,
                    $"Class '{label ?? "(missing)"}' of column '{column.Name}' has only one row, so it cannot appear on both sides of a stratified split.",
                    "Merge or drop the rare classes first, or split without {option:StratifyBy}.", column: column.Name);
            // Every class appears on both sides, even where rounding would leave one side without it.
            var train = Math.Clamp(TrainCount(rows.Count, fraction), 1, rows.Count - 1);
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
            random.Shuffle(span);
            for (var i = 0; i < train; i++) inTrain[span[i]] = true;
        }
        return inTrain;
    }

    private static bool[] ByGroup(Dataset dataset, string columnName, double fraction, ref SplitMix64 random)
    {
        var column = FeatureColumns.Require(dataset, columnName, "{option:GroupBy}");
        var groups = RowsByKey(column).Select(g => g.Rows).ToArray();
        if (groups.Length < 2)
            throw new DataException("TooFewGroups", DataErrorKind.InvalidData,
                $"Column '{column.Name}' of dataset '{dataset.Name}' holds {groups.Length} group(s); a grouped split needs at least two.",
                "Group by a column with more distinct values.", column: column.Name);
        // As scikit-learn's GroupShuffleSplit: the fraction is of groups, not of rows.
        var train = CheckedTrainCount(dataset, groups.Length, fraction, $"groups in column '{column.Name}'");
        random.Shuffle(groups.AsSpan());
        var inTrain = new bool[dataset.RowCount];
        for (var g = 0; g < train; g++)
            foreach (var row in groups[g]) inTrain[row] = true;
        return inTrain;
    }

    private static bool[] ByTime(Dataset dataset, string columnName, double fraction)
    {
        var keys = TimeKeys(dataset, columnName);
        var train = CheckedTrainCount(dataset, dataset.RowCount, fraction, "rows");
        // A stable sort: rows with the same time keep their file order.
        var order = Enumerable.Range(0, dataset.RowCount).OrderBy(r => keys[r]).ToArray();
        var inTrain = new bool[dataset.RowCount];
        for (var i = 0; i < train; i++) inTrain[order[i]] = true;
        return inTrain;
    }

    /// <summary>Rows per distinct value (missing is a value of its own), in order of first appearance.</summary>
    internal static List<(string? Key, List<int> Rows)> RowsByKey(Column column)
    {
        var groups = new List<(string? Key, List<int> Rows)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = -1;
        for (var row = 0; row < column.Length; row++)
        {
            var key = FeatureColumns.TextAt(column, row);
            int g;
            if (key == null)
            {
                if (missing < 0) { missing = groups.Count; groups.Add((null, [])); }
                g = missing;
            }
            else if (!index.TryGetValue(key, out g))
            {
                g = groups.Count;
                index[key] = g;
                groups.Add((key, []));
            }
            groups[g].Rows.Add(row);
        }
        return groups;
    }

    private static Dataset Side(Dataset dataset, bool[] inTrain, bool train, SplitStrategy strategy, double fraction, long? seed, DatasetSplitOptions options)
    {
        var rows = new List<int>();
        for (var row = 0; row < inTrain.Length; row++) if (inTrain[row] == train) rows.Add(row);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var parameters = new Dictionary<string, string>
        {
            ["Side"] = train ? "Train" : "Test",
            ["Strategy"] = strategy.ToString(),
            ["TrainFraction"] = fraction.ToString(CultureInfo.InvariantCulture),
            ["Rows"] = rows.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (seed is { } s) parameters["Seed"] = s.ToString(CultureInfo.InvariantCulture);
        var by = options.StratifyBy ?? options.GroupBy ?? options.TimeColumn;
        if (by != null) parameters["Column"] = by;
        if (options.LeaveLastOut is { } last)
        {
            parameters["TimeColumn"] = options.TimeColumn!;
            parameters["LeaveLastOut"] = last.ToString(CultureInfo.InvariantCulture);
        }
        return dataset.TakeRows(span, dataset.Name + (train ? "-train" : "-test"), new LineageEntry("Split-Dataset", parameters));
    }
}
