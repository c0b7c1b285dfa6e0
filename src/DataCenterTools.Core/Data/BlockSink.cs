using System.Buffers;
using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Bytes written into an ArrayBufferWriter a free span at a time, for the text writers' cell loops: GetSpan and Advance
/// per cell cost a call each (they are not inlined into the loop, and start as unoptimized code in a fresh process),
/// this is a span slice. <see cref="Flush"/> before anything else writes to the buffer, and at the end.
/// </summary>
internal ref struct BlockSink(ArrayBufferWriter<byte> buffer)
{
    private const int RefillBytes = 1 << 16;
    private Span<byte> _free;
    private int _written;

    /// <summary>At least <paramref name="bytes"/> free bytes to write into; <see cref="Advance"/> by what was written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int bytes)
    {
        if (_free.Length < bytes) Refill(bytes);
        return _free;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int bytes)
    {
        _written += bytes;
        _free = _free[bytes..];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>Hands what was written to the buffer.</summary>
    public void Flush()
    {
        buffer.Advance(_written);
        _written = 0;
        _free = default;
    }

    private void Refill(int bytes)
    {
        Flush();
        _free = buffer.GetSpan(Math.Max(bytes, RefillBytes));
    }
}
