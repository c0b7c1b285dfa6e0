using ParquetSharp;

namespace DataCenterTools.Core.Data;

/// <summary>
/// The native allocator the Parquet reader and writer hand to Arrow C++. Arrow's default in ParquetSharp's builds,
/// mimalloc, gives freed pages back to the kernel so eagerly that a read faults its page and batch buffers in again
/// and again: in a fresh process a quarter of a 1M-row read's CPU was the kernel zeroing pages, and the process
/// peaked about 55 MB higher than with jemalloc, which (as Arrow configures it) keeps them for the next page
/// (bench/RESULTS.md, "Where the time goes"). A build without jemalloc falls back to the system allocator, which
/// measured between the two.
/// </summary>
internal static class ParquetMemoryPool
{
    private static readonly Lazy<MemoryPool> Pool = new(Choose);

    public static MemoryPool Shared => Pool.Value;

    private static MemoryPool Choose()
    {
        try { return MemoryPool.JemallocMemoryPool(); }
        catch (ParquetException) { return MemoryPool.SystemMemoryPool(); }
    }
}
