using System.Collections.Concurrent;

namespace DataCenterTools.Core.Data;

/// <summary>
/// The cell arrays of JSON Lines chunks already merged, handed to the chunks parsed next (cleared). A chunk's arrays
/// are each a few hundred KB, on the large-object heap, which only a full collection frees: without reuse a 335 MB
/// file left some 200 MB of them behind it, most of the read's peak memory over its result.
/// </summary>
internal sealed class JsonCellArrays
{
    private readonly ConcurrentBag<JsonCellKind[]> _kinds = [];
    private readonly ConcurrentBag<double[]> _bits = [];

    /// <summary>A cleared array of at least <paramref name="length"/> kinds (a new one, with some slack, when none is free that large).</summary>
    public JsonCellKind[] Kinds(int length) => Take(_kinds, length);

    /// <summary>A cleared array of at least <paramref name="length"/> cells' bits.</summary>
    public double[] Bits(int length) => Take(_bits, length);

    public void Return(JsonCellKind[] kinds, double[]? bits)
    {
        _kinds.Add(kinds);
        if (bits != null) _bits.Add(bits);
    }

    private static T[] Take<T>(ConcurrentBag<T[]> bag, int length)
    {
        if (bag.TryTake(out var array) && array.Length >= length)
        {
            Array.Clear(array);
            return array;
        }
        // Chunks differ a little in their line counts: the slack lets the next ones fit.
        return new T[length + length / 8];
    }
}
