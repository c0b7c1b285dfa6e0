using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Decompresses a gzip file (RFC 1952) member by member and checks each member's trailer: the CRC-32
/// and length of what it decompressed to. GZipStream stops quietly at the end of the input whether or
/// not the last member was complete, so a cut file would import as fewer rows with the last value cut
/// short; here a missing or wrong trailer is an error. Inflation is .NET's DeflateStream (zlib), which
/// reads ahead past the end of a member; the bytes it was given are kept, so the trailer is found after
/// the member ends and what follows it (the next member of a concatenated file) is replayed.
/// </summary>
internal sealed class GzipInput : ReadOnlyStream
{
    private const string Format = "gzip";
    private readonly Feed _feed;
    private readonly string _path;
    private readonly Crc32 _crc = new();
    private DeflateStream? _member;
    private long _memberLength;
    private long _decompressed;
    private bool _done;

    private GzipInput(Stream compressed, string path)
    {
        _feed = new Feed(compressed);
        _path = path;
    }

    /// <summary>The decompressed content of <paramref name="compressed"/>, which starts at a gzip header.</summary>
    public static Stream Open(Stream compressed, string path) => new GzipInput(compressed, path);

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (!_done)
        {
            if (_member == null && !StartMember()) { _done = true; break; }
            int n;
            try { n = _member!.Read(buffer); }
            catch (InvalidDataException e) { throw Invalid(e.Message); }
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberLength += n;
                _decompressed += n;
                return n;
            }
            FinishMember();
        }
        return 0;
    }

    /// <summary>Reads the next member's header; false at the end of the file (trailing zero padding allowed).</summary>
    private bool StartMember()
    {
        Span<byte> header = stackalloc byte[10];
        var got = _feed.ReadFully(header);
        if (got == 0) return false;
        if (_decompressed > 0 && header[..got].IndexOfAnyExcept((byte)0) < 0 && _feed.SkipZeros()) return false;
        if (got < 10) throw CompressedInput.Truncated(_path, Format, _feed.Consumed, _decompressed, "the file ends inside a member header");
        if (header[0] != 0x1f || header[1] != 0x8b)
            throw Invalid(_decompressed == 0 ? "it does not start with a gzip header" : "data follows the last member that is not another gzip member");
        if (header[2] != 8) throw Invalid($"compression method {header[2]} is not deflate");
        var flags = header[3];
        if ((flags & 4) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            if (_feed.ReadFully(length) < 2 || !_feed.Skip(BinaryPrimitives.ReadUInt16LittleEndian(length))) throw HeaderTruncated();
        }
        if ((flags & 8) != 0 && !_feed.SkipPastZero()) throw HeaderTruncated();
        if ((flags & 16) != 0 && !_feed.SkipPastZero()) throw HeaderTruncated();
        if ((flags & 2) != 0 && !_feed.Skip(2)) throw HeaderTruncated();
        _feed.StartMember();
        _member = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _memberLength = 0;
        return true;
    }

    /// <summary>The member's deflate data ended (or the input did): find and check its trailer.</summary>
    private void FinishMember()
    {
        _member!.Dispose();
        _member = null;
        var ranOut = _feed.RanOutInMember;
        _feed.Prefetch(8);
        Span<byte> expected = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], unchecked((uint)_memberLength));
        var seen = _feed.MemberTail();
        // The first match: the trailer directly follows the deflate data; a false match in compressed data is a 1 in 2^64 chance.
        var at = seen.IndexOf(expected);
        if (at < 0)
        {
            // Cut inside the deflate data (the inflater wanted more), or inside the 8-byte trailer itself.
            if (ranOut || (_feed.AtEnd && EndsWithPartOf(seen, expected)))
                throw CompressedInput.Truncated(_path, Format, _feed.Consumed, _decompressed, "the last member has no end marker and size check");
            throw Invalid("a member's CRC-32 or length does not match its data (the file is damaged or cut short)");
        }
        _feed.Unread(seen[(at + 8)..]);
    }

    private static bool EndsWithPartOf(ReadOnlySpan<byte> seen, ReadOnlySpan<byte> trailer)
    {
        for (var k = Math.Min(7, seen.Length); k >= 1; k--)
            if (seen.EndsWith(trailer[..k])) return true;
        return false;
    }

    private DataException HeaderTruncated() => CompressedInput.Truncated(_path, Format, _feed.Consumed, _decompressed, "the file ends inside a member header");

    private DataException Invalid(string why) => new("GzipInvalid", DataErrorKind.InvalidData,
        $"'{_path}' looks like gzip but cannot be decompressed: {why} (after {_feed.Consumed:N0} compressed bytes).",
        "Check that the file was copied completely; 'gzip -t' tests it.", _path);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _feed.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// The compressed bytes as the inflater takes them: what it was handed since the member started is kept
    /// (so the trailer can be found after it), and bytes given back with <see cref="Unread"/> are served again.
    /// </summary>
    private sealed class Feed(Stream source) : ReadOnlyStream
    {
        private byte[] _seen = new byte[1 << 16];
        private int _seenLength;
        private byte[] _pushback = [];
        private int _pushbackAt;
        private int _pushbackLength;

        public bool AtEnd { get; private set; }
        public long Consumed { get; private set; }

        /// <summary>The inflater asked for more input than the file has while this member was open: the member is cut short.</summary>
        public bool RanOutInMember { get; private set; }

        public void StartMember()
        {
            _seenLength = 0;
            RanOutInMember = false;
        }

        public ReadOnlySpan<byte> MemberTail() => _seen.AsSpan(0, _seenLength);

        public override int Read(Span<byte> buffer)
        {
            int n;
            if (_pushbackAt < _pushbackLength)
            {
                n = Math.Min(buffer.Length, _pushbackLength - _pushbackAt);
                _pushback.AsSpan(_pushbackAt, n).CopyTo(buffer);
                _pushbackAt += n;
            }
            else
            {
                n = source.Read(buffer);
                if (n == 0 && !buffer.IsEmpty)
                {
                    AtEnd = true;
                    RanOutInMember = true;
                }
                Consumed += n;
            }
            Remember(buffer[..n]);
            return n;
        }

        /// <summary>Keeps the bytes handed out; only the last 64 KiB matter (the inflater reads 8 KiB at a time).</summary>
        private void Remember(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length >= _seen.Length)
            {
                bytes[^_seen.Length..].CopyTo(_seen);
                _seenLength = _seen.Length;
                return;
            }
            if (_seenLength + bytes.Length > _seen.Length)
            {
                var keep = _seen.Length - bytes.Length;
                _seen.AsSpan(_seenLength - keep, keep).CopyTo(_seen);
                _seenLength = keep;
            }
            bytes.CopyTo(_seen.AsSpan(_seenLength));
            _seenLength += bytes.Length;
        }

        /// <summary>Makes sure up to <paramref name="count"/> more bytes have been taken (so a trailer the inflater did not need is in the tail).</summary>
        public void Prefetch(int count)
        {
            Span<byte> extra = stackalloc byte[count];
            var got = ReadFully(extra);
            // They stay in the tail; Unread gives back whatever follows the trailer.
            _ = got;
        }

        public void Unread(ReadOnlySpan<byte> bytes)
        {
            var rest = _pushbackLength - _pushbackAt;
            var merged = new byte[bytes.Length + rest];
            bytes.CopyTo(merged);
            _pushback.AsSpan(_pushbackAt, rest).CopyTo(merged.AsSpan(bytes.Length));
            _pushback = merged;
            _pushbackAt = 0;
            _pushbackLength = merged.Length;
        }

        public int ReadFully(Span<byte> buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = Read(buffer[total..]);
                if (n == 0) break;
                total += n;
            }
            return total;
        }

        public bool Skip(int count)
        {
            Span<byte> one = stackalloc byte[1];
            for (var i = 0; i < count; i++) if (Read(one) == 0) return false;
            return true;
        }

        public bool SkipPastZero()
        {
            Span<byte> one = stackalloc byte[1];
            while (Read(one) == 1) if (one[0] == 0) return true;
            return false;
        }

        /// <summary>True when only zero bytes remain (tape padding after the last member, which gzip ignores too).</summary>
        public bool SkipZeros()
        {
            Span<byte> block = stackalloc byte[4096];
            int n;
            while ((n = Read(block)) > 0) if (block[..n].IndexOfAnyExcept((byte)0) >= 0) return false;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }
    }
}
