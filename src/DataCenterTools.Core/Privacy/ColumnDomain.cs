using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// How many different values a column's cells could plausibly take: what someone holding the key would have to
/// try to reverse a deterministic pseudonym (-Hash, -Encrypt -Deterministic, -Tokenize) by enumerating them all.
/// A heuristic from the data: whole numbers by their range, dates by days or seconds in their range, Booleans 2,
/// text by its shape (10 per digit, 26 per letter, 64 per other character, the widest value counting). How often
/// values repeat says nothing here: eight e-mail addresses repeated over many rows are still drawn from a space no
/// one can enumerate, while 4-digit PINs are not, however many of them the data holds.
/// </summary>
public static class ColumnDomain
{
    /// <summary>Below this many possible values a pseudonymized column can be enumerated in moments.</summary>
    public const double LowEntropyThreshold = 100_000;
    private const int MaxDistinctLooked = 10_000;

    /// <summary>The estimate and what it is based on, e.g. (10000, "values of 4 digits").</summary>
    public static (double Values, string Basis) Estimate(Column column)
    {
        switch (column)
        {
            case BooleanColumn:
                return (2, "true or false");
            case Int64Column longs:
            {
                var (min, max) = Range(longs);
                return min > max ? (0, "no values") : ((double)max - min + 1, $"whole numbers from {min} to {max}");
            }
            case DateTimeColumn dates:
            {
                var (min, max) = Range(dates);
                if (min > max) return (0, "no values");
                var days = Enumerable.Range(0, dates.Length).All(r => dates.IsNull(r) || dates[r].TimeOfDay == TimeSpan.Zero);
                return days
                    ? ((max - min).TotalDays + 1, $"days from {min:yyyy-MM-dd} to {max:yyyy-MM-dd}")
                    : ((max - min).TotalSeconds + 1, "seconds in their range");
            }
        }
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        double widest = 0;
        string? widestValue = null;
        for (var row = 0; row < column.Length && distinct.Count < MaxDistinctLooked; row++)
        {
            if (ColumnCells.Text(column, row) is not { } text || !distinct.Add(text)) continue;
            var shape = ShapeValues(text);
            if (shape > widest) (widest, widestValue) = (shape, text);
        }
        if (widestValue is null) return (0, "no values");
        return (widest, $"values shaped like {Describe(widestValue)}");
    }

    public static bool IsLowEntropy(Column column, out double values, out string basis)
    {
        (values, basis) = Estimate(column);
        return values is > 0 and < LowEntropyThreshold;
    }

    /// <summary>A warning for a column a deterministic pseudonym would not protect, or null.</summary>
    public static string? LowEntropyWarning(Column column, ProtectionOperator op)
    {
        if (!IsLowEntropy(column, out var values, out var basis)) return null;
        return $"Column '{column.Name}' has only about {values.ToString("N0", CultureInfo.InvariantCulture)} possible values ({basis}): anyone holding the key can " +
               $"compute the {op} token of every one of them and so reverse the column. Protect it with {{option:Encrypt}} (random per cell), {{option:Generalize}} or {{option:KAnonymity}}, or {{option:Drop}} it.";
    }

    private static double ShapeValues(string text)
    {
        double values = 1;
        foreach (var c in text)
            values *= char.IsAsciiDigit(c) ? 10 : char.IsAsciiLetter(c) ? 26 : 64;
        return values;
    }

    private static string Describe(string value)
    {
        if (value.All(char.IsAsciiDigit)) return $"{value.Length} digits";
        if (value.All(char.IsAsciiLetter)) return $"{value.Length} letters";
        return $"{value.Length} characters";
    }

    private static (long Min, long Max) Range(Int64Column column)
    {
        long min = long.MaxValue, max = long.MinValue;
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            min = Math.Min(min, column[row]);
            max = Math.Max(max, column[row]);
        }
        return (min, max);
    }

    private static (DateTime Min, DateTime Max) Range(DateTimeColumn column)
    {
        DateTime min = DateTime.MaxValue, max = DateTime.MinValue;
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            if (column[row] < min) min = column[row];
            if (column[row] > max) max = column[row];
        }
        return (min, max);
    }
}
