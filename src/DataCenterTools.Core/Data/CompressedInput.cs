using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Pieces shared by every compressed input (gzip here; zstd uses the same): the error for a stream that
/// ends before its end marker, and the guard that stops a decompression bomb.
/// </summary>
public static class CompressedInput
{
    /// <summary>The error for a compressed stream cut short: nothing read from it may be returned.</summary>
    public static DataException Truncated(string path, string format, long compressedBytes, long decompressedBytes, string detail) =>
        new("CompressedFileTruncated", DataErrorKind.InvalidData,
            $"'{path}' is a truncated {format} file: {detail} after {compressedBytes:N0} compressed bytes ({decompressedBytes:N0} bytes decompressed). Nothing was imported.",
            "Copy or download the file again; 'gzip -t' or 'zstd -t' confirms the file is whole.", path);

    /// <summary>
    /// The decompressed content with a check on every read: once <see cref="ReadLimits.DecompressionAllowance"/>
    /// bytes have come out, more than <see cref="ReadLimits.MaxDecompressionRatio"/> bytes per compressed byte read
    /// so far is a DecompressionLimitExceeded error.
    /// </summary>
    public static Stream Guard(Stream decompressed, Func<long> compressedBytesRead, ReadLimits limits, string path) =>
        double.IsPositiveInfinity(limits.MaxDecompressionRatio) ? decompressed : new RatioGuard(decompressed, compressedBytesRead, limits, path);

    private sealed class RatioGuard(Stream inner, Func<long> compressed, ReadLimits limits, string path) : ReadOnlyStream
    {
        private long _out;

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _out += n;
            if (_out > limits.DecompressionAllowance)
            {
                var inBytes = Math.Max(1, compressed());
                if (_out > limits.MaxDecompressionRatio * inBytes) throw limits.DecompressionRatioExceeded(path, _out, inBytes);
            }
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>A forward-only readable stream: the members every wrapper would otherwise repeat.</summary>
public abstract class ReadOnlyStream : Stream
{
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public abstract override int Read(Span<byte> buffer);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// Counts the byte sequences a decoder could not decode (each becomes U+FFFD, as the default
/// replacement does), so a reader can say the text was not in the encoding it was read with.
/// </summary>
public sealed class InvalidTextCounter : DecoderFallback
{
    public long Count { get; private set; }

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    /// <summary>A copy of <paramref name="encoding"/> that counts undecodable bytes in <paramref name="counter"/>.</summary>
    public static Encoding Counting(Encoding encoding, out InvalidTextCounter counter)
    {
        counter = new InvalidTextCounter();
        var copy = (Encoding)encoding.Clone();
        copy.DecoderFallback = counter;
        return copy;
    }

    /// <summary>The warning for a read that met undecodable bytes, naming the first line where they show.</summary>
    public string Warning(string path, Encoding encoding, long firstLine) =>
        $"'{path}' is not valid {encoding.WebName}: {Count:N0} byte sequence(s) could not be decoded and were replaced with U+FFFD" +
        (firstLine > 0 ? $", the first on line {firstLine:N0}" : "") +
        ". If the file is in another encoding, read it with {option:Encoding} (for example Latin1 or GB18030).";

    private sealed class Buffer(InvalidTextCounter owner) : DecoderFallbackBuffer
    {
        private bool _pending;
        private bool _given;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Count++;
            _pending = true;
            _given = false;
            return true;
        }

        public override char GetNextChar()
        {
            if (!_pending) return '\0';
            _pending = false;
            _given = true;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (!_given) return false;
            _given = false;
            _pending = true;
            return true;
        }

        public override int Remaining => _pending ? 1 : 0;

        public override void Reset() => _pending = _given = false;
    }
}
