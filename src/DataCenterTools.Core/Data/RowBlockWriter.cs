using System.Buffers;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Formats a Dataset's rows in blocks on all cores and writes the blocks in row order, for the text writers (CSV,
/// JSON Lines): formatting each cell is the cost there, not the write, and rows are independent, so the bytes are the
/// same as a serial pass. Memory is bounded: one wave of at most two blocks per core is formatted, then written, before
/// the next starts. Progress and cancellation run on the calling thread between blocks.
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
        var wave = Math.Max(1, Math.Min(blockCount, 2 * Environment.ProcessorCount));
        var buffers = new ArrayBufferWriter<byte>[wave];
        for (var i = 0; i < wave; i++) buffers[i] = new ArrayBufferWriter<byte>(1 << 16);
        var parallel = new ParallelOptions { CancellationToken = cancellation };
        for (var first = 0; first < blockCount; first += wave)
        {
            var blocks = Math.Min(wave, blockCount - first);
            var waveStart = first;
            try
            {
                Parallel.For(0, blocks, parallel, i =>
                {
                    var start = (waveStart + i) * blockRows;
                    buffers[i].ResetWrittenCount();
                    formatBlock(start, Math.Min(rowCount, start + blockRows), buffers[i]);
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // The block's own exception (a DataException), not the wrapper Parallel.For adds.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
            }
            for (var i = 0; i < blocks; i++)
            {
                output.Write(buffers[i].WrittenSpan);
                progress.Rows(Math.Min(rowCount, (long)(first + i + 1) * blockRows));
            }
        }
    }
}
