using System.Globalization;

namespace DataCenterTools.Core.Management;

/// <summary>
/// Which snapshots to keep, as restic's <c>forget</c>: walking from the newest snapshot back,
/// KeepLast keeps the n newest; KeepDaily keeps the newest snapshot of each of the n most recent
/// days that have one; KeepWeekly likewise per ISO week, KeepMonthly per calendar month (all in
/// UTC). A snapshot kept by any rule is kept; the rest are removed.
/// </summary>
public sealed record BackupRetention(int KeepLast = 0, int KeepDaily = 0, int KeepWeekly = 0, int KeepMonthly = 0)
{
    public bool IsEmpty => KeepLast <= 0 && KeepDaily <= 0 && KeepWeekly <= 0 && KeepMonthly <= 0;

    /// <summary>The ids of the snapshots the policy keeps.</summary>
    public ISet<string> Keep(IEnumerable<(string Id, DateTime TimeUtc)> snapshots)
    {
        var newestFirst = snapshots.OrderByDescending(s => s.TimeUtc).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToArray();
        var keep = new HashSet<string>(newestFirst.Take(Math.Max(0, KeepLast)).Select(s => s.Id));
        KeepNewestPerBucket(newestFirst, KeepDaily, t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), keep);
        KeepNewestPerBucket(newestFirst, KeepWeekly, t => $"{ISOWeek.GetYear(t)}-W{ISOWeek.GetWeekOfYear(t)}", keep);
        KeepNewestPerBucket(newestFirst, KeepMonthly, t => t.ToString("yyyy-MM", CultureInfo.InvariantCulture), keep);
        return keep;
    }

    private static void KeepNewestPerBucket((string Id, DateTime TimeUtc)[] newestFirst, int count, Func<DateTime, string> bucket, HashSet<string> keep)
    {
        string? last = null;
        var kept = 0;
        foreach (var (id, time) in newestFirst)
        {
            if (kept >= count) return;
            var b = bucket(time);
            if (b == last) continue;
            keep.Add(id);
            last = b;
            kept++;
        }
    }
}
