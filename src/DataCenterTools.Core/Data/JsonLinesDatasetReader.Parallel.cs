using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace DataCenterTools.Core.Data;

public static partial class JsonLinesDatasetReader
{
    /// <summary>Files smaller than this are read by the serial pass: splitting them would cost more than it saves.</summary>
    internal const long ParallelMinBytes = 4 << 20;

    // Small enough that a chunk's cell arrays stay off the large-object heap (which only a full collection frees: 8 MB
    // chunks left some 200 MB of them behind on a 335 MB file) and a little under a power of two, so that the pooled
    // buffer a chunk is read into is not rounded up to twice its size.
    private const int DefaultChunkBytes = (1 << 20) - (16 << 10);

    /// <summary>
    /// Reads a plain UTF-8 file in chunks that start at line starts, parsed on all cores, each into its own
    /// <see cref="Pass"/>; the chunks are appended in file order into one Pass whose columns then are typed exactly as
    /// the serial pass types them (same key order, same mask, same date test, same dictionary decision). Returns null,
    /// and the serial reader reads the file instead, whenever the serial reader could decide differently or has
    /// something to say: gzip or zstd input, an encoding other than UTF-8, bytes that are not valid UTF-8, a line that
    /// is not a JSON object, a lone carriage return, keys differing only by case, -Column, -Schema, or a limit reached.
    /// Those cases cost a second read; clean files, the common case, are read once.
    /// </summary>
    internal static Dataset? TryReadParallel(string path, ReadOptions options, long minBytes, int chunkBytes)
    {
        if (options.MaxDegreeOfParallelism < 2 || options.Columns is { Count: > 0 } || options.Schema is { Count: > 0 }) return null;
        if (options.Encoding is { } requested && requested.CodePage != 65001) return null;
        var clock = Stopwatch.StartNew();
        using var input = FileInput.Open(path, options.Limits);
        if (input.IsGzip || input.IsZstd || input.Size < minBytes) return null;
        var head = input.Head;
        if (head.AsSpan().IndexOf((byte)0) >= 0) return null; // the serial reader says it is binary, or UTF-16 text
        var bom = head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        input.StartHash();

        var rawKeys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var chunks = new ChunkReader(input.Path, input.Size, bom, chunkBytes, options);
            var merged = chunks.Run(rawKeys);
            if (merged == null) return null;
            var (parse, lines, blank) = merged.Value;
            if (parse.Rows == 0 || (long)parse.Rows * parse.ColumnCount > options.Limits.MaxCells) return null;
            var columns = parse.Finish(out var conflicts);
            if (columns == null)
            {
                rawKeys.UnionWith(conflicts!);
                continue;
            }
            options.Progress?.Invoke(new ReadProgress(input.Size, input.Size, parse.Rows));
            var sha = input.FinishHash();
            var report = new ImportReport
            {
                Path = input.Path, Format = "JsonLines", LinesRead = lines, Rows = parse.Rows, BlankLines = blank, BadRows = 0, WarningTemplates = [.. parse.Warnings],
            };
            foreach (var w in report.WarningTemplates) options.Warning?.Invoke(w);
            var parameters = new Dictionary<string, string>
            {
                ["Path"] = input.Path,
                ["Format"] = "JsonLines",
                ["Rows"] = parse.Rows.ToString(CultureInfo.InvariantCulture),
                ["BadRows"] = "0",
                ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            };
            var source = new DataSource(input.Path, "JsonLines", input.Size, sha);
            return new Dataset(options.Name ?? DatasetNames.FromPath(input.Path), columns, source, [new LineageEntry("Import-Dataset", parameters)])
            {
                ImportReport = report,
                SourceLines = SourceLines.Of(parse.LineNumbers),
            };
        }
    }

    /// <summary>The chunks of one read: workers parse them in parallel, the calling thread appends them in order.</summary>
    private sealed class ChunkReader(string path, long size, int bom, int chunkBytes, ReadOptions options)
    {
        private sealed class Chunk
        {
            public Pass? Parse;
            public int Lines;
            public int Blank;
            public long Bytes;
            public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private volatile bool _fallback;
        private int _next = -1;
        private readonly JsonCellArrays _arrays = new();
        // The keys whose merged text is in the character buffer (a builder that has switched never switches back): chunks
        // parsed from then on keep those columns' text the same way, which the merge then copies as one block.
        private volatile IReadOnlySet<string> _bufferedTextKeys = new HashSet<string>();

        public (Pass Parse, long Lines, long Blank)? Run(HashSet<string> rawKeys)
        {
            var count = (int)Math.Max(1, (size - bom + chunkBytes - 1) / chunkBytes);
            var chunks = new Chunk[count];
            for (var i = 0; i < count; i++) chunks[i] = new Chunk();
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var workerCount = Math.Min(count, options.MaxDegreeOfParallelism);
            // Chunks parsed ahead of the merge hold their cells twice over (theirs, then the merged copy): a bound on how
            // many are claimed but not yet merged keeps that to a few chunks when the merge falls behind the workers.
            using var ahead = new SemaphoreSlim(2 * workerCount);
            var workers = Enumerable.Range(0, workerCount).Select(_ => Task.Run(() => Work(file, chunks, rawKeys, ahead))).ToArray();
            var merged = new Pass(path, options, rawKeys, limitCells: false);
            long lines = 0, blank = 0, bytes = 0;
            var lastProgress = Stopwatch.StartNew();
            var complete = false;
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var chunk = chunks[i];
                    while (!chunk.Done.Task.Wait(250, options.Cancellation))
                        options.Progress?.Invoke(new ReadProgress(bytes, size, merged.Rows));
                    // No pass: a worker fell back (or failed, and its exception is raised below).
                    if (chunk.Parse == null || !merged.TryAppend(chunk.Parse, checked((int)lines))) return null;
                    lines += chunk.Lines;
                    blank += chunk.Blank;
                    bytes += chunk.Bytes;
                    chunks[i] = null!; // its columns now live in the merged pass
                    if (merged.BufferedTextKeys.Count() > _bufferedTextKeys.Count) _bufferedTextKeys = merged.BufferedTextKeys.ToHashSet(StringComparer.Ordinal);
                    ahead.Release();
                    // The first chunk tells how many rows the file holds, near enough: the merged columns are made that
                    // large once, not doubled (and copied) as the chunks come.
                    if (i == 0 && count > 1 && chunk.Bytes > 0)
                        merged.Reserve((int)Math.Min(Array.MaxLength, merged.Rows * (double)(size - bom) / chunk.Bytes * 1.02 + 16));
                    if (options.Progress != null && lastProgress.ElapsedMilliseconds > 250)
                    {
                        options.Progress(new ReadProgress(bytes, size, merged.Rows));
                        lastProgress.Restart();
                    }
                }
                complete = true;
            }
            finally
            {
                if (!complete)
                {
                    _fallback = true; // stops the workers at their next chunk
                    ahead.Release(count); // and wakes those waiting to claim one
                }
                try { Task.WaitAll(workers); }
                catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); }
            }
            return _fallback ? null : (merged, lines, blank);
        }

        private void Work(SafeFileHandle file, Chunk[] chunks, HashSet<string> rawKeys, SemaphoreSlim ahead)
        {
            try
            {
                int i;
                while (!_fallback && ahead.Wait(Timeout.Infinite) && !_fallback && (i = Interlocked.Increment(ref _next)) < chunks.Length)
                {
                    var chunk = chunks[i];
                    try
                    {
                        var start = i == 0 ? bom : NextLineStart(file, bom + (long)i * chunkBytes);
                        var end = i == chunks.Length - 1 ? size : NextLineStart(file, bom + (long)(i + 1) * chunkBytes);
                        if (start < 0 || end < 0) { _fallback = true; return; }
                        if (!Parse(file, chunk, start, Math.Max(start, end), rawKeys)) _fallback = true;
                    }
                    catch (DataException) { _fallback = true; } // the serial reader raises it with the file's own line numbers
                    finally { chunk.Done.TrySetResult(); }
                }
            }
            catch
            {
                _fallback = true;
                throw;
            }
            finally
            {
                // Whatever chunks are left unclaimed, the merge must not wait for them.
                if (_fallback) foreach (var c in chunks) c?.Done.TrySetResult();
            }
        }

        /// <summary>The first offset at or after <paramref name="at"/> that starts a line; -1 when the line there is longer than -MaxFieldLength.</summary>
        private long NextLineStart(SafeFileHandle file, long at)
        {
            if (at >= size) return size;
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                var position = at - 1; // a line starts at 'at' when the byte before it ends a line
                while (position < size)
                {
                    var n = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - position)), position);
                    if (n <= 0) return size;
                    var found = buffer.AsSpan(0, n).IndexOf((byte)'\n');
                    if (found >= 0) return position + found + 1;
                    position += n;
                    if (position - at > options.Limits.MaxFieldLength) return -1;
                }
                return size;
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }

        /// <summary>Parses the lines of [start, end) into the chunk's own pass; false when the serial reader must take over.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // its line loop runs once per chunk: never tiered up in time
        private bool Parse(SafeFileHandle file, Chunk chunk, long start, long end, HashSet<string> rawKeys)
        {
            var length = checked((int)(end - start));
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
            try
            {
                var read = 0;
                while (read < length)
                {
                    var n = RandomAccess.Read(file, buffer.AsSpan(read, length - read), start + read);
                    if (n <= 0) return false; // the file shrank while being read
                    read += n;
                }
                var data = buffer.AsSpan(0, length);
                if (!System.Text.Unicode.Utf8.IsValid(data)) return false; // the serial reader replaces and warns
                var anyCarriageReturn = data.IndexOf((byte)'\r') >= 0;
                var parse = new Pass(path, options, rawKeys, limitCells: false, rowCapacity: data.Count((byte)'\n') + 1, _arrays, discardOnBadLine: true, _bufferedTextKeys);
                var line = 0;
                while (!data.IsEmpty)
                {
                    var newline = data.IndexOf((byte)'\n');
                    var text = newline >= 0 ? data[..newline] : data;
                    data = newline >= 0 ? data[(newline + 1)..] : default;
                    line++;
                    if ((line & 1023) == 0) options.Cancellation.ThrowIfCancellationRequested();
                    if (anyCarriageReturn)
                    {
                        if (!text.IsEmpty && text[^1] == (byte)'\r') text = text[..^1];
                        if (text.IndexOf((byte)'\r') >= 0) return false; // a line break of its own for the serial reader
                    }
                    if (text.Length > options.Limits.MaxFieldLength) return false;
                    if (text.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) { chunk.Blank++; continue; }
                    if (!parse.TryAddUtf8Line(text, line)) return false;
                }
                if (parse.Warnings.Count > 0) return false; // keys differing by case are named in file order by the serial reader
                chunk.Lines = line;
                chunk.Bytes = end - start;
                chunk.Parse = parse;
                return true;
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }
    }
}
