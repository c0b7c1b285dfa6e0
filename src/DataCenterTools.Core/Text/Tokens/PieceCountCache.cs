using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>
/// Token counts of short pieces already seen on this thread: an open-addressing table of our own rather than a
/// <c>Dictionary&lt;string, int&gt;</c> looked up by span. Why: the framework's span lookup is a generic
/// instantiation that no ReadyToRun image holds, so every fresh process ran it as unoptimized tier-0 code for the
/// first seconds of a count (DOTNET_JitDisasmSummary); this table is plain code of this assembly. A full table is
/// emptied and refilled, as the dictionary was: a count depends only on the piece, so what the cache holds never
/// changes a result.
/// </summary>
internal sealed class PieceCountCache
{
    private const int SlotBits = 17; // twice the most pieces held: probe runs stay short
    private const int MaxPieces = 1 << (SlotBits - 1);
    private const int SlotMask = (1 << SlotBits) - 1;

    private readonly string?[] _keys = new string?[1 << SlotBits];
    private readonly int[] _counts = new int[1 << SlotBits];
    private readonly uint[] _hashes = new uint[1 << SlotBits];
    private int _pieces;

    /// <summary>The count cached for <paramref name="piece"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<char> piece, uint hash)
    {
        var keys = _keys;
        for (var slot = (int)hash & SlotMask; ; slot = (slot + 1) & SlotMask)
        {
            var key = keys[slot];
            if (key == null) return -1;
            if (_hashes[slot] == hash && piece.SequenceEqual(key)) return _counts[slot];
        }
    }

    /// <summary>Caches the count of a piece <see cref="Find"/> did not find.</summary>
    public void Add(ReadOnlySpan<char> piece, uint hash, int count)
    {
        if (_pieces >= MaxPieces)
        {
            Array.Clear(_keys);
            _pieces = 0;
        }
        var slot = (int)hash & SlotMask;
        while (_keys[slot] != null) slot = (slot + 1) & SlotMask;
        _keys[slot] = piece.ToString();
        _hashes[slot] = hash;
        _counts[slot] = count;
        _pieces++;
    }

    /// <summary>FNV-1a over the UTF-16 code units, folded so the low bits pick the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(ReadOnlySpan<char> piece)
    {
        var hash = 2166136261u;
        foreach (var c in piece) hash = (hash ^ c) * 16777619u;
        return hash ^ (hash >> 15);
    }
}
