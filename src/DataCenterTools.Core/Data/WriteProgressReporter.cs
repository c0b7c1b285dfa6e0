using System.Diagnostics;

namespace DataCenterTools.Core.Data;

/// <summary>Reports write progress on the writing thread, throttled so a fast writer is not slowed by its host.</summary>
internal sealed class WriteProgressReporter(WriteOptions options, long totalRows)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Call after each row (or batch); checks cancellation too.</summary>
    public void Rows(long written)
    {
        if ((written & 1023) != 0) return;
        options.Cancellation.ThrowIfCancellationRequested();
        if (options.Progress != null && _clock.ElapsedMilliseconds > 250)
        {
            options.Progress(written, totalRows);
            _clock.Restart();
        }
    }

    public void Done() => options.Progress?.Invoke(totalRows, totalRows);
}
