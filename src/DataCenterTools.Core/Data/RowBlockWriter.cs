using System.Buffers;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Formats a Dataset's rows in blocks on all cores and writes the blocks in row order, for the text writers (CSV,
/// JSON Lines): formatting each cell is the cost there, not the write, and rows are independent, so the bytes are the
/// same as a serial pass. The calling thread writes each block as soon as it and those before it are formatted, while
/// the thread pool formats the blocks after it: at most two blocks per core are in flight, so memory is bounded, and
/// each keeps its buffer from block to block (grown once, not per block). Progress and cancellation run on the calling
/// thread between blocks.
/// </summary>
internal static class RowBlockWriter
{
    /// <summary>Rows per block: a multiple of 1,024 (WriteProgressReporter reports at those), a few MB of text.</summary>
    public const int DefaultBlockRows = 16_384;

    /// <param name="formatBlock">Writes rows [start, end) into the buffer; called on any thread, for distinct blocks at once.</param>
    public static void Write(Stream output, int rowCount, Action<int, int, ArrayBufferWriter<byte>> formatBlock,
        WriteProgressReporter progress, CancellationToken cancellation, int blockRows = DefaultBlockRows)
    {
        var blockCount = (rowCount + blockRows - 1) / blockRows;
        var window = Math.Max(1, Math.Min(blockCount, 2 * Environment.ProcessorCount));
        var buffers = new ArrayBufferWriter<byte>[window];
        var inFlight = new Task[window];
        void Start(int block)
        {
            var slot = block % window;
            var buffer = buffers[slot] ??= new ArrayBufferWriter<byte>(1 << 16);
            var start = block * blockRows;
            var end = Math.Min(rowCount, start + blockRows);
            inFlight[slot] = Task.Run(() =>
            {
                buffer.ResetWrittenCount();
                formatBlock(start, end, buffer);
            }, cancellation);
        }

        var next = 0;
        try
        {
            for (; next < Math.Min(window, blockCount); next++) Start(next);
            for (var block = 0; block < blockCount; block++)
            {
                var slot = block % window;
                inFlight[slot].GetAwaiter().GetResult(); // the block's own exception (a DataException), not a wrapper
                output.Write(buffers[slot].WrittenSpan);
                progress.Rows(Math.Min(rowCount, (long)(block + 1) * blockRows));
                if (next < blockCount) Start(next++);
            }
        }
        catch
        {
            // The blocks still being formatted write into this call's buffers: let them end before the error goes up.
            foreach (var task in inFlight) task?.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Wait(CancellationToken.None);
            throw;
        }
    }
}
