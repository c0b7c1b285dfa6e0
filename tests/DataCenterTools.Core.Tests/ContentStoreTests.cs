using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;

namespace DataCenterTools.Core.Tests;

public class ContentStoreTests
{
    private static readonly ContentChunker Small = new(minSize: 1024, averageSize: 4096, maxSize: 16384);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static List<byte[]> Chunks(ContentChunker chunker, Stream input)
    {
        var chunks = new List<byte[]>();
        chunker.Split(input, c => chunks.Add(c.ToArray()));
        return chunks;
    }

    /// <summary>A stream that hands out at most a few bytes per Read, to exercise the chunker's refills.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 777));
    }

    [Fact]
    public void Chunks_reassemble_to_the_input_and_respect_the_size_bounds()
    {
        var data = RandomBytes(1 << 20, 1);
        var chunks = Chunks(Small, new MemoryStream(data));
        Assert.Equal(data, chunks.SelectMany(c => c).ToArray());
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(c.Length, 1024, 16384));
        // 1 MiB at a 4 KiB average: between 128 and 512 chunks (normalized chunking keeps them near the average).
        Assert.InRange(chunks.Count, 128, 512);
        // Boundaries depend on content only, not on how the stream hands the bytes out.
        var trickled = Chunks(Small, new TrickleStream(data));
        Assert.Equal(chunks.Select(c => Convert.ToHexString(SHA256.HashData(c))), trickled.Select(c => Convert.ToHexString(SHA256.HashData(c))));
    }

    [Fact]
    public void Short_input_is_one_chunk_and_long_runs_are_cut_at_the_maximum()
    {
        Assert.Equal(1000, Small.FindBoundary(new byte[1000]));
        // 64 KiB of one byte value: the gear hash settles to a constant that never passes the test, so every cut is at the maximum.
        var flat = new byte[65536];
        Array.Fill(flat, (byte)0xAB);
        var first = Small.FindBoundary(flat);
        Assert.True(first == 16384 || first < 16384 && Small.FindBoundary(flat.AsSpan(first)) == first);
    }

    [Fact]
    public void Changing_bytes_in_the_middle_leaves_the_other_chunks_identical()
    {
        var original = RandomBytes(4 << 20, 2);
        var edited = original.ToList();
        edited.InsertRange(2 << 20, RandomBytes(100, 3)); // insert 100 bytes in the middle
        for (var i = 3 << 20; i < (3 << 20) + 50; i++) edited[i] ^= 0xFF; // and change 50 further on
        var before = Chunks(Small, new MemoryStream(original)).Select(c => Convert.ToHexString(SHA256.HashData(c))).ToList();
        var after = Chunks(Small, new MemoryStream(edited.ToArray())).Select(c => Convert.ToHexString(SHA256.HashData(c))).ToList();
        var fresh = after.Count(h => !before.Contains(h));
        // Each edit disturbs the chunk it falls in and at most the next one; everything else is shared.
        Assert.InRange(fresh, 2, 4);
        Assert.Equal(before.TakeWhile(h => after.Contains(h)).Count(), after.TakeWhile(h => before.Contains(h)).Count());
        Assert.True(before.Count - fresh >= before.Count - 4);
    }

    [Fact]
    public void A_stored_chunk_is_kept_once_and_read_back_verified()
    {
        using var temp = new TempFolder();
        var store = new ContentStore(temp.Path);
        var data = RandomBytes(50_000, 4);
        var (hash, written) = store.Put(data);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), hash);
        Assert.True(written > 0);
        Assert.Equal(0, store.Put(data).BytesWritten);
        Assert.Single(store.StoredIds());
        Assert.Equal(data, store.Read(hash));
    }

    [Fact]
    public void A_flipped_byte_or_a_missing_chunk_is_reported_by_name()
    {
        using var temp = new TempFolder();
        var store = new ContentStore(temp.Path);
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("gpu,42.5,ok\n", 2000)));
        var (hash, _) = store.Put(text);
        var path = store.PathOf(hash);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataException>(() => store.Read(hash));
        Assert.Equal("DataCenterTools.ChunkCorrupt", e.ErrorId);
        Assert.Contains(hash, e.Message);
        File.Delete(path);
        e = Assert.Throws<DataException>(() => store.Read(hash));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void A_file_round_trips_through_the_store_and_a_second_copy_adds_nothing()
    {
        using var temp = new TempFolder();
        var store = new ContentStore(temp.Path);
        var data = RandomBytes(3 << 20, 5);
        var first = ContentStoreFile.Store(store, "f", new MemoryStream(data), Small);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), first.File.Sha256);
        Assert.Equal(data.Length, first.File.Size);
        Assert.Equal(first.File.Chunks.Count, first.NewChunks);
        var second = ContentStoreFile.Store(store, "f", new MemoryStream(data), Small);
        Assert.Equal(0, second.NewChunks);
        Assert.Equal(0, second.BytesWritten);
        var output = new MemoryStream();
        ContentStoreFile.Restore(store, first.File, output, "ChunkCorrupt");
        Assert.Equal(data, output.ToArray());
    }
}
