using System.Security.Cryptography;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Management;

/// <summary>A file kept in a <see cref="ContentStore"/>: its size, SHA-256 and the hashes of its chunks in order.</summary>
public sealed record StoredFile(string Name, long Size, string Sha256, IReadOnlyList<string> Chunks);

/// <summary>What storing one file cost: chunks and bytes new to the store.</summary>
public readonly record struct StoreResult(StoredFile File, int NewChunks, long BytesWritten);

/// <summary>Moves whole files into and out of a <see cref="ContentStore"/>, chunking, hashing and compressing in parallel.</summary>
public static class ContentStoreFile
{
    // Chunks are hashed, compressed (and encrypted) in parallel in batches of about this many bytes.
    private const long BatchBytes = 16L << 20;

    /// <summary>Chunks <paramref name="input"/> into <paramref name="store"/>; <paramref name="progress"/> gets bytes read so far.</summary>
    public static StoreResult Store(ContentStore store, string name, Stream input, ContentChunker? chunker = null,
        Action<long>? progress = null, CancellationToken cancellation = default)
    {
        chunker ??= ContentChunker.Default;
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashes = new List<string>();
        var batch = new List<byte[]>();
        long batchBytes = 0, size = 0, written = 0;
        var newChunks = 0;
        // While one batch is hashed, compressed and written in parallel, the next is read and cut.
        Task<(string Hash, long Bytes)[]>? pending = null;
        long pendingSize = 0;

        void Collect()
        {
            if (pending == null) return;
            foreach (var (hash, bytes) in pending.GetAwaiter().GetResult()) // rethrows the first failure itself
            {
                hashes.Add(hash);
                if (bytes > 0) { newChunks++; written += bytes; }
            }
            pending = null;
            progress?.Invoke(pendingSize);
        }

        void Flush()
        {
            Collect();
            var chunks = batch.ToArray();
            batch.Clear();
            batchBytes = 0;
            pendingSize = size;
            pending = Task.Run(() =>
            {
                var results = new (string Hash, long Bytes)[chunks.Length];
                ForEach(chunks.Length, i => results[i] = store.Put(chunks[i]), cancellation);
                return results;
            });
        }

        try
        {
            chunker.Split(input, chunk =>
            {
                fileHash.AppendData(chunk.Span);
                batch.Add(chunk.ToArray());
                batchBytes += chunk.Length;
                size += chunk.Length;
                if (batchBytes >= BatchBytes) Flush();
            }, cancellation);
            Flush();
            Collect();
        }
        finally
        {
            if (pending != null) try { pending.Wait(CancellationToken.None); } catch (AggregateException) { } // never leave a writer running
        }
        var file = new StoredFile(name, size, Convert.ToHexStringLower(fileHash.GetHashAndReset()), hashes);
        return new StoreResult(file, newChunks, written);
    }

    /// <summary>
    /// Writes <paramref name="file"/>'s chunks to <paramref name="output"/>, checking every chunk's hash and then the
    /// whole file's SHA-256 (a DataException with <paramref name="corruptErrorId"/> when they differ).
    /// </summary>
    public static void Restore(ContentStore store, StoredFile file, Stream output, string corruptErrorId,
        Action<long>? progress = null, CancellationToken cancellation = default)
    {
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long done = 0;
        // Read and check a batch of chunks in parallel, then write them in order.
        var batchCount = Math.Max(1, (int)(BatchBytes / ContentChunker.DefaultAverageSize));
        for (var start = 0; start < file.Chunks.Count; start += batchCount)
        {
            var count = Math.Min(batchCount, file.Chunks.Count - start);
            var plain = new byte[count][];
            ForEach(count, i => plain[i] = store.Read(file.Chunks[start + i]), cancellation);
            foreach (var chunk in plain)
            {
                fileHash.AppendData(chunk);
                output.Write(chunk);
                done += chunk.Length;
            }
            progress?.Invoke(done);
        }
        var sha = Convert.ToHexStringLower(fileHash.GetHashAndReset());
        if (done != file.Size || sha != file.Sha256)
            throw new DataException(corruptErrorId, DataErrorKind.InvalidData,
                $"'{file.Name}' reassembled to {done:N0} bytes with SHA-256 {sha}, but {file.Size:N0} bytes with {file.Sha256} were stored.",
                "The manifest and its chunks disagree; restore from another snapshot or version.");
    }

    /// <summary>Parallel.For that rethrows the first failure itself (a DataException stays a DataException).</summary>
    internal static void ForEach(int count, Action<int> body, CancellationToken cancellation)
    {
        try { Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellation }, body); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
