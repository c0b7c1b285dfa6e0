using ZstdSharp;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Zstandard input for <see cref="FileInput"/>: recognises the frame magic and decompresses with ZstdSharp, whose
/// end-of-stream check makes a file cut inside a frame fail instead of yielding the rows decoded so far.
/// </summary>
internal static class ZstdInput
{
    public static bool HasMagic(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD;

    public static Stream Open(Stream compressed, string path) => new CheckedStream(new DecompressionStream(compressed, checkEndOfStream: true), path);

    public static DataException Truncated(string path, Exception? inner) =>
        new("CompressedFileTruncated", DataErrorKind.InvalidData,
            $"'{path}' is zstd-compressed but ends inside a frame: the file is truncated.",
            "Copy the file again completely; nothing was read from it.", path, inner: inner);

    /// <summary>Turns the decoder's errors into DataCenterTools errors.</summary>
    private sealed class CheckedStream(Stream inner, string path) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try { return inner.Read(buffer); }
            catch (EndOfStreamException e) { throw Truncated(path, e); }
            catch (ZstdException e)
            {
                throw new DataException("ZstdInvalid", DataErrorKind.InvalidData, $"'{path}' looks like zstd but cannot be decompressed: {e.Message}",
                    "Check that the file was copied completely.", path, inner: e);
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
