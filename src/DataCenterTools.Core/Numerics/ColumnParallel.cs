using System.Runtime.ExceptionServices;

namespace DataCenterTools.Core.Numerics;

/// <summary>
/// Independent per-column work on all cores, failing as a loop in column order would: the exception of the
/// lowest index is rethrown as it was (a DataException stays one, not an AggregateException).
/// </summary>
public static class ColumnParallel
{
    public static void For(int count, Action<int> body)
    {
        if (count <= 1)
        {
            if (count == 1) body(0);
            return;
        }
        var failures = new Exception?[count];
        Parallel.For(0, count, i =>
        {
            try { body(i); }
            catch (Exception e) { failures[i] = e; }
        });
        foreach (var failure in failures)
            if (failure != null) ExceptionDispatchInfo.Throw(failure);
    }
}
