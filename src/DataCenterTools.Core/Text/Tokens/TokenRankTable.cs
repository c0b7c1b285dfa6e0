using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>
/// A tiktoken rank table (token bytes -> rank, the rank being the id), loaded once from the deflated
/// <c>.tiktoken</c> file that Microsoft.ML.Tokenizers' data packages embed. Open addressing keyed by the bytes
/// themselves: a lookup of a slice allocates nothing (the library's Dictionary of ReadOnlyMemory does not either,
/// but hashes every byte through an interface; this compares the first 8 bytes as one word).
/// </summary>
public sealed class TokenRankTable
{
    private readonly Entry[] _entries;
    private readonly byte[] _tails;
    private readonly int _shift;

    private struct Entry
    {
        public ulong Head;
        public int Length;
        public int Rank;
        public int Tail;
    }

    private TokenRankTable(List<(byte[] Bytes, int Rank)> tokens)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, tokens.Count * 2));
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _entries = new Entry[capacity];
        _tails = new byte[tokens.Sum(t => Math.Max(0, t.Bytes.Length - 8))];
        var tail = 0;
        foreach (var (bytes, rank) in tokens)
        {
            var head = Head(bytes);
            var slot = Slot(head, bytes);
            while (_entries[slot].Length != 0) slot = (slot + 1) & (capacity - 1);
            _entries[slot] = new Entry { Head = head, Length = bytes.Length, Rank = rank, Tail = tail };
            if (bytes.Length > 8)
            {
                bytes.AsSpan(8).CopyTo(_tails.AsSpan(tail));
                tail += bytes.Length - 8;
            }
        }
        Count = tokens.Count;
    }

    /// <summary>How many tokens the table holds.</summary>
    public int Count { get; }

    /// <summary>Reads a tiktoken file: either "base64 rank" lines, or Microsoft.ML.Tokenizers' "Capacity: N" then one base64 token a line, ranked by line.</summary>
    public static TokenRankTable Load(Stream tiktoken)
    {
        using var reader = new StreamReader(tiktoken);
        var tokens = new List<(byte[], int)>(200_000);
        var line = reader.ReadLine();
        if (line != null && line.StartsWith("Capacity: ", StringComparison.Ordinal)) line = reader.ReadLine();
        var lineNumber = 0;
        for (; line != null; line = reader.ReadLine(), lineNumber++)
        {
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            tokens.Add(space < 0
                ? (Convert.FromBase64String(line), lineNumber)
                : (Convert.FromBase64String(line[..space]), int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new TokenRankTable(tokens);
    }

    /// <summary>The rank table embedded in a Microsoft.ML.Tokenizers data package (e.g. cl100k_base.tiktoken.deflate).</summary>
    public static TokenRankTable LoadEmbedded(System.Reflection.Assembly package, string resource)
    {
        using var compressed = package.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{package.GetName().Name} has no resource {resource}.");
        using var tiktoken = new DeflateStream(compressed, CompressionMode.Decompress);
        return Load(tiktoken);
    }

    /// <summary>The rank of exactly these bytes, or -1 when they are not a token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Rank(ReadOnlySpan<byte> bytes)
    {
        var head = Head(bytes);
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var slot = Slot(head, bytes); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Length == 0) return -1;
            if (entry.Head == head && entry.Length == bytes.Length
                && (bytes.Length <= 8 || bytes[8..].SequenceEqual(_tails.AsSpan(entry.Tail, bytes.Length - 8))))
                return entry.Rank;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong head, ReadOnlySpan<byte> bytes)
    {
        var h = head ^ ((ulong)bytes.Length << 56);
        if (bytes.Length > 8) h ^= (ulong)XxHashTail(bytes[8..]);
        return (int)((h * 0x9E3779B97F4A7C15UL) >> _shift);
    }

    private static uint XxHashTail(ReadOnlySpan<byte> tail) => System.IO.Hashing.XxHash32.HashToUInt32(tail);

    // The first 8 bytes as one little-endian word, zero-padded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Head(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8) return MemoryMarshal.Read<ulong>(bytes);
        ulong head = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) head = (head << 8) | bytes[i];
        return head;
    }
}
