using System.Buffers;
using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// A managed array seen as bytes, so Apache.Arrow can hand a column's own storage to the native Parquet
/// writer without copying it: Arrow pins the array while the native side reads it.
/// </summary>
internal sealed class ArrayMemory<T>(T[] array) : MemoryManager<byte> where T : unmanaged
{
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }

    /// <summary>Bytes [start * sizeof(T), (start + count) * sizeof(T)) of the array.</summary>
    public static ReadOnlyMemory<byte> Slice(T[] array, int start, int count)
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return new ArrayMemory<T>(array).Memory.Slice(start * size, count * size);
    }
}
