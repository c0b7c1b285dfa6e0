using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// Time buckets as users write them ('1h', '15m', '1d', '7d', '1w', '1mo', 'hour', 'day', 'week', 'month'...).
/// Fixed widths align to 2000-01-03T00:00Z, a Monday at UTC midnight (DuckDB's time_bucket origin), so days start
/// at midnight UTC and 7-day buckets and weeks start on Mondays; months, quarters and years follow the calendar.
/// </summary>
public readonly record struct TimeBucket(long Ticks, int Months, string Text)
{
    private static readonly long Origin = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public static bool TryParse(string text, out TimeBucket bucket)
    {
        bucket = default;
        var t = text.Trim().ToLowerInvariant().Replace(" ", "");
        switch (t)
        {
            case "second": t = "1s"; break;
            case "minute": t = "1m"; break;
            case "hour": t = "1h"; break;
            case "day": t = "1d"; break;
            case "week": t = "1w"; break;
            case "month": t = "1mo"; break;
            case "quarter": t = "3mo"; break;
            case "year": t = "1y"; break;
        }
        var digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits])) digits++;
        if (digits == 0 || !long.TryParse(t.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0) return false;
        var unit = t[digits..];
        long ticks = unit switch
        {
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" or "sec" or "second" or "seconds" => TimeSpan.TicksPerSecond,
            "m" or "min" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
            "h" or "hour" or "hours" => TimeSpan.TicksPerHour,
            "d" or "day" or "days" => TimeSpan.TicksPerDay,
            "w" or "week" or "weeks" => 7 * TimeSpan.TicksPerDay,
            _ => 0,
        };
        var months = unit switch
        {
            "mo" or "month" or "months" => 1,
            "q" or "quarter" or "quarters" => 3,
            "y" or "year" or "years" => 12,
            _ => 0,
        };
        if (ticks == 0 && months == 0) return false;
        if (ticks > 0 && count > TimeSpan.MaxValue.Ticks / ticks) return false;
        bucket = new TimeBucket(ticks * count, (int)Math.Min(int.MaxValue, months * count), text.Trim());
        return true;
    }

    public static TimeBucket Parse(string text, string parameter) => TryParse(text, out var b) ? b
        : throw new DataException("InvalidInterval", DataErrorKind.InvalidArgument,
            $"{parameter} '{text}' is not a time interval.",
            "Write a count and a unit: 30s, 15m, 1h, 6h, 1d, 7d, 1w, 1mo, 3mo, 1y (or second, minute, hour, day, week, month, quarter, year).");

    /// <summary>The start of the bucket holding <paramref name="value"/>, of the same Kind.</summary>
    public DateTime Floor(DateTime value)
    {
        if (Months > 0)
        {
            var index = (value.Year - 2000) * 12 + value.Month - 1;
            var start = (int)Math.Floor(index / (double)Months) * Months;
            return new DateTime(2000 + (int)Math.Floor(start / 12.0), ((start % 12) + 12) % 12 + 1, 1, 0, 0, 0, value.Kind);
        }
        var offset = value.Ticks - Origin;
        var floored = offset - ((offset % Ticks) + Ticks) % Ticks;
        return new DateTime(Origin + floored, value.Kind);
    }

    public override string ToString() => Text;
}
